import NIOCore
import NIOPosix
import NIOSSL

/// One open connection to an SMTP server: write a command line, await its reply; upgrade to TLS.
struct SMTPConnection: Sendable {
    private let channel: any Channel
    private let handler: NIOLoopBound<SMTPReplyHandler>
    private let timeout: TimeAmount

    private init(channel: any Channel, handler: NIOLoopBound<SMTPReplyHandler>, timeout: TimeAmount) {
        self.channel = channel
        self.handler = handler
        self.timeout = timeout
    }

    /// Connects; with `tls` the connection is TLS from the first byte (smtps).
    static func open(host: String, port: Int, tls: (context: NIOSSLContext, serverName: String?)?,
                     timeout: TimeAmount, group: any EventLoopGroup) async throws(SMTPError) -> SMTPConnection {
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls.context, serverHostname: tls.serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(eventLoop: channel.eventLoop))
                }
            }
        do {
            let channel = try await bootstrap.connect(host: host, port: port).get()
            let handler = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self),
                             eventLoop: channel.eventLoop)
            }.get()
            return SMTPConnection(channel: channel, handler: handler, timeout: timeout)
        } catch {
            throw SMTPError(code: "smtp.unreachable", message: "Could not connect to \(host):\(port): \(error)",
                            retryable: true)
        }
    }

    /// The next reply from the server.
    func reply() async throws(SMTPError) -> SMTPReply {
        let handler = self.handler
        let timeout = self.timeout
        do {
            return try await channel.eventLoop.flatSubmit { handler.value.next(timeout: timeout) }.get()
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError(code: "smtp.unreachable", message: "The connection failed: \(error)", retryable: true)
        }
    }

    /// Sends one command line (CRLF added) and returns the reply.
    func command(_ line: String) async throws(SMTPError) -> SMTPReply {
        try await write(line + "\r\n")
        return try await reply()
    }

    /// Writes raw text (message data).
    func write(_ text: String) async throws(SMTPError) {
        do {
            try await channel.writeAndFlush(ByteBuffer(string: text)).get()
        } catch {
            // The pipeline usually knows the cause first (a failed TLS handshake fails pending writes).
            let handler = self.handler
            if let known = try? await channel.eventLoop.submit({ handler.value.failure }).get() { throw known }
            throw SMTPError(code: "smtp.unreachable", message: "Writing to the server failed: \(error)", retryable: true)
        }
    }

    /// Puts TLS under the dialogue after the server's `220` to STARTTLS. Anything the server sent
    /// beyond that reply would be plain text smuggled into the encrypted session: refused.
    func startTLS(context: NIOSSLContext, serverName: String?) async throws(SMTPError) {
        let handler = self.handler
        let channel = self.channel
        do {
            try await channel.eventLoop.submit {
                guard !handler.value.hasUnreadInput else {
                    throw SMTPError(code: "smtp.protocol", message: "The server sent data after its STARTTLS reply.",
                                    retryable: false)
                }
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
            }.get()
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError(code: "smtp.tls_failed", message: "Starting TLS failed: \(error)", retryable: false)
        }
    }

    /// Closes the connection (idempotent).
    func close() async {
        try? await channel.close().get()
    }
}
