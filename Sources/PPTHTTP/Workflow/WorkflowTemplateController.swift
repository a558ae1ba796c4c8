import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage
import PPTWorkflow

/// The workflow template library (built-in `builtin.*` templates and the organization's own) under
/// `/api/v1/orgs/{orgID}/workflow-templates`, and the action catalogue (`workflow-actions`).
/// Built-in templates are read-only: deleting one answers 409 `workflow_template.built_in`.
package struct WorkflowTemplateController: Sendable {
    private let service: WorkflowService
    private let templates: WorkflowTemplateRepository

    /// A controller over the engine's service (catalogue, checks, dry runs) and the org templates' store.
    package init(service: WorkflowService, templates: WorkflowTemplateRepository) {
        self.service = service
        self.templates = templates
    }

    struct PreviewRequest: Decodable {
        let parameters: [String: JSONValue]?
        let trigger: JSONValue?
    }

    struct ImportRequest: Decodable {
        let name: String
        let description: String?
        let parameters: [String: JSONValue]?
        let enabled: Bool?
    }

    struct BindingBody: Decodable {
        let pointer: String
        let parameter: String
    }

    struct SaveRequest: Decodable {
        let name: String
        let description: String?
        let category: WorkflowTemplateCategory
        let workflowID: WorkflowID?
        let definition: JSONValue?
        let parameters: [WorkflowParameter]?
        let bindings: [BindingBody]?
    }

    /// Registers the routes on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("workflow-actions", use: actions)
        org.get("workflow-templates", use: list)
        org.post("workflow-templates", use: save)
        org.get("workflow-templates/:templateID", use: get)
        org.delete("workflow-templates/:templateID", use: delete)
        org.post("workflow-templates/:templateID/preview", use: preview)
        org.post("workflow-templates/:templateID/import", use: instantiate)
    }

    @Sendable func actions(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<ItemList<WorkflowActionDescription>>
    {
        try context.requireScope().require(.workflowsRead)
        let actions = service.actionCatalogue.sorted { $0.name < $1.name }.map(WorkflowActionDescription.init)
        return JSONResponse(ItemList(items: actions))
    }

    /// The built-in library (by category, then name) followed by the organization's templates
    /// (newest first); `?category` narrows both.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<ItemList<WorkflowTemplateResponse>>
    {
        let scope = try context.requireScope()
        try scope.require(.workflowsRead)
        let category = try request.query("category", as: WorkflowTemplateCategory.self)
        var items = try WorkflowTemplateLibrary.builtIn().filter { category == nil || $0.category == category }
            .map(WorkflowTemplateResponse.init)
        var cursor: Cursor?
        repeat {
            let page = try await templates.list(scope, category: category, page: PageRequest(limit: 200, cursor: cursor))
            items += page.items.map(WorkflowTemplateResponse.init)
            cursor = page.nextCursor.flatMap { Cursor(token: $0) }
        } while cursor != nil
        return JSONResponse(ItemList(items: items))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowTemplateResponse> {
        let scope = try context.requireScope()
        let id = try Self.templateID(context)
        if id.hasPrefix(WorkflowTemplate.builtInPrefix) {
            try scope.require(.workflowsRead)
            return JSONResponse(WorkflowTemplateResponse(try WorkflowTemplateLibrary.builtIn(id: id)))
        }
        return JSONResponse(WorkflowTemplateResponse(try await templates.get(scope, id: id)))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        let scope = try context.requireScope()
        try scope.require(.workflowsManage)
        let id = try Self.templateID(context)
        if id.hasPrefix(WorkflowTemplate.builtInPrefix) {
            _ = try WorkflowTemplateLibrary.builtIn(id: id)
            throw APIError(DomainError(code: "workflow_template.built_in", kind: .conflict,
                                       message: "Built-in templates are part of PPT and cannot be deleted."))
        }
        try await templates.delete(scope, id: id)
        return EmptyResponse()
    }

    /// The definition for the given parameters, its problems, and a dry run when a trigger is given.
    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<TemplatePreviewResponse> {
        let scope = try context.requireScope()
        try scope.require(.workflowsRead)
        let template = try await template(scope, id: try Self.templateID(context))
        let body = try await request.decode(as: PreviewRequest.self, context: context)
        let definition = try template.render(parameters: body.parameters ?? [:])
        let problems = service.problems(definition)
        var dryRun: WorkflowDryRunResult?
        if let trigger = body.trigger, problems.isEmpty {
            dryRun = try await service.dryRun(scope, definition: definition, trigger: trigger, event: nil)
        }
        return JSONResponse(TemplatePreviewResponse(definition: definition, problems: problems, dryRun: dryRun))
    }

    /// Creates a workflow from a template and parameter values.
    @Sendable func instantiate(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowResponse> {
        let scope = try context.requireScope()
        try scope.require(.workflowsManage)
        let template = try await template(scope, id: try Self.templateID(context))
        let body = try await request.decode(as: ImportRequest.self, context: context)
        let definition = try template.instantiate(parameters: body.parameters ?? [:])
        let record = try await service.create(scope, name: body.name, description: body.description ?? template.description,
                                              enabled: body.enabled ?? true, definition: definition.json)
        return JSONResponse(WorkflowResponse(record), status: .created)
    }

    /// Saves a workflow (by id) or a definition as an organization template.
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowTemplateResponse> {
        let scope = try context.requireScope()
        try scope.require(.workflowsManage)
        let body = try await request.decode(as: SaveRequest.self, context: context)
        let definition: JSONValue
        switch (body.workflowID, body.definition) {
        case (let id?, nil): definition = try await service.workflows.workflow(scope, id: id).definition
        case (nil, let json?): definition = json
        default:
            throw APIError(DomainError.invalid("/workflowID", "give either workflowID or definition"))
        }
        let made = try WorkflowTemplate.make(
            name: body.name, description: body.description ?? "", category: body.category,
            parameters: body.parameters ?? [], definition: definition,
            bindings: (body.bindings ?? []).map { TemplateBinding(pointer: $0.pointer, parameter: $0.parameter) })
        let stored = try await templates.create(scope, WorkflowTemplateInput(
            name: made.name, description: made.description, category: made.category,
            parameters: .array(made.parameters.map(\.json)), definition: made.definition))
        return JSONResponse(WorkflowTemplateResponse(stored), status: .created)
    }

    /// A built-in template or one of the organization's, ready to render.
    private func template(_ scope: OrgScope, id: String) async throws -> WorkflowTemplate {
        if id.hasPrefix(WorkflowTemplate.builtInPrefix) { return try WorkflowTemplateLibrary.builtIn(id: id) }
        let stored = try await templates.get(scope, id: id)
        return try WorkflowTemplate.read([
            "id": .string(stored.id), "name": .string(stored.name), "description": .string(stored.description),
            "category": .string(stored.category.rawValue), "parameters": stored.parameters, "definition": stored.definition,
        ])
    }

    static func templateID(_ context: AppRequestContext) throws -> String {
        guard let id = context.parameters.get("templateID"), !id.isEmpty, id.count <= 200 else {
            throw APIError(DomainError.notFound("workflow_template"))
        }
        return id
    }
}
