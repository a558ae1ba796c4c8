import Foundation
import Logging
import PPTDomain
import PPTStorage
import PPTWorkflow
import SQLKit
import Testing

/// An external action for runner tests: fails its first `failures` calls of a key with a retryable
/// error, then echoes its input. Counts calls per idempotency key.
final class FlakyExternalAction: WorkflowAction, @unchecked Sendable {
    // SAFETY: `calls` is only touched under `lock`.
    private let lock = NSLock()
    private var calls: [String: Int] = [:]
    let failures: Int
    let name = "flaky"
    let effect = ActionEffect.external
    let fields = [ActionField("value", .any, "Echoed back.")]
    let output: [String: WorkflowValueType] = ["value": .any, "attempt": .integer]

    init(failures: Int) { self.failures = failures }

    func perform(_ call: ActionCall) async throws -> JSONValue {
        let count = lock.withLock { () -> Int in
            calls[call.idempotencyKey, default: 0] += 1
            return calls[call.idempotencyKey]!
        }
        if count <= failures { throw ActionFailure(code: "flaky.down", message: "try again", retryable: true) }
        return ["value": call.input["value"] ?? .null, "attempt": .number(Double(call.attempt))]
    }

    func simulate(_ call: ActionCall) async throws -> JSONValue { ["value": call.input["value"] ?? .null, "attempt": 1] }

    func callCount(_ key: String) -> Int { lock.withLock { calls[key, default: 0] } }
}

/// The workflow engine over a real database with a manual clock; jobs are run by `drain()`.
struct WorkflowHarness: Sendable {
    let database: any Database
    let clock: ManualClock
    let world: ActionWorld
    let runner: WorkflowRunner
    let triggers: WorkflowTriggers
    let service: WorkflowService
    let flaky: FlakyExternalAction

    static func make(_ database: any Database, clock: ManualClock = ManualClock(Date(timeIntervalSince1970: 1_795_000_000)),
                     flaky: FlakyExternalAction = FlakyExternalAction(failures: 0)) async throws -> WorkflowHarness {
        let world = try await ActionWorld.make(database)
        return restarted(database: database, clock: clock, world: world, flaky: flaky)
    }

    /// A fresh engine over the same database: what a process restart gives.
    static func restarted(database: any Database, clock: ManualClock, world: ActionWorld,
                          flaky: FlakyExternalAction) -> WorkflowHarness {
        let actions = WorkflowActionRegistry([NotifyAction(), CreateFaultAction(), UpdateFaultStatusAction(),
                                              AssignFaultAction(), GetFaultAction(), AnnouncementDraftAction(), flaky])
        let programs = ProgramCache()
        let flags = FeatureFlagRepository(database: database, clock: clock)
        let zone = TimeZone(identifier: "Europe/Bratislava")!
        let runner = WorkflowRunner(database: database, clock: clock, actions: actions, programs: programs,
                                    timeZone: zone, logger: TestDatabase.logger)
        let triggers = WorkflowTriggers(database: database, clock: clock, runner: runner, programs: programs, flags: flags,
                                        timeZone: zone, retention: WorkflowRetention())
        let service = WorkflowService(database: database, clock: clock, actions: actions, programs: programs, flags: flags,
                                      timeZone: zone)
        return WorkflowHarness(database: database, clock: clock, world: world, runner: runner, triggers: triggers,
                               service: service, flaky: flaky)
    }

    func restarted() -> WorkflowHarness {
        Self.restarted(database: database, clock: clock, world: world, flaky: flaky)
    }

    var admin: OrgScope { world.admin }

    /// Creates a workflow from JSON text.
    func create(_ json: String, name: String = "Test workflow") async throws -> WorkflowRecord {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        return try await service.create(admin, name: name, description: "", enabled: true, definition: value)
    }

    /// Moves outbox events to jobs and runs every due job until none is left.
    func drain() async throws {
        let dispatcher = OutboxDispatcher(database: database, subscribers: [WorkflowTriggers.subscriber], wake: WakeSignal(),
                                          clock: clock, logger: TestDatabase.logger)
        let queue = JobQueue(database: database, clock: clock)
        let handlers = Dictionary(triggers.handlers.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
        for _ in 0..<500 {
            try await dispatcher.dispatchBatch()
            guard let job = try await queue.claim(workerID: "test", limit: 1, lease: .seconds(60)).first else { return }
            if let handler = handlers[job.kind] {
                do {
                    try await handler.handle(job, logger: TestDatabase.logger)
                    try await queue.complete(job, workerID: "test")
                } catch {
                    try await queue.fail(job, workerID: "test", error: "\(error)")
                    throw error
                }
            } else {
                try await queue.complete(job, workerID: "test")
            }
        }
        Issue.record("the job queue did not drain")
    }

    /// The organization's runs of a workflow, oldest first.
    func runs(_ workflow: WorkflowRecord) async throws -> [WorkflowRunRecord] {
        try await service.runs.runs(admin, filter: .init(workflowID: workflow.id), page: PageRequest(limit: 100)).items.reversed()
    }

    /// Workflow notifications a user received.
    func notifications(_ user: UserID) async throws -> [UserNotification] {
        try await NotificationRepository(database: database, clock: clock)
            .notifications(userID: user, unreadOnly: false, page: PageRequest(limit: 100)).items
            .filter { $0.kind == NotifyAction.kind }
    }

    /// Starts a manual run.
    func startManual(_ workflow: WorkflowRecord, _ input: JSONValue = [:], key: String? = nil) async throws -> WorkflowRunRecord {
        try await service.startManual(admin, id: workflow.id, input: input, idempotencyKey: key)
    }
}

extension WorkflowRunRecord {
    /// The trace entries as objects.
    var traceEntries: [[String: JSONValue]] {
        guard case .array(let items) = trace else { return [] }
        return items.compactMap { if case .object(let fields) = $0 { fields } else { nil } }
    }
}
