import NIOCore

/// The inbound end of an SMTP connection: parses replies and hands them, in order, to whoever waits
/// (`next`). All its state lives on the channel's event loop; the client reaches it through
/// `NIOLoopBound`.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var parser = SMTPReplyParser()
    private var replies: CircularBuffer<SMTPReply> = []
    private var waiters: CircularBuffer<(id: Int, promise: EventLoopPromise<SMTPReply>)> = []
    private var nextWaiterID = 0
    /// Why the connection failed, once it has.
    private(set) var failure: SMTPError?
    private var context: ChannelHandlerContext?
    private let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Whether the server sent anything that no command asked for yet (after STARTTLS that would be
    /// plain text injected before the handshake, CVE-2011-0411).
    var hasUnreadInput: Bool { parser.hasPendingInput || !replies.isEmpty }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        do {
            for reply in try parser.feed(buffer.readableBytesView) { deliver(reply) }
        } catch {
            fail(error)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError(code: "smtp.unreachable", message: "The server closed the connection.", retryable: true))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? SMTPError {
            fail(error)
        } else {
            fail(SMTPError(code: "smtp.tls_failed", message: "The connection failed: \(error)", retryable: true))
        }
        context.close(promise: nil)
    }

    /// The next reply, failing after `timeout` (and then closing the connection, whose dialogue is
    /// out of step from there on).
    func next(timeout: TimeAmount) -> EventLoopFuture<SMTPReply> {
        if let reply = replies.popFirst() { return eventLoop.makeSucceededFuture(reply) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        guard context != nil else {
            return eventLoop.makeFailedFuture(
                SMTPError(code: "smtp.unreachable", message: "The connection is closed.", retryable: true))
        }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        let id = nextWaiterID
        nextWaiterID += 1
        waiters.append((id, promise))
        let timer = eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in
            guard let self, let index = self.waiters.firstIndex(where: { $0.id == id }) else { return }
            self.waiters.remove(at: index)
            promise.fail(SMTPError(code: "smtp.timeout", message: "The server did not answer in time.", retryable: true))
            self.context?.close(promise: nil)
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        return promise.futureResult
    }

    private func deliver(_ reply: SMTPReply) {
        if let waiter = waiters.popFirst() {
            waiter.promise.succeed(reply)
        } else {
            replies.append(reply)
        }
    }

    private func fail(_ error: SMTPError) {
        if failure == nil { failure = error }
        while let waiter = waiters.popFirst() { waiter.promise.fail(error) }
    }
}
