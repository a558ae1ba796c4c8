import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// On `/orgs/{orgID}/...` routes: requires a signed-in member of that organization and sets
/// `context.scope`. Non-members get 404, so ids of other tenants reveal nothing (DESIGN §3).
package struct OrganizationScopeMiddleware: RouterMiddleware {
    package typealias Context = AppRequestContext
    private let accounts: AccountRepository

    package init(accounts: AccountRepository) { self.accounts = accounts }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let identity = try context.requireIdentity()
        let organizationID: OrganizationID = try context.id("orgID", resource: "organization")
        guard let scope = try await accounts.scope(userID: identity.userID, organizationID: organizationID) else {
            throw APIError(DomainError.notFound("organization"))
        }
        var context = context
        context.scope = scope
        context.logger[metadataKey: "ppt.org_id"] = "\(organizationID)"
        return try await next(request, context)
    }
}
