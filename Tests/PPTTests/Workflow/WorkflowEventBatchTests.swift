import Foundation
import PPTDomain
import PPTStorage
import PPTWorkflow
import SQLKit
import Testing

/// A batch of outbox events starts its runs in one transaction; when one of them fails, the batch
/// falls back to a transaction per event, so the others still start, and the job's retry starts only
/// the one that is missing.
@Suite("Workflow event batches")
struct WorkflowEventBatchTests {
    /// A `fault_created` delivery of the harness's organization, titled "Leak".
    static func faultCreated(_ h: WorkflowHarness, outboxID: Int64) -> OutboxDelivery {
        OutboxDelivery(
            outboxID: outboxID, eventType: DomainEventType.faultCreated.rawValue,
            organizationID: h.world.fixture.organization.id.rawValue, aggregateType: "fault", aggregateID: "fault-1",
            payload: ["title": "Leak"], occurredAt: h.clock.now())
    }

    @Test("one failing event does not hold back the others, and the retry starts only what is missing",
          arguments: TestDatabase.dialects)
    func failingEventInBatch(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let workflow = try await h.create(WorkflowRunnerTests.urgentFaultWorkflow)
            let organizationID = h.world.fixture.organization.id.rawValue
            let deliveries = (1...3).map { n in
                OutboxDelivery(
                    outboxID: Int64(900_000 + n), eventType: DomainEventType.faultCreated.rawValue,
                    organizationID: organizationID, aggregateType: "fault", aggregateID: "fault-\(n)",
                    payload: ["priority": "urgent", "category": "plumbing", "title": .string("Leak \(n)"),
                              "faultID": .string("fault-\(n)")],
                    occurredAt: h.clock.now())
            }
            // The database itself refuses the second event's run, as a real failure would.
            try await Self.refuseInserts(database, dialect, into: "workflow_runs", where: "NEW.trigger_key = 'event:900002'")
            await #expect(throws: (any Error).self) { try await h.triggers.handle(events: deliveries) }
            #expect(try await h.runs(workflow).map(\.triggerKey).sorted() == ["event:900001", "event:900003"])
            #expect(try await h.notifications(h.world.manager.id).count == 2)

            try await Self.allowInserts(database, dialect, into: "workflow_runs")
            try await h.triggers.handle(events: deliveries)
            let runs = try await h.runs(workflow)
            #expect(runs.map(\.triggerKey).sorted() == ["event:900001", "event:900002", "event:900003"])
            #expect(runs.allSatisfy { $0.status == .succeeded })
            let titles = try await h.notifications(h.world.manager.id).map(\.title).sorted()
            #expect(titles == ["Urgent: Leak 1", "Urgent: Leak 2", "Urgent: Leak 3"], "nobody is notified twice")

            // The feed (written by the database's triggers) has one row per stored state: each run was
            // admitted and finished in one transaction, so it was stored once, as it ended.
            let feed = try await WorkflowRunRepository(database: database).updates(h.admin, after: 0)
            #expect(feed.count == 3)
            #expect(Set(feed.map(\.runID)) == Set(runs.map(\.id)))
            #expect(feed.allSatisfy { $0.status == .succeeded && $0.workflowID == workflow.id })
        }
    }

    @Test("an event delivered again to a restart-mode workflow finds its run and cancels nothing",
          arguments: TestDatabase.dialects)
    func restartRedelivered(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let workflow = try await h.create("""
                {"trigger": {"type": "event", "event": "fault_created"}, "mode": "restart",
                 "steps": [{"id": "pause", "type": "delay", "duration": "1h"}]}
                """)
            let delivery = Self.faultCreated(h, outboxID: 930_001)
            try await h.triggers.handle(events: [delivery])
            try await h.triggers.handle(events: [delivery])
            let runs = try await h.runs(workflow)
            #expect(runs.count == 1)
            #expect(runs.first?.status == .waiting)
        }
    }

    @Test("the feed follows every stored state of a run that waits and resumes", arguments: TestDatabase.dialects)
    func feedOfWaitingRun(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let workflow = try await h.create("""
                {"trigger": {"type": "event", "event": "fault_created"},
                 "steps": [{"id": "pause", "type": "delay", "duration": "1m"},
                           {"id": "tell", "type": "notify", "input": {"roles": ["manager"], "title": "Later", "body": "-"}}]}
                """)
            let delivery = Self.faultCreated(h, outboxID: 920_001)
            try await h.triggers.handle(events: [delivery])
            h.clock.advance(by: 61)
            try await h.drain()
            let run = try #require(try await h.runs(workflow).first)
            #expect(run.status == .succeeded && run.revision == 2)
            let feed = try await WorkflowRunRepository(database: database).updates(h.admin, after: 0, runID: run.id)
            #expect(feed.map(\.status) == [.waiting, .succeeded])
            #expect(feed.map(\.stepID) == ["pause", nil])
            #expect(feed[0].sequence < feed[1].sequence)
        }
    }

    @Test("a notify step the database refuses leaves no notification; the run waits to retry and then succeeds once",
          arguments: TestDatabase.dialects)
    func refusedNotification(dialect: DatabaseDialect) async throws {
        // The refused insert is undone with the step's savepoint; the transaction stays usable for the
        // run's state, which the rest of the event batch shares.
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let workflow = try await h.create("""
                {"trigger": {"type": "event", "event": "fault_created"},
                 "steps": [{"id": "tell", "type": "notify",
                            "input": {"roles": ["manager", "admin"], "title": "New: {{ trigger.title }}", "body": "-"}}]}
                """)
            let delivery = Self.faultCreated(h, outboxID: 910_001)
            try await Self.refuseInserts(database, dialect, into: "notifications")
            try await h.triggers.handle(events: [delivery])
            var run = try #require(try await h.runs(workflow).first)
            #expect(run.status == .waiting, "the failed attempt is saved and a retry is scheduled")
            let attempt = try #require(run.traceEntries.first { $0["step"] == "tell" })
            guard case .array(let attempts)? = attempt["attempts"], case .object(let first)? = attempts.first else {
                Issue.record("no attempt traced: \(attempt)")
                return
            }
            #expect(first["error"] != nil, "the refused attempt is traced with its error")
            #expect(try await h.notifications(h.world.manager.id).isEmpty)

            try await Self.allowInserts(database, dialect, into: "notifications")
            h.clock.advance(by: 60)
            try await h.drain()
            run = try #require(try await h.runs(workflow).first)
            #expect(run.status == .succeeded)
            #expect(try await h.notifications(h.world.manager.id).map(\.title) == ["New: Leak"])
        }
    }

    /// Makes the database itself refuse inserts into `table` (those where `condition`, an SQL
    /// expression over `NEW`, holds), as a real failure would, until `allowInserts` drops the trigger.
    static func refuseInserts(_ database: any Database, _ dialect: DatabaseDialect, into table: String,
                              where condition: String = "TRUE") async throws {
        try await database.write(isolation: .readCommitted) { sql in
            switch dialect {
            case .sqlite:
                try await sql.raw("""
                    CREATE TRIGGER test_refuse_\(unsafeRaw: table) BEFORE INSERT ON \(unsafeRaw: table)
                    WHEN \(unsafeRaw: condition) BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                    """).run()
            case .postgres:
                try await sql.raw("""
                    CREATE FUNCTION test_refuse_\(unsafeRaw: table)() RETURNS trigger AS $$ BEGIN
                    IF \(unsafeRaw: condition) THEN RAISE EXCEPTION 'refused by the test'; END IF;
                    RETURN NEW; END $$ LANGUAGE plpgsql
                    """).run()
                try await sql.raw("""
                    CREATE TRIGGER test_refuse_\(unsafeRaw: table) BEFORE INSERT ON \(unsafeRaw: table)
                    FOR EACH ROW EXECUTE FUNCTION test_refuse_\(unsafeRaw: table)()
                    """).run()
            }
        }
    }

    /// Drops the trigger of `refuseInserts`.
    static func allowInserts(_ database: any Database, _ dialect: DatabaseDialect, into table: String) async throws {
        try await database.write(isolation: .readCommitted) { sql in
            switch dialect {
            case .sqlite: try await sql.raw("DROP TRIGGER test_refuse_\(unsafeRaw: table)").run()
            case .postgres: try await sql.raw("DROP TRIGGER test_refuse_\(unsafeRaw: table) ON \(unsafeRaw: table)").run()
            }
        }
    }
}
