import AsyncHTTPClient
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Sends error events to a Sentry-compatible server (protocols.md §E).
///
/// `capture(_:)` never blocks: events go into a bounded queue (when it is full the newest event is dropped
/// and counted); `run()` is the one consumer, which posts each as an envelope. Rate limits announced by the
/// server (`429` + `Retry-After`, `X-Sentry-Rate-Limits`) pause sending, and events captured or dequeued
/// while paused are dropped and counted rather than held. On graceful shutdown the queue is closed and
/// what is in it is flushed for up to `shutdownFlushTimeout`; whatever is left then is dropped.
///
/// Add it to the service group; `run()` must be called at most once.
package struct SentryClient: Service {
    /// Client settings.
    package struct Configuration: Sendable {
        package var dsn: SentryDSN
        package var sdk: SentryEnvelope.SDK
        /// Events held while the sender is busy; beyond it new events are dropped.
        package var queueSize: Int
        /// How long graceful shutdown waits for queued events to be sent.
        package var shutdownFlushTimeout: Duration
        /// Timeout of one POST.
        package var requestTimeout: Duration

        /// Settings with the defaults of `ErrorReportingConfiguration`.
        package init(dsn: SentryDSN, sdk: SentryEnvelope.SDK, queueSize: Int = 100,
                     shutdownFlushTimeout: Duration = .seconds(2), requestTimeout: Duration = .seconds(10)) {
            self.dsn = dsn
            self.sdk = sdk
            self.queueSize = max(1, queueSize)
            self.shutdownFlushTimeout = shutdownFlushTimeout
            self.requestTimeout = requestTimeout
        }
    }

    /// What happened to the events so far.
    package struct Statistics: Sendable, Hashable {
        /// Accepted into the queue.
        package var enqueued = 0
        /// Answered with a 2xx.
        package var sent = 0
        /// Answered with another status (including 429).
        package var rejected = 0
        /// Not answered (connection error, timeout).
        package var failed = 0
        /// Dropped because the queue was full.
        package var droppedQueueFull = 0
        /// Dropped because the server asked us to pause.
        package var droppedRateLimited = 0
        /// Captured after shutdown, or still queued when the flush time ran out.
        package var droppedShutdown = 0
        /// 429 responses received.
        package var rateLimitResponses = 0
    }

    /// The fate of one `capture(_:)`.
    package enum CaptureResult: Sendable, Hashable {
        case enqueued, droppedQueueFull, droppedRateLimited, droppedShutdown
    }

    struct State {
        var statistics = Statistics()
        var limits = SentryRateLimits()
        /// Events taken out of the queue by the sender (whatever became of them).
        var dequeued = 0
    }

    let configuration: Configuration
    let httpClient: HTTPClient
    let logger: Logger
    private let stream: AsyncStream<SentryEvent>
    private let continuation: AsyncStream<SentryEvent>.Continuation
    let state: Shared

    /// Holds the mutable state shared between `capture(_:)` callers and the sender.
    final class Shared: Sendable {
        let mutex = Mutex(State())
    }

    /// A client posting to `configuration.dsn` through `httpClient`.
    package init(configuration: Configuration, httpClient: HTTPClient = .shared, logger: Logger) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
        (self.stream, self.continuation) = AsyncStream.makeStream(
            of: SentryEvent.self, bufferingPolicy: .bufferingOldest(configuration.queueSize))
        self.state = Shared()
    }

    /// Queues `event` for sending without waiting.
    @discardableResult
    package func capture(_ event: SentryEvent) -> CaptureResult {
        // Yielding under the lock keeps the counters exact against the sender and `run()`'s final tally;
        // `yield` never waits and never runs the consumer inline.
        state.mutex.withLock { state in
            if state.limits.isLimited(SentryRateLimits.errorCategory, now: .now) {
                state.statistics.droppedRateLimited += 1
                return .droppedRateLimited
            }
            switch continuation.yield(event) {
            case .enqueued:
                state.statistics.enqueued += 1
                return .enqueued
            case .terminated:
                state.statistics.droppedShutdown += 1
                return .droppedShutdown
            case .dropped:
                state.statistics.droppedQueueFull += 1
                return .droppedQueueFull
            @unknown default:
                state.statistics.droppedQueueFull += 1
                return .droppedQueueFull
            }
        }
    }

    /// A snapshot of the counters.
    package var statistics: Statistics { state.mutex.withLock { $0.statistics } }

    /// Sends queued events until shutdown, then flushes for up to `shutdownFlushTimeout`.
    package func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // A stream hands out buffered elements even to a cancelled task: stop explicitly.
                for await event in stream {
                    if Task.isCancelled { break }
                    await deliver(event)
                }
            }
            group.addTask {
                // Returns at graceful shutdown (or throws at cancellation); then the sender gets a grace period.
                try? await gracefulShutdown()
                continuation.finish()
                try? await Task.sleep(for: configuration.shutdownFlushTimeout)
            }
            await group.next()
            group.cancelAll()
        }
        continuation.finish()
        let lost = state.mutex.withLock { state in
            let lost = state.statistics.enqueued - state.dequeued
            state.statistics.droppedShutdown += lost
            state.dequeued = state.statistics.enqueued
            return lost
        }
        if lost > 0 {
            logger.warning("error reports dropped at shutdown", metadata: ["ppt.sentry.dropped": "\(lost)"])
        }
    }
}
