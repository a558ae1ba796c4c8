import Foundation
import Hummingbird
import PPTAssistant
import PPTDomain
import PPTStorage

/// The organization's generation requests under `/api/v1/orgs/{orgID}/ai/generations`: every
/// lease, listing description, summary and announcement-draft request with its inputs, model,
/// tokens, cost, latency, status and result. Members see their own; `generationsRead` sees all.
package struct GenerationController: Sendable {
    private let generations: GenerationRepository

    package init(generation: GenerationServices) { generations = generation.generations }

    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("ai/generations", use: list)
        org.get("ai/generations/:generationID", use: get)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Page<GenerationRecord>> {
        let filter = GenerationFilter(kind: try request.query("kind", as: GenerationKind.self),
                                      status: try request.query("status", as: GenerationStatus.self),
                                      subject: request.uri.queryParameters.get("subject"))
        return JSONResponse(try await generations.generations(try context.requireScope(), filter: filter,
                                                              page: try request.pageRequest()))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<GenerationRecord> {
        JSONResponse(try await generations.generation(try context.requireScope(),
                                                      id: try context.id("generationID", resource: "generation")))
    }
}
