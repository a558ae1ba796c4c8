import Foundation
import Logging
import PPTDomain
import PPTObservability
import PPTStorage
import SQLKit
import Testing

@Suite("Alert evaluation job")
struct AlertEvaluationJobTests {
    /// 2026-11-18 11:59:30 UTC: half a minute before the next UTC hour.
    static let start = Date(timeIntervalSince1970: 1_795_003_170)

    /// The parts the job reads, over a real database with two organizations (two admins).
    struct Setup: Sendable {
        let database: any Database
        let clock: ManualClock
        let window: PerformanceWindow
        let health: HealthRegistry
        let job: AlertEvaluationJob
        let fixtures: [Fixture]

        var operators: [UserID] { fixtures.map(\.admin.userID) }
        var notifications: NotificationRepository { NotificationRepository(database: database, clock: clock) }

        func kinds(of user: UserID) async throws -> [String] {
            try await notifications.notifications(userID: user, unreadOnly: false, page: PageRequest(limit: 200))
                .items.map(\.kind).sorted()
        }
    }

    static func with(_ dialect: DatabaseDialect, _ body: @escaping @Sendable (Setup) async throws -> Void) async throws {
        try await TestDatabase.with(dialect) { database in
            let fixtures = [try await Fixture.make(database, name: "A"), try await Fixture.make(database, name: "B")]
            let clock = ManualClock(Self.start)
            // The dispatcher delivered the fixtures' events (written on the real clock).
            try await database.write { sql in
                try await sql.raw("UPDATE outbox SET dispatched_at = \(bind: clock.now())").run()
            }
            let window = PerformanceWindow(now: { clock.now() })
            let breakers = CircuitBreakerRegistry(
                configuration: CircuitBreakerConfiguration(failureThreshold: 2, openDuration: .seconds(3600)),
                now: { clock.now() })
            let health = HealthRegistry(configuration: ObservabilityHarness.testHealthConfiguration, breakers: breakers)
            let blobs = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-alerts-\(UUID())")
            defer { try? FileManager.default.removeItem(at: blobs) }
            await health.registerStorageChecks(database: database, blobDirectory: blobs.path, clock: clock)
            await health.markStarted()
            let job = AlertEvaluationJob(database: database, performance: window, health: health,
                                         thresholds: AlertThresholds(), clock: clock)
            try await body(Setup(database: database, clock: clock, window: window, health: health, job: job,
                                 fixtures: fixtures))
        }
    }

    @Test("firing alerts notify each operator once per alert and UTC hour, and log a warning per evaluation",
          arguments: TestDatabase.dialects)
    func firing(dialect: DatabaseDialect) async throws {
        try await Self.with(dialect) { setup in
            let now = setup.clock.now()
            let queue = JobQueue(database: setup.database, clock: setup.clock)
            // A job that dies on its only attempt.
            try await queue.enqueue(JobRequest(kind: "test.fails", maxAttempts: 1))
            let failing = try #require(try await queue.claim(workerID: "test", limit: 1, lease: .seconds(60)).first)
            try await queue.fail(failing, workerID: "test", error: "boom")
            // A job and an event waiting for 400 s (alert threshold 300 s; readiness fails only at 600 s).
            try await queue.enqueue(JobRequest(kind: "test.waiting", runAt: now.addingTimeInterval(-400)))
            let organization = setup.fixtures[0].organization.id
            _ = try await setup.database.write { sql in
                try await Outbox.append(DomainEvent(type: .faultCreated, organizationID: organization,
                                                    aggregateType: "fault", aggregateID: "f1", payload: [:]),
                                        at: now.addingTimeInterval(-400), on: sql)
            }
            for _ in 0..<2 { await setup.health.breakers.recordFailure("smtp") }
            await setup.health.register(name: "mail", check: { .fail("mail relay unreachable") })
            for index in 0..<40 {
                setup.window.recordRequest(method: "GET", route: "/api/v1/orgs/{orgID}/faults",
                                           status: index < 10 ? 500 : 200, seconds: 0.010)
            }

            let snapshot = try await setup.job.snapshot()
            #expect(snapshot.last5Minutes.requests == 40 && snapshot.last5Minutes.errors == 10)
            #expect(snapshot.jobLagSeconds == 400 && snapshot.outboxLagSeconds == 400)
            #expect(snapshot.deadJobs == 1 && snapshot.newlyDeadJobs == 1)
            #expect(snapshot.circuits == ["smtp": .open])

            try await queue.enqueue(AlertEvaluationJob.scheduledTask().request(at: now))
            let job = try #require(try await queue.claim(workerID: "test", limit: 1, lease: .seconds(60)).first)
            #expect(job.kind == AlertEvaluationJob.jobKind)
            let (logger, logs) = RecordingLogHandler.logger()
            try await setup.job.handle(job, logger: logger)
            try await setup.job.handle(job, logger: logger)

            let expected = ["alert.circuit_breaker_open", "alert.dead_jobs_increasing", "alert.error_budget_burn",
                            "alert.health_check_failing", "alert.high_error_rate", "alert.job_queue_lagging",
                            "alert.outbox_lagging"]
            for user in setup.operators { #expect(try await setup.kinds(of: user) == expected) }
            #expect(try await setup.kinds(of: setup.fixtures[0].tenantUser.id).isEmpty, "tenants are not operators")
            let warnings = logs.entries.filter { $0.level == .warning && $0.message == "alert firing" }
            #expect(warnings.count == 14, "seven alerts, two evaluations")
            #expect(Set(warnings.compactMap { $0.metadata["ppt.alert"].map { "\($0)" } }) == [
                "high_error_rate", "error_budget_burn", "job_queue_lagging", "dead_jobs_increasing", "outbox_lagging",
                "circuit_breaker_open:smtp", "health_check_failing:mail",
            ])

            let page = try await setup.notifications.notifications(
                userID: setup.operators[0], unreadOnly: true, page: PageRequest(limit: 200))
            let circuit = try #require(page.items.first { $0.kind == "alert.circuit_breaker_open" })
            #expect(circuit.title == "Circuit breaker open: smtp")
            #expect(circuit.body.hasPrefix("The circuit breaker for smtp is open: calls to it fail fast.\n\n"))
            #expect(circuit.data["subject"] == .string("smtp"))
            #expect(circuit.data["prometheusAlert"] == .string("PPTCircuitBreakerOpen"))
            #expect(circuit.organizationID == nil && circuit.createdAt == now)
            let errors = try #require(page.items.first { $0.kind == "alert.high_error_rate" })
            #expect(errors.body.hasPrefix("25 % of requests failed with 5xx in the last 5 minutes (10 of 40"))
            #expect(errors.data["values"] == .object(["errorRate": .number(0.25), "threshold": .number(0.05),
                                                       "requests": .number(40), "errors": .number(10)]))

            // A minute later it is the next UTC hour: the alerts that still fire notify again, once.
            setup.clock.advance(by: 60)
            let next = try await setup.job.evaluate(logger: logger)
            #expect(next.alerts.count == 7 && next.notificationsCreated == 14)
            #expect(try await setup.job.evaluate(logger: logger).notificationsCreated == 0)
            for user in setup.operators { #expect(try await setup.kinds(of: user).count == 14) }
        }
    }

    @Test("a quiet window notifies no one: failures below the minimum requests, healthy queue and checks",
          arguments: TestDatabase.dialects)
    func quiet(dialect: DatabaseDialect) async throws {
        try await Self.with(dialect) { setup in
            for index in 0..<15 {
                setup.window.recordRequest(method: "GET", route: "/api/v1/me", status: index < 5 ? 503 : 200,
                                           seconds: 2)
            }
            await setup.health.breakers.recordFailure("smtp")
            let (logger, logs) = RecordingLogHandler.logger()
            let outcome = try await setup.job.evaluate(logger: logger)
            #expect(outcome.alerts.isEmpty && outcome.notificationsCreated == 0)
            try await setup.job.handle(try await Self.claimEvaluation(setup), logger: logger)
            for user in setup.operators { #expect(try await setup.kinds(of: user).isEmpty) }
            #expect(logs.entries.filter { $0.level == .warning }.isEmpty)
        }
    }

    private static func claimEvaluation(_ setup: Setup) async throws -> Job {
        let queue = JobQueue(database: setup.database, clock: setup.clock)
        try await queue.enqueue(AlertEvaluationJob.scheduledTask().request(at: setup.clock.now()))
        return try #require(try await queue.claim(workerID: "test", limit: 1, lease: .seconds(60)).first)
    }
}
