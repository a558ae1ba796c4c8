/// The W3C Trace Context `traceparent` header: `version-traceid-parentid-flags`, e.g.
/// `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01`.
///
/// Parsing follows the specification's rules for receivers: lowercase hex only, version `ff` and
/// all-zero ids are invalid, version `00` is exactly 55 characters, and a later version may append
/// fields after a `-` (which are ignored; the value is then read as version `00`).
package struct TraceParent: Hashable, Sendable {
    /// The header name.
    package static let headerName = "traceparent"
    /// The companion vendor-state header, passed through unchanged.
    package static let stateHeaderName = "tracestate"
    /// Longest `tracestate` passed on; the specification asks for at least 512 characters.
    package static let maxTraceStateLength = 512

    /// The trace.
    package var traceID: TraceID
    /// The caller's span, parent of the spans started from this header.
    package var parentID: SpanID
    /// Trace flags; bit 0 is `sampled`.
    package var flags: UInt8

    /// Whether the caller sampled the trace.
    package var isSampled: Bool { flags & 0x01 != 0 }

    /// A header value of these parts.
    package init(traceID: TraceID, parentID: SpanID, flags: UInt8) {
        self.traceID = traceID
        self.parentID = parentID
        self.flags = flags
    }

    /// Parses a received header value; `nil` when it is invalid (the header must then be ignored).
    package init?(_ header: some StringProtocol) {
        var bytes = Array(header.utf8)[...]
        while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { bytes.removeFirst() }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
        let start = bytes.startIndex
        guard bytes.count >= 55,
            let versionHigh = HexCoding.nibble(bytes[start]), let versionLow = HexCoding.nibble(bytes[start + 1])
        else { return nil }
        let version = versionHigh << 4 | versionLow
        guard version != 0xFF else { return nil }
        if version == 0 {
            guard bytes.count == 55 else { return nil }
        } else if bytes.count > 55 {
            guard bytes[start + 55] == UInt8(ascii: "-") else { return nil }
        }
        let dash = UInt8(ascii: "-")
        guard bytes[start + 2] == dash, bytes[start + 35] == dash, bytes[start + 52] == dash,
            let high = HexCoding.parse(bytes[(start + 3)..<(start + 19)]),
            let low = HexCoding.parse(bytes[(start + 19)..<(start + 35)]),
            let traceID = TraceID(high: high, low: low),
            let parent = HexCoding.parse(bytes[(start + 36)..<(start + 52)]),
            let parentID = SpanID(parent),
            let flags = HexCoding.parse(bytes[(start + 53)..<(start + 55)])
        else { return nil }
        self.init(traceID: traceID, parentID: parentID, flags: UInt8(flags))
    }

    /// The header value this service sends: always version `00`, with only the flags it knows.
    package var headerValue: String {
        "00-\(traceID)-\(parentID)-\(flags & 0x01 == 0 ? "00" : "01")"
    }

    /// A received `tracestate` value to pass on, or `nil` when it is empty, longer than
    /// `maxTraceStateLength` or not printable ASCII (it is vendor data; PPT does not interpret it).
    package static func traceState(_ value: String?) -> String? {
        guard let value else { return nil }
        var bytes = Array(value.utf8)[...]
        while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { bytes.removeFirst() }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
        guard !bytes.isEmpty, bytes.count <= maxTraceStateLength, bytes.allSatisfy({ (0x20...0x7E).contains($0) })
        else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
