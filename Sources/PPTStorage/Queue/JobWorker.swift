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
        // The span covers the run, the recorded outcome and the observers, so error reports carry its trace.
        await withSpan("job \(job.kind)", ofKind: .consumer) { span in
            span.attributes["ppt.job.kind"] = job.kind
            span.attributes["ppt.job.id"] = job.id
            span.attributes["ppt.job.attempt"] = job.attempts
            let started = ContinuousClock.now
            let queueDelay = max(0, Date().timeIntervalSince(job.runAt))
            let outcome: JobOutcome
            var failure: (any Error)?
            switch await run(job, handler: handler, logger: logger) {
            case .success:
                outcome = .succeeded
                await settle { try await queue.complete(job, workerID: workerID) }
            case .failure(let error as LeaseLost):
                _ = error
                outcome = .released
                logger.warning("job lease lost to another worker; stopped this run")
            case .failure(let error as CancellationError) where Task.isCancelled:
                _ = error
                outcome = .released
                await settle { try await queue.release(job, workerID: workerID) }
            case .failure(let error):
                outcome = job.attempts >= job.maxAttempts ? .dead : .failed
                failure = error
                span.recordError(error)
                logger.warning("job failed", metadata: ["error": "\(error)", "ppt.job.attempt": "\(job.attempts)"])
                await settle { try await queue.fail(job, workerID: workerID, error: "\(error)") }
            }
            let attempt = JobAttempt(jobID: job.id, kind: job.kind, attempt: job.attempts, outcome: outcome,
                                     duration: ContinuousClock.now - started, queueDelay: queueDelay, error: failure)
            for observer in observers { await observer.jobFinished(attempt) }
        }
    }

    /// Runs the handler beside a heartbeat that keeps the lease. The handler's own result decides;
    /// the heartbeat interrupts only when the lease was lost (another worker took the job over,
    /// whose work would now be duplicated).
    private func run(_ job: Job, handler: any JobHandler, logger: Logger) async -> Result<Void, any Error> {
        await withTaskGroup(of: Lane.self) { group in
            group.addTask {
                while true {
                    do { try await Task.sleep(for: configuration.lease / 3) } catch { return .heartbeatStopped }
                    if let held = try? await queue.heartbeat(job, workerID: workerID, lease: configuration.lease),
                        !held
                    {
                        return .leaseLost
                    }
                }
            }
            group.addTask {
                do {
                    try await handler.handle(job, logger: logger)
                    return .handler(.success(()))
                } catch {
                    return .handler(.failure(error))
                }
            }
            while let lane = await group.next() {
                switch lane {
                case .handler(let result):
                    group.cancelAll()
                    return result
                case .leaseLost:
                    group.cancelAll()
                    return .failure(LeaseLost())
                case .heartbeatStopped:
                    continue
                }
            }
            return .failure(CancellationError())
        }
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

/// What finished first while a job ran: the handler, or the heartbeat.
private enum Lane: Sendable {
    case handler(Result<Void, any Error>)
    case leaseLost
    case heartbeatStopped
}
