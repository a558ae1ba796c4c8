import Foundation
import PPTDomain

/// The scopes PPT's authorization server knows: `voice` (ask: balances, faults, announcements) and
/// `voice.actions` (act: report a fault, submit a meter reading, contact the manager).
package enum OAuthScopes {
    /// Every scope a client may be registered for.
    package static let supported = ["voice", "voice.actions"]

    /// The scopes of a space-delimited `scope` parameter (RFC 6749 §3.3), deduplicated in order;
    /// `nil` when a token has characters outside `%x21 / %x23-5B / %x5D-7E`.
    package static func parse(_ text: String) -> [String]? {
        var scopes: [String] = []
        for token in text.split(separator: " ", omittingEmptySubsequences: true) {
            guard token.unicodeScalars.allSatisfy({ $0.value == 0x21 || (0x23...0x5B).contains($0.value)
                || (0x5D...0x7E).contains($0.value) })
            else { return nil }
            if !scopes.contains(String(token)) { scopes.append(String(token)) }
        }
        return scopes
    }

    /// The `scope` parameter of a scope list.
    package static func format(_ scopes: [String]) -> String { scopes.joined(separator: " ") }

    /// The scopes granted for a request: the requested ones when the client may have all of them
    /// (`nil` otherwise: `invalid_scope`), or the client's allowed scopes when none were requested.
    package static func grant(requested: String?, allowed: [String]) -> [String]? {
        guard let requested, !requested.trimmingCharacters(in: .whitespaces).isEmpty else { return allowed }
        guard let scopes = parse(requested), !scopes.isEmpty, scopes.allSatisfy(allowed.contains) else { return nil }
        return scopes
    }
}

/// Redirect URI rules: registered URIs are absolute `https` URIs without a fragment (plain `http`
/// only on a loopback host, for development and tests), and a request's URI must equal a registered
/// one character for character (no prefix or pattern matching: open redirectors start there).
package enum OAuthRedirectURI {
    /// Why `uri` cannot be registered, or `nil` when it can.
    package static func registrationProblem(_ uri: String) -> String? {
        guard uri.count <= 2000, let components = URLComponents(string: uri),
              let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else { return "is not an absolute URI" }
        if components.fragment != nil { return "must not have a fragment" }
        if components.user != nil || components.password != nil { return "must not carry credentials" }
        switch scheme {
        case "https": return nil
        case "http" where ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()): return nil
        default: return "must use https (http only on a loopback host)"
        }
    }

    /// Whether `presented` is one of `registered`, exactly.
    package static func matches(_ presented: String, registered: [String]) -> Bool {
        registered.contains(presented)
    }

    /// `uri` with `parameters` appended to its query (RFC 6749 §4.1.2: keep the registered query).
    package static func redirect(_ uri: String, with parameters: [(String, String)]) -> String {
        guard var components = URLComponents(string: uri) else { return uri }
        var items = components.queryItems ?? []
        items += parameters.map { URLQueryItem(name: $0.0, value: $0.1) }
        components.percentEncodedQuery = items.map {
            "\(OAuthForm.encode($0.name))=\(OAuthForm.encode($0.value ?? ""))"
        }.joined(separator: "&")
        return components.string ?? uri
    }
}

/// A client registration request by a platform administrator, validated.
package struct OAuthClientInput: Sendable, Decodable {
    package var name: String
    package var platform: VoicePlatform
    package var redirectURIs: [String]
    package var scopes: [String]

    /// A registration request.
    package init(name: String, platform: VoicePlatform, redirectURIs: [String], scopes: [String]) {
        self.name = name
        self.platform = platform
        self.redirectURIs = redirectURIs
        self.scopes = scopes
    }

    /// Field errors: a name of 1–100 characters, 1–10 registrable redirect URIs, 1+ known scopes.
    package func validate() throws {
        var errors: [FieldError] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 100 {
            errors.append(FieldError(pointer: "/name", detail: "must have 1 to 100 characters"))
        }
        if redirectURIs.isEmpty || redirectURIs.count > 10 {
            errors.append(FieldError(pointer: "/redirectURIs", detail: "must list 1 to 10 URIs"))
        }
        for (index, uri) in redirectURIs.enumerated() {
            if let problem = OAuthRedirectURI.registrationProblem(uri) {
                errors.append(FieldError(pointer: "/redirectURIs/\(index)", detail: problem))
            }
        }
        if scopes.isEmpty { errors.append(FieldError(pointer: "/scopes", detail: "must list at least one scope")) }
        for (index, scope) in scopes.enumerated() where !OAuthScopes.supported.contains(scope) {
            errors.append(FieldError(pointer: "/scopes/\(index)",
                                     detail: "is not one of \(OAuthScopes.supported.joined(separator: ", "))"))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
    }
}
