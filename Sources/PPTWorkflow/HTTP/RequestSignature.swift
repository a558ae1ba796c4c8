import Crypto
import Foundation

/// The `X-PPT-Signature` header of signed workflow requests: `t=<unix seconds>,v1=<hex>` where the
/// hex is HMAC-SHA256 over `"<t>.<body>"` keyed with the organization's signing secret (its text
/// exactly as shown on rotation). Receivers recompute it and reject old timestamps.
package enum RequestSignature {
    /// The header name.
    package static let headerName = "X-PPT-Signature"

    /// The header value for `body` sent at `date`.
    package static func header(secret: String, body: Data, at date: Date) -> String {
        let timestamp = Int64(date.timeIntervalSince1970.rounded(.down))
        return "t=\(timestamp),v1=\(hex(secret: secret, timestamp: timestamp, body: body))"
    }

    /// Whether `header` is a valid signature of `body` with `secret`, made at most `tolerance`
    /// seconds from `now`.
    package static func verify(_ header: String, secret: String, body: Data, now: Date, tolerance: TimeInterval = 300)
        -> Bool
    {
        var timestamp: Int64?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int64(pair[1]) }
            if pair[0] == "v1" { signatures.append(pair[1].lowercased()) }
        }
        guard let timestamp, abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= tolerance else { return false }
        let expected = hex(secret: secret, timestamp: timestamp, body: body)
        // Constant-time comparison: a byte-by-byte early exit would leak how much of a guess matched.
        return signatures.contains { candidate in
            candidate.utf8.count == expected.utf8.count
                && zip(candidate.utf8, expected.utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }

    private static func hex(secret: String, timestamp: Int64, body: Data) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}
