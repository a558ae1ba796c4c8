import Foundation
import PPTDomain

/// A registered OAuth client: an Alexa skill or a Google smart-home project. The secret is never part
/// of it (only its hash is stored).
package struct OAuthClient: Sendable, Hashable, Encodable {
    /// The generated client id (`ppt-<platform>-<random>`).
    package var id: String
    package var name: String
    package var platform: VoicePlatform
    /// Redirect URIs, matched exactly.
    package var redirectURIs: [String]
    /// Scopes the client may request.
    package var scopes: [String]
    package var createdAt: Date

    /// A client as stored.
    package init(id: String, name: String, platform: VoicePlatform, redirectURIs: [String], scopes: [String],
                 createdAt: Date) {
        self.id = id
        self.name = name
        self.platform = platform
        self.redirectURIs = redirectURIs
        self.scopes = scopes
        self.createdAt = createdAt
    }
}

/// An account link: one per user, client and consent. Unlinking revokes its tokens.
package struct OAuthLink: Sendable, Hashable, Encodable {
    package var id: String
    package var clientID: String
    package var clientName: String
    package var platform: VoicePlatform
    package var userID: UserID
    package var organizationID: OrganizationID
    package var organizationName: String
    package var unitID: UnitID?
    package var scopes: [String]
    package var createdAt: Date
    /// When a token of the link last reached PPT (updated at most once a minute).
    package var lastUsedAt: Date?
}

/// What the consent page stores with a code, and the link the code's tokens will belong to.
package struct OAuthCodeGrant: Sendable, Hashable {
    package var clientID: String
    package var redirectURI: String
    /// The S256 PKCE challenge.
    package var codeChallenge: String
    package var userID: UserID
    package var organizationID: OrganizationID
    package var unitID: UnitID?
    package var scopes: [String]

    /// A grant to bind to a new code.
    package init(clientID: String, redirectURI: String, codeChallenge: String, userID: UserID,
                 organizationID: OrganizationID, unitID: UnitID?, scopes: [String]) {
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.codeChallenge = codeChallenge
        self.userID = userID
        self.organizationID = organizationID
        self.unitID = unitID
        self.scopes = scopes
    }
}

/// Tokens returned by the token endpoint (RFC 6749 §5.1).
package struct OAuthTokenPair: Sendable, Hashable {
    package var accessToken: String
    package var refreshToken: String
    /// Access token lifetime in seconds.
    package var expiresIn: Int
    package var scopes: [String]
    package var linkID: String
}

/// RFC 7662 introspection of a token that is active.
package struct OAuthIntrospection: Sendable, Hashable {
    package var clientID: String
    package var userID: UserID
    package var organizationID: OrganizationID
    package var scopes: [String]
    package var expiresAt: Date
    /// `access_token` or `refresh_token`.
    package var tokenType: String
}

/// Why a code or refresh token was refused; the token endpoint maps these to RFC 6749 §5.2 errors.
package enum OAuthGrantFailure: Error, Sendable, Equatable {
    /// `invalid_grant`, with a human-readable description.
    case invalidGrant(String)
}

/// The organizations (and units there) a signed-in user may link, for the consent page.
package struct OAuthConsentChoice: Sendable, Hashable {
    package var organizationID: OrganizationID
    package var organizationName: String
    package var role: Role
    /// The user's current units in the organization (building name and unit number).
    package var units: [(id: UnitID, label: String)]

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.organizationID == rhs.organizationID && lhs.role == rhs.role && lhs.units.map(\.id) == rhs.units.map(\.id)
    }

    package func hash(into hasher: inout Hasher) { hasher.combine(organizationID) }
}
