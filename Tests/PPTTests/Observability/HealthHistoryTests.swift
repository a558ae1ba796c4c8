import Foundation
import HTTPTypes
import Logging
import PPTDomain
import PPTObservability
import PPTStorage
import Testing

@Suite("Health history")
struct HealthHistoryTests {
    static func result(_ name: String, _ status: HealthStatus) -> HealthCheckResult {
        HealthCheckResult(name: name, status: status, latencyMs: 1.5, message: status == .pass ? nil : "down")
    }

    @Test("the probe job records every check, applies retention, and superadmins read the history newest first",
          arguments: TestDatabase.dialects)
    func probeAndHistory(dialect: DatabaseDialect) async throws {
        try await ObservabilityHarness.with(dialect) { harness in
            let history = HealthHistoryRepository(database: harness.database)
            let now = Date()
            try await history.record(HealthReport(checks: [Self.result("database", .fail)],
                                                  checkedAt: now.addingTimeInterval(-10 * 86_400)))
            try await history.record(HealthReport(checks: [Self.result("database", .warn)],
                                                  checkedAt: now.addingTimeInterval(-6 * 86_400)))

            let queue = JobQueue(database: harness.database)
            try await queue.enqueue(HealthProbeJob.scheduledTask().request(at: now))
            let job = try #require(try await queue.claim(workerID: "test", limit: 1, lease: .seconds(60)).first)
            #expect(job.kind == HealthProbeJob.jobKind)
            try await HealthProbeJob(health: harness.health, history: history, retentionDays: 7)
                .handle(job, logger: TestDatabase.logger)

            let all = try await history.history()
            #expect(all.count == 5, "four fresh checks and the six-day-old row; the ten-day-old one is gone")
            #expect(Set(all.prefix(4).map(\.check)) == ["database", "job_queue", "outbox", "blob_store"])
            #expect(all.prefix(4).allSatisfy { $0.status == .pass })
            #expect(all.last?.status == .warn)
            #expect(zip(all, all.dropFirst()).allSatisfy { $0.checkedAt >= $1.checkedAt })
            #expect(try await harness.scrape().contains(#"ppt_health_check_status{check="blob_store"} 1.0"#))

            let (_, root) = try await harness.token("root@ppt.test", superadmin: true)
            let (_, user) = try await harness.token("user@ppt.test")
            let listed = try await harness.request(.get, "/api/v1/admin/health/history", token: root)
            #expect(listed.status == .ok)
            #expect(listed.items.count == 5)
            #expect(listed.items.first?["checkedAt"] is String)
            #expect(listed.items.first?["latencyMs"] != nil)
            let database = try await harness.request(.get, "/api/v1/admin/health/history?check=database", token: root)
            #expect(database.items.compactMap { $0["status"] as? String } == ["pass", "warn"])
            let since = now.addingTimeInterval(-3 * 86_400).formatted(.iso8601)
            let recent = try await harness.request(.get, "/api/v1/admin/health/history?since=\(since)", token: root)
            #expect(recent.items.count == 4)
            let limited = try await harness.request(.get, "/api/v1/admin/health/history?limit=2", token: root)
            #expect(limited.items.count == 2)

            let unfiltered = try await harness.request(.get, "/api/v1/admin/health/history?check=&since=&limit=",
                                                       token: root)
            #expect(unfiltered.status == .ok && unfiltered.items.count == 5)
            #expect(try await harness.request(.get, "/api/v1/admin/health/history?limit=0", token: root).status
                == .unprocessableContent)
            #expect(try await harness.request(.get, "/api/v1/admin/health/history?limit=ten", token: root).status
                == .unprocessableContent)
            #expect(try await harness.request(.get, "/api/v1/admin/health/history?since=yesterday", token: root).status
                == .unprocessableContent)
            #expect(try await harness.request(.get, "/api/v1/admin/health/history", token: user).status == .forbidden)
            #expect(try await harness.request(.get, "/api/v1/admin/health/history").status == .unauthorized)
        }
    }

    @Test("retention deletes exactly the rows older than the period", arguments: TestDatabase.dialects)
    func retention(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = ManualClock()
            let history = HealthHistoryRepository(database: database, clock: clock)
            for days in [1.0, 2.9, 3.1, 30] {
                try await history.record(HealthReport(checks: [Self.result("outbox", .pass)],
                                                      checkedAt: clock.now().addingTimeInterval(-days * 86_400)))
            }
            #expect(try await history.applyRetention(days: 3) == 2)
            #expect(try await history.history(check: "outbox").count == 2)
            #expect(try await history.applyRetention(days: 3) == 0)
            await #expect { try await history.history(limit: 5000) } throws: { error in
                (error as? DomainError)?.fields.map(\.pointer) == ["/query/limit"]
            }
        }
    }
}
