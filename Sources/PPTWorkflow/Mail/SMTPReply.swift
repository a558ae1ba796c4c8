import Foundation

/// One SMTP reply: a three-digit code and its text lines (RFC 5321 §4.2).
package struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    package let code: Int
    /// The text of each line, without the code and separator.
    package let lines: [String]

    package init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx and 3xx.
    package var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: try again later.
    package var isTransient: Bool { (400..<500).contains(code) }

    package var description: String { "\(code) \(lines.joined(separator: " / "))" }
}

/// Assembles replies from the bytes a server sends: lines end in CRLF (a bare LF is tolerated),
/// `250-` continues a reply and `250 ` ends it. No I/O; the channel handler feeds it.
package struct SMTPReplyParser: Sendable {
    /// Longest line accepted (RFC 5321 says 512; servers send longer EHLO lines).
    package static let maximumLineLength = 4096

    private var pending: [UInt8] = []
    private var lines: [String] = []
    private var code: Int?

    package init() {}

    /// Whether bytes of an incomplete line are waiting.
    package var hasPendingInput: Bool { !pending.isEmpty || !lines.isEmpty }

    /// Adds received bytes; returns the replies they complete.
    package mutating func feed(_ bytes: some Sequence<UInt8>) throws(SMTPError) -> [SMTPReply] {
        pending.append(contentsOf: bytes)
        var replies: [SMTPReply] = []
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(pending[..<newline])
            pending.removeSubrange(...newline)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if let reply = try accept(line) { replies.append(reply) }
        }
        if pending.count > Self.maximumLineLength {
            throw SMTPError(code: "smtp.protocol", message: "The server sent a line longer than 4096 bytes.",
                            retryable: true)
        }
        return replies
    }

    private mutating func accept(_ line: [UInt8]) throws(SMTPError) -> SMTPReply? {
        guard line.count >= 3, line[0..<3].allSatisfy({ (48...57).contains($0) }),
              line.count == 3 || line[3] == UInt8(ascii: " ") || line[3] == UInt8(ascii: "-")
        else {
            throw SMTPError(code: "smtp.protocol",
                            message: "The server sent a malformed reply: \(String(decoding: line.prefix(80), as: UTF8.self))",
                            retryable: true)
        }
        let lineCode = Int(String(decoding: line[0..<3], as: UTF8.self))!
        if let code, code != lineCode {
            throw SMTPError(code: "smtp.protocol", message: "The server mixed reply codes \(code) and \(lineCode).",
                            retryable: true)
        }
        code = lineCode
        lines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        guard line.count == 3 || line[3] == UInt8(ascii: " ") else { return nil }
        let reply = SMTPReply(code: lineCode, lines: lines)
        lines = []
        code = nil
        return reply
    }
}

/// A failed SMTP exchange, classified for retries: 4xx replies, timeouts and network errors are
/// retryable; 5xx replies and configuration problems are not.
package struct SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `smtp.rejected`, `smtp.auth_failed`, `smtp.starttls_unavailable`, `smtp.tls_failed`, `smtp.timeout`,
    /// `smtp.unreachable`, `smtp.protocol`, `smtp.configuration`.
    package let code: String
    /// For people; never contains the password.
    package let message: String
    /// Whether a later attempt can succeed.
    package let retryable: Bool
    /// The server's reply, when there was one.
    package let reply: SMTPReply?

    package init(code: String, message: String, retryable: Bool, reply: SMTPReply? = nil) {
        self.code = code
        self.message = message
        self.retryable = retryable
        self.reply = reply
    }

    /// A negative reply to `command`: 4xx retryable, 5xx not.
    package static func rejected(_ command: String, _ reply: SMTPReply, code: String = "smtp.rejected") -> SMTPError {
        SMTPError(code: code, message: "The server answered \(command) with \(reply)", retryable: reply.isTransient,
                  reply: reply)
    }

    package var description: String { "\(code): \(message)" }
}
