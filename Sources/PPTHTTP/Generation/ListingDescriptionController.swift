import Foundation
import Hummingbird
import NIOCore
import PPTAssistant
import PPTDomain
import PPTStorage

/// Listing descriptions under `/api/v1/orgs/{orgID}`: the portals and their character limits
/// (`ai/listing-portals`), generating a version of a listing's titles and descriptions, listing the
/// versions, and publishing one language of a version to the listing.
package struct ListingDescriptionController: Sendable {
    private let service: ListingDescriptionService

    package init(generation: GenerationServices) { service = generation.listingDescriptions }

    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("ai/listing-portals", use: portals)
        org.put("ai/listing-portals", use: savePortal)
        org.get("listings/:listingID/descriptions", use: versions)
        org.post("listings/:listingID/descriptions", use: generate)
        org.post("listings/:listingID/descriptions/:generationID/publish", use: publish)
    }

    /// The body of a publish request (`language` is checked after the listing and version are found).
    struct PublishInput: Decodable { var language: AppLocale? }

    @Sendable func portals(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<[ListingPortal]> {
        JSONResponse(try await service.portals(try context.requireScope()))
    }

    @Sendable func savePortal(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ListingPortal> {
        let scope = try context.requireScope()
        let input = try await request.decode(as: ListingPortalInput.self, context: context)
        return JSONResponse(try await service.savePortal(scope, input))
    }

    @Sendable func versions(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<ListingDescriptionVersion>>
    {
        JSONResponse(try await service.versions(try context.requireScope(),
                                                listingID: try context.id("listingID", resource: "listing"),
                                                page: try request.pageRequest()))
    }

    /// Every field of the body is optional, so an empty body asks for the defaults.
    @Sendable func generate(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<ListingDescriptionVersion>
    {
        let scope = try context.requireScope()
        let listingID: ListingID = try context.id("listingID", resource: "listing")
        var body = request
        let buffer = try await body.collectBody(upTo: context.maxUploadSize)
        let input = buffer.readableBytes == 0 ? ListingDescriptionRequest()
            : try ProblemJSONDecoder.decode(ListingDescriptionRequest.self, from: Data(buffer.readableBytesView))
        return JSONResponse(try await service.generate(scope, listingID: listingID, input), status: .created)
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<ListingDescriptionPublication>
    {
        let scope = try context.requireScope()
        let listingID: ListingID = try context.id("listingID", resource: "listing")
        let generationID: GenerationID = try context.id("generationID", resource: "generation")
        var body = request
        let buffer = try await body.collectBody(upTo: context.maxUploadSize)
        let input = buffer.readableBytes == 0 ? PublishInput(language: nil)
            : try ProblemJSONDecoder.decode(PublishInput.self, from: Data(buffer.readableBytesView))
        return JSONResponse(try await service.publish(scope, listingID: listingID, generationID: generationID,
                                                      language: input.language))
    }
}
