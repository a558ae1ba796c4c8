import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PPTDomain
import PPTStorage
import PPTVoice

/// Obtains and refreshes the Alexa platform token (Login with Amazon client credentials, scope
/// `alexa::proactive_events`). The scheduled job calls ``refreshIfDue(logger:)``; senders call
/// ``accessToken(logger:)``. Safe on several instances: the repository's claim lets one refresh.
package struct PlatformTokenRefresher: Sendable {
    private let repository: PlatformTokenRepository
    private let configuration: PlatformTokenConfiguration
    private let http: HTTPClient
    private let clock: any WallClock
    private var policy: PlatformTokenPolicy { PlatformTokenPolicy(margin: configuration.refreshMargin) }

    /// A refresher storing through `repository` and calling the configured token URL with `http`.
    package init(repository: PlatformTokenRepository, configuration: PlatformTokenConfiguration,
                 http: HTTPClient = .shared, clock: any WallClock = SystemWallClock()) {
        self.repository = repository
        self.configuration = configuration
        self.http = http
        self.clock = clock
    }

    /// Whether Alexa credentials are configured.
    package var isConfigured: Bool { configuration.alexaCredentials != nil }

    /// Stores the configured credentials (encrypted) when they differ from the stored ones; returns
    /// `false` when none are configured.
    @discardableResult
    package func prepare() async throws -> Bool {
        guard let credentials = configuration.alexaCredentials else { return false }
        try await repository.configure(.alexa, clientID: credentials.clientID, clientSecret: credentials.clientSecret)
        return true
    }

    /// Refreshes the token when it is missing or within the margin of its expiry; returns whether this
    /// call obtained a new one (`false`: not due, not configured, or another instance is refreshing).
    @discardableResult
    package func refreshIfDue(logger: Logger) async throws -> Bool {
        guard try await prepare() else { return false }
        let now = clock.now()
        guard let credentials = try await repository.claimRefresh(
            .alexa, dueBefore: now.addingTimeInterval(configuration.refreshMargin))
        else { return false }
        do {
            let token = try await requestToken(credentials)
            try await repository.storeToken(.alexa, accessToken: token.accessToken, expiresAt: token.expiresAt)
            logger.info("platform token refreshed", metadata: [
                "ppt.platform": "alexa", "ppt.platform.expires_at": "\(token.expiresAt)",
            ])
            return true
        } catch {
            try? await repository.releaseRefresh(.alexa, error: "\(error)")
            throw error
        }
    }

    /// A usable access token: the stored one, or a new one when it is missing or expired.
    package func accessToken(logger: Logger) async throws -> String {
        if let token = try await repository.token(.alexa), policy.isUsable(expiresAt: token.expiresAt, now: clock.now()) {
            return token.accessToken
        }
        guard try await prepare() else { throw PlatformTokenError.notConfigured }
        try await refreshIfDue(logger: logger)
        guard let token = try await repository.token(.alexa), policy.isUsable(expiresAt: token.expiresAt, now: clock.now())
        else { throw PlatformTokenError.unavailable }
        return token.accessToken
    }

    private func requestToken(_ credentials: PlatformTokenRepository.Credentials) async throws -> PlatformAccessToken {
        var request = HTTPClientRequest(url: configuration.alexaTokenURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded;charset=UTF-8")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: LoginWithAmazon.tokenRequestBody(
            clientID: credentials.clientID, clientSecret: credentials.clientSecret)))
        let response = try await http.execute(request, timeout: .seconds(20))
        let body = try await response.body.collect(upTo: 64 * 1024)
        guard response.status.code == 200 else {
            throw PlatformTokenError.rejected(status: Int(response.status.code), body: String(String(buffer: body).prefix(200)))
        }
        return try LoginWithAmazon.parseTokenResponse(Data(body.readableBytesView), now: clock.now())
    }
}
