import Foundation
import PPTApp
import PPTDomain
import PPTStorage
import Testing

/// Links a user to a voice platform without a browser, for tests of the voice webhooks and commands.
enum OAuthTestSupport {
    /// A test client of `platform` (registered on first use, one per platform and database).
    static func client(app: TestApp, platform: VoicePlatform = .alexa, createdBy: UserID) async throws -> OAuthClient {
        let repository = OAuthRepository(database: app.runtime.database, clock: app.runtime.clock)
        let name = "Test \(platform.rawValue) client"
        if let existing = try await repository.clients().first(where: { $0.name == name && $0.platform == platform }) {
            return existing
        }
        return try await repository.createClient(
            name: name, platform: platform, redirectURIs: ["https://voice.test/\(platform.rawValue)/callback"],
            scopes: ["voice", "voice.actions"], createdBy: createdBy).client
    }

    /// An OAuth access token linking the user with `email` to `organizationID` (and `unitID`, as the
    /// consent page would) through a test client of `platform`, with the scopes `voice voice.actions`.
    /// `OAuthRepository.grant(forAccessToken:)` resolves it to that user, organization and unit.
    static func linkedToken(app: TestApp, user email: String, organizationID: OrganizationID, unitID: UnitID? = nil,
                            platform: VoicePlatform = .alexa) async throws -> String {
        try await linked(app: app, user: email, organizationID: organizationID, unitID: unitID, platform: platform)
            .accessToken
    }

    /// Like ``linkedToken(app:user:organizationID:unitID:platform:)`` with ids as the World's strings.
    static func linkedToken(app: TestApp, user email: String, organizationID: String, unitID: String? = nil,
                            platform: VoicePlatform = .alexa) async throws -> String {
        try await linkedToken(
            app: app, user: email, organizationID: try #require(OrganizationID(organizationID)),
            unitID: try unitID.map { try #require(UnitID($0)) }, platform: platform)
    }

    /// The whole token pair and link id of a fresh link.
    static func linked(app: TestApp, user email: String, organizationID: OrganizationID, unitID: UnitID? = nil,
                       platform: VoicePlatform = .alexa) async throws -> OAuthTokenPair {
        let accounts = AccountRepository(database: app.runtime.database, clock: app.runtime.clock)
        let user = try #require(try await accounts.credentials(email: email)?.user, "no user \(email)")
        let client = try await client(app: app, platform: platform, createdBy: user.id)
        return try await OAuthRepository(database: app.runtime.database, clock: app.runtime.clock).link(
            clientID: client.id, userID: user.id, organizationID: organizationID, unitID: unitID,
            scopes: client.scopes)
    }
}
