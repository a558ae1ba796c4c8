import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTObservability

/// Counts every request in `ppt_http_requests_total` and times it in
/// `ppt_http_request_duration_seconds`, labelled by method, route template (`unmatched` when no route
/// matched) and status class, and feeds the admin dashboard's `PerformanceWindow`.
///
/// Add it before `RequestIDMiddleware` and `ErrorMiddleware` (and before any route): errors reach it
/// as `HTTPResponseError`s carrying their mapped status; anything else counts as 500.
package struct MetricsMiddleware: RouterMiddleware {
    package typealias Context = AppRequestContext
    private let metrics: PPTMetrics

    /// A middleware recording into `metrics`.
    package init(metrics: PPTMetrics) { self.metrics = metrics }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context: context, status: Int(response.status.code), started: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500
            record(request, context: context, status: status, started: started)
            throw error
        }
    }

    private func record(_ request: Request, context: Context, status: Int, started: ContinuousClock.Instant) {
        // The router stores the matched template before any route middleware runs.
        metrics.recordHTTPRequest(method: request.method.rawValue, route: context.endpointPath, status: status,
                                  duration: ContinuousClock.now - started)
    }
}
