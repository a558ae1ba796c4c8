import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage
import PPTVoice

/// The token endpoint (RFC 6749 §3.2, §4.1.3, §6), revocation (RFC 7009) and introspection (RFC 7662).
extension OAuthController {
    /// RFC 6749 §5.1.
    struct TokenBody: Encodable {
        let accessToken: String
        let tokenType = "Bearer"
        let expiresIn: Int
        let refreshToken: String
        let scope: String

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in"
            case refreshToken = "refresh_token", scope
        }
    }

    /// RFC 6749 §5.2.
    struct ErrorBody: Encodable {
        let error: String
        let errorDescription: String?

        enum CodingKeys: String, CodingKey { case error, errorDescription = "error_description" }
    }

    /// RFC 7662 §2.2.
    struct IntrospectionBody: Encodable {
        let active: Bool
        var scope: String?
        var clientID: String?
        var sub: String?
        var exp: Int?
        var tokenType: String?
        var pptOrg: String?

        enum CodingKeys: String, CodingKey {
            case active, scope, clientID = "client_id", sub, exp, tokenType = "token_type", pptOrg = "ppt_org"
        }
    }

    static func oauthError(_ code: OAuthErrorCode, _ description: String? = nil) -> Response {
        let status: HTTPResponse.Status = code == .invalidClient ? .unauthorized : .badRequest
        let headers: HTTPFields = code == .invalidClient ? [.wwwAuthenticate: "Basic realm=\"ppt-oauth\""] : [:]
        // Encoding two strings cannot fail.
        return (try? json(ErrorBody(error: code.rawValue, errorDescription: description), status: status,
                          headers: headers)) ?? Response(status: status)
    }

    /// The single-valued form and the authenticated client of a token, revocation or introspection
    /// request, or the error response.
    func clientForm(_ request: Request) async throws
        -> Result<(form: [String: String], client: OAuthClient), OAuthFailureResponse>
    {
        let raw = await Self.form(request)
        switch Self.singleValued(raw) {
        case .failure(let failure): return .failure(failure)
        case .success(let form):
            return try await authenticatedClient(request, raw ?? [:]).map { (form, $0) }
        }
    }

    /// The authenticated client of a token, revocation or introspection request, or the error response.
    func authenticatedClient(_ request: Request, _ form: [String: [String]]) async throws
        -> Result<OAuthClient, OAuthFailureResponse>
    {
        let credentials: OAuthClientCredentials?
        do {
            credentials = try OAuthClientCredentials.from(authorization: request.headers[.authorization], form: form)
        } catch {
            return .failure(OAuthFailureResponse(
                Self.oauthError(.invalidRequest, "Use one client authentication method.")))
        }
        guard let credentials, let client = try await repository.authenticateClient(
            id: credentials.clientID, secret: credentials.secret)
        else { return .failure(OAuthFailureResponse(Self.oauthError(.invalidClient, "Client authentication failed."))) }
        if let posted = form["client_id"]?.first, posted != client.id {
            return .failure(OAuthFailureResponse(Self.oauthError(.invalidRequest, "client_id does not match.")))
        }
        return .success(client)
    }

    /// A form with every parameter at most once (RFC 6749 §3.1), or the error response.
    static func singleValued(_ form: [String: [String]]?) -> Result<[String: String], OAuthFailureResponse> {
        guard let form else {
            return .failure(OAuthFailureResponse(oauthError(.invalidRequest, "Send application/x-www-form-urlencoded.")))
        }
        if let repeated = form.first(where: { $0.value.count > 1 }) {
            return .failure(OAuthFailureResponse(oauthError(.invalidRequest, "\(repeated.key) is repeated.")))
        }
        return .success(form.compactMapValues(\.first))
    }

    @Sendable func token(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form: [String: String], client: OAuthClient
        switch try await clientForm(request) {
        case .success(let value): (form, client) = value
        case .failure(let failure): return failure.response
        }
        do {
            let pair: OAuthTokenPair
            switch form["grant_type"] {
            case "authorization_code":
                guard let code = form["code"], let redirectURI = form["redirect_uri"], let verifier = form["code_verifier"]
                else { return Self.oauthError(.invalidRequest, "code, redirect_uri and code_verifier are required.") }
                pair = try await repository.exchangeCode(code, clientID: client.id, redirectURI: redirectURI) {
                    PKCE.verify(verifier: verifier, challenge: $0)
                }
            case "refresh_token":
                guard let refreshToken = form["refresh_token"] else {
                    return Self.oauthError(.invalidRequest, "refresh_token is required.")
                }
                // The new pair keeps the consented scopes (a `scope` parameter cannot widen them).
                pair = try await repository.refresh(refreshToken, clientID: client.id)
            case nil: return Self.oauthError(.invalidRequest, "grant_type is required.")
            default: return Self.oauthError(.unsupportedGrantType)
            }
            return try Self.json(TokenBody(accessToken: pair.accessToken, expiresIn: pair.expiresIn,
                                           refreshToken: pair.refreshToken, scope: OAuthScopes.format(pair.scopes)),
                                 status: .ok)
        } catch OAuthGrantFailure.invalidGrant(let description) {
            context.logger.notice("oauth grant refused", metadata: ["ppt.oauth_client": "\(client.id)"])
            return Self.oauthError(.invalidGrant, description)
        }
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form: [String: String], client: OAuthClient
        switch try await clientForm(request) {
        case .success(let value): (form, client) = value
        case .failure(let failure): return failure.response
        }
        guard let token = form["token"] else { return Self.oauthError(.invalidRequest, "token is required.") }
        try await repository.revoke(token, clientID: client.id)
        return Response(status: .ok, headers: [.cacheControl: "no-store"])
    }

    @Sendable func introspect(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form: [String: String], client: OAuthClient
        switch try await clientForm(request) {
        case .success(let value): (form, client) = value
        case .failure(let failure): return failure.response
        }
        guard let token = form["token"] else { return Self.oauthError(.invalidRequest, "token is required.") }
        // A client learns only about its own tokens: no probing of other platforms' tokens.
        guard let found = try await repository.introspect(token), found.clientID == client.id else {
            return try Self.json(IntrospectionBody(active: false), status: .ok)
        }
        return try Self.json(IntrospectionBody(
            active: true, scope: OAuthScopes.format(found.scopes), clientID: found.clientID,
            sub: found.userID.rawValue, exp: Int(found.expiresAt.timeIntervalSince1970), tokenType: found.tokenType,
            pptOrg: found.organizationID.rawValue), status: .ok)
    }
}

/// A finished OAuth error response carried through a `Result`.
struct OAuthFailureResponse: Error {
    let response: Response
    init(_ response: Response) { self.response = response }
}
