import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PPTDomain
import PPTStorage
import PPTVoice

/// The authorization endpoint (RFC 6749 §4.1.1) with PKCE S256: a sign-in page, then the choice of
/// organization and unit, then a redirect with a single-use code. Errors go back to the client only
/// when its redirect URI is registered (§4.1.2.1); otherwise an error page, never a redirect.
extension OAuthController {
    /// A validated authorization request.
    struct AuthorizationRequest {
        let client: OAuthClient
        let redirectURI: String
        let scopes: [String]
        let state: String?
        let challenge: String

        var scope: String { OAuthScopes.format(scopes) }
        /// What the CSRF token signs: every parameter of the request and the browser's consent cookie.
        func signedFields(nonce: String) -> [String] {
            ["authorize", client.id, redirectURI, scope, state ?? "", challenge, nonce]
        }

        func hidden(csrf: String) -> [(String, String)] {
            [("response_type", "code"), ("client_id", client.id), ("redirect_uri", redirectURI), ("scope", scope),
             ("state", state ?? ""),
             ("code_challenge", challenge), ("code_challenge_method", "S256"), ("csrf", csrf)]
        }
    }

    /// The cookie holding the consent form's browser nonce.
    static let cookie = "ppt_oauth_consent"

    /// The nonce of the consent cookie, if the browser sent it.
    static func cookieNonce(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == cookie, !parts[1].isEmpty { return String(parts[1]) }
            }
        }
        return nil
    }

    /// How long a consent form (and the sign-in ticket in it) stays valid.
    static let formLifetime: TimeInterval = 10 * 60

    static func html(_ text: String, status: HTTPResponse.Status, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ uri: String, _ parameters: [(String, String)]) -> Response {
        Response(status: .found, headers: [.location: OAuthRedirectURI.redirect(uri, with: parameters),
                                           .cacheControl: "no-store"])
    }

    static func errorRedirect(_ uri: String, _ code: OAuthErrorCode, _ description: String, state: String?)
        -> Response
    {
        redirect(uri, [("error", code.rawValue), ("error_description", description)]
                 + (state.map { [("state", $0)] } ?? []))
    }

    /// The request, or the response for a bad one (an error page before the redirect URI is trusted,
    /// an error redirect after).
    func authorizationRequest(_ params: [String: [String]], page: OAuthConsentPage) async throws
        -> Result<AuthorizationRequest, OAuthFailureResponse>
    {
        let text = OAuthConsentText.of(page.locale)
        guard let ids = params["client_id"], ids.count == 1, let client = try await repository.client(id: ids[0]) else {
            return .failure(OAuthFailureResponse(Self.html(page.error(text.unknownClient), status: .badRequest)))
        }
        guard let uris = params["redirect_uri"], uris.count == 1,
              OAuthRedirectURI.matches(uris[0], registered: client.redirectURIs)
        else { return .failure(OAuthFailureResponse(Self.html(page.error(text.badRedirect), status: .badRequest))) }
        let redirectURI = uris[0]
        let state = params["state"]?.first.flatMap { $0.isEmpty ? nil : $0 }
        func fail(_ code: OAuthErrorCode, _ description: String) -> Result<AuthorizationRequest, OAuthFailureResponse> {
            .failure(OAuthFailureResponse(Self.errorRedirect(redirectURI, code, description, state: state)))
        }
        if let repeated = params.first(where: { $0.value.count > 1 }) {
            return fail(.invalidRequest, "\(repeated.key) is repeated.")
        }
        guard params["response_type"]?.first == "code" else {
            return fail(.unsupportedResponseType, "Only response_type=code is supported.")
        }
        guard params["code_challenge_method"]?.first == "S256" else {
            return fail(.invalidRequest, "PKCE with code_challenge_method=S256 is required.")
        }
        guard let challenge = params["code_challenge"]?.first, PKCE.isValidChallenge(challenge) else {
            return fail(.invalidRequest, "code_challenge must be an S256 challenge.")
        }
        guard let scopes = OAuthScopes.grant(requested: params["scope"]?.first, allowed: client.scopes) else {
            return fail(.invalidScope, "The requested scope is not allowed for this client.")
        }
        return .success(AuthorizationRequest(client: client, redirectURI: redirectURI, scopes: scopes, state: state,
                                             challenge: challenge))
    }

    @Sendable func authorizePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = OAuthConsentPage(locale: OAuthConsentPage.locale(acceptLanguage: request.headers[.acceptLanguage]))
        guard let params = OAuthForm.parse(request.uri.query ?? "") else {
            return Self.html(page.error(OAuthConsentText.of(page.locale).badForm), status: .badRequest)
        }
        switch try await authorizationRequest(params, page: page) {
        case .failure(let failure): return failure.response
        case .success(let authorization):
            // The form is bound to this browser too: a nonce in a cookie that cross-site pages cannot set.
            let nonce = OAuthConsentSigner.nonce()
            let csrf = signer.sign(authorization.signedFields(nonce: nonce),
                                   expires: clock.now().addingTimeInterval(Self.formLifetime))
            let secure = (publicURL ?? "").lowercased().hasPrefix("https://") ? "; Secure" : ""
            return Self.html(page.login(client: authorization.client.name, scopes: authorization.scopes,
                                        hidden: authorization.hidden(csrf: csrf)), status: .ok,
                             headers: [.setCookie: "\(Self.cookie)=\(nonce); Path=/oauth; HttpOnly; SameSite=Lax\(secure)"])
        }
    }

    @Sendable func authorizeForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = OAuthConsentPage(locale: OAuthConsentPage.locale(acceptLanguage: request.headers[.acceptLanguage]))
        let text = OAuthConsentText.of(page.locale)
        guard let form = await Self.form(request) else { return Self.html(page.error(text.badForm), status: .badRequest) }
        let authorization: AuthorizationRequest
        switch try await authorizationRequest(form, page: page) {
        case .failure(let failure): return failure.response
        case .success(let value): authorization = value
        }
        // The form must come from our page for this very request (CSRF).
        guard let csrf = form["csrf"]?.first, let nonce = Self.cookieNonce(request),
              signer.verify(csrf, fields: authorization.signedFields(nonce: nonce), now: clock.now())
        else { return Self.html(page.error(text.badForm), status: .forbidden) }
        switch form["action"]?.first {
        case "deny":
            return Self.errorRedirect(authorization.redirectURI, .accessDenied, "The user denied access.",
                                      state: authorization.state)
        case "login":
            return try await signIn(request, context: context, form: form, authorization: authorization, csrf: csrf,
                                    page: page)
        case "consent":
            return try await consent(form: form, authorization: authorization, csrf: csrf, page: page)
        default:
            return Self.html(page.error(text.badForm), status: .badRequest)
        }
    }

    /// Checks the password with the same throttling as `POST /api/v1/auth/login`, then offers the choice.
    func signIn(_ request: Request, context: AppRequestContext, form: [String: [String]],
                authorization: AuthorizationRequest, csrf: String, page: OAuthConsentPage) async throws -> Response {
        let text = OAuthConsentText.of(page.locale)
        let email = AccountRepository.normalize(email: form["email"]?.first ?? "")
        let hidden = authorization.hidden(csrf: csrf)
        let keys = ["email:\(email)", "ip:\(context.clientAddress(request, trustForwardedFor: trustForwardedFor))"]
        do {
            try await sessions.reserveAttempt(keys)
        } catch let error as DomainError where error.kind == .tooManyRequests {
            return Self.html(page.login(client: authorization.client.name, scopes: authorization.scopes, hidden: hidden,
                                        email: email, error: text.locked),
                             status: .tooManyRequests,
                             headers: error.retryAfterSeconds.map { [.retryAfter: String($0)] } ?? [:])
        }
        let found = try await accounts.credentials(email: email)
        let valid = try await hasher.verify(form["password"]?.first ?? "", hashOrNil: found?.passwordHash)
        guard let found, valid else {
            context.logger.notice("oauth consent sign-in failed")
            return Self.html(page.login(client: authorization.client.name, scopes: authorization.scopes, hidden: hidden,
                                        email: email, error: text.invalidCredentials), status: .unauthorized)
        }
        try await sessions.recordSuccess(keys)
        return try await choicePage(user: found.user, authorization: authorization, csrf: csrf, page: page,
                                    error: nil, status: .ok)
    }

    /// The organization/unit choices of `userID`: organizations for staff roles, one entry per current
    /// unit for resident-like roles (who act only for their units).
    func options(userID: UserID) async throws -> [(value: String, label: String)] {
        try await repository.consentChoices(userID: userID).flatMap { choice -> [(value: String, label: String)] in
            guard choice.role.isResidentLike else {
                return [(choice.organizationID.rawValue, choice.organizationName)]
            }
            return choice.units.map { ("\(choice.organizationID.rawValue):\($0.id.rawValue)",
                                       "\(choice.organizationName) — \($0.label)") }
        }
    }

    func choicePage(user: User, authorization: AuthorizationRequest, csrf: String, page: OAuthConsentPage,
                    error: String?, status: HTTPResponse.Status) async throws -> Response {
        let options = try await options(userID: user.id)
        guard !options.isEmpty else {
            return Self.html(page.error(OAuthConsentText.of(page.locale).noOrganizations), status: .forbidden)
        }
        let ticket = signer.sign(["consent", user.id.rawValue, csrf],
                                 expires: clock.now().addingTimeInterval(Self.formLifetime))
        return Self.html(page.consent(client: authorization.client.name, user: user.email, scopes: authorization.scopes,
                                      options: options,
                                      hidden: authorization.hidden(csrf: csrf) + [("user", user.id.rawValue),
                                                                                   ("ticket", ticket)],
                                      error: error), status: status)
    }

    /// Issues the code for the signed-in user's choice and sends the browser back to the client.
    func consent(form: [String: [String]], authorization: AuthorizationRequest, csrf: String,
                 page: OAuthConsentPage) async throws -> Response {
        let text = OAuthConsentText.of(page.locale)
        guard let userText = form["user"]?.first, let ticket = form["ticket"]?.first,
              signer.verify(ticket, fields: ["consent", userText, csrf], now: clock.now()),
              let userID = UserID(userText), let user = try await accounts.user(id: userID)
        else { return Self.html(page.error(text.expired), status: .forbidden) }
        let target = form["target"]?.first ?? ""
        guard try await options(userID: userID).contains(where: { $0.value == target }) else {
            return try await choicePage(user: user, authorization: authorization, csrf: csrf, page: page,
                                        error: text.invalidChoice, status: .badRequest)
        }
        let parts = target.split(separator: ":").map(String.init)
        guard let organizationID = OrganizationID(parts[0]) else {
            return Self.html(page.error(text.badForm), status: .badRequest)
        }
        let code = try await repository.createCode(OAuthCodeGrant(
            clientID: authorization.client.id, redirectURI: authorization.redirectURI,
            codeChallenge: authorization.challenge, userID: userID, organizationID: organizationID,
            unitID: parts.count > 1 ? UnitID(parts[1]) : nil, scopes: authorization.scopes))
        return Self.redirect(authorization.redirectURI,
                             [("code", code)] + (authorization.state.map { [("state", $0)] } ?? []))
    }
}
