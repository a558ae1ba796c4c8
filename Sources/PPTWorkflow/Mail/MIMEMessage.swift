import Crypto
import Foundation

/// An RFC 5322 message with a MIME body: `text/plain` UTF-8 in quoted-printable, and with an HTML
/// part a `multipart/alternative` of both. Rendering is deterministic (the boundary comes from the
/// Message-ID), so a retried delivery sends the same bytes.
package struct MIMEMessage: Sendable, Hashable {
    package var from: MailAddress
    package var to: [MailAddress]
    package var replyTo: MailAddress?
    package var subject: String
    package var text: String
    package var html: String?
    package var date: Date
    /// With angle brackets, e.g. `<3f…@example.com>`.
    package var messageID: String

    package init(from: MailAddress, to: [MailAddress], replyTo: MailAddress? = nil, subject: String, text: String,
                 html: String? = nil, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.messageID = messageID
    }

    /// A Message-ID derived from an idempotency key: the same key always gives the same id, so a
    /// receiver can drop a repeated delivery.
    package static func messageID(forKey key: String, domain: String) -> String {
        let digest = SHA256.hash(data: Data("ppt-mail:\(key)".utf8)).map { String(format: "%02x", $0) }.joined()
        return "<\(digest.prefix(32))@\(domain)>"
    }

    /// The message as sent in DATA: CRLF line breaks, 7-bit, no terminating dot.
    package func rendered() -> String {
        var headers: [String] = [
            "Date: \(Self.rfc5322Date(date))",
            "From: \(from.headerValue)",
            Self.folded("To", to.map(\.headerValue)),
        ]
        if let replyTo { headers.append("Reply-To: \(replyTo.headerValue)") }
        headers.append("Message-ID: \(messageID)")
        headers.append("Subject: \(MIMEEncoding.headerText(subject))")
        headers.append("MIME-Version: 1.0")
        let textPart = [
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            MIMEEncoding.quotedPrintable(text),
        ]
        guard let html else { return (headers + textPart).joined(separator: "\r\n") + "\r\n" }
        let boundary = "=_ppt_" + messageID.filter { $0.isLetter || $0.isNumber }.prefix(24)
        var lines = headers + [
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "This is a multi-part message in MIME format.",
            "--\(boundary)",
        ]
        lines += textPart
        lines += [
            "--\(boundary)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            MIMEEncoding.quotedPrintable(html),
            "--\(boundary)--",
        ]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `Name: a, b, c` folded so no line passes 78 characters where it can be avoided.
    static func folded(_ name: String, _ items: [String]) -> String {
        var lines: [String] = []
        var current = "\(name):"
        for (index, item) in items.enumerated() {
            let piece = " " + item + (index < items.count - 1 ? "," : "")
            if current.count + piece.count > 78 && current != "\(name):" {
                lines.append(current)
                current = ""
            }
            current += piece
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// `Mon, 30 Nov 2026 08:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
