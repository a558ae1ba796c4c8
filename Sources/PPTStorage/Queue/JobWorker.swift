import Foundation
import Logging
import PPTDomain
import Tracing
import PPTObservability
import ServiceLifecycle

/// Runs one kind of job. Handlers must be idempotent: a job whose worker died runs again.
package protocol JobHandler: Sendable {
    /// The job kind this handler serves.
    var kind: String { get }
    /// Performs the job; throwing schedules a retry with backoff (or dead-letters it).
    func handle(_ job: Job, logger: Logger) async throws
}

/// A handler made from a closure.
package struct ClosureJobHandler: JobHandler {
    package let kind: String
    private let body: @Sendable (Job, Logger) async throws -> Void

    package init(kind: String, _ body: @escaping @Sendable (Job, Logger) async throws -> Void) {
        self.kind = kind
        self.body = body
    }

    package func handle(_ job: Job, logger: Logger) async throws { try await body(job, logger) }
}

/// Claims due jobs and dispatches them to registered handlers (DESIGN §3).
///
/// On graceful shutdown it stops claiming, lets running jobs finish for up to `drainTimeout`,
/// and releases the rest so another worker picks them up at once.
package struct JobWorker: Service {
    /// Tuning knobs.
    package struct Configuration: Sendable {
        package var concurrency = 4
        package var lease: Duration = .seconds(60)
        package var pollInterval: Duration = .seconds(1)
        package var drainTimeout: Duration = .seconds(10)
        package init() {}
    }

    private let queue: JobQueue
    private let handlers: [String: any JobHandler]
    private let wake: WakeSignal
    private let configuration: Configuration
    private let logger: Logger
    private let observers: [any JobObserver]
    /// This worker's identity in `jobs.locked_by`.
    package let workerID: String

    package init(queue: JobQueue, handlers: [any JobHandler], wake: WakeSignal, configuration: Configuration = .init(),
                 observers: [any JobObserver] = [], logger: Logger,
                 workerID: String = "worker-\(UUID().uuidString.prefix(8).lowercased())") {
        self.observers = observers
        self.queue = queue
        self.handlers = Dictionary(handlers.map { ($0.kind, $0) }, uniquingKeysWith: { _, last in last })
        self.wake = wake
        self.configuration = configuration
        self.logger = logger
        self.workerID = workerID
    }

    package func run() async throws {
        logger.info("job worker started", metadata: ["ppt.worker": "\(workerID)"])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, configuration.concurrency) {
                group.addTask { await self.slot() }
            }
        }
        logger.info("job worker stopped", metadata: ["ppt.worker": "\(workerID)"])
    }

    /// One lane of work: claim a job, run it, repeat; sleep until woken when there is none.
    private func slot() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let job: Job?
            do {
                job = try await queue.claim(workerID: workerID, limit: 1, lease: configuration.lease).first
            } catch {
                logger.error("claiming jobs failed", metadata: ["error": "\(error)"])
                job = nil
            }
            if let job {
                await execute(job)
            } else {
                await wake.wait(timeout: configuration.pollInterval)
            }
        }
    }

    private func execute(_ job: Job) async {
        let logger = {
            var logger = self.logger
            logger[metadataKey: "ppt.job.id"] = "\(job.id)"
            logger[metadataKey: "ppt.job.kind"] = "\(job.kind)"
            return logger
        }()
        guard let handler = handlers[job.kind] else {
            await settle { try await queue.fail(job, workerID: workerID, error: "no handler registered for \(job.kind)") }
            logger.error("job without handler")
            return
        }
        let started = ContinuousClock.now
        let queueDelay = max(0, Date().timeIntervalSince(job.runAt))
        var outcome = JobOutcome.succeeded
        var failure: (any Error)?
        do {
            try await withSpan("job \(job.kind)", ofKind: .consumer) { span in
                span.attributes["ppt.job.kind"] = job.kind
                span.attributes["ppt.job.id"] = job.id
                span.attributes["ppt.job.attempt"] = job.attempts
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        // Keeps the lease alive; a lost lease (another worker took the job over)
                        // stops the handler, whose work would now be duplicated.
                        while true {
                            try await Task.sleep(for: configuration.lease / 3)
                            if let held = try? await queue.heartbeat(job, workerID: workerID, lease: configuration.lease),
                                !held
                            {
                                throw LeaseLost()
                            }
                        }
                    }
                    group.addTask { try await handler.handle(job, logger: logger) }
                    // The first to finish decides: the handler's result, or a lost lease.
                    _ = try await group.next()
                    group.cancelAll()
                }
            }
            await settle { try await queue.complete(job, workerID: workerID) }
        } catch is LeaseLost {
            outcome = .released
            logger.warning("job lease lost to another worker; stopped this run")
        } catch is CancellationError where Task.isCancelled {
            outcome = .released
            await settle { try await queue.release(job, workerID: workerID) }
        } catch {
            outcome = job.attempts >= job.maxAttempts ? .dead : .failed
            failure = error
            logger.warning("job failed", metadata: ["error": "\(error)", "ppt.job.attempt": "\(job.attempts)"])
            await settle { try await queue.fail(job, workerID: workerID, error: "\(error)") }
        }
        let attempt = JobAttempt(jobID: job.id, kind: job.kind, attempt: job.attempts, outcome: outcome,
                                 duration: ContinuousClock.now - started, queueDelay: queueDelay, error: failure)
        for observer in observers { await observer.jobFinished(attempt) }
    }

    /// Records a job's outcome even while this task is being cancelled (shutdown): the write runs in
    /// a task of its own, which does not inherit the cancellation, and is awaited. If it still fails,
    /// the lease expires and the job runs again, so nothing is lost.
    private func settle(_ write: @escaping @Sendable () async throws -> Void) async {
        let logger = self.logger
        await Task {
            do { try await write() } catch {
                logger.error("recording a job outcome failed; the lease will expire", metadata: ["error": "\(error)"])
            }
        }.value
    }
}

/// The worker's lease on a job was taken over by another worker.
private struct LeaseLost: Error {}
