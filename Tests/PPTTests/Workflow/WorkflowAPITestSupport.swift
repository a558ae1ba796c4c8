import Foundation
import PPTApp
import PPTDomain
import PPTStorage
import PPTWorkflow
import Testing

/// Runs the workflow engine's work in the test process, as a worker would: dispatches pending outbox
/// events to their subscribers, then runs every due workflow and mail job until none is left.
enum WorkflowJobDriver {
    static func drain(_ runtime: Runtime) async throws {
        let dispatcher = OutboxDispatcher(database: runtime.database, subscribers: runtime.outboxSubscribers,
                                          wake: runtime.wake, clock: runtime.clock, logger: runtime.logger)
        let handlers = Dictionary(runtime.workflows.handlers.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        let queue = runtime.queue
        let worker = "workflow-api-tests"
        for _ in 0..<100 {
            _ = try await dispatcher.dispatchBatch()
            let jobs = try await queue.claim(workerID: worker, limit: 50, lease: .seconds(60))
            for job in jobs where handlers[job.kind] == nil { try await queue.release(job, workerID: worker) }
            let mine = jobs.filter { handlers[$0.kind] != nil }
            if mine.isEmpty { return }
            for job in mine {
                do {
                    try await handlers[job.kind]?.handle(job, logger: runtime.logger)
                    try await queue.complete(job, workerID: worker)
                } catch {
                    try await queue.fail(job, workerID: worker, error: String(describing: error))
                }
            }
        }
        Issue.record("workflow jobs kept coming after 100 rounds")
    }
}

/// Definitions used by the API tests.
enum WorkflowSamples {
    /// A manual workflow that notifies `users` given as input, then records a variable.
    static var notifyUser: [String: Any] { [
        "trigger": ["type": "manual", "inputs": [["name": "userID", "type": "string", "required": true]]],
        "variables": ["greeted": 0],
        "steps": [
            ["id": "n", "type": "notify",
             "input": ["users": "{{ trigger.userID }}", "title": "Hello", "body": "Welcome aboard"]],
            ["id": "count", "type": "set", "values": ["greeted": "vars.greeted + 1"]],
        ],
    ] }

    /// A fault-created workflow that tells managers and admins about every new fault.
    static var faultAlert: [String: Any] { [
        "trigger": ["type": "event", "event": "fault_created"],
        "steps": [
            ["id": "tell", "type": "notify",
             "input": ["roles": ["manager", "admin"], "title": "New fault: {{ trigger.title }}", "body": "{{ trigger.category }}"]],
        ],
    ] }

    /// A manual workflow that waits a day (so a run stays `waiting`).
    static var waitADay: [String: Any] { [
        "trigger": ["type": "manual", "inputs": [[String: Any]]()],
        "steps": [
            ["id": "w", "type": "delay", "duration": "1d"],
            ["id": "n", "type": "notify", "input": ["roles": ["admin"], "title": "Later", "body": "A day passed"]],
        ],
    ] }
}
