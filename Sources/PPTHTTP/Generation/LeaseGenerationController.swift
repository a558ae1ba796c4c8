import Foundation
import Hummingbird
import PPTAssistant
import PPTDomain
import PPTStorage

/// Lease generation under `/api/v1/orgs/{orgID}` (issue #7 item 1), all with `leasesManage`:
/// the organization's clause wording and own clauses (`ai/lease-clauses`), named templates
/// (`ai/lease-templates`), and a lease's drafts: generate, list, edit, finalize into DOCX and HTML.
package struct LeaseGenerationController: Sendable {
    private let leases: LeaseGenerationService

    package init(generation: GenerationServices) { leases = generation.leases }

    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("ai/lease-clauses", use: clauses)
        org.put("ai/lease-clauses", use: saveClause)
        org.delete("ai/lease-clauses", use: deleteClause)
        org.get("ai/lease-templates", use: templates)
        org.put("ai/lease-templates", use: saveTemplate)
        org.delete("ai/lease-templates", use: deleteTemplate)
        org.get("leases/:leaseID/drafts", use: drafts)
        org.post("leases/:leaseID/drafts", use: generate)
        org.put("leases/:leaseID/drafts/:generationID", use: edit)
        org.post("leases/:leaseID/drafts/:generationID/finalize", use: finalize)
    }

    @Sendable func clauses(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<[LeaseClauseView]>
    {
        let scope = try context.requireScope()
        let country = try required(request, "country", as: LeaseCountry.self)
        return JSONResponse(try await leases.clauses.clauses(
            scope, country: country, language: try request.query("language", as: AppLocale.self)))
    }

    @Sendable func saveClause(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<LeaseClauseView>
    {
        let scope = try context.requireScope()
        let input = try await request.decode(as: LeaseClauseInput.self, context: context)
        return JSONResponse(try await leases.clauses.save(scope, input))
    }

    @Sendable func deleteClause(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        let scope = try context.requireScope()
        let country = try required(request, "country", as: LeaseCountry.self)
        let language = try required(request, "language", as: AppLocale.self)
        guard let key = request.uri.queryParameters.get("key"), !key.isEmpty else {
            throw APIError(DomainError.invalid("/query/key", "is required"))
        }
        try await leases.clauses.delete(scope, country: country, language: language, key: key)
        return EmptyResponse()
    }

    @Sendable func templates(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<[LeaseTemplate]>
    {
        JSONResponse(try await leases.clauses.templates(try context.requireScope()))
    }

    @Sendable func saveTemplate(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<LeaseTemplate>
    {
        let scope = try context.requireScope()
        let input = try await request.decode(as: LeaseTemplateInput.self, context: context)
        return JSONResponse(try await leases.clauses.saveTemplate(scope, input))
    }

    @Sendable func deleteTemplate(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        let scope = try context.requireScope()
        let id = try required(request, "id") { LeaseTemplateID($0) }
        try await leases.clauses.deleteTemplate(scope, id: id)
        return EmptyResponse()
    }

    @Sendable func drafts(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<GenerationRecord>>
    {
        let scope = try context.requireScope()
        let leaseID: LeaseID = try context.id("leaseID", resource: "lease")
        return JSONResponse(try await leases.drafts(scope, leaseID: leaseID, page: try request.pageRequest()))
    }

    @Sendable func generate(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<GenerationRecord>
    {
        let scope = try context.requireScope()
        let leaseID: LeaseID = try context.id("leaseID", resource: "lease")
        try await leases.requireVisible(scope, leaseID: leaseID)
        let input = try await request.decode(as: LeaseDraftRequest.self, context: context)
        return JSONResponse(try await leases.generate(scope, leaseID: leaseID, input), status: .created)
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<GenerationRecord> {
        let scope = try context.requireScope()
        let leaseID: LeaseID = try context.id("leaseID", resource: "lease")
        let generationID: GenerationID = try context.id("generationID", resource: "generation")
        try await leases.requireVisible(scope, leaseID: leaseID, generationID: generationID)
        let input = try await request.decode(as: LeaseDraftEdit.self, context: context)
        return JSONResponse(try await leases.edit(scope, leaseID: leaseID, generationID: generationID, input))
    }

    @Sendable func finalize(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<LeaseFinalization>
    {
        let scope = try context.requireScope()
        let leaseID: LeaseID = try context.id("leaseID", resource: "lease")
        let generationID: GenerationID = try context.id("generationID", resource: "generation")
        return JSONResponse(try await leases.finalize(scope, leaseID: leaseID, generationID: generationID))
    }

    private func required<T>(_ request: Request, _ name: String, _ parse: (String) -> T?) throws -> T {
        guard let value = try request.query(name, parse) else {
            throw APIError(DomainError.invalid("/query/\(name)", "is required"))
        }
        return value
    }

    private func required<E: RawRepresentable>(_ request: Request, _ name: String, as type: E.Type) throws -> E
    where E.RawValue == String {
        try required(request, name) { E(rawValue: $0) }
    }
}
