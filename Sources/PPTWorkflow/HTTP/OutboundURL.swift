import Foundation

/// A URL a workflow may call, parsed strictly by PPT so that the host the SSRF guard checks is the
/// host the HTTP client connects to: `http` or `https`, no user info, no backslashes, an ASCII host
/// name or an address in any form (`127.1`, `0x7f000001`, `[::1]`), an optional port. `description`
/// is the canonical form handed to the HTTP client (address hosts written out, path and query
/// percent-encoded where needed, fragment dropped).
package struct OutboundURL: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    package enum Scheme: String, Sendable, Hashable {
        case http, https

        /// 80 or 443.
        package var defaultPort: Int { self == .http ? 80 : 443 }
    }

    /// A host name (lower case, no trailing dot) or an address.
    package enum Host: Sendable, Hashable, CustomStringConvertible {
        /// A host name to resolve.
        case name(String)
        /// An address, however the URL wrote it.
        case address(IPAddress)

        /// The name, or the address as written in URLs (IPv6 in brackets).
        package var description: String {
            switch self {
            case .name(let name): name
            case .address(let address): address.urlHost
            }
        }
    }

    /// The scheme.
    package let scheme: Scheme
    /// The host.
    package let host: Host
    /// The port, explicit or the scheme's default.
    package let port: Int
    /// Path and query, starting with `/`.
    package let target: String

    /// Parses `text`; throws a non-retryable `http.invalid_url` saying what is wrong.
    package init(_ text: String) throws {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard let separator = text.range(of: "://") else { throw Self.invalid("must start with http:// or https://") }
        guard let scheme = Scheme(rawValue: text[..<separator.lowerBound].lowercased()) else {
            throw Self.invalid("only http and https are allowed")
        }
        guard !text.contains("\\") else { throw Self.invalid("must not contain backslashes") }
        guard text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) else {
            throw Self.invalid("must not contain control characters")
        }
        let rest = text[separator.upperBound...]
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else {
            throw Self.invalid("must not contain user info (name:password@); send credentials in headers")
        }
        let (host, port) = try Self.splitAuthority(authority)
        self.scheme = scheme
        self.host = try Self.parseHost(host)
        self.port = port ?? scheme.defaultPort
        var target = rest[authorityEnd...]
        if let hash = target.firstIndex(of: "#") { target = target[..<hash] }
        self.target = Self.encode(target.hasPrefix("/") ? String(target) : "/" + target)
    }

    /// The canonical URL text (the port only when it differs from the scheme's default).
    package var description: String {
        let portPart = port == scheme.defaultPort ? "" : ":\(port)"
        return "\(scheme.rawValue)://\(host)\(portPart)\(target)"
    }

    /// Scheme, host and port: a redirect to another origin drops credentials.
    package var origin: String { "\(scheme.rawValue)://\(host):\(port)" }

    /// The URL a redirect's `Location` points to, relative to this one.
    package func resolving(_ location: String) throws -> OutboundURL {
        let location = location.trimmingCharacters(in: .whitespaces)
        if let colon = location.firstIndex(of: ":"),
           location[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
           location[..<colon].first?.isLetter == true {
            return try OutboundURL(location)
        }
        if location.hasPrefix("//") { return try OutboundURL("\(scheme.rawValue):\(location)") }
        let base = "\(scheme.rawValue)://\(host)\(port == scheme.defaultPort ? "" : ":\(port)")"
        if location.hasPrefix("/") { return try OutboundURL(base + location) }
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if location.hasPrefix("?") { return try OutboundURL(base + path + location) }
        let directory = path[...(path.lastIndex(of: "/") ?? path.startIndex)]
        return try OutboundURL(base + directory + location)
    }

    private static func invalid(_ problem: String) -> ActionFailure {
        ActionFailure(code: "http.invalid_url", message: "input.url \(problem)", retryable: false)
    }

    private static func splitAuthority(_ authority: Substring) throws -> (Substring, Int?) {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("has an unclosed [ in its host") }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("has text after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard let portText, !portText.isEmpty else { return (host, nil) }
        guard portText.count <= 5, portText.allSatisfy(\.isNumber), let port = Int(portText), (1...65_535).contains(port)
        else { throw invalid("has an invalid port") }
        return (host, port)
    }

    private static func parseHost(_ text: Substring) throws -> Host {
        guard !text.isEmpty else { throw invalid("has no host") }
        guard text.allSatisfy(\.isASCII) else {
            throw invalid("has a non-ASCII host; write international names in punycode (xn--…)")
        }
        guard !text.contains("%") else { throw invalid("must not percent-encode its host") }
        switch IPAddress.urlHost(String(text)) {
        case .address(let address): return .address(address)
        case .invalidNumeric: throw invalid("has a host that is neither a name nor a valid IP address")
        case .name(let raw):
            var name = raw.lowercased()
            if name.hasSuffix(".") { name.removeLast() }
            let labels = name.split(separator: ".", omittingEmptySubsequences: false)
            guard name.count <= 253, labels.allSatisfy({ label in
                (1...63).contains(label.count) && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            }) else { throw invalid("has an invalid host name") }
            return .name(name)
        }
    }

    /// Percent-encodes what may not appear in a request target; keeps existing escapes.
    private static func encode(_ target: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?%".utf8)
        var result = ""
        for byte in target.utf8 {
            if allowed.contains(byte) { result.unicodeScalars.append(Unicode.Scalar(byte)) }
            else { result += String(format: "%%%02X", byte) }
        }
        return result
    }
}
