import Foundation
import Hummingbird
import PPTDocuments
import PPTDomain
import PPTStorage

/// What the search routes need.
package struct SearchHTTPServices: Sendable {
    package var search: DocumentSearch
    package var index: SearchIndexRepository
    package var jobs: DocumentIndexJobs

    package init(search: DocumentSearch, index: SearchIndexRepository, jobs: DocumentIndexJobs) {
        self.search = search
        self.index = index
        self.jobs = jobs
    }
}

/// Document search (`GET search?q=`) and per-document indexing status and re-indexing under
/// `/api/v1/orgs/{orgID}`. Results only ever include passages of documents the user may read.
package struct SearchController: Sendable {
    private let services: SearchHTTPServices

    package init(search: SearchHTTPServices) { self.services = search }

    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("search", use: search)
        org.get("search/index", use: overview)
        org.get("documents/:documentID/index", use: status)
        org.post("documents/:documentID/index", use: reindex)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<SearchResults> {
        let query = request.formQuery("q") ?? ""
        let limit = try request.query("limit") { Int($0) } ?? 10
        return JSONResponse(try await services.search.search(try context.requireScope(), query: query, limit: limit))
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<SearchIndexOverview>
    {
        JSONResponse(try await services.index.overview(try context.requireScope()))
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<DocumentIndexStatus>
    {
        JSONResponse(try await services.index.status(
            try context.requireScope(), documentID: try context.id("documentID", resource: "document")))
    }

    @Sendable func reindex(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<DocumentIndexStatus>
    {
        JSONResponse(try await services.jobs.requestReindex(
            try context.requireScope(), documentID: try context.id("documentID", resource: "document")),
            status: .accepted)
    }
}
