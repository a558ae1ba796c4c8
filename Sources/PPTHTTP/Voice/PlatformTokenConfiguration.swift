import Foundation

/// Where and how PPT calls Alexa with its own client credentials (proactive events). Off unless both
/// the client id and secret are set. Keys (the lead wires them in `AppConfiguration`):
/// - `PPT_ALEXA_CLIENT_ID` (string, no default): the skill's Login with Amazon client id.
/// - `PPT_ALEXA_CLIENT_SECRET` (string, secret, no default): its client secret.
/// - `PPT_ALEXA_TOKEN_URL` (URL, default `https://api.amazon.com/auth/o2/token`).
/// - `PPT_ALEXA_EVENTS_URL` (URL, default `https://api.eu.amazonalexa.com/v1/proactiveEvents/`; the
///   development stage is `.../v1/proactiveEvents/stages/development`).
package struct PlatformTokenConfiguration: Sendable, Hashable {
    /// `PPT_ALEXA_CLIENT_ID`.
    package var alexaClientID: String?
    /// `PPT_ALEXA_CLIENT_SECRET`.
    package var alexaClientSecret: String?
    /// `PPT_ALEXA_TOKEN_URL`.
    package var alexaTokenURL: String
    /// `PPT_ALEXA_EVENTS_URL`.
    package var alexaEventsURL: String
    /// How long before expiry the refresh job replaces a token.
    package var refreshMargin: TimeInterval

    /// The production token URL of Login with Amazon.
    package static let defaultTokenURL = "https://api.amazon.com/auth/o2/token"
    /// The European production endpoint of the Proactive Events API.
    package static let defaultEventsURL = "https://api.eu.amazonalexa.com/v1/proactiveEvents/"

    /// A configuration; without credentials nothing is sent.
    package init(alexaClientID: String? = nil, alexaClientSecret: String? = nil,
                 alexaTokenURL: String = defaultTokenURL, alexaEventsURL: String = defaultEventsURL,
                 refreshMargin: TimeInterval = 300) {
        self.alexaClientID = alexaClientID
        self.alexaClientSecret = alexaClientSecret
        self.alexaTokenURL = alexaTokenURL
        self.alexaEventsURL = alexaEventsURL
        self.refreshMargin = refreshMargin
    }

    /// The Alexa client credentials, when both are configured.
    package var alexaCredentials: (clientID: String, clientSecret: String)? {
        guard let id = alexaClientID, !id.isEmpty, let secret = alexaClientSecret, !secret.isEmpty else { return nil }
        return (id, secret)
    }
}
