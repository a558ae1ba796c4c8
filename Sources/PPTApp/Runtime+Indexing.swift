import Foundation
import PPTDocuments
import PPTStorage

extension Runtime {
    /// Dispatches pending outbox events to the indexer and runs every queued indexing job until none is
    /// left, in this process. For command-line tools and tests; servers have workers for this.
    package func runPendingIndexing(workerID: String = "inline-indexer") async throws {
        let dispatcher = OutboxDispatcher(database: database, subscribers: outboxSubscribers, wake: wake, clock: clock,
                                          logger: logger)
        let handlers = Dictionary(uniqueKeysWithValues: search.jobs.handlers.map { ($0.kind, $0) })
        while true {
            _ = try await dispatcher.dispatchBatch()
            let jobs = try await queue.claim(workerID: workerID, limit: 20, lease: .seconds(300))
            let indexing = jobs.filter { handlers[$0.kind] != nil }
            for job in jobs where handlers[job.kind] == nil { try await queue.release(job, workerID: workerID) }
            if indexing.isEmpty { return }
            for job in indexing {
                do {
                    try await handlers[job.kind]?.handle(job, logger: logger)
                    try await queue.complete(job, workerID: workerID)
                } catch {
                    try await queue.fail(job, workerID: workerID, error: String(describing: error))
                    throw error
                }
            }
        }
    }
}
