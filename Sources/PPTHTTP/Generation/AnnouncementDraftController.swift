import Foundation
import Hummingbird
import PPTAssistant
import PPTDomain
import PPTStorage

/// Announcement drafts under `/api/v1/orgs/{orgID}/ai`: the scenario templates, generating 1–3
/// alternatives in the requested languages, and choosing one, which becomes a draft announcement.
/// Every route needs `announcementsManage`; generating also the `llm.document_generation` flag.
package struct AnnouncementDraftController: Sendable {
    private let service: AnnouncementDraftService

    package init(generation: GenerationServices) { service = generation.announcementDrafts }

    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("ai/announcement-scenarios", use: scenarios)
        org.post("ai/announcement-drafts", use: generate)
        org.post("ai/announcement-drafts/:generationID/choose", use: choose)
    }

    /// The list of scenarios.
    struct Scenarios: Encodable, Sendable { var items: [AnnouncementScenario] }

    @Sendable func scenarios(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Scenarios> {
        JSONResponse(Scenarios(items: try service.scenarios(try context.requireScope())))
    }

    @Sendable func generate(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<AnnouncementDrafts> {
        let scope = try context.requireScope()
        let input = try await request.decode(as: AnnouncementDraftRequest.self, context: context)
        return JSONResponse(try await service.generate(scope, input), status: .created)
    }

    @Sendable func choose(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Announcement> {
        let scope = try context.requireScope()
        let id: GenerationID = try context.id("generationID", resource: "generation")
        let choice = try await request.decode(as: AnnouncementDraftChoice.self, context: context)
        return JSONResponse(try await service.choose(scope, generationID: id, choice), status: .created)
    }
}
