import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// Owners' votes, ballots and results under `/api/v1/orgs/{orgID}`.
package struct VoteController: Sendable {
    private let votes: VoteRepository

    package init(votes: VoteRepository) { self.votes = votes }

    /// Registers the routes on the organization-scoped group (`/api/v1/orgs/{orgID}`).
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("votes", use: list)
        org.post("votes", use: create)
        org.get("votes/:voteID", use: get)
        org.put("votes/:voteID", use: update)
        org.post("votes/:voteID/schedule", use: schedule)
        org.post("votes/:voteID/open", use: open)
        org.post("votes/:voteID/close", use: close)
        org.get("votes/:voteID/responses", use: responses)
        org.post("votes/:voteID/responses", use: respond)
        org.get("votes/:voteID/results", use: results)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Page<Vote>> {
        JSONResponse(try await votes.votes(try context.requireScope(), page: try request.pageRequest()))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Vote> {
        let input = try await request.decode(as: VoteInput.self, context: context)
        return JSONResponse(try await votes.create(try context.requireScope(), input), status: .created)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Vote> {
        JSONResponse(try await votes.vote(try context.requireScope(), id: try context.id("voteID", resource: "vote")))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Vote> {
        let scope = try context.requireScope()
        let id: VoteID = try context.id("voteID", resource: "vote")
        let input = try await request.decode(as: VoteInput.self, context: context)
        return JSONResponse(try await votes.update(scope, id: id, input))
    }

    @Sendable func schedule(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Vote> {
        let scope = try context.requireScope()
        let id: VoteID = try context.id("voteID", resource: "vote")
        let input = try await request.decode(as: VoteSchedule.self, context: context)
        return JSONResponse(try await votes.schedule(scope, id: id, input))
    }

    /// The body (`{"endsAt": ...}`) is optional.
    @Sendable func open(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Vote> {
        let scope = try context.requireScope()
        let id: VoteID = try context.id("voteID", resource: "vote")
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let input = body.readableBytes == 0
            ? VoteOpening() : try ProblemJSONDecoder.decode(VoteOpening.self, from: Data(body.readableBytesView))
        return JSONResponse(try await votes.open(scope, id: id, input))
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Vote> {
        JSONResponse(try await votes.close(try context.requireScope(), id: try context.id("voteID", resource: "vote")))
    }

    @Sendable func responses(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<[VoteResponse]>
    {
        JSONResponse(try await votes.responses(
            try context.requireScope(), id: try context.id("voteID", resource: "vote")))
    }

    @Sendable func respond(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<[VoteResponse]>
    {
        let scope = try context.requireScope()
        let id: VoteID = try context.id("voteID", resource: "vote")
        let ballot = try await request.decode(as: VoteBallot.self, context: context)
        return JSONResponse(try await votes.respond(scope, id: id, ballot))
    }

    @Sendable func results(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<[VoteQuestionResult]>
    {
        JSONResponse(try await votes.results(
            try context.requireScope(), id: try context.id("voteID", resource: "vote")))
    }
}
