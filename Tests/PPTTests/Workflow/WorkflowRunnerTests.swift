import Foundation
import PPTDomain
import PPTStorage
import PPTWorkflow
import SQLKit
import Testing

/// The engine end to end over SQLite and PostgreSQL: real domain changes trigger runs, every
/// transition is persisted, delays survive a restart, run modes and retries behave.
@Suite("Workflow runner")
struct WorkflowRunnerTests {
    static let urgentFaultWorkflow = """
        {"trigger": {"type": "event", "event": "fault_created"},
         "filters": ["trigger.priority == 'urgent'"],
         "steps": [
           {"id": "route", "type": "if", "condition": "trigger.category == 'plumbing'",
            "then": [{"id": "tell", "type": "notify",
                      "input": {"roles": ["manager"], "title": "Urgent: {{ trigger.title }}", "body": "Fault {{ trigger.faultID }}"}}],
            "else": [{"id": "other", "type": "set", "values": {"routed": "'elsewhere'"}}]}
         ]}
        """

    @Test("a fault reported through the repository starts exactly one run, filters and conditions traced", arguments: TestDatabase.dialects)
    func faultCreatedTriggersRun(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let workflow = try await h.create(Self.urgentFaultWorkflow)
            let faults = FaultRepository(database: database, clock: h.clock)
            _ = try await faults.report(h.world.tenant, FaultInput(
                buildingID: h.world.building.id, unitID: h.world.unit.id, title: "Burst pipe", description: "Water everywhere",
                category: .plumbing, priority: .urgent))
            _ = try await faults.report(h.world.tenant, FaultInput(
                buildingID: h.world.building.id, unitID: h.world.unit.id, title: "Squeaky door", description: "Annoying",
                category: .other, priority: .low))
            try await h.drain()
            let runs = try await h.runs(workflow)
            #expect(runs.count == 1, "the low-priority fault is filtered out")
            let run = try #require(runs.first)
            #expect(run.status == .succeeded)
            #expect(run.triggerType == "event")
            let notes = try await h.notifications(h.world.manager.id)
            #expect(notes.count == 1)
            #expect(notes.first?.title == "Urgent: Burst pipe")
            let branch = try #require(run.traceEntries.first { $0["step"] == "route" })
            guard case .object(let condition)? = branch["condition"] else { Issue.record("no condition trace"); return }
            #expect(condition["result"] == true)
            #expect(condition["values"] == ["trigger.category": "plumbing"])
            #expect(branch["detail"] == ["branch": "then"])

            // The same event delivered again (a worker died before completing its job) starts nothing new.
            let record = try #require(try await OutboxStore(database: database).events(organizationID: h.world.fixture.organization.id)
                .first { $0.event.type == .faultCreated })
            try await h.triggers.handle(event: OutboxDelivery(
                outboxID: record.id, eventType: record.event.type.rawValue,
                organizationID: record.event.organizationID.rawValue, aggregateType: record.event.aggregateType,
                aggregateID: record.event.aggregateID, payload: record.event.payload, occurredAt: record.occurredAt))
            #expect(try await h.runs(workflow).count == 1)
            #expect(try await h.notifications(h.world.manager.id).count == 1)
        }
    }

    @Test("a durable delay survives a restart and the run resumes when it is due", arguments: TestDatabase.dialects)
    func durableDelay(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let workflow = try await h.create("""
                {"trigger": {"type": "manual", "inputs": [{"name": "who", "type": "string"}]},
                 "steps": [{"id": "wait", "type": "delay", "duration": "2d"},
                           {"id": "tell", "type": "notify", "input": {"users": ["{{ trigger.who }}"], "title": "Later", "body": "Two days on"}}]}
                """)
            let started = try await h.startManual(workflow, ["who": .string(h.world.manager.id.rawValue)])
            try await h.drain()
            var run = try await h.service.runs.run(h.admin, id: started.id)
            #expect(run.status == .waiting)
            #expect(run.wakeAt == h.clock.now().addingTimeInterval(2 * 86_400))
            // A new engine (process restart) over the same database; one day on, nothing is due yet.
            let restarted = h.restarted()
            h.clock.advance(by: 86_400)
            try await restarted.drain()
            #expect(try await restarted.service.runs.run(h.admin, id: started.id).status == .waiting)
            h.clock.advance(by: 86_400 + 1)
            try await restarted.drain()
            run = try await restarted.service.runs.run(h.admin, id: started.id)
            #expect(run.status == .succeeded)
            #expect(try await restarted.notifications(h.world.manager.id).count == 1)
        }
    }

    @Test("run modes: single skips, queued waits its turn, restart cancels, parallel honours its limit", arguments: TestDatabase.dialects)
    func runModes(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            func workflow(_ mode: String, _ concurrency: Int? = nil) async throws -> WorkflowRecord {
                let limit = concurrency.map { ", \"concurrency\": \($0)" } ?? ""
                return try await h.create("""
                    {"trigger": {"type": "manual"}, "mode": "\(mode)"\(limit),
                     "steps": [{"id": "wait", "type": "delay", "duration": "1h"}]}
                    """, name: mode)
            }
            let single = try await workflow("single")
            let first = try await h.startManual(single)
            try await h.drain()
            let skipped = try await h.startManual(single)
            #expect(skipped.status == .skipped)

            let queued = try await workflow("queued")
            let q1 = try await h.startManual(queued)
            try await h.drain()
            let q2 = try await h.startManual(queued)
            #expect(q2.status == .queued)

            let restart = try await workflow("restart")
            let r1 = try await h.startManual(restart)
            try await h.drain()
            let r2 = try await h.startManual(restart)
            #expect(r2.status == .running)
            #expect(try await h.service.runs.run(h.admin, id: r1.id).status == .cancelled)
            // The same trigger again (a manual request repeated with its Idempotency-Key) finds its run
            // and cancels nothing, not even the run it started.
            let keyed = try await h.startManual(restart, key: "retry-1")
            try await h.drain()
            let repeated = try await h.startManual(restart, key: "retry-1")
            #expect(repeated.id == keyed.id)
            #expect(try await h.service.runs.run(h.admin, id: keyed.id).status == .waiting)
            #expect(try await h.service.runs.run(h.admin, id: r2.id).status == .cancelled)

            let parallel = try await workflow("parallel", 2)
            let p1 = try await h.startManual(parallel)
            let p2 = try await h.startManual(parallel)
            let p3 = try await h.startManual(parallel)
            #expect([p1.status, p2.status, p3.status] == [.running, .running, .queued])
            try await h.drain()

            h.clock.advance(by: 3601)
            try await h.drain()
            #expect(try await h.service.runs.run(h.admin, id: first.id).status == .succeeded)
            #expect(try await h.service.runs.run(h.admin, id: q1.id).status == .succeeded)
            // q2 started when q1 ended, and now waits its own hour.
            #expect(try await h.service.runs.run(h.admin, id: q2.id).status == .waiting)
            #expect(try await h.service.runs.run(h.admin, id: p3.id).status == .waiting)
            h.clock.advance(by: 3601)
            try await h.drain()
            #expect(try await h.service.runs.run(h.admin, id: q2.id).status == .succeeded)
            #expect(try await h.service.runs.run(h.admin, id: p3.id).status == .succeeded)
        }
    }

    @Test("retries back off on the clock, keep one idempotency key, and the trace records each attempt", arguments: TestDatabase.dialects)
    func retries(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database, flaky: FlakyExternalAction(failures: 2))
            let workflow = try await h.create("""
                {"trigger": {"type": "manual"},
                 "steps": [{"id": "call", "type": "flaky", "input": {"value": 7}, "retry": {"attempts": 3, "backoff": "30s", "multiplier": 2}},
                           {"id": "after", "type": "set", "values": {"got": "steps.call.output.value"}}]}
                """)
            let run = try await h.startManual(workflow)
            try await h.drain()
            #expect(try await h.service.runs.run(h.admin, id: run.id).status == .waiting)
            h.clock.advance(by: 30)
            try await h.drain()
            #expect(try await h.service.runs.run(h.admin, id: run.id).status == .waiting, "second wait is 60 s")
            h.clock.advance(by: 60)
            try await h.drain()
            let done = try await h.service.runs.run(h.admin, id: run.id)
            #expect(done.status == .succeeded)
            #expect(h.flaky.callCount("wf:\(run.id.rawValue):call") == 3)
            let call = try #require(done.traceEntries.first { $0["step"] == "call" })
            guard case .array(let attempts)? = call["attempts"] else { Issue.record("no attempts"); return }
            #expect(attempts.count == 3)
            guard case .object(let state) = done.state, case .object(let vars)? = state["vars"] else { Issue.record("no vars"); return }
            #expect(vars["got"] == 7)
        }
    }

    @Test("failure policies: continue goes on, stop fails the run, an error workflow starts; a failed run retries from its step", arguments: TestDatabase.dialects)
    func failurePolicies(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database, flaky: FlakyExternalAction(failures: 1))
            let handler = try await h.create("""
                {"trigger": {"type": "manual", "inputs": [{"name": "runID", "type": "string"}, {"name": "workflowID", "type": "string"},
                                                          {"name": "stepID", "type": "string"}, {"name": "error", "type": "object"}]},
                 "steps": [{"id": "tell", "type": "notify", "input": {"roles": ["admin"], "title": "Workflow failed", "body": "{{ trigger.error.code }} at {{ trigger.stepID }}"}}]}
                """, name: "errors")
            let continuing = try await h.create("""
                {"trigger": {"type": "manual"},
                 "steps": [{"id": "call", "type": "flaky", "input": {"value": 1}, "retry": {"attempts": 1}, "onFailure": "continue"},
                           {"id": "after", "type": "set", "values": {"failed": "steps.call.status == 'failed'"}}]}
                """, name: "continue")
            let run = try await h.startManual(continuing)
            try await h.drain()
            let done = try await h.service.runs.run(h.admin, id: run.id)
            #expect(done.status == .succeeded)
            guard case .object(let state) = done.state, case .object(let vars)? = state["vars"] else { Issue.record("no vars"); return }
            #expect(vars["failed"] == true)

            let stopping = try await h.create("""
                {"trigger": {"type": "manual"},
                 "steps": [{"id": "call", "type": "flaky", "input": {"value": 2}, "retry": {"attempts": 1},
                            "onFailure": {"workflow": "\(handler.id.rawValue)"}}]}
                """, name: "stop")
            let failing = try await h.startManual(stopping)
            try await h.drain()
            let failed = try await h.service.runs.run(h.admin, id: failing.id)
            #expect(failed.status == .failed)
            #expect(failed.failedStep == "call")
            #expect(failed.errorCode == "flaky.down")
            let errorRuns = try await h.runs(handler)
            #expect(errorRuns.count == 1)
            #expect(errorRuns.first?.status == .succeeded)
            #expect(errorRuns.first?.parentRunID == failing.id)
            #expect(try await h.notifications(h.admin.userID).first?.body == "flaky.down at call")

            // Retried from the failed step: the action now succeeds (it fails once per key).
            _ = try await h.service.retry(h.admin, runID: failing.id)
            try await h.drain()
            #expect(try await h.service.runs.run(h.admin, id: failing.id).status == .succeeded)
            #expect(h.flaky.callCount("wf:\(failing.id.rawValue):call") == 2)
        }
    }

    @Test("fail closed: a condition over a missing field fails the run with the expression's message", arguments: TestDatabase.dialects)
    func failClosed(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let workflow = try await h.create("""
                {"trigger": {"type": "manual", "inputs": [{"name": "amount", "type": "number", "required": false}]},
                 "steps": [{"id": "big", "type": "if", "condition": "trigger.amount > 100",
                            "then": [{"id": "tell", "type": "notify", "input": {"roles": ["admin"], "title": "Big", "body": "Big"}}]}]}
                """)
            let run = try await h.startManual(workflow, [:])
            try await h.drain()
            let failed = try await h.service.runs.run(h.admin, id: run.id)
            #expect(failed.status == .failed)
            #expect(failed.errorCode == "expression.error")
            #expect(failed.errorMessage?.contains("trigger.amount > 100") == true)
            #expect(try await h.notifications(h.admin.userID).isEmpty)
        }
    }

    @Test("cancelling a waiting run: its wake-up does nothing", arguments: TestDatabase.dialects)
    func cancelWaiting(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let workflow = try await h.create("""
                {"trigger": {"type": "manual"},
                 "steps": [{"id": "wait", "type": "delay", "duration": "10m"},
                           {"id": "tell", "type": "notify", "input": {"roles": ["admin"], "title": "Late", "body": "x"}}]}
                """)
            let run = try await h.startManual(workflow)
            try await h.drain()
            let cancelled = try await h.service.cancel(h.admin, runID: run.id)
            #expect(cancelled.status == .cancelled)
            h.clock.advance(by: 601)
            try await h.drain()
            #expect(try await h.service.runs.run(h.admin, id: run.id).status == .cancelled)
            #expect(try await h.notifications(h.admin.userID).isEmpty)
            await #expect(throws: DomainError.self) { _ = try await h.service.cancel(h.admin, runID: run.id) }
        }
    }

    @Test("a cron schedule starts one run per instant, however often the scanner runs", arguments: TestDatabase.dialects)
    func schedules(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let workflow = try await h.create("""
                {"trigger": {"type": "schedule", "cron": "0 8 * * *", "timezone": "Europe/Bratislava"},
                 "steps": [{"id": "tell", "type": "notify", "input": {"roles": ["admin"], "title": "Morning", "body": "{{ trigger.scheduledAt }}"}}]}
                """)
            let due = try #require(workflow.nextFireAt)
            #expect(try await h.triggers.fireSchedules() == 0)
            h.clock.advance(by: due.timeIntervalSince(h.clock.now()) + 1)
            #expect(try await h.triggers.fireSchedules() == 1)
            #expect(try await h.triggers.fireSchedules() == 0)
            try await h.drain()
            let runs = try await h.runs(workflow)
            #expect(runs.count == 1)
            #expect(runs.first?.status == .succeeded)
            let next = try await h.service.workflows.workflow(h.admin, id: workflow.id).nextFireAt
            #expect(next == due.addingTimeInterval(86_400))
        }
    }

    @Test("a dry run traces every step with simulated actions and changes nothing", arguments: TestDatabase.dialects)
    func dryRun(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let json = try JSONDecoder().decode(JSONValue.self, from: Data(Self.urgentFaultWorkflow.utf8))
            let result = try await h.service.dryRun(h.admin, definition: json, trigger: [
                "faultID": "f1", "buildingID": .string(h.world.building.id.rawValue), "unitID": .null, "title": "Leak",
                "category": "plumbing", "priority": "urgent", "status": "new", "reportedBy": "u", "assigneeID": .null,
            ], event: nil)
            #expect(result.status == "succeeded")
            guard case .array(let trace) = result.trace else { Issue.record("no trace"); return }
            #expect(trace.count == 2)
            #expect(try await h.notifications(h.world.manager.id).isEmpty)
            let filtered = try await h.service.dryRun(h.admin, definition: json, trigger: [
                "faultID": "f1", "buildingID": "b", "unitID": .null, "title": "Leak", "category": "plumbing",
                "priority": "low", "status": "new", "reportedBy": "u", "assigneeID": .null,
            ], event: nil)
            #expect(filtered.status == "filtered")
        }
    }
}
