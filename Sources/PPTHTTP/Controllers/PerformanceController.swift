import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTObservability

/// The admin performance dashboard's data (`GET /api/v1/admin/performance`): p50/p95/p99 latency,
/// error and request rates of the last hour with a per-minute series, the slowest endpoints and
/// database operations, and today's LLM spend — this process's numbers, without Prometheus.
package struct PerformanceController: Sendable {
    private let metrics: PPTMetrics

    /// A controller over `metrics`.
    package init(metrics: PPTMetrics) { self.metrics = metrics }

    /// Registers the route on the signed-in API group (after `AuthenticationMiddleware`): superadmins only.
    package func addRoutes(to api: RouterGroup<AppRequestContext>) {
        let metrics = self.metrics
        api.get("admin/performance") { _, context in
            try PlatformAdminAccess.requireSuperadmin(context)
            return JSONResponse(metrics.performanceReport(), headers: [.cacheControl: "no-store"])
        }
    }
}
