import Foundation

// Only Alexa is implemented (`VoicePlatform.alexa`): Google HomeGraph would need a service-account JWT,
// and PPT does not report state to Google (`willReportState: false`).

/// An access token obtained from a platform, with its expiry.
package struct PlatformAccessToken: Sendable, Hashable {
    /// The bearer token.
    package var accessToken: String
    /// When the platform stops accepting it.
    package var expiresAt: Date

    /// A token.
    package init(accessToken: String, expiresAt: Date) {
        self.accessToken = accessToken
        self.expiresAt = expiresAt
    }
}

/// When to refresh a token: `margin` before it expires (5 minutes by default), or when there is none.
package struct PlatformTokenPolicy: Sendable, Hashable {
    /// How long before expiry the token is replaced.
    package var margin: TimeInterval

    /// A policy refreshing `margin` seconds before expiry.
    package init(margin: TimeInterval = 300) { self.margin = margin }

    /// Whether a token expiring at `expiresAt` (`nil`: none obtained yet) must be refreshed at `now`.
    package func needsRefresh(expiresAt: Date?, now: Date) -> Bool {
        guard let expiresAt else { return true }
        return expiresAt.timeIntervalSince(now) <= margin
    }

    /// Whether a stored token may be used at `now` (it has not expired, with a short grace for clock skew).
    package func isUsable(expiresAt: Date?, now: Date) -> Bool {
        guard let expiresAt else { return false }
        return expiresAt.timeIntervalSince(now) > 30
    }
}

/// The Login with Amazon client-credentials grant (RFC 6749 §4.4), as LWA speaks it:
/// `POST https://api.amazon.com/auth/o2/token` with a form body, answered by
/// `{"access_token", "token_type": "bearer", "expires_in", "scope"}`.
package enum LoginWithAmazon {
    /// The production token URL.
    package static let tokenURL = "https://api.amazon.com/auth/o2/token"
    /// The scope of proactive events.
    package static let proactiveEventsScope = "alexa::proactive_events"

    /// The form body of a token request.
    package static func tokenRequestBody(clientID: String, clientSecret: String,
                                         scope: String = proactiveEventsScope) -> String {
        [("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", clientSecret),
         ("scope", scope)]
            .map { "\($0.0)=\(formEncode($0.1))" }
            .joined(separator: "&")
    }

    /// Parses a token response received at `now`.
    package static func parseTokenResponse(_ body: Data, now: Date) throws(PlatformTokenError) -> PlatformAccessToken {
        struct Wire: Decodable {
            var access_token: String
            var token_type: String?
            var expires_in: Double
        }
        guard let wire = try? JSONDecoder().decode(Wire.self, from: body) else {
            throw .malformedResponse("the token response is not LWA JSON")
        }
        guard !wire.access_token.isEmpty, wire.expires_in > 0 else {
            throw .malformedResponse("the token response has no token or no lifetime")
        }
        if let type = wire.token_type, type.lowercased() != "bearer" {
            throw .malformedResponse("token type \(type) is not bearer")
        }
        return PlatformAccessToken(accessToken: wire.access_token, expiresAt: now.addingTimeInterval(wire.expires_in))
    }

    /// `application/x-www-form-urlencoded` encoding of one value.
    package static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// Why a platform token could not be obtained or used.
package enum PlatformTokenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The platform answered something other than a token.
    case malformedResponse(String)
    /// The platform refused (HTTP status and a short excerpt of the body).
    case rejected(status: Int, body: String)
    /// No credentials are configured for the platform.
    case notConfigured
    /// No usable token now: another instance is refreshing it; the caller retries later.
    case unavailable

    /// A safe summary (never the secret).
    package var description: String {
        switch self {
        case .malformedResponse(let why): "malformed platform response: \(why)"
        case .rejected(let status, let body): "the platform answered HTTP \(status): \(body)"
        case .notConfigured: "no platform credentials are configured"
        case .unavailable: "no usable platform token yet (another instance is refreshing it)"
        }
    }
}
