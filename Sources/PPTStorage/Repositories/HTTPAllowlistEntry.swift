import Foundation
import PPTDomain

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of an organization's workflow HTTP allow-list: an exact host name or IP address, and
/// optionally one port. No wildcards and no address ranges.
package struct HTTPAllowlistEntry: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Lower-case host name without a trailing dot, a dotted-quad IPv4 address, or IPv6 text
    /// (without brackets).
    package let host: String
    /// The only port the entry opens; `nil` for any port.
    package let port: Int?

    /// An entry from already normalised parts (as stored).
    package init(host: String, port: Int?) {
        self.host = host
        self.port = port
    }

    /// The entry as written: `host`, `host:port`, `[v6]:port`.
    package var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(shownHost):\($0)" } ?? (host.contains(":") ? shownHost : host)
    }

    /// Whether the host is written as an IP address.
    package var isAddress: Bool { Self.isIPv4(host) || Self.isIPv6(host) }

    /// Parses `host`, `host:port`, `[ipv6]`, `[ipv6]:port` or a bare IPv6 address; the error names
    /// the problem for `pointer`.
    package init(parsing text: String, pointer: String) throws(DomainError) {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        func invalid(_ detail: String) -> DomainError { .invalid(pointer, detail) }
        var host = Substring(text)
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid("has an unclosed [") }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("has text after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        var port: Int?
        if let portText {
            guard let number = Int(portText), (1...65_535).contains(number), portText.allSatisfy(\.isNumber) else {
                throw invalid("has an invalid port (1–65535)")
            }
            port = number
        }
        var name = String(host)
        if name.hasSuffix(".") { name.removeLast() }
        if name.contains(":") {
            guard let canonical = Self.canonicalIPv6(name) else { throw invalid("is not a valid IPv6 address") }
            name = canonical
        } else if let last = name.split(separator: ".").last, last.allSatisfy(\.isNumber) || last.hasPrefix("0x") {
            guard Self.isIPv4(name) else {
                throw invalid("must write an IPv4 address as four decimal numbers (a.b.c.d); ranges are not allowed")
            }
        } else {
            let labels = name.split(separator: ".", omittingEmptySubsequences: false)
            guard !name.isEmpty, name.count <= 253, labels.allSatisfy({ label in
                (1...63).contains(label.count) && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            }) else { throw invalid("must be an exact host name or IP address (no wildcards, no URL)") }
        }
        self.init(host: name, port: port)
    }

    private static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return text.split(separator: ".").allSatisfy { $0.count == 1 || !$0.hasPrefix("0") }
            && inet_pton(AF_INET, text, &address) == 1
    }

    private static func isIPv6(_ text: String) -> Bool { canonicalIPv6(text) != nil }

    private static func canonicalIPv6(_ text: String) -> String? {
        var address = in6_addr()
        guard !text.contains("%"), inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
