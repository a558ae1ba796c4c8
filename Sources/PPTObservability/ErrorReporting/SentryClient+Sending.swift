import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

extension SentryClient {
    /// The `X-Sentry-Auth` header value (the secret key is deprecated and never sent).
    package var authHeader: String {
        "Sentry sentry_version=7, sentry_client=\(configuration.sdk.userAgent), "
            + "sentry_key=\(configuration.dsn.publicKey)"
    }

    /// Sends one dequeued event, unless a rate limit drops it, and records what the server said.
    func deliver(_ event: SentryEvent) async {
        let limited = state.mutex.withLock { state in
            state.dequeued += 1
            guard state.limits.isLimited(SentryRateLimits.errorCategory, now: .now) else { return false }
            state.statistics.droppedRateLimited += 1
            return true
        }
        if limited { return }

        let outcome: Outcome
        do {
            outcome = try await post(event)
        } catch {
            state.mutex.withLock { $0.statistics.failed += 1 }
            logger.warning("sending an error report failed",
                           metadata: ["error.type": "\(type(of: error))", "ppt.sentry.event_id": "\(event.eventID)"])
            return
        }
        state.mutex.withLock { state in
            state.limits.update(status: outcome.status, retryAfter: outcome.retryAfter, rateLimits: outcome.rateLimits,
                                now: .now)
            if (200..<300).contains(outcome.status) {
                state.statistics.sent += 1
            } else {
                state.statistics.rejected += 1
                if outcome.status == 429 { state.statistics.rateLimitResponses += 1 }
            }
        }
        if outcome.status == 429 {
            logger.warning("Sentry rate limit: pausing error reports",
                           metadata: ["ppt.sentry.retry_after": "\(outcome.retryAfter ?? outcome.rateLimits ?? "60")"])
        } else if !(200..<300).contains(outcome.status) {
            logger.warning("Sentry rejected an error report",
                           metadata: ["http.response.status_code": "\(outcome.status)",
                                      "ppt.sentry.event_id": "\(event.eventID)"])
        }
    }

    /// The parts of a response that matter.
    struct Outcome {
        var status: Int
        var retryAfter: String?
        var rateLimits: String?
    }

    private func post(_ event: SentryEvent) async throws -> Outcome {
        let body = try SentryEnvelope.encode(event, dsn: configuration.dsn, sdk: configuration.sdk, sentAt: Date())
        var request = HTTPClientRequest(url: configuration.dsn.envelopeURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-sentry-envelope")
        request.headers.add(name: "X-Sentry-Auth", value: authHeader)
        request.headers.add(name: "User-Agent", value: configuration.sdk.userAgent)
        request.body = .bytes(body)
        let response = try await httpClient.execute(request, timeout: Self.timeAmount(configuration.requestTimeout))
        // The body is not used, but must be consumed to return the connection to the pool.
        for try await _ in response.body {}
        return Outcome(status: Int(response.status.code),
                       retryAfter: response.headers.first(name: "Retry-After"),
                       rateLimits: response.headers.first(name: "X-Sentry-Rate-Limits"))
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
