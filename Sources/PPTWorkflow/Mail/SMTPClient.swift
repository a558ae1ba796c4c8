import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// PPT's own SMTP submission client (RFC 5321) on SwiftNIO and NIOSSL: no SMTP package is among the
/// project's dependencies. EHLO (HELO fallback), STARTTLS or implicit TLS, AUTH PLAIN or LOGIN
/// (whichever the server advertises, PLAIN first), MAIL FROM, RCPT TO per recipient, DATA with
/// dot-stuffing, QUIT. Every reply has a deadline; 4xx replies and network failures are retryable
/// `SMTPError`s, 5xx ones are not.
package struct SMTPClient: Sendable {
    package let configuration: SMTPServerConfiguration
    private let group: any EventLoopGroup

    package init(configuration: SMTPServerConfiguration,
                 eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = eventLoopGroup
    }

    /// Submits one message (`data`, rendered with CRLF line breaks) to `recipients`. Recipients the
    /// server refuses are reported; when it refuses all of them, the first refusal is thrown.
    package func send(from sender: String, to recipients: [String], data: String) async throws(SMTPError)
        -> SMTPDelivery
    {
        guard !recipients.isEmpty else {
            throw SMTPError(code: "smtp.configuration", message: "A message needs at least one recipient.",
                            retryable: false)
        }
        let tls = try tlsContext()
        let serverName = Self.isIPAddress(configuration.host) ? nil : configuration.host
        let (seconds, attoseconds) = configuration.timeout.components
        let timeout = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let connection = try await SMTPConnection.open(
            host: configuration.host, port: configuration.port,
            tls: configuration.security == .implicitTLS ? (tls, serverName) : nil, timeout: timeout, group: group)
        do {
            let delivery = try await dialogue(connection, tls: tls, serverName: serverName, sender: sender,
                                              recipients: recipients, data: data)
            _ = try? await connection.command("QUIT")
            await connection.close()
            return delivery
        } catch {
            await connection.close()
            throw error
        }
    }

    private func dialogue(_ connection: SMTPConnection, tls: NIOSSLContext, serverName: String?, sender: String,
                          recipients: [String], data: String) async throws(SMTPError) -> SMTPDelivery {
        let greeting = try await connection.reply()
        guard greeting.code == 220 else { throw SMTPError.rejected("the connection", greeting) }
        var extensions = try await hello(connection)
        let offersTLS = extensions.keys.contains("STARTTLS")
        var secured = configuration.security == .implicitTLS
        if configuration.security == .startTLSRequired && !offersTLS {
            throw SMTPError(code: "smtp.starttls_unavailable",
                            message: "The server does not offer STARTTLS, which the configuration requires.",
                            retryable: false)
        }
        if offersTLS && (configuration.security == .startTLSRequired || configuration.security == .startTLSOpportunistic) {
            let reply = try await connection.command("STARTTLS")
            guard reply.code == 220 else { throw SMTPError.rejected("STARTTLS", reply, code: "smtp.tls_failed") }
            try await connection.startTLS(context: tls, serverName: serverName)
            secured = true
            extensions = try await hello(connection)
        }
        if let username = configuration.username {
            guard secured || configuration.security == .none else {
                throw SMTPError(code: "smtp.configuration",
                                message: "Refusing to send the password without TLS (the server offers no STARTTLS).",
                                retryable: false)
            }
            try await authenticate(connection, username: username, password: configuration.password ?? "",
                                   mechanisms: extensions["AUTH"] ?? [])
        }
        let mail = try await connection.command("MAIL FROM:<\(sender)>")
        guard mail.code == 250 else { throw SMTPError.rejected("MAIL FROM", mail) }
        var accepted: [String] = []
        var refused: [SMTPRefusal] = []
        for recipient in recipients {
            let reply = try await connection.command("RCPT TO:<\(recipient)>")
            if reply.code == 250 || reply.code == 251 {
                accepted.append(recipient)
            } else {
                refused.append(SMTPRefusal(recipient: recipient, reply: reply))
            }
        }
        guard !accepted.isEmpty else {
            let first = refused[0]
            // Retry only when some refusal was temporary; a permanent refusal of everyone is final.
            let anyTransient = refused.contains { $0.reply.isTransient }
            throw SMTPError(code: "smtp.rejected", message: "The server refused every recipient: "
                                + refused.map { "\($0.recipient) (\($0.reply))" }.joined(separator: ", "),
                            retryable: anyTransient, reply: first.reply)
        }
        let start = try await connection.command("DATA")
        guard start.code == 354 else { throw SMTPError.rejected("DATA", start) }
        try await connection.write(Self.dotStuffed(data) + ".\r\n")
        let done = try await connection.reply()
        guard done.code == 250 else { throw SMTPError.rejected("the message", done) }
        return SMTPDelivery(accepted: accepted, refused: refused, reply: done)
    }

    /// EHLO, or HELO when the server does not know EHLO; returns the extensions (keyword → parameters).
    private func hello(_ connection: SMTPConnection) async throws(SMTPError) -> [String: [String]] {
        let reply = try await connection.command("EHLO \(configuration.heloName)")
        if reply.code == 250 {
            var extensions: [String: [String]] = [:]
            for line in reply.lines.dropFirst() {
                let words = line.replacingOccurrences(of: "=", with: " ").split(separator: " ").map(String.init)
                guard let keyword = words.first?.uppercased() else { continue }
                extensions[keyword, default: []] += words.dropFirst().map { $0.uppercased() }
            }
            return extensions
        }
        guard !reply.isTransient else { throw SMTPError.rejected("EHLO", reply) }
        let helo = try await connection.command("HELO \(configuration.heloName)")
        guard helo.code == 250 else { throw SMTPError.rejected("HELO", helo) }
        return [:]
    }

    private func authenticate(_ connection: SMTPConnection, username: String, password: String,
                              mechanisms: [String]) async throws(SMTPError) {
        func encoded(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        func refused(_ reply: SMTPReply) -> SMTPError {
            SMTPError(code: "smtp.auth_failed",
                      message: "The SMTP server refused the user name or password for \(username): \(reply)",
                      retryable: reply.isTransient, reply: reply)
        }
        if mechanisms.contains("PLAIN") {
            let reply = try await connection.command("AUTH PLAIN " + encoded("\0\(username)\0\(password)"))
            guard reply.code == 235 else { throw refused(reply) }
        } else if mechanisms.contains("LOGIN") {
            let start = try await connection.command("AUTH LOGIN")
            guard start.code == 334 else { throw refused(start) }
            let user = try await connection.command(encoded(username))
            guard user.code == 334 else { throw refused(user) }
            let reply = try await connection.command(encoded(password))
            guard reply.code == 235 else { throw refused(reply) }
        } else {
            throw SMTPError(
                code: "smtp.configuration",
                message: mechanisms.isEmpty ? "The server does not offer AUTH, but a user is configured."
                    : "The server offers AUTH \(mechanisms.joined(separator: " ")); PPT speaks PLAIN and LOGIN.",
                retryable: false)
        }
    }

    private func tlsContext() throws(SMTPError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let file = configuration.trustRootsFile { tls.trustRoots = .file(file) }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError(code: "smtp.configuration", message: "The TLS settings are not usable: \(error)",
                            retryable: false)
        }
    }

    /// RFC 5321 §4.5.2: a line starting with `.` gets another; line breaks become CRLF and the
    /// result ends in CRLF (the terminating `.` line is the caller's).
    package static func dotStuffed(_ data: String) -> String {
        var text = data.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        if text.hasPrefix(".") { text = "." + text }
        return text.replacingOccurrences(of: "\r\n.", with: "\r\n..")
    }

    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}

/// The outcome of one submission.
package struct SMTPDelivery: Sendable, Hashable {
    /// Recipients the server accepted.
    package let accepted: [String]
    /// Recipients it refused (the message went to the others).
    package let refused: [SMTPRefusal]
    /// The server's reply to the message (often carries its queue id).
    package let reply: SMTPReply
}

/// A recipient the server refused.
package struct SMTPRefusal: Sendable, Hashable {
    package let recipient: String
    package let reply: SMTPReply
}
