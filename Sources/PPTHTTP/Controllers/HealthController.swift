import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTObservability
import PPTStorage

/// The health probes (`/health/live`, `/health/ready`, `/health/startup`) and the superadmin
/// history of the periodic probe (`/api/v1/admin/health/history`).
package struct HealthController: Sendable {
    private let health: HealthRegistry

    /// Probes over `health`.
    package init(health: HealthRegistry) { self.health = health }

    /// Registers the three probes on the root router (no sign-in).
    package func addRoutes(to router: Router<AppRequestContext>) {
        let health = self.health
        router.get("health/live") { _, _ in Self.response(health.liveness()) }
        router.get("health/startup") { _, _ in Self.response(await health.startup()) }
        router.get("health/ready") { _, _ in Self.response(await health.readiness()) }
    }

    /// 200 for pass and warn (degraded), 503 for fail; never cached by intermediaries.
    static func response(_ report: HealthReport) -> JSONResponse<HealthReport> {
        JSONResponse(report, status: report.isUnavailable ? .serviceUnavailable : .ok,
                     headers: [.cacheControl: "no-store"])
    }

    /// The history list.
    struct HistoryResponse: Encodable, Sendable {
        let items: [HealthHistoryEntry]
    }

    /// Registers `GET admin/health/history?check=&since=&limit=` on the signed-in API group
    /// (after `AuthenticationMiddleware`): platform superadmins only.
    package static func addAdminRoutes(to api: RouterGroup<AppRequestContext>, history: HealthHistoryRepository) {
        api.get("admin/health/history") { request, context in
            try PlatformAdminAccess.requireSuperadmin(context)
            // An empty parameter (`?check=&since=`) means "no filter"; anything else must parse.
            let since = try request.query("since") { text -> Date?? in
                if text.isEmpty { return .some(nil) }
                guard let date = Self.timestamp(text) else { return nil }
                return .some(date)
            } ?? nil
            let limit = try request.query("limit") { text -> Int?? in
                if text.isEmpty { return .some(nil) }
                guard let value = Int(text) else { return nil }
                return .some(value)
            } ?? nil
            let check = request.uri.queryParameters.get("check").flatMap { $0.isEmpty ? nil : $0 }
            let items = try await history.history(check: check, since: since, limit: limit ?? 100)
            return JSONResponse(HistoryResponse(items: items), headers: [.cacheControl: "no-store"])
        }
    }
}

extension HealthController {
    /// An ISO 8601 timestamp, with or without fractional seconds.
    static func timestamp(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)
                .timeZone(separator: .omitted)))
    }
}

/// Access to the platform administration routes.
enum PlatformAdminAccess {
    /// 401 without a signed-in user, 403 unless a platform superadmin.
    static func requireSuperadmin(_ context: AppRequestContext) throws {
        guard try context.requireIdentity().isSuperadmin else {
            throw APIError(DomainError.forbidden("Only platform superadmins may use the administration API."))
        }
    }
}
