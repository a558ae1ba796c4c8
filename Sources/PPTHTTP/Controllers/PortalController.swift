import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// The public Reality Portal under `/portal/api/v1`: search and detail of published listings, and
/// inquiries. No sign-in; responses carry only what a listing shows publicly.
package struct PortalController: Sendable {
    private let portal: PortalRepository

    package init(portal: PortalRepository) { self.portal = portal }

    /// A listing as the public sees it: no organization, unit or workflow status.
    struct PortalListing: Encodable, Sendable {
        let id: ListingID
        let type: ListingType
        let title: String
        let description: String
        let price: Money
        let sizeSqm: Double
        let rooms: Int
        let street: String
        let city: String
        let postalCode: String
        let country: String
        let features: [String]
        let publishedAt: Date?

        init(_ listing: Listing) {
            (id, type, title, description, price) =
                (listing.id, listing.type, listing.title, listing.description, listing.price)
            (sizeSqm, rooms, street, city, postalCode, country) =
                (listing.sizeSqm, listing.rooms, listing.street, listing.city, listing.postalCode, listing.country)
            (features, publishedAt) = (listing.features, listing.publishedAt)
        }
    }

    /// One page of search results with the total number of matches.
    struct SearchResponse: Encodable, Sendable {
        let items: [PortalListing]
        let total: Int
        let nextCursor: String?
    }

    /// The receipt of an inquiry.
    struct InquiryReceipt: Encodable, Sendable {
        let id: InquiryID
        let listingID: ListingID
        let createdAt: Date
    }

    /// Registers the routes on the portal group (`/portal/api/v1`).
    package func addRoutes(to portalGroup: RouterGroup<AppRequestContext>) {
        portalGroup.get("listings", use: search)
        portalGroup.get("listings/:listingID", use: get)
        portalGroup.post("listings/:listingID/inquiries", use: inquire)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<SearchResponse>
    {
        let q = request.uri.queryParameters
        let search = ListingSearch(
            text: q.get("text"), city: q.get("city"), type: try request.query("type", as: ListingType.self),
            currency: try request.query("currency", as: Currency.self),
            minPrice: try request.query("minPrice") { Int64($0) },
            maxPrice: try request.query("maxPrice") { Int64($0) },
            minSize: try request.query("minSize") { Double($0) }, maxSize: try request.query("maxSize") { Double($0) },
            minRooms: try request.query("minRooms") { Int($0) }, maxRooms: try request.query("maxRooms") { Int($0) },
            sort: try request.query("sort", as: ListingSort.self) ?? .newest,
            limit: try request.query("limit") { Int($0) } ?? 20, offset: try request.query("offset") { Int($0) } ?? 0,
            cursor: q.get("cursor"))
        let result = try await portal.search(search)
        return JSONResponse(SearchResponse(
            items: result.items.map(PortalListing.init), total: result.total, nextCursor: result.nextCursor))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<PortalListing> {
        JSONResponse(PortalListing(try await portal.listing(id: try context.id("listingID", resource: "listing"))))
    }

    @Sendable func inquire(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<InquiryReceipt>
    {
        let listingID: ListingID = try context.id("listingID", resource: "listing")
        let input = try await request.decode(as: InquiryInput.self, context: context)
        let inquiry = try await portal.submitInquiry(listingID: listingID, input)
        return JSONResponse(InquiryReceipt(id: inquiry.id, listingID: listingID, createdAt: inquiry.createdAt),
                            status: .created)
    }
}
