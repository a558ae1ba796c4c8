import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PPTDomain
import PPTStorage
import PPTVoice

/// What the OAuth server needs beyond `HTTPServices`: the issuer URL and the key of the consent
/// form's signed fields (derive it from the key ring so every instance agrees).
package struct OAuthHTTPServices: Sendable {
    /// The public base URL (`PPT_PUBLIC_URL`), the metadata's issuer; `nil`: `http://<Host>`.
    package var publicURL: String?
    /// HMAC key of the consent form's CSRF token and sign-in ticket.
    package var consentKey: SymmetricKey

    /// Services with a per-process random consent key unless one is given.
    package init(publicURL: String? = nil, consentKey: SymmetricKey = SymmetricKey(size: .bits256)) {
        self.publicURL = publicURL
        self.consentKey = consentKey
    }
}

/// The OAuth 2.0 authorization server for voice account linking: client registration by platform
/// superadmins, the consent pages (`/oauth/authorize`), the token, revocation and introspection
/// endpoints, the RFC 8414 metadata, and the user's and organization's account links.
///
/// Register it on the router BEFORE the global `AuthenticationMiddleware`: clients authenticate at
/// the token endpoint with `Authorization: Basic`, which that middleware would refuse; the `/api/v1`
/// routes here get their own authentication.
package struct OAuthController: Sendable {
    let repository: OAuthRepository
    let accounts: AccountRepository
    let sessions: SessionRepository
    let hasher: PasswordHasher
    let tokens: TokenService
    let clock: any WallClock
    let signer: OAuthConsentSigner
    let publicURL: String?
    let trustForwardedFor: Bool

    /// A controller over the services' database.
    package init(services: HTTPServices, oauth: OAuthHTTPServices = OAuthHTTPServices()) {
        repository = OAuthRepository(database: services.database, clock: services.clock)
        accounts = services.accounts
        sessions = services.sessions
        hasher = services.hasher
        tokens = services.tokens
        clock = services.clock
        signer = OAuthConsentSigner(key: oauth.consentKey)
        publicURL = oauth.publicURL
        trustForwardedFor = services.trustForwardedFor
    }

    /// Registers `/oauth/*`, `/.well-known/oauth-authorization-server` and the `/api/v1` routes.
    package func addRoutes(to router: Router<AppRequestContext>) {
        router.get(".well-known/oauth-authorization-server", use: metadata)
        router.get("oauth/authorize", use: authorizePage)
        router.post("oauth/authorize", use: authorizeForm)
        router.post("oauth/token", use: token)
        router.post("oauth/revoke", use: revoke)
        router.post("oauth/introspect", use: introspect)

        let api = router.group("api/v1").add(middleware: AuthenticationMiddleware(tokens: tokens))
        api.post("admin/oauth/clients", use: createClient)
        api.get("admin/oauth/clients", use: listClients)
        api.get("admin/oauth/clients/:clientID", use: getClient)
        api.delete("admin/oauth/clients/:clientID", use: deleteClient)
        api.get("me/voice/links", use: myLinks)
        api.delete("me/voice/links/:linkID", use: unlink)
        api.group("orgs/:orgID").add(middleware: OrganizationScopeMiddleware(accounts: accounts))
            .get("voice/links", use: organizationLinks)
    }

    /// A client with its secret, returned once at registration.
    struct CreatedClient: Encodable, Sendable {
        let client: OAuthClient
        let clientSecret: String
    }

    /// A list of items.
    struct Items<Item: Encodable & Sendable>: Encodable, Sendable {
        let items: [Item]
    }

    @Sendable func metadata(_ request: Request, context: AppRequestContext) async throws -> Response {
        let issuer = publicURL ?? "http://\(request.head.authority ?? "localhost")"
        return try Self.json(OAuthMetadata(issuer: issuer), status: .ok)
    }

    @Sendable func createClient(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<CreatedClient>
    {
        try PlatformAdminAccess.requireSuperadmin(context)
        let input = try await request.decode(as: OAuthClientInput.self, context: context)
        try input.validate()
        let created = try await repository.createClient(
            name: input.name.trimmingCharacters(in: .whitespacesAndNewlines), platform: input.platform,
            redirectURIs: input.redirectURIs, scopes: input.scopes, createdBy: try context.requireIdentity().userID)
        context.logger.notice("oauth client registered", metadata: ["ppt.oauth_client": "\(created.client.id)"])
        return JSONResponse(CreatedClient(client: created.client, clientSecret: created.secret), status: .created,
                            headers: [.cacheControl: "no-store"])
    }

    @Sendable func listClients(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Items<OAuthClient>>
    {
        try PlatformAdminAccess.requireSuperadmin(context)
        return JSONResponse(Items(items: try await repository.clients()))
    }

    @Sendable func getClient(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<OAuthClient> {
        try PlatformAdminAccess.requireSuperadmin(context)
        guard let id = context.parameters.get("clientID"), let client = try await repository.client(id: id) else {
            throw APIError(DomainError.notFound("oauth client"))
        }
        return JSONResponse(client)
    }

    @Sendable func deleteClient(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        try PlatformAdminAccess.requireSuperadmin(context)
        try await repository.deleteClient(id: context.parameters.get("clientID") ?? "")
        return EmptyResponse()
    }

    @Sendable func myLinks(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Items<OAuthLink>> {
        JSONResponse(Items(items: try await repository.links(userID: try context.requireIdentity().userID)))
    }

    @Sendable func unlink(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        let userID = try context.requireIdentity().userID
        try await repository.unlink(userID: userID, linkID: context.parameters.get("linkID") ?? "")
        return EmptyResponse()
    }

    @Sendable func organizationLinks(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Items<OAuthLink>>
    {
        JSONResponse(Items(items: try await repository.links(try context.requireScope())))
    }

    /// A JSON body that must not be cached (tokens, metadata, OAuth errors).
    static func json(_ value: some Encodable, status: HTTPResponse.Status, headers extra: HTTPFields = [:]) throws
        -> Response
    {
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("Pragma")!] = "no-cache"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = ByteBuffer(bytes: try encoder.encode(value))
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// A form-encoded body (`nil` when it is not one, or too large).
    static func form(_ request: Request) async -> [String: [String]]? {
        guard let type = request.headers[.contentType]?.lowercased(), type.hasPrefix("application/x-www-form-urlencoded"),
              let buffer = try? await request.body.collect(upTo: 64 * 1024)
        else { return nil }
        return OAuthForm.parse(String(buffer: buffer))
    }
}
