import Foundation
import PPTDomain

/// How outgoing e-mail leaves PPT.
///
/// Environment:
/// - `PPT_SMTP_URL` (text, default none): the submission server, e.g.
///   `smtp://user:pass@mail.example.com:587?starttls=required`, `smtps://user:pass@mail.example.com` (port 465,
///   implicit TLS) or `smtp://127.0.0.1:25?starttls=none`. User and password are percent-decoded. Query options:
///   `starttls=required|opportunistic|none` (smtp only; default `required`), `cafile=/path/ca.pem` (trust only
///   these roots instead of the system's), `helo=<name>` (the name sent in EHLO; default `localhost`),
///   `timeout=<seconds>` (per reply; default 30). Without it messages are kept as `captured` in the mailbox.
/// - `PPT_MAIL_FROM` (text, default `PPT <noreply@localhost.localdomain>`): the sender, `addr` or `Name <addr>`.
package struct MailConfiguration: Sendable, Hashable {
    /// The SMTP server; `nil` keeps every message as `captured` (nothing is sent, nothing is dropped).
    package var smtp: SMTPServerConfiguration?
    /// The envelope sender and `From:` header.
    package var from: MailAddress

    package init(smtp: SMTPServerConfiguration?, from: MailAddress) {
        self.smtp = smtp
        self.from = from
    }

    /// The embedded default: capture everything.
    package static let captureOnly = MailConfiguration(
        smtp: nil, from: MailAddress(address: "noreply@localhost.localdomain", displayName: "PPT"))

    /// Parses the two settings; empty text counts as absent.
    package static func parse(smtpURL: String?, from: String?) throws(DomainError) -> MailConfiguration {
        let sender: MailAddress
        if let from, !from.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let parsed = MailAddress.parseMailbox(from) else {
                throw DomainError.invalid("/PPT_MAIL_FROM", "is not an e-mail address (`addr` or `Name <addr>`)")
            }
            sender = parsed
        } else {
            sender = captureOnly.from
        }
        guard let smtpURL, !smtpURL.trimmingCharacters(in: .whitespaces).isEmpty else {
            return MailConfiguration(smtp: nil, from: sender)
        }
        return MailConfiguration(smtp: try SMTPServerConfiguration.parse(smtpURL), from: sender)
    }
}

/// How the connection to the SMTP server is protected.
package enum SMTPSecurity: String, Sendable, Hashable {
    /// TLS from the first byte (`smtps://`, port 465).
    case implicitTLS
    /// STARTTLS must succeed, or nothing is sent (the default for `smtp://`).
    case startTLSRequired
    /// STARTTLS when the server offers it, plain text otherwise.
    case startTLSOpportunistic
    /// Plain text (loopback relays only).
    case none
}

/// One SMTP server to submit mail to.
package struct SMTPServerConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Host name or IP address.
    package var host: String
    package var port: Int
    package var security: SMTPSecurity
    /// Login name, when the server wants AUTH.
    package var username: String?
    /// Password; never logged (`description` hides it).
    package var password: String?
    /// PEM file of the roots to trust instead of the system's (private or test CAs).
    package var trustRootsFile: String?
    /// Name sent in EHLO.
    package var heloName: String
    /// Longest wait for a connection or one reply.
    package var timeout: Duration

    package init(host: String, port: Int, security: SMTPSecurity, username: String? = nil, password: String? = nil,
                 trustRootsFile: String? = nil, heloName: String = "localhost", timeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.trustRootsFile = trustRootsFile
        self.heloName = heloName
        self.timeout = timeout
    }

    /// The URL without its password.
    package var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = username.map { "\($0):***@" } ?? ""
        return "\(scheme)://\(user)\(host):\(port) (\(security.rawValue))"
    }

    /// Parses `smtp://…` or `smtps://…` (see `MailConfiguration`).
    package static func parse(_ text: String) throws(DomainError) -> SMTPServerConfiguration {
        func invalid(_ detail: String) -> DomainError { DomainError.invalid("/PPT_SMTP_URL", detail) }
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased()
        else { throw invalid("is not a URL") }
        guard let host = components.host, !host.isEmpty else { throw invalid("has no host") }
        var options: [String: String] = [:]
        for item in components.queryItems ?? [] { options[item.name.lowercased()] = item.value ?? "" }
        let known: Set<String> = ["starttls", "cafile", "helo", "timeout"]
        if let unknown = options.keys.sorted().first(where: { !known.contains($0) }) {
            throw invalid("has an unknown option `\(unknown)` (known: starttls, cafile, helo, timeout)")
        }
        let security: SMTPSecurity
        switch scheme {
        case "smtps":
            guard options["starttls"] == nil else { throw invalid("smtps:// is TLS from the start; drop `starttls`") }
            security = .implicitTLS
        case "smtp":
            switch options["starttls"]?.lowercased() ?? "required" {
            case "required": security = .startTLSRequired
            case "opportunistic": security = .startTLSOpportunistic
            case "none": security = .none
            default: throw invalid("starttls must be required, opportunistic or none")
            }
        default:
            throw invalid("must start with smtp:// or smtps://")
        }
        let port = components.port ?? (security == .implicitTLS ? 465 : 587)
        guard (1...65_535).contains(port) else { throw invalid("has an invalid port") }
        var timeout = Duration.seconds(30)
        if let raw = options["timeout"] {
            guard let seconds = Int(raw), (1...600).contains(seconds) else {
                throw invalid("timeout must be whole seconds from 1 to 600")
            }
            timeout = .seconds(seconds)
        }
        let username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        let password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        if password != nil && (username ?? "").isEmpty { throw invalid("has a password without a user") }
        let helo = options["helo"].flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        guard helo.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else { throw invalid("helo must be a plain host name") }
        return SMTPServerConfiguration(
            host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: port, security: security,
            username: (username ?? "").isEmpty ? nil : username, password: password,
            trustRootsFile: options["cafile"].flatMap { $0.isEmpty ? nil : $0 }, heloName: helo, timeout: timeout)
    }
}
