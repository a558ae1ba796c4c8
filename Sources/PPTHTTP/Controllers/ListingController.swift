import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// Listings as the organization manages them, and the inquiries the public sent, under
/// `/api/v1/orgs/{orgID}`. The public side is `PortalController`.
package struct ListingController: Sendable {
    private let listings: ListingRepository

    package init(listings: ListingRepository) { self.listings = listings }

    /// Registers the routes on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("listings", use: list)
        org.post("listings", use: create)
        org.get("listings/:listingID", use: get)
        org.put("listings/:listingID", use: update)
        org.post("listings/:listingID/publish", use: publish)
        org.post("listings/:listingID/reserve", use: reserve)
        org.post("listings/:listingID/close", use: close)
        org.get("inquiries", use: inquiries)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Page<Listing>> {
        let status = try request.query("status", as: ListingStatus.self)
        return JSONResponse(try await listings.listings(
            try context.requireScope(), status: status, page: try request.pageRequest()))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Listing> {
        let input = try await request.decode(as: ListingInput.self, context: context)
        return JSONResponse(try await listings.create(try context.requireScope(), input), status: .created)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Listing> {
        JSONResponse(try await listings.listing(
            try context.requireScope(), id: try context.id("listingID", resource: "listing")))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Listing> {
        let scope = try context.requireScope()
        let id: ListingID = try context.id("listingID", resource: "listing")
        let input = try await request.decode(as: ListingInput.self, context: context)
        return JSONResponse(try await listings.update(scope, id: id, input))
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Listing> {
        JSONResponse(try await listings.publish(
            try context.requireScope(), id: try context.id("listingID", resource: "listing")))
    }

    @Sendable func reserve(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Listing> {
        JSONResponse(try await listings.reserve(
            try context.requireScope(), id: try context.id("listingID", resource: "listing")))
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Listing> {
        JSONResponse(try await listings.close(
            try context.requireScope(), id: try context.id("listingID", resource: "listing")))
    }

    @Sendable func inquiries(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<Inquiry>>
    {
        let listingID = try request.query("listingID") { ListingID($0) }
        return JSONResponse(try await listings.inquiries(
            try context.requireScope(), listingID: listingID, page: try request.pageRequest()))
    }
}
