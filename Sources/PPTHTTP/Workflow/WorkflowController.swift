import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PPTDomain
import PPTStorage
import PPTWorkflow

/// Workflows under `/api/v1/orgs/{orgID}/workflows`: definitions (checked on save, versioned),
/// validation, dry runs, YAML import and export, and manual runs. Reads need `.workflowsRead`,
/// changes and runs `.workflowsManage`.
package struct WorkflowController: Sendable {
    private let service: WorkflowService

    /// A controller over the engine's service.
    package init(service: WorkflowService) { self.service = service }

    struct CreateRequest: Decodable {
        let name: String
        let description: String?
        let enabled: Bool?
        let definition: JSONValue
    }

    struct UpdateRequest: Decodable {
        let name: String?
        let description: String?
        let enabled: Bool?
        let definition: JSONValue?
    }

    struct ImportRequest: Decodable {
        let name: String
        let description: String?
        let enabled: Bool?
        let yaml: String
    }

    struct ValidateRequest: Decodable {
        let definition: JSONValue
    }

    struct TestRequest: Decodable {
        /// Only for `POST workflows/test`; a saved workflow's test uses its current definition.
        let definition: JSONValue?
        let trigger: JSONValue?
        let event: JSONValue?
    }

    struct RunRequest: Decodable {
        let input: JSONValue?
    }

    /// Registers the routes on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("workflows", use: list)
        org.post("workflows", use: create)
        org.post("workflows/validate", use: validate)
        org.post("workflows/test", use: testDefinition)
        org.post("workflows/import", use: importYAML)
        org.get("workflows/:workflowID", use: get)
        org.patch("workflows/:workflowID", use: update)
        org.delete("workflows/:workflowID", use: delete)
        org.get("workflows/:workflowID/versions", use: versions)
        org.get("workflows/:workflowID/versions/:version", use: version)
        org.get("workflows/:workflowID/export", use: export)
        org.post("workflows/:workflowID/test", use: testWorkflow)
        org.post("workflows/:workflowID/runs", use: run)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Page<WorkflowResponse>> {
        let triggerType = try request.query("triggerType") { ["event", "schedule", "manual"].contains($0) ? $0 : nil }
        let page = try await service.workflows.workflows(try context.requireScope(), triggerType: triggerType,
                                                         page: try request.pageRequest())
        return JSONResponse(Page(items: page.items.map(WorkflowResponse.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowResponse> {
        let scope = try context.requireScope()
        try scope.require(.workflowsManage)
        let body = try await request.decode(as: CreateRequest.self, context: context)
        let record = try await service.create(scope, name: body.name, description: body.description ?? "",
                                              enabled: body.enabled ?? true, definition: body.definition)
        return JSONResponse(WorkflowResponse(record), status: .created)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowResponse> {
        let record = try await service.workflows.workflow(try context.requireScope(), id: try Self.workflowID(context))
        return JSONResponse(WorkflowResponse(record))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowResponse> {
        let scope = try context.requireScope()
        try scope.require(.workflowsManage)
        let id = try Self.workflowID(context)
        let body = try await request.decode(as: UpdateRequest.self, context: context)
        let record = try await service.update(scope, id: id, name: body.name, description: body.description,
                                              enabled: body.enabled, definition: body.definition)
        return JSONResponse(WorkflowResponse(record))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        try await service.workflows.delete(try context.requireScope(), id: try Self.workflowID(context))
        return EmptyResponse()
    }

    @Sendable func versions(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<ItemList<WorkflowVersionResponse>>
    {
        let versions = try await service.workflows.versions(try context.requireScope(), id: try Self.workflowID(context))
        return JSONResponse(ItemList(items: versions.map(WorkflowVersionResponse.init)))
    }

    @Sendable func version(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowVersionResponse> {
        let scope = try context.requireScope()
        let id = try Self.workflowID(context)
        guard let number = context.parameters.get("version").flatMap(Int.init), number >= 1 else {
            throw APIError(DomainError.notFound("workflow_version"))
        }
        return JSONResponse(WorkflowVersionResponse(try await service.workflows.version(scope, id: id, version: number)))
    }

    @Sendable func validate(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ValidationResponse> {
        let scope = try context.requireScope()
        try scope.require(.workflowsRead)
        let body = try await request.decode(as: ValidateRequest.self, context: context)
        let problems = try await service.problems(scope, body.definition)
        return JSONResponse(ValidationResponse(valid: problems.isEmpty, problems: problems))
    }

    @Sendable func testDefinition(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<WorkflowDryRunResult>
    {
        let scope = try context.requireScope()
        try scope.require(.workflowsRead)
        let body = try await request.decode(as: TestRequest.self, context: context)
        guard let definition = body.definition else {
            throw APIError(DomainError.invalid("/definition", "a workflow definition is required"))
        }
        return JSONResponse(try await service.dryRun(scope, definition: definition, trigger: body.trigger ?? [:],
                                                     event: body.event))
    }

    @Sendable func testWorkflow(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<WorkflowDryRunResult>
    {
        let scope = try context.requireScope()
        let workflow = try await service.workflows.workflow(scope, id: try Self.workflowID(context))
        let body = try await request.decode(as: TestRequest.self, context: context)
        if body.definition != nil {
            throw APIError(DomainError.invalid("/definition", "a saved workflow is tested with its current definition; "
                                               + "use POST workflows/test for another one"))
        }
        return JSONResponse(try await service.dryRun(scope, definition: workflow.definition, trigger: body.trigger ?? [:],
                                                     event: body.event))
    }

    @Sendable func importYAML(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowResponse> {
        let scope = try context.requireScope()
        try scope.require(.workflowsManage)
        let body = try await request.decode(as: ImportRequest.self, context: context)
        let definition: WorkflowDefinition
        do {
            definition = try WorkflowYAML.definition(fromYAML: body.yaml)
        } catch {
            // Pointers of the YAML document's problems sit under the body's `yaml` field.
            throw DomainError(code: error.code, kind: error.kind, message: error.message,
                              fields: error.fields.map { FieldError(pointer: "/yaml" + $0.pointer, detail: $0.detail) })
        }
        let record = try await service.create(scope, name: body.name, description: body.description ?? "",
                                              enabled: body.enabled ?? true, definition: definition.json)
        return JSONResponse(WorkflowResponse(record), status: .created)
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try context.requireScope()
        let format = try request.query("format") { ["json", "yaml"].contains($0) ? $0 : nil } ?? "json"
        let workflow = try await service.workflows.workflow(scope, id: try Self.workflowID(context))
        if format == "yaml" {
            let text = try WorkflowYAML.yaml(json: workflow.definition)
            var headers: HTTPFields = [:]
            headers[.contentType] = "text/yaml; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"workflow-\(workflow.id.rawValue).yaml\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let export = WorkflowExport(name: workflow.name, description: workflow.description, definition: workflow.definition)
        return try JSONResponse(export).response(from: request, context: context)
    }

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<WorkflowRunResponse> {
        let scope = try context.requireScope()
        try scope.require(.workflowsManage)
        let id = try Self.workflowID(context)
        let body = try await request.decode(as: RunRequest.self, context: context)
        let key = request.headers[HTTPField.Name("Idempotency-Key")!]
        let run = try await service.startManual(scope, id: id, input: body.input ?? [:], idempotencyKey: key)
        return JSONResponse(WorkflowRunResponse(run), status: .accepted)
    }

    static func workflowID(_ context: AppRequestContext) throws -> WorkflowID {
        try context.id("workflowID", resource: "workflow")
    }
}
