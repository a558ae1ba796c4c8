import Foundation
import Logging
import PPTDomain
import PPTStorage
import SQLKit

/// Where runs come from: domain events (an outbox subscriber), cron schedules (a scanner every 15
/// seconds), and continuations (`workflow.run` jobs). Also prunes run history.
package struct WorkflowTriggers: Sendable {
    /// Job kind of a batch of outbox events for the workflows subscriber.
    package static let eventJobKind = "workflow.events"
    /// Job kind of the schedule scanner.
    package static let scheduleJobKind = "workflow.schedules"
    /// Job kind of the history pruner.
    package static let pruneJobKind = "maintenance.workflow_prune"

    private let database: any Database
    private let clock: any WallClock
    private let runner: WorkflowRunner
    private let programs: ProgramCache
    private let flags: FeatureFlagRepository
    private let timeZone: TimeZone
    private let retention: WorkflowRetention

    package init(database: any Database, clock: any WallClock, runner: WorkflowRunner, programs: ProgramCache,
                 flags: FeatureFlagRepository, timeZone: TimeZone, retention: WorkflowRetention) {
        self.database = database
        self.clock = clock
        self.runner = runner
        self.programs = programs
        self.flags = flags
        self.timeZone = timeZone
        self.retention = retention
    }

    /// The outbox subscription that turns triggerable events into `workflow.event` jobs.
    /// Only events of an organization with an enabled workflow on that event type become jobs.
    package static let subscriber = OutboxSubscriber(
        name: "workflows", eventTypes: Set(WorkflowEvents.triggerable), jobKind: eventJobKind, batchSize: 25,
        accepts: { sql, records in
            let wanted = try await WorkflowRepository.eventTriggers(sql, organizationIDs: Set(records.map(\.event.organizationID)))
            return Set(records.filter { wanted.contains("\($0.event.organizationID.rawValue):\($0.event.type.rawValue)") }.map(\.id))
        })

    /// Recurring tasks: the schedule scanner and the pruner.
    package static let scheduledTasks = [
        ScheduledTask(name: "workflow_schedules", every: .seconds(15), jobKind: scheduleJobKind),
        ScheduledTask(name: "workflow_prune", every: .seconds(3600), jobKind: pruneJobKind),
    ]

    /// Handlers of the workflow job kinds.
    package var handlers: [any JobHandler] {
        [
            ClosureJobHandler(kind: Self.eventJobKind) { job, _ in
                try await self.handle(events: try OutboxDeliveryBatch(jobPayload: job.payload).deliveries)
            },
            ClosureJobHandler(kind: WorkflowRunner.jobKind) { job, _ in
                let payload = try job.decodePayload([String: String].self)
                guard let id = payload["runID"].flatMap(WorkflowRunID.init) else { return }
                try await self.runner.drive(id)
            },
            ClosureJobHandler(kind: Self.scheduleJobKind) { _, logger in
                let fired = try await self.fireSchedules()
                if fired > 0 { logger.info("workflow schedules fired", metadata: ["ppt.runs": "\(fired)"]) }
            },
            ClosureJobHandler(kind: Self.pruneJobKind) { _, logger in
                let pruned = try await WorkflowRunRepository(database: self.database, clock: self.clock)
                    .prune(maxAge: self.retention.maxAge, keepPerWorkflow: self.retention.keepPerWorkflow)
                if pruned > 0 { logger.info("workflow runs pruned", metadata: ["ppt.runs": "\(pruned)"]) }
            },
        ]
    }

    /// Starts the runs a batch of events triggers. The whole batch runs in one transaction first:
    /// on SQLite every statement is a hand-off to the database thread and back, and a transaction of
    /// its own costs a run two more of them (and its commit's page writes). If any run of the batch
    /// fails, that transaction rolls back and every event is started again in its own transaction,
    /// so one failing event does not hold back the others; the job then fails and its retry starts
    /// only what is missing (runs are unique per event). Runs that reached an external action (email,
    /// HTTP, LLM) continue after the commit, as single runs do.
    package func handle(events deliveries: [OutboxDelivery]) async throws {
        var candidates: [String: [WorkflowCandidate]] = [:]
        var work: [(request: WorkflowAdmission.Request, candidates: [WorkflowCandidate])] = []
        var failure: (any Error)?
        for delivery in deliveries {
            do {
                let key = "\(delivery.organizationID):\(delivery.eventType)"
                if candidates[key] == nil { candidates[key] = try await self.candidates(for: delivery) }
                if let found = candidates[key], !found.isEmpty { work.append((Self.request(for: delivery), found)) }
            } catch {
                failure = error
            }
        }
        var pending: [PendingRun] = []
        if !work.isEmpty {
            do {
                pending = try await startTogether(work)
            } catch {
                for (request, candidates) in work {
                    for candidate in candidates {
                        do {
                            try await start(candidate, request)
                        } catch {
                            failure = error
                        }
                    }
                }
            }
        }
        for (runID, next) in pending {
            do {
                try await runner.continueRun(runID, after: next)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// A run that reached an external action, to continue once its transaction has committed.
    private typealias PendingRun = (runID: WorkflowRunID, next: WorkflowRunner.PendingExternal)

    /// Admits and advances the runs of every (event, workflow) pair of a batch in one transaction.
    private func startTogether(_ work: [(request: WorkflowAdmission.Request, candidates: [WorkflowCandidate])])
        async throws -> [PendingRun]
    {
        try await database.write(isolation: .readCommitted) { sql in
            var pending: [PendingRun] = []
            for (request, candidates) in work {
                for candidate in candidates {
                    let (run, outcome) = try await self.admitAndAdvance(sql, candidate, request)
                    if case .external(let next) = outcome, let run { pending.append((run.id, next)) }
                }
            }
            return pending
        }
    }

    private func candidates(for delivery: OutboxDelivery) async throws -> [WorkflowCandidate] {
        let organizationID = OrganizationID(trusted: delivery.organizationID)
        guard try await flags.isEnabled(organizationID: organizationID, flag: .workflowAutomation) else { return [] }
        return try await WorkflowRepository(database: database, clock: clock)
            .candidates(organizationID: organizationID, eventType: delivery.eventType)
    }

    /// Starts the runs an event triggers: exactly one per (workflow version, event).
    package func handle(event delivery: OutboxDelivery) async throws {
        let request = Self.request(for: delivery)
        for candidate in try await candidates(for: delivery) {
            try await start(candidate, request)
        }
    }

    /// What a run started by `delivery` sees as its trigger; its key makes the run unique per event.
    private static func request(for delivery: OutboxDelivery) -> WorkflowAdmission.Request {
        WorkflowAdmission.Request(
            triggerKey: "event:\(delivery.outboxID)", triggerType: "event", trigger: .object(delivery.payload),
            event: ["type": .string(delivery.eventType), "id": .string(String(delivery.outboxID)),
                    "aggregateType": .string(delivery.aggregateType), "aggregateID": .string(delivery.aggregateID),
                    "occurredAt": WorkflowJSON.instant(delivery.occurredAt)])
    }

    /// Admits a run and, when it may start, runs it at once on the same transaction.
    @discardableResult
    package func start(_ candidate: WorkflowCandidate, _ request: WorkflowAdmission.Request) async throws -> WorkflowRunRecord? {
        let (run, outcome): (WorkflowRunRecord?, WorkflowRunner.SegmentOutcome)
        do {
            (run, outcome) = try await database.write(isolation: .readCommitted) { sql in
                try await self.admitAndAdvance(sql, candidate, request)
            }
        } catch is WorkflowRunner.RunAlreadyStored {
            // The event was delivered before: store first, which finds the existing run.
            (run, outcome) = try await database.write(isolation: .readCommitted) { sql in
                try await self.admitAndAdvance(sql, candidate, request, storeFirst: true)
            }
        }
        if case .external(let pending) = outcome, let run {
            try await runner.continueRun(run.id, after: pending)
        }
        return run
    }

    /// Admits a run on `sql`'s transaction and advances it as far as it goes without an external
    /// action. A run that starts `running` is stored by its first save, after its database actions
    /// (one statement instead of an insert and an update); if the trigger's run turns out to exist
    /// then, `WorkflowRunner.RunAlreadyStored` rolls the transaction back, and `storeFirst`
    /// stores the run before advancing it, as redelivered events need.
    private func admitAndAdvance(_ sql: any SQLDatabase, _ candidate: WorkflowCandidate,
                                 _ request: WorkflowAdmission.Request, storeFirst: Bool = false) async throws
        -> (WorkflowRunRecord?, WorkflowRunner.SegmentOutcome)
    {
        let now = clock.now()
        let entry = try await programs.entry(sql, workflowID: candidate.workflow.id, version: candidate.workflow.currentVersion)
        if !storeFirst {
            let run: WorkflowRunRecord
            switch try await WorkflowAdmission.prepare(sql, candidate, request, program: entry.program, timeZone: timeZone,
                                                       now: now) {
            case .filtered: return (nil, .done)
            case .duplicate: throw WorkflowRunner.RunAlreadyStored()
            case .started(let prepared): run = prepared
            }
            if run.status == .running {
                return (run, try await runner.segment(sql, run: run, carried: nil, stored: false))
            }
            guard try await WorkflowRunStore.insert(sql, run) else { throw WorkflowRunner.RunAlreadyStored() }
            return (run, .done)
        }
        switch try await WorkflowAdmission.admit(sql, candidate, request, program: entry.program, timeZone: timeZone,
                                                 now: now) {
        case .filtered:
            return (nil, .done)
        case .duplicate(let existing):
            // A redelivered event: continue the run if its driver died mid-flight.
            guard let existing, existing.status == .running else { return (existing, .done) }
            return (existing, try await runner.segment(sql, runID: existing.id, carried: nil))
        case .started(let run):
            guard run.status == .running else { return (run, .done) }
            return (run, try await runner.segment(sql, run: run, carried: nil))
        }
    }

    /// Starts the runs of schedules that are due; returns how many.
    package func fireSchedules() async throws -> Int {
        let (programs, clock, timeZone) = (self.programs, self.clock, self.timeZone)
        return try await database.write(isolation: .readCommitted) { sql in
            let now = clock.now()
            var fired = 0
            for candidate in try await WorkflowRepository.dueSchedules(sql, now: now) {
                let workflow = candidate.workflow
                guard let fireAt = workflow.nextFireAt else { continue }
                let entry = try await programs.entry(sql, workflowID: workflow.id, version: workflow.currentVersion)
                guard case .schedule(let cron, let zone) = entry.program.definition.trigger else {
                    try await WorkflowRepository.setNextFire(sql, id: workflow.id, at: nil)
                    continue
                }
                let schedule = try CronSchedule(cron, timeZone: zone)
                // Missed instants (PPT was down) collapse into one run, for the latest one.
                try await WorkflowRepository.setNextFire(sql, id: workflow.id, at: schedule.next(after: now))
                guard try await flags.isEnabled(organizationID: workflow.organizationID, flag: .workflowAutomation) else { continue }
                let instant = WorkflowJSON.instant(fireAt)
                let request = WorkflowAdmission.Request(
                    triggerKey: "schedule:\(instant.stringValue ?? "")", triggerType: "schedule",
                    trigger: ["scheduledAt": instant],
                    event: ["type": "schedule", "id": instant, "aggregateType": "workflow",
                            "aggregateID": .string(workflow.id.rawValue), "occurredAt": instant])
                let zoneValue = TimeZone(identifier: zone) ?? timeZone
                if case .started(let run) = try await WorkflowAdmission.admit(sql, candidate, request, program: entry.program,
                                                                               timeZone: zoneValue, now: now) {
                    fired += 1
                    if run.status == .running {
                        try await WorkflowRunner.enqueue(sql, runID: run.id, revision: run.revision, at: nil, now: now)
                    }
                }
            }
            return fired
        }
    }
}

/// How long run history is kept.
package struct WorkflowRetention: Sendable, Hashable {
    /// Ended runs older than this are deleted.
    package var maxAge: TimeInterval
    /// Beyond this many ended runs per workflow, the oldest are deleted.
    package var keepPerWorkflow: Int

    package init(maxAge: TimeInterval = 30 * 86_400, keepPerWorkflow: Int = 1000) {
        self.maxAge = maxAge
        self.keepPerWorkflow = keepPerWorkflow
    }
}

