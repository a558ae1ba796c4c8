import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage
import PPTWorkflow

/// Workflow runs under `/api/v1/orgs/{orgID}/workflow-runs`: lists, one run with its state and
/// trace, cancel, retry, and the live feed of run changes (Server-Sent Events, or a JSON page for
/// clients that poll).
package struct WorkflowRunController: Sendable {
    private let service: WorkflowService

    /// A controller over the engine's service.
    package init(service: WorkflowService) { self.service = service }

    /// Registers the routes on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("workflow-runs", use: list)
        org.get("workflow-runs/events", use: events)
        org.get("workflow-runs/:runID", use: get)
        org.post("workflow-runs/:runID/cancel", use: cancel)
        org.post("workflow-runs/:runID/retry", use: retry)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Page<WorkflowRunSummary>> {
        let filter = WorkflowRunRepository.Filter(
            workflowID: try request.query("workflowID") { WorkflowID($0) },
            status: try request.query("status", as: WorkflowRunStatus.self))
        let page = try await service.runs.runs(try context.requireScope(), filter: filter, page: try request.pageRequest())
        return JSONResponse(Page(items: page.items.map(WorkflowRunSummary.init), nextCursor: page.nextCursor))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowRunResponse> {
        let run = try await service.runs.run(try context.requireScope(), id: try Self.runID(context))
        return JSONResponse(WorkflowRunResponse(run))
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowRunResponse> {
        let run = try await service.cancel(try context.requireScope(), runID: try Self.runID(context))
        return JSONResponse(WorkflowRunResponse(run))
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowRunResponse> {
        let run = try await service.retry(try context.requireScope(), runID: try Self.runID(context))
        return JSONResponse(WorkflowRunResponse(run), status: .accepted)
    }

    /// The feed of run changes. `Accept: text/event-stream` streams them (`id` = sequence,
    /// `Last-Event-ID` resumes, `?runID` follows one run and ends after it ends); otherwise the
    /// changes after `Last-Event-ID` come as one JSON page.
    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try context.requireScope()
        try scope.require(.workflowsRead)
        let runID = try request.query("runID") { WorkflowRunID($0) }
        if let runID { _ = try await service.runs.run(scope, id: runID) }
        let header: String? = request.headers[HTTPField.Name("Last-Event-ID")!]
        let raw: String? = header ?? request.uri.queryParameters.get("lastEventId").map { String($0) }
        var after: Int64?
        if let raw {
            guard let value = Int64(raw.trimmingCharacters(in: CharacterSet.whitespaces)), value >= 0 else {
                throw APIError.badRequest("workflow_run.bad_event_id", "Last-Event-ID must be a sequence number this feed sent.",
                                          pointer: "/headers/Last-Event-ID")
            }
            after = value
        }
        guard request.headers[.accept]?.contains("text/event-stream") == true else {
            let updates = try await service.runs.updates(scope, after: after ?? 0, runID: runID)
            let page = WorkflowRunUpdatePage(items: updates, lastEventID: updates.last?.sequence ?? after ?? 0)
            return try JSONResponse(page).response(from: request, context: context)
        }
        // A run's feed starts at its beginning; the organization's at the present.
        var start = after ?? 0
        if after == nil, runID == nil { start = try await service.runs.latestSequence(scope) }
        return WorkflowRunEventStream(runs: service.runs, scope: scope, runID: runID, after: start).response()
    }

    static func runID(_ context: AppRequestContext) throws -> WorkflowRunID {
        try context.id("runID", resource: "workflow_run")
    }
}
