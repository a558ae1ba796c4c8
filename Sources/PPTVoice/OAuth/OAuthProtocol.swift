import Crypto
import Foundation

/// `application/x-www-form-urlencoded` bodies and query strings as OAuth uses them.
package enum OAuthForm {
    /// The parameters of `text`, each name with all its values (RFC 6749 §3.1: a parameter sent twice
    /// is an `invalid_request`); `nil` when percent-decoding fails.
    package static func parse(_ text: String) -> [String: [String]]? {
        var result: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(String(parts[0])), let value = decode(parts.count > 1 ? String(parts[1]) : "")
            else { return nil }
            result[name, default: []].append(value)
        }
        return result
    }

    /// One form component decoded (`+` is a space).
    package static func decode(_ text: String) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// One form component encoded (unreserved characters kept, everything else percent-encoded).
    package static func encode(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// Error codes of RFC 6749 §4.1.2.1 and §5.2 and RFC 7009.
package enum OAuthErrorCode: String, Sendable, Error {
    case invalidRequest = "invalid_request"
    case invalidClient = "invalid_client"
    case invalidGrant = "invalid_grant"
    case unauthorizedClient = "unauthorized_client"
    case unsupportedGrantType = "unsupported_grant_type"
    case unsupportedResponseType = "unsupported_response_type"
    case invalidScope = "invalid_scope"
    case accessDenied = "access_denied"
    case unsupportedTokenType = "unsupported_token_type"
    case serverError = "server_error"
}

/// How a client authenticated at the token endpoint (RFC 6749 §2.3.1).
package struct OAuthClientCredentials: Sendable, Hashable {
    /// `client_secret_basic` or `client_secret_post`.
    package enum Method: String, Sendable { case basic = "client_secret_basic", post = "client_secret_post" }

    package var clientID: String
    package var secret: String
    package var method: Method

    /// The credentials from `Authorization: Basic` (client id and secret form-encoded, then base64) or
    /// from `client_id` + `client_secret` form parameters; `nil` when there are none; throws
    /// `invalidRequest` when both are used or the header is malformed.
    package static func from(authorization: String?, form: [String: [String]]) throws(OAuthErrorCode) -> Self? {
        let posted = form["client_secret"]?.first
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "basic" else { return nil }
            guard posted == nil else { throw .invalidRequest }
            guard let data = Data(base64Encoded: String(parts[1])), let decoded = String(data: data, encoding: .utf8),
                  let colon = decoded.firstIndex(of: ":"),
                  let id = OAuthForm.decode(String(decoded[..<colon])),
                  let secret = OAuthForm.decode(String(decoded[decoded.index(after: colon)...]))
            else { throw .invalidRequest }
            return Self(clientID: id, secret: secret, method: .basic)
        }
        guard let posted, let id = form["client_id"]?.first else { return nil }
        return Self(clientID: id, secret: posted, method: .post)
    }
}

/// Signs and checks the hidden fields of the consent form: a CSRF token bound to the authorization
/// request, and (after sign-in) a ticket naming the signed-in user. HMAC-SHA256 with a server key,
/// with an expiry, so a form cannot be forged, replayed for another request, or kept forever.
package struct OAuthConsentSigner: Sendable {
    private let key: SymmetricKey

    /// A signer with `key` (derived from the key ring, so every instance agrees).
    package init(key: SymmetricKey) { self.key = key }

    /// A fresh 256-bit random nonce, base64url.
    package static func nonce() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64URL
    }

    /// `<expiry>.<signature>` over `fields` and the expiry.
    package func sign(_ fields: [String], expires: Date) -> String {
        let expiry = String(Int(expires.timeIntervalSince1970))
        return "\(expiry).\(mac(fields, expiry))"
    }

    /// Whether `token` signs exactly `fields` and has not expired at `now`.
    package func verify(_ token: String, fields: [String], now: Date) -> Bool {
        let parts = token.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let expiry = Int(parts[0]), Double(expiry) > now.timeIntervalSince1970,
              let presented = Data(base64URL: String(parts[1]))
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(presented, authenticating: payload(fields, String(parts[0])),
                                                      using: key)
    }

    private func payload(_ fields: [String], _ expiry: String) -> Data {
        // Length-prefixed so that no two field lists share a payload.
        Data((fields + [expiry]).map { "\($0.utf8.count):\($0)" }.joined(separator: "|").utf8)
    }

    private func mac(_ fields: [String], _ expiry: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: payload(fields, expiry), using: key)).base64URL
    }
}

extension Data {
    /// Base64url without padding.
    package var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url with or without padding.
    package init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}

/// The authorization server metadata document (RFC 8414).
package struct OAuthMetadata: Sendable, Encodable, Hashable {
    package var issuer: String
    package var authorizationEndpoint: String
    package var tokenEndpoint: String
    package var revocationEndpoint: String
    package var introspectionEndpoint: String
    package var scopesSupported = OAuthScopes.supported
    package var responseTypesSupported = ["code"]
    package var grantTypesSupported = ["authorization_code", "refresh_token"]
    package var codeChallengeMethodsSupported = ["S256"]
    package var tokenEndpointAuthMethodsSupported = ["client_secret_basic", "client_secret_post"]
    package var revocationEndpointAuthMethodsSupported = ["client_secret_basic", "client_secret_post"]
    package var introspectionEndpointAuthMethodsSupported = ["client_secret_basic", "client_secret_post"]
    package var uiLocalesSupported = ["sk", "cs", "de", "en"]

    /// The document of the server at `issuer` (no trailing slash).
    package init(issuer: String) {
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        self.issuer = base
        authorizationEndpoint = "\(base)/oauth/authorize"
        tokenEndpoint = "\(base)/oauth/token"
        revocationEndpoint = "\(base)/oauth/revoke"
        introspectionEndpoint = "\(base)/oauth/introspect"
    }

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case revocationEndpoint = "revocation_endpoint"
        case introspectionEndpoint = "introspection_endpoint"
        case scopesSupported = "scopes_supported"
        case responseTypesSupported = "response_types_supported"
        case grantTypesSupported = "grant_types_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case revocationEndpointAuthMethodsSupported = "revocation_endpoint_auth_methods_supported"
        case introspectionEndpointAuthMethodsSupported = "introspection_endpoint_auth_methods_supported"
        case uiLocalesSupported = "ui_locales_supported"
    }
}
