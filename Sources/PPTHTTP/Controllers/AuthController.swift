import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// Sign-in, token refresh, sign-out and the current user, under `/api/v1/auth`.
package struct AuthController: Sendable {
    private let accounts: AccountRepository
    private let sessions: SessionRepository
    private let tokens: TokenService
    private let hasher: PasswordHasher
    private let trustForwardedFor: Bool
    /// Voice account links, revoked with the sessions when the password changes.
    private let oauth: OAuthRepository

    package init(accounts: AccountRepository, sessions: SessionRepository, tokens: TokenService,
                 hasher: PasswordHasher, oauth: OAuthRepository, trustForwardedFor: Bool) {
        self.accounts = accounts
        self.oauth = oauth
        self.sessions = sessions
        self.tokens = tokens
        self.hasher = hasher
        self.trustForwardedFor = trustForwardedFor
    }

    struct LoginRequest: Decodable { let email: String; let password: String }
    struct RefreshRequest: Decodable { let refreshToken: String }
    struct ProfileRequest: Decodable { let name: String?; let locale: AppLocale? }
    struct PasswordRequest: Decodable { let currentPassword: String; let newPassword: String }

    /// The tokens returned by login and refresh.
    struct TokenResponse: Encodable, Sendable {
        let accessToken: String
        let tokenType = "Bearer"
        let expiresIn: Int
        let refreshToken: String
        let user: User
    }

    /// The signed-in user and their organizations.
    struct MeResponse: Encodable, Sendable {
        struct OrganizationMembership: Encodable, Sendable {
            let organization: Organization
            let role: Role
            /// What the role may do here (sorted), so a client shows only what will work.
            let permissions: [Permission]
        }
        let user: User
        let memberships: [OrganizationMembership]
    }

    /// Registers the routes on `/api/v1`.
    package func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("auth/login", use: login)
        api.post("auth/refresh", use: refresh)
        api.post("auth/logout", use: logout)
        api.get("me", use: me)
        api.patch("me", use: updateProfile)
        api.post("me/password", use: changePassword)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<TokenResponse> {
        let body = try await request.decode(as: LoginRequest.self, context: context)
        let email = AccountRepository.normalize(email: body.email)
        let keys = ["email:\(email)", "ip:\(context.clientAddress(request, trustForwardedFor: trustForwardedFor))"]
        try await sessions.reserveAttempt(keys)
        let found = try await accounts.credentials(email: email)
        let valid = try await hasher.verify(body.password, hashOrNil: found?.passwordHash)
        guard let found, valid else {
            context.logger.notice("sign-in failed")
            throw APIError(status: .unauthorized, code: "auth.invalid_credentials",
                           detail: "The email or password is not correct.")
        }
        try await sessions.recordSuccess(keys)
        let refreshToken = try await sessions.issue(userID: found.user.id)
        return JSONResponse(try await tokenResponse(found.user, refreshToken: refreshToken))
    }

    private func tokenResponse(_ user: User, refreshToken: String) async throws -> TokenResponse {
        TokenResponse(accessToken: try await tokens.accessToken(for: user), expiresIn: Int(tokens.lifetime),
                      refreshToken: refreshToken, user: user)
    }

    @Sendable func refresh(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<TokenResponse> {
        let body = try await request.decode(as: RefreshRequest.self, context: context)
        let (userID, next) = try await sessions.rotate(body.refreshToken)
        guard let user = try await accounts.user(id: userID) else {
            throw APIError(DomainError(code: "auth.invalid_refresh_token", kind: .unauthorized,
                                       message: "The refresh token is not valid."))
        }
        return JSONResponse(try await tokenResponse(user, refreshToken: next))
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        let body = try await request.decode(as: RefreshRequest.self, context: context)
        try await sessions.revoke(body.refreshToken)
        return EmptyResponse()
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<MeResponse> {
        let identity = try context.requireIdentity()
        guard let user = try await accounts.user(id: identity.userID) else { throw APIError.unauthenticated }
        let memberships = try await accounts.memberships(userID: user.id).map {
            MeResponse.OrganizationMembership(organization: $0.organization, role: $0.role,
                                              permissions: $0.role.permissions.sorted { $0.rawValue < $1.rawValue })
        }
        return JSONResponse(MeResponse(user: user, memberships: memberships))
    }

    @Sendable func updateProfile(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<User> {
        let identity = try context.requireIdentity()
        let body = try await request.decode(as: ProfileRequest.self, context: context)
        return JSONResponse(try await accounts.updateProfile(userID: identity.userID, name: body.name,
                                                             locale: body.locale))
    }

    /// Changes the password after checking the current one, and signs out every other session.
    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        let identity = try context.requireIdentity()
        let body = try await request.decode(as: PasswordRequest.self, context: context)
        guard let user = try await accounts.user(id: identity.userID),
            let stored = try await accounts.credentials(email: user.email)
        else { throw APIError.unauthenticated }
        let keys = ["email:\(user.email)", "ip:\(context.clientAddress(request, trustForwardedFor: trustForwardedFor))"]
        try await sessions.reserveAttempt(keys)
        guard try await hasher.verify(body.currentPassword, hash: stored.passwordHash) else {
            throw APIError(DomainError.invalid("/currentPassword", "is not your current password"))
        }
        try await sessions.recordSuccess(keys)
        if let problem = PasswordHasher.validate(body.newPassword) {
            throw APIError(DomainError.invalid("/newPassword", problem))
        }
        try await accounts.setPasswordHash(userID: user.id, passwordHash: try await hasher.hash(body.newPassword))
        try await sessions.revokeAll(userID: user.id)
        // Voice devices were linked with the old password: they must be linked again.
        try await oauth.revokeAllLinks(userID: user.id)
        return EmptyResponse()
    }
}
