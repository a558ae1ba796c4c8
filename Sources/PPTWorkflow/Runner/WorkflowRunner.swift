import Foundation
import Logging
import PPTDomain
import PPTStorage
import SQLKit

/// Drives runs through the engine and persists every transition (DESIGN §7).
///
/// A run advances in segments, each one transaction: load the run (locked on PostgreSQL), let the
/// engine decide, perform database actions on the same transaction (each inside a savepoint), and
/// save the new state. The segment ends at an external action (performed between transactions, its
/// result applied by the next segment), a sleep (a `workflow.run` job due at the wake-up time), or
/// the end of the run. A worker that dies mid-segment loses nothing: the transaction rolls back and
/// the job that was driving the run is claimed again when its lease expires.
package struct WorkflowRunner: Sendable {
    /// Job kind that continues a run.
    package static let jobKind = "workflow.run"

    private let database: any Database
    private let clock: any WallClock
    private let actions: WorkflowActionRegistry
    private let programs: ProgramCache
    private let timeZone: TimeZone
    private let logger: Logger
    private let scopes = ScopeCache()

    package init(database: any Database, clock: any WallClock, actions: WorkflowActionRegistry, programs: ProgramCache,
                 timeZone: TimeZone, logger: Logger) {
        self.database = database
        self.clock = clock
        self.actions = actions
        self.programs = programs
        self.timeZone = timeZone
        self.logger = logger
    }

    /// An external action to perform between two segments.
    struct PendingExternal: Sendable {
        let runID: WorkflowRunID
        let revision: Int
        let call: ActionCall
        let action: any WorkflowAction
    }

    /// Its result, applied by the next segment if the run has not changed meanwhile.
    struct ExternalResult: Sendable {
        let revision: Int
        let result: Result<JSONValue, ActionFailure>
        let durationMs: Int
    }

    /// How a segment ended.
    enum SegmentOutcome: Sendable {
        case done
        case external(PendingExternal)
    }

    /// Advances a run as far as it can go now.
    package func drive(_ runID: WorkflowRunID) async throws {
        try await continueRun(runID, after: nil)
    }

    func continueRun(_ runID: WorkflowRunID, after first: PendingExternal?) async throws {
        var pending = first
        var carried: ExternalResult?
        while true {
            if let current = pending { carried = await perform(current) }
            let outcome = try await database.write(isolation: .readCommitted) { [carried] sql in
                try await self.segment(sql, runID: runID, carried: carried)
            }
            guard case .external(let next) = outcome else { return }
            pending = next
        }
    }

    private func perform(_ pending: PendingExternal) async -> ExternalResult {
        let started = ContinuousClock.now
        let result: Result<JSONValue, ActionFailure>
        do { result = .success(try await pending.action.perform(pending.call)) } catch {
            result = .failure(ActionFailure.from(error))
        }
        return ExternalResult(revision: pending.revision, result: result, durationMs: Self.milliseconds(since: started))
    }

    /// One segment of a run, inside the caller's transaction.
    func segment(_ sql: any SQLDatabase, runID: WorkflowRunID, carried: ExternalResult?) async throws -> SegmentOutcome {
        guard let run = try await WorkflowRunStore.load(sql, id: runID) else { return .done }
        return try await segment(sql, run: run, carried: carried)
    }

    /// A run admitted but not stored yet found, at its first save, that a run for the same trigger
    /// had been stored meanwhile; its transaction must roll back (its actions ran) and the trigger
    /// be admitted again the ordinary way, which finds the existing run.
    struct RunAlreadyStored: Error {}

    /// One segment of a run already loaded or inserted in the caller's transaction, or (`stored:
    /// false`) just admitted and not stored yet: its first save then inserts it, and throws
    /// `RunAlreadyStored` when the trigger's run exists.
    func segment(_ sql: any SQLDatabase, run loaded: WorkflowRunRecord, carried: ExternalResult?,
                 stored: Bool = true) async throws -> SegmentOutcome {
        var run = loaded
        let save = { (run: inout WorkflowRunRecord, state: RunState) async throws -> WorkflowRunRecord? in
            try await self.save(sql, &run, state, stored: stored)
        }
        let runID = run.id
        guard run.status == .running || run.status == .waiting else { return .done }
        if let carried, carried.revision != run.revision {
            logger.info("dropped an external result: the run changed meanwhile", metadata: ["ppt.workflow.run": "\(runID)"])
            return .done
        }
        let now = clock.now()
        let entry = try await programs.entry(sql, workflowID: run.workflowID, version: run.version)
        let engine = WorkflowEngine(program: entry.program)
        let environment = self.environment(run, now: now)
        var state = try RunState.decode(run.state, trace: run.trace)
        guard let scope = try await scopes.scope(sql, userID: entry.author, organizationID: run.organizationID,
                                                 today: Self.day(now, timeZone), now: now)
        else {
            return try await finish(sql, &run, state: state, program: entry.program, now: now, save: save, .failed(
                step: nil, code: "run.author_not_member",
                message: "The member who saved this workflow version no longer belongs to the organization; save it again.",
                errorWorkflow: nil))
        }
        var decision: WorkflowEngine.Decision
        switch carried?.result {
        case .success(let output)?:
            engine.succeeded(&state, output: output, durationMs: carried!.durationMs, environment)
            decision = engine.advance(&state, environment)
        case .failure(let failure)?:
            decision = engine.failed(&state, failure: failure, durationMs: carried!.durationMs, environment)
        case nil:
            decision = engine.advance(&state, environment)
        }
        while true {
            switch decision {
            case .perform(let call):
                guard let action = actions.action(named: call.action.action) else {
                    decision = engine.failed(&state, failure: ActionFailure(
                        code: "action.unknown", message: "This PPT has no action '\(call.action.action)'.", retryable: false),
                        durationMs: 0, environment)
                    continue
                }
                let actionCall = ActionCall(
                    input: call.input, scope: scope, runID: run.id.rawValue, workflowID: run.workflowID.rawValue,
                    stepID: call.step.id, attempt: call.attempt, idempotencyKey: "wf:\(run.id.rawValue):\(call.step.id)",
                    now: now, sql: action.effect == .database ? sql : nil)
                if action.effect == .external {
                    run.status = .running
                    run.currentStep = call.step.id
                    run.wakeAt = nil
                    guard let saved = try await save(&run, state) else { return .done }
                    return .external(PendingExternal(runID: run.id, revision: saved.revision, call: actionCall, action: action))
                }
                let started = ContinuousClock.now
                try await sql.raw("SAVEPOINT workflow_action").run()
                do {
                    let output = try await action.perform(actionCall)
                    try await sql.raw("RELEASE SAVEPOINT workflow_action").run()
                    engine.succeeded(&state, output: output, durationMs: Self.milliseconds(since: started), environment)
                    decision = engine.advance(&state, environment)
                } catch {
                    try await sql.raw("ROLLBACK TO SAVEPOINT workflow_action").run()
                    try await sql.raw("RELEASE SAVEPOINT workflow_action").run()
                    decision = engine.failed(&state, failure: ActionFailure.from(error),
                                             durationMs: Self.milliseconds(since: started), environment)
                }
            case .sleep(let until):
                run.status = .waiting
                run.wakeAt = until
                run.currentStep = Self.stepID(at: state.pc, entry.program)
                guard let saved = try await save(&run, state) else { return .done }
                try await Self.enqueue(sql, runID: run.id, revision: saved.revision, at: until, now: now)
                return .done
            case .finish(let outcome):
                return try await finish(sql, &run, state: state, program: entry.program, now: now, save: save, outcome)
            }
        }
    }

    private func finish(_ sql: any SQLDatabase, _ run: inout WorkflowRunRecord, state: RunState, program: WorkflowProgram,
                        now: Date, save: (inout WorkflowRunRecord, RunState) async throws -> WorkflowRunRecord?,
                        _ outcome: WorkflowEngine.RunOutcome) async throws -> SegmentOutcome {
        run.wakeAt = nil
        var errorWorkflow: String?
        switch outcome {
        case .succeeded:
            run.status = .succeeded
            run.currentStep = nil
        case .failed(let step, let code, let message, let workflow):
            run.status = .failed
            run.failedStep = step
            run.currentStep = step
            run.errorCode = code
            run.errorMessage = message
            errorWorkflow = workflow
        }
        guard try await save(&run, state) != nil else { return .done }
        if let errorWorkflow {
            try await WorkflowAdmission.startErrorWorkflow(sql, failed: run, workflow: errorWorkflow, programs: programs, now: now)
        }
        // Runs queue only under a concurrency limit; unlimited workflows skip the look-up.
        if program.definition.effectiveConcurrency != nil {
            try await WorkflowAdmission.promoteQueued(sql, workflowID: run.workflowID, organizationID: run.organizationID, now: now)
        }
        return .done
    }

    /// Saves the run with `state`; `nil` on a lost race (someone else changed the run). A run not
    /// stored yet is inserted.
    private func save(_ sql: any SQLDatabase, _ run: inout WorkflowRunRecord, _ state: RunState, stored: Bool) async throws
        -> WorkflowRunRecord?
    {
        run.state = state.stateJSON
        run.trace = state.traceJSON
        if !stored {
            guard let inserted = try await WorkflowRunStore.insertAdvanced(sql, run, at: clock.now()) else { throw RunAlreadyStored() }
            run = inserted
            return inserted
        }
        guard let saved = try await WorkflowRunStore.save(sql, run, at: clock.now()) else { return nil }
        run = saved
        return saved
    }

    /// The variables a run sees besides its state.
    func environment(_ run: WorkflowRunRecord, now: Date) -> RunEnvironment {
        RunEnvironment(trigger: run.trigger, event: run.event,
                       run: ["id": .string(run.id.rawValue), "workflowID": .string(run.workflowID.rawValue),
                             "startedAt": WorkflowJSON.instant(run.createdAt)],
                       now: now, timeZone: timeZone)
    }

    /// Enqueues the job that continues a run, unique per persisted revision.
    static func enqueue(_ sql: any SQLDatabase, runID: WorkflowRunID, revision: Int, at: Date?, now: Date) async throws {
        try await JobQueue.enqueue(
            JobRequest(kind: jobKind, payload: "{\"runID\":\"\(runID.rawValue)\"}", runAt: at, maxAttempts: 20,
                       idempotencyKey: "wf:\(runID.rawValue):\(revision)"),
            now: now, on: sql)
    }

    static func stepID(at pc: Int, _ program: WorkflowProgram) -> String? {
        guard pc < program.instructions.count else { return nil }
        switch program.instructions[pc] {
        case .action(let step, _, _), .branch(let step, _, _, _), .delay(let step, _, _), .set(let step, _), .stop(let step, _, _):
            return step.id
        case .jump:
            return nil
        }
    }

    /// The day of `date` in `timeZone`.
    static func day(_ date: Date, _ timeZone: TimeZone) -> CalendarDate {
        // The zone's day is the UTC day of the instant shifted by the zone's offset at that instant.
        CalendarDate(date.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: date))))
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}

extension ActionFailure {
    /// Any error as an action failure: domain errors keep their code (retryable only when the
    /// service is unavailable or rate-limited); unexpected errors are retryable `action.failed`.
    package static func from(_ error: any Error) -> ActionFailure {
        if let failure = error as? ActionFailure { return failure }
        if let domain = error as? DomainError { return ActionFailure(domain) }
        return ActionFailure(code: "action.failed", message: String(describing: error).prefix(500).description, retryable: true)
    }
}
