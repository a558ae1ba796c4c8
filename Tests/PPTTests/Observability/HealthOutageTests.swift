import Foundation
import HTTPTypes
import PPTDomain
import PPTObservability
import PPTStorage
import SQLKit
import Testing

@Suite("Health during a database outage")
struct HealthOutageTests {
    /// Refuses (or allows again) new connections to `name` and ends the existing ones.
    static func setConnections(allowed: Bool, database name: String) async throws {
        let admin = try PostgresDatabase(url: try #require(TestDatabase.postgresURL), logger: TestDatabase.logger,
                                         maximumConnections: 1)
        try await admin.withRunning {
            try await admin.read { sql in
                try await sql.raw("ALTER DATABASE \(unsafeRaw: name) ALLOW_CONNECTIONS \(unsafeRaw: allowed ? "true" : "false")")
                    .run()
                if !allowed {
                    try await sql.raw("""
                        SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
                        WHERE datname = \(bind: name) AND pid <> pg_backend_pid()
                        """).run()
                }
            }
        }
    }

    @Test("PostgreSQL gone: readiness fails with 503 and a safe message, liveness stays up, and it recovers",
          .enabled(if: TestDatabase.postgresURL != nil, "needs PPT_TEST_POSTGRES_URL"))
    func postgresOutage() async throws {
        try await TestDatabase.with(.postgres) { database in
            let name = try await database.read { sql in
                try await sql.raw("SELECT current_database() AS name").first()?.string("name")
            }
            let databaseName = try #require(name)
            var configuration = HealthConfiguration()
            configuration.cacheDuration = .zero
            configuration.checkTimeout = .seconds(5)
            try await ObservabilityHarness.run(database, configuration: configuration) { harness in
                #expect(try await harness.request(.get, "/health/ready").status == .ok)

                try await Self.setConnections(allowed: false, database: databaseName)
                let down = try await harness.request(.get, "/health/ready")
                #expect(down.status == .serviceUnavailable)
                #expect(down.json?["status"] as? String == "fail")
                let check = HealthEndpointTests.check("database", in: down)
                #expect(check?["status"] as? String == "fail")
                let message = check?["message"] as? String
                #expect(message == "database unreachable" || message == "timed out", "\(message ?? "nil")")
                #expect(!down.text.contains(databaseName) && !down.text.contains("127.0.0.1"))
                #expect(try await harness.request(.get, "/health/live").status == .ok)
                #expect(try await harness.scrape().contains(#"ppt_health_check_status{check="database"} 0.0"#))

                try await Self.setConnections(allowed: true, database: databaseName)
                let deadline = ContinuousClock.now + .seconds(60)
                var recovered = false
                while ContinuousClock.now < deadline {
                    if try await harness.request(.get, "/health/ready").status == .ok {
                        recovered = true
                        break
                    }
                    try await Task.sleep(for: .milliseconds(250))
                }
                #expect(recovered, "readiness did not recover after the database came back")
            }
        }
    }
}
