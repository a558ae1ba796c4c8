import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTObservability

/// The recent traces of this process for platform superadmins, from the in-memory `TraceStore`:
/// `GET /api/v1/admin/traces` and `GET /api/v1/admin/traces/{traceID}` (the span tree with timings).
package struct TraceController: Sendable {
    private let store: TraceStore

    /// A controller over the process's trace store.
    package init(store: TraceStore) { self.store = store }

    /// A page of trace summaries, newest first.
    package struct TraceList: Encodable, Sendable {
        /// The summaries.
        package let items: [TraceSummary]
    }

    /// Registers the routes on the `/api/v1` group.
    package func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("admin/traces", use: listTraces)
        api.get("admin/traces/:traceID", use: getTrace)
    }

    @Sendable func listTraces(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<TraceList> {
        try Self.requireSuperadmin(context)
        let limit = try request.query("limit") { Int($0).flatMap { (1...200).contains($0) ? $0 : nil } } ?? 50
        return JSONResponse(TraceList(items: store.recentTraces(limit: limit)))
    }

    @Sendable func getTrace(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<TraceDetail> {
        try Self.requireSuperadmin(context)
        guard let text = context.parameters.get("traceID"), let id = TraceID(hex: text.lowercased()),
            let detail = store.spans(of: id).flatMap(TraceDetail.init(spans:))
        else { throw APIError(DomainError.notFound("trace")) }
        return JSONResponse(detail)
    }

    private static func requireSuperadmin(_ context: AppRequestContext) throws {
        guard try context.requireIdentity().isSuperadmin else {
            throw APIError(DomainError.forbidden("Only platform administrators see traces."))
        }
    }
}
