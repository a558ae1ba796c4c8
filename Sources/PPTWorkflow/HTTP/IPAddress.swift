import Foundation

/// An IPv4 or IPv6 address, parsed by PPT itself so that every textual form a URL can carry is
/// recognised as an address (and never handed to DNS as a name).
package enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// An IPv4 address in host byte order (`127.0.0.1` is `0x7f00_0001`).
    case v4(UInt32)
    /// An IPv6 address as its 16 bytes in network order.
    case v6([UInt8])

    /// The canonical text: dotted quad for IPv4, RFC 5952 (lower case, longest zero run as `::`)
    /// for IPv6, without brackets.
    package var description: String {
        switch self {
        case .v4(let value): return Self.dotted(value)
        case .v6(let bytes): return Self.compressed(bytes)
        }
    }

    /// The text to put in a URL's host: IPv6 in brackets.
    package var urlHost: String {
        if case .v6 = self { return "[\(description)]" }
        return description
    }

    /// Parses a strict literal: a dotted quad of decimals (`10.0.0.1`), or IPv6 text with or without
    /// brackets (`::1`, `[::ffff:127.0.0.1]`). Zone ids (`fe80::1%eth0`) are not accepted.
    package init?(literal text: String) {
        var body = Substring(text)
        if body.hasPrefix("[") && body.hasSuffix("]") { body = body.dropFirst().dropLast() }
        if body.contains(":") {
            guard let bytes = Self.parseV6(body) else { return nil }
            self = .v6(bytes)
            return
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit), let byte = UInt32(part), byte < 256,
                  part.count == 1 || part.first != "0" else { return nil }
            value = value << 8 | byte
        }
        self = .v4(value)
    }

    /// How a URL host is understood, following the WHATWG URL standard's IPv4 parser (what browsers
    /// and `inet_aton` accept): one to four dot-separated parts, each decimal, hex (`0x7f`) or octal
    /// (`0177`), the last filling the remaining bytes (`127.1`, `2130706433`, `0x7f000001`).
    package enum URLHost: Sendable, Hashable {
        /// The host is an address in one of the accepted forms.
        case address(IPAddress)
        /// The host is a name to resolve.
        case name(String)
        /// The host looks numeric but is no valid address (e.g. `1.2.3.4.5`, `256.1.1.1`): refused,
        /// because resolvers disagree on such names.
        case invalidNumeric
    }

    /// Classifies a URL host (without brackets for IPv6; bracketed text is accepted too).
    package static func urlHost(_ host: String) -> URLHost {
        if host.hasPrefix("[") || host.contains(":") {
            return IPAddress(literal: host).map(URLHost.address) ?? .invalidNumeric
        }
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }  // `127.0.0.1.`
        // A host "ends in a number" when its last label is numeric: then it must be an IPv4 address.
        guard let last = parts.last, numericPart(last) != nil || last.allSatisfy(\.isASCIIDigit) && !last.isEmpty
        else { return .name(host) }
        guard (1...4).contains(parts.count) else { return .invalidNumeric }
        var numbers: [UInt64] = []
        for part in parts {
            guard let number = numericPart(part) else { return .invalidNumeric }
            numbers.append(number)
        }
        for number in numbers.dropLast() where number > 255 { return .invalidNumeric }
        let remaining = 5 - numbers.count
        guard numbers[numbers.count - 1] < (UInt64(1) << (8 * UInt64(remaining))) else { return .invalidNumeric }
        var value = numbers[numbers.count - 1]
        for (index, number) in numbers.dropLast().enumerated() {
            value |= number << (8 * UInt64(3 - index))
        }
        return .address(.v4(UInt32(value)))
    }

    /// One part of a numeric host: `0x` hex, leading-zero octal, or decimal; nil when not a number.
    private static func numericPart(_ part: Substring) -> UInt64? {
        if part.isEmpty { return nil }
        var digits = part
        var radix = 10
        if digits.count >= 2, digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            digits = digits.dropFirst(2)
            radix = 16
            if digits.isEmpty { return 0 }
        } else if digits.count >= 2, digits.hasPrefix("0") {
            digits = digits.dropFirst()
            radix = 8
        }
        guard digits.count <= 32 else { return nil }
        return UInt64(digits, radix: radix)
    }

    private static func parseV6(_ text: Substring) -> [UInt8]? {
        guard !text.contains("%"), text.count <= 45 else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowV4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if allowV4Tail, index == pieces.count - 1, piece.contains(".") {
                    guard case .v4(let v4)? = IPAddress(literal: String(piece)) else { return nil }
                    result.append(UInt16(v4 >> 16))
                    result.append(UInt16(v4 & 0xffff))
                } else {
                    guard (1...4).contains(piece.count), let group = UInt16(piece, radix: 16) else { return nil }
                    result.append(group)
                }
            }
            return result
        }
        let compressed = halves.count == 2
        guard let head = groups(halves[0], allowV4Tail: !compressed),
              let tail = compressed ? groups(halves[1], allowV4Tail: true) : [] else { return nil }
        let all: [UInt16]
        if compressed {
            guard head.count + tail.count <= 7 else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard head.count == 8 else { return nil }
            all = head
        }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }

    private static func dotted(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).\(value & 0xff)"
    }

    private static func compressed(_ bytes: [UInt8]) -> String {
        let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        // The longest run of at least two zero groups becomes `::` (the first one on a tie).
        var best = (start: -1, length: 0)
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < 8 && groups[end] == 0 { end += 1 }
            if end - index > best.length && end - index >= 2 { best = (index, end - index) }
            index = end
        }
        func hex(_ range: Range<Int>) -> String { range.map { String(groups[$0], radix: 16) }.joined(separator: ":") }
        guard best.start >= 0 else { return hex(0..<8) }
        return hex(0..<best.start) + "::" + hex((best.start + best.length)..<8)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
