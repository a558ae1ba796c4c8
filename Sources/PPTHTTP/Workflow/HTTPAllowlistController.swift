import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// The workflow HTTP action's per-organization settings under
/// `/api/v1/orgs/{orgID}/workflow-http-allowlist` (administrators, `.organizationManage`): the hosts
/// that may resolve to private addresses, and rotation of the request-signing secret (the only
/// response that ever contains it).
package struct HTTPAllowlistController: Sendable {
    private let allowlist: HTTPAllowlistRepository

    /// A controller over the organization's allow-list repository.
    package init(allowlist: HTTPAllowlistRepository) { self.allowlist = allowlist }

    struct ReplaceAllowlistRequest: Decodable {
        /// `host`, `host:port`, `[ipv6]:port`; exact names or addresses.
        let hosts: [String]
    }

    /// The new signing secret, shown once.
    struct SigningSecretResponse: Encodable, Sendable {
        let secret: String
        let header: String
        let scheme: String
    }

    /// Registers the routes on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("workflow-http-allowlist", use: get)
        org.put("workflow-http-allowlist", use: replace)
        org.post("workflow-http-allowlist/signing-secret", use: rotate)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<HTTPAllowlistSettings> {
        JSONResponse(try await allowlist.settings(try context.requireScope()))
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<HTTPAllowlistSettings>
    {
        let scope = try context.requireScope()
        try scope.require(.organizationManage)
        let body = try await request.decode(as: ReplaceAllowlistRequest.self, context: context)
        return JSONResponse(try await allowlist.replace(scope, hosts: body.hosts))
    }

    @Sendable func rotate(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<SigningSecretResponse>
    {
        let secret = try await allowlist.rotateSigningSecret(try context.requireScope())
        return JSONResponse(
            SigningSecretResponse(secret: secret, header: "X-PPT-Signature",
                                  scheme: "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" keyed with secret>"),
            headers: [.cacheControl: "no-store"])
    }
}
