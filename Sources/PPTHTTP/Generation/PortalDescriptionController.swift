import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PPTDomain

/// Listing descriptions for realtors on the Reality Portal, under
/// `/portal/api/v1/realtor/orgs/{orgID}/listings/{listingID}/descriptions`: the portal has no
/// management features of its own, so it forwards the realtor's request (with their bearer token)
/// to the management API over HTTP and relays the answer, status and problem+json included. The
/// management API authenticates the token and checks `listingsManage` and the organization.
package struct PortalDescriptionController: Sendable {
    private let management: ManagementAPIClient

    package init(management: ManagementAPIClient) { self.management = management }

    /// Registers the routes on the portal's `portal/api/v1` group.
    package func addRoutes(to portal: RouterGroup<AppRequestContext>) {
        portal.post("realtor/orgs/:orgID/listings/:listingID/descriptions", use: generate)
    }

    @Sendable func generate(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let authorization = request.headers[.authorization],
              authorization.lowercased().hasPrefix("bearer "), authorization.count > "bearer ".count else {
            throw APIError.unauthenticated
        }
        let orgID: OrganizationID = try context.id("orgID", resource: "organization")
        let listingID: ListingID = try context.id("listingID", resource: "listing")
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        var headers = request.headers
        // The same request id on both services, so their log lines join up.
        if !context.requestID.isEmpty { headers[.requestID] = context.requestID }
        let relayed = try await management.send(
            .post, path: "/api/v1/orgs/\(orgID.rawValue)/listings/\(listingID.rawValue)/descriptions",
            headers: headers, body: body.readableBytes == 0 ? nil : body, logger: context.logger)
        var responseHeaders = HTTPFields()
        if let contentType = relayed.contentType { responseHeaders[.contentType] = contentType }
        return Response(status: HTTPResponse.Status(code: relayed.status), headers: responseHeaders,
                        body: ResponseBody(byteBuffer: relayed.body))
    }
}
