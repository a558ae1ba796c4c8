import Foundation

/// A voice platform that links to PPT through OAuth account linking.
package enum VoicePlatform: String, Codable, Sendable, CaseIterable {
    case alexa, google
}

/// The identity behind a verified OAuth access token: which member, in which organization and (for
/// resident-like roles) which unit the user picked on the consent page, through which client.
/// Voice requests act as this member with their current permissions, never more.
package struct VoiceGrant: Sendable, Hashable {
    /// The account link (one per user, client and consent), revoked by unlinking.
    package var linkID: String
    package var userID: UserID
    package var organizationID: OrganizationID
    /// The unit chosen at consent, if any.
    package var unitID: UnitID?
    /// The OAuth client (an Alexa skill, a Google smart-home project).
    package var clientID: String
    /// The platform of that client.
    package var platform: VoicePlatform
    /// Granted scopes.
    package var scopes: [String]

    package init(linkID: String, userID: UserID, organizationID: OrganizationID, unitID: UnitID?, clientID: String,
                 platform: VoicePlatform, scopes: [String]) {
        self.linkID = linkID
        self.userID = userID
        self.organizationID = organizationID
        self.unitID = unitID
        self.clientID = clientID
        self.platform = platform
        self.scopes = scopes
    }
}
