import Synchronization
/// A W3C Trace Context trace id: 16 bytes, never all zero, written as 32 lowercase hex digits.
package struct TraceID: Hashable, Sendable, CustomStringConvertible {
    /// The first 8 bytes, big-endian.
    package let high: UInt64
    /// The last 8 bytes, big-endian.
    package let low: UInt64

    /// The id of these bytes; `nil` for the invalid all-zero id.
    package init?(high: UInt64, low: UInt64) {
        guard high != 0 || low != 0 else { return nil }
        self.high = high
        self.low = low
    }

    /// Parses exactly 32 lowercase hex digits; `nil` for anything else and for the all-zero id.
    package init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 32, let high = HexCoding.parse(utf8[0..<16]), let low = HexCoding.parse(utf8[16..<32])
        else { return nil }
        self.init(high: high, low: low)
    }

    /// A new random id.
    package static func random() -> TraceID {
        var generator = IDGenerator()
        while true {
            if let id = TraceID(high: generator.next(), low: generator.next()) { return id }
        }
    }

    /// 32 lowercase hex digits.
    package var description: String { HexCoding.format([high, low]) }
}

/// A W3C Trace Context span (parent) id: 8 bytes, never all zero, written as 16 lowercase hex digits.
package struct SpanID: Hashable, Sendable, CustomStringConvertible {
    /// The 8 bytes, big-endian.
    package let value: UInt64

    /// The id of these bytes; `nil` for the invalid all-zero id.
    package init?(_ value: UInt64) {
        guard value != 0 else { return nil }
        self.value = value
    }

    /// Parses exactly 16 lowercase hex digits; `nil` for anything else and for the all-zero id.
    package init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 16, let value = HexCoding.parse(utf8[...]) else { return nil }
        self.init(value)
    }

    /// A new random id.
    package static func random() -> SpanID {
        var generator = IDGenerator()
        while true {
            if let id = SpanID(generator.next()) { return id }
        }
    }

    /// 16 lowercase hex digits.
    package var description: String { HexCoding.format([value]) }
}

/// Lowercase hex, as W3C Trace Context requires (upper case is invalid on the wire).
enum HexCoding {
    private static let digits = Array("0123456789abcdef".utf8)

    /// The value of one lowercase hex digit.
    static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Up to 16 lowercase hex digits as a big-endian integer.
    static func parse(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard bytes.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard let nibble = nibble(byte) else { return nil }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    /// Each word as 16 lowercase hex digits.
    static func format(_ words: [UInt64]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 16)
        for word in words {
            for shift in stride(from: 60, through: 0, by: -4) {
                bytes.append(digits[Int((word >> UInt64(shift)) & 0xF)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Random ids without a system call per id: SplitMix64 over one atomic counter, seeded once from the
/// system's generator. Trace ids must be unpredictable enough not to collide, not secret
/// (W3C Trace Context), and the kernel's generator cost a `getrandom` call per span.
struct IDGenerator: RandomNumberGenerator {
    private static let state: Atomic<UInt64> = {
        var system = SystemRandomNumberGenerator()
        return Atomic(system.next())
    }()

    mutating func next() -> UInt64 {
        let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15
        var z = Self.state.wrappingAdd(gamma, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
