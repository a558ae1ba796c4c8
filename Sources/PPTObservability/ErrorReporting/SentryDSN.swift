import Foundation

/// Why a `SENTRY_DSN` could not be used. The description never contains the secret key.
package struct SentryDSNError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the DSN, for operators.
    package let reason: String

    /// An error for `reason`.
    package init(reason: String) { self.reason = reason }

    package var description: String {
        "malformed Sentry DSN: \(reason) "
            + "(expected {PROTOCOL}://{PUBLIC_KEY}[:SECRET]@{HOST}[:PORT][/PATH]/{PROJECT_ID})"
    }
}

/// A Sentry DSN, `{PROTOCOL}://{PUBLIC_KEY}[:SECRET]@{HOST}[:PORT]{PATH}/{PROJECT_ID}` (protocols.md §E).
package struct SentryDSN: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    package let scheme: String
    /// The public key, sent as `sentry_key`.
    package let publicKey: String
    /// The deprecated secret key; parsed but never sent.
    package let secretKey: String?
    package let host: String
    package let port: Int?
    /// The path prefix before the project id (`""` or e.g. `/sentry`), without a trailing slash.
    package let path: String
    /// The numeric project id.
    package let projectID: String

    /// Parses a DSN; throws a `SentryDSNError` that says which part is missing or malformed.
    package init(_ string: String) throws(SentryDSNError) {
        let text = string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let schemeEnd = text.range(of: "://") else { throw SentryDSNError(reason: "missing protocol") }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw SentryDSNError(reason: "protocol must be http or https")
        }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { throw SentryDSNError(reason: "missing public key") }
        let credentials = rest[..<at]
        let location = rest[rest.index(after: at)...]
        let keyParts = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let publicKey = String(keyParts[0])
        guard !publicKey.isEmpty else { throw SentryDSNError(reason: "missing public key") }
        guard publicKey.allSatisfy(Self.isKeyCharacter) else {
            throw SentryDSNError(reason: "the public key contains invalid characters")
        }
        let secret = keyParts.count > 1 ? String(keyParts[1]) : nil

        if location.contains("?") || location.contains("#") {
            throw SentryDSNError(reason: "a DSN has no query or fragment")
        }
        let slash = location.firstIndex(of: "/") ?? location.endIndex
        let authority = location[..<slash]
        let fullPath = location[slash...]
        let (host, port) = try Self.parseAuthority(authority)

        var segments = fullPath.split(separator: "/", omittingEmptySubsequences: true)
        guard let project = segments.popLast() else { throw SentryDSNError(reason: "missing project id") }
        guard project.allSatisfy(\.isASCII), project.allSatisfy(\.isNumber) else {
            throw SentryDSNError(reason: "the project id must be numeric")
        }
        self.scheme = scheme
        self.publicKey = publicKey
        self.secretKey = secret.flatMap { $0.isEmpty ? nil : $0 }
        self.host = host
        self.port = port
        self.path = segments.isEmpty ? "" : "/" + segments.joined(separator: "/")
        self.projectID = String(project)
    }

    private static func parseAuthority(_ authority: Substring) throws(SentryDSNError) -> (String, Int?) {
        guard !authority.isEmpty else { throw SentryDSNError(reason: "missing host") }
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            // IPv6 literal: [::1]:9000
            guard let close = authority.firstIndex(of: "]") else { throw SentryDSNError(reason: "malformed IPv6 host") }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw SentryDSNError(reason: "malformed IPv6 host") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "@" }) else {
            throw SentryDSNError(reason: "missing host")
        }
        guard let portText else { return (String(host), nil) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw SentryDSNError(reason: "the port must be a number between 1 and 65535")
        }
        return (String(host), port)
    }

    private static func isKeyCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
    }

    /// `{proto}://{host}[:port]{path}`: the server root the API paths hang off.
    private var base: String {
        "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")\(path)"
    }

    /// Where envelopes are posted: `{proto}://{host}[:port]{path}/api/{project_id}/envelope/`.
    package var envelopeURL: String { "\(base)/api/\(projectID)/envelope/" }

    /// The DSN without its secret key, as sent in the envelope header.
    package var description: String {
        "\(scheme)://\(publicKey)@\(host)\(port.map { ":\($0)" } ?? "")\(path)/\(projectID)"
    }
}
