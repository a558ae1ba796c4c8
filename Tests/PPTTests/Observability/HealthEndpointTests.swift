import Foundation
import HTTPTypes
import PPTApp
import PPTDomain
import PPTObservability
import PPTStorage
import SQLKit
import Testing

@Suite("Health endpoints")
struct HealthEndpointTests {
    static var uncached: HealthConfiguration {
        var configuration = ObservabilityHarness.testHealthConfiguration
        configuration.cacheDuration = .zero
        return configuration
    }

    @Test("live, ready and startup answer JSON with status, checks and checkedAt", arguments: TestDatabase.dialects)
    func probes(dialect: DatabaseDialect) async throws {
        try await ObservabilityHarness.with(dialect) { harness in
            let live = try await harness.request(.get, "/health/live")
            #expect(live.status == .ok && live.json?["status"] as? String == "pass")
            let startup = try await harness.request(.get, "/health/startup")
            #expect(startup.status == .ok && startup.json?["status"] as? String == "pass")
            let ready = try await harness.request(.get, "/health/ready")
            #expect(ready.status == .ok, "\(ready.text)")
            #expect(ready.headers[.cacheControl] == "no-store")
            let json = try #require(ready.json)
            #expect(json["status"] as? String == "pass")
            #expect(json["checkedAt"] is String)
            let checks = try #require(json["checks"] as? [[String: Any]])
            #expect(checks.compactMap { $0["name"] as? String } == ["database", "job_queue", "outbox", "blob_store"])
            for check in checks {
                #expect(check.keys.sorted() == ["latencyMs", "message", "name", "status"])
                #expect(check["status"] as? String == "pass")
                #expect(check["latencyMs"] is Double || check["latencyMs"] is Int)
            }
        }
    }

    @Test("before start-up the startup and readiness probes answer 503", arguments: TestDatabase.dialects)
    func beforeStartup(dialect: DatabaseDialect) async throws {
        try await ObservabilityHarness.with(dialect, started: false) { harness in
            #expect(try await harness.request(.get, "/health/startup").status == .serviceUnavailable)
            let ready = try await harness.request(.get, "/health/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.json?["status"] as? String == "fail")
            #expect(try await harness.request(.get, "/health/live").status == .ok)
        }
    }

    @Test("job and outbox lag over the warn threshold degrade readiness; over the fail threshold it answers 503",
          arguments: TestDatabase.dialects)
    func lag(dialect: DatabaseDialect) async throws {
        try await ObservabilityHarness.with(dialect, configuration: Self.uncached) { harness in
            let now = Date()
            try await JobQueue(database: harness.database).enqueue(
                JobRequest(kind: "test.stuck", runAt: now.addingTimeInterval(-120)))
            var ready = try await harness.request(.get, "/health/ready")
            #expect(ready.status == .ok)
            #expect(ready.json?["status"] as? String == "warn")
            #expect(Self.check("job_queue", in: ready)?["status"] as? String == "warn")
            #expect((Self.check("job_queue", in: ready)?["message"] as? String)?.hasPrefix("job queue 1") == true)

            let event = DomainEvent(type: .faultCreated, organizationID: OrganizationID(), aggregateType: "fault",
                                    aggregateID: UUID().uuidString.lowercased(), payload: [:])
            _ = try await harness.database.write { sql in
                try await Outbox.append(event, at: now.addingTimeInterval(-90), on: sql)
            }
            ready = try await harness.request(.get, "/health/ready")
            #expect(Self.check("outbox", in: ready)?["status"] as? String == "warn")

            try await JobQueue(database: harness.database).enqueue(
                JobRequest(kind: "test.older", runAt: now.addingTimeInterval(-900)))
            ready = try await harness.request(.get, "/health/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.json?["status"] as? String == "fail")
            #expect(Self.check("job_queue", in: ready)?["status"] as? String == "fail")
            #expect(try await harness.scrape().contains(#"ppt_health_check_status{check="job_queue"} 0.0"#))
        }
    }

    @Test("an open circuit breaker degrades readiness to warn with 200", arguments: TestDatabase.dialects)
    func openBreaker(dialect: DatabaseDialect) async throws {
        try await ObservabilityHarness.with(dialect, configuration: Self.uncached) { harness in
            for _ in 0..<5 { await harness.health.breakers.recordFailure("llm:openai") }
            let ready = try await harness.request(.get, "/health/ready")
            #expect(ready.status == .ok)
            #expect(ready.json?["status"] as? String == "warn")
            #expect(Self.check("circuit:llm:openai", in: ready)?["status"] as? String == "warn")
            #expect(try await harness.scrape().contains(#"ppt_circuit_breaker_state{service="llm:openai"} 2.0"#))
        }
    }

    @Test("an unwritable blob store fails readiness and recovers when the directory is back",
          arguments: TestDatabase.dialects)
    func blobStore(dialect: DatabaseDialect) async throws {
        try await ObservabilityHarness.with(dialect, configuration: Self.uncached) { harness in
            let blobs = URL(fileURLWithPath: harness.runtime.configuration.blobDirectory)
            let aside = blobs.deletingLastPathComponent().appendingPathComponent("blobs-aside")
            try FileManager.default.createDirectory(at: blobs, withIntermediateDirectories: true)
            #expect(try await harness.request(.get, "/health/ready").status == .ok)
            // Root ignores permission bits, so the directory is replaced by a plain file instead.
            try FileManager.default.moveItem(at: blobs, to: aside)
            try Data("not a directory".utf8).write(to: blobs)
            let failing = try await harness.request(.get, "/health/ready")
            #expect(failing.status == .serviceUnavailable)
            #expect(Self.check("blob_store", in: failing)?["message"] as? String == "blob store not writable")
            try FileManager.default.removeItem(at: blobs)
            try FileManager.default.moveItem(at: aside, to: blobs)
            #expect(try await harness.request(.get, "/health/ready").status == .ok)
            #expect(try FileManager.default.contentsOfDirectory(atPath: blobs.path).isEmpty, "the probe file is removed")
        }
    }

    /// Readiness latency is measured in bench/instrumentation.sh (no timed tests in the suite); here:
    /// within the cache period every probe answers from one round of checks.
    @Test("readiness probes within the cache period reuse one round of checks", arguments: TestDatabase.dialects)
    func cached(dialect: DatabaseDialect) async throws {
        var configuration = ObservabilityHarness.testHealthConfiguration
        configuration.cacheDuration = .seconds(60)
        try await ObservabilityHarness.with(dialect, configuration: configuration) { harness in
            var stamps: Set<String> = []
            for _ in 0..<20 {
                let ready = try await harness.request(.get, "/health/ready")
                #expect(ready.status == .ok)
                stamps.insert(ready.json?["checkedAt"] as? String ?? "missing")
            }
            #expect(stamps.count == 1, "checked at: \(stamps)")
        }
    }

    static func check(_ name: String, in result: TestApp.Result) -> [String: Any]? {
        (result.json?["checks"] as? [[String: Any]])?.first { $0["name"] as? String == name }
    }
}
