import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// What the fake provider answers: the same fixed text in `pieces` chunks, with optional delays.
struct FakeLLMBehavior: Sendable {
    var model: String
    var pieces: Int
    var pieceInterval: TimeAmount
    var firstByteDelay: TimeAmount

    private static let words = """
        The annual meeting of the cooperative is scheduled for the first Monday of March in the community room \
        on the ground floor.
        """.split(separator: " ").map(String.init)

    /// Piece `index` of an answer `count` pieces long: the fixed words in order, repeated when needed.
    func piece(_ index: Int, of count: Int) -> String {
        let word = Self.words[index % Self.words.count]
        return index == count - 1 ? word : word + " "
    }
}

/// The NIO server behind `ppt bench fake-llm`.
struct FakeLLMServer {
    let group: MultiThreadedEventLoopGroup
    let channel: any Channel

    /// The bound port.
    var port: Int { channel.localAddress?.port ?? 0 }

    static func start(host: String, port: Int, threads: Int, behavior: FakeLLMBehavior) async throws -> FakeLLMServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 4096)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(FakeLLMHandler(behavior: behavior))
                    }
                }
                .bind(host: host, port: port).get()
            return FakeLLMServer(group: group, channel: channel)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    func shutdown() async throws {
        try await channel.close().get()
        try await group.shutdownGracefully()
    }
}

/// One connection of the fake provider; HTTPServerPipelineHandler serialises pipelined requests for it.
final class FakeLLMHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private static let maxBody = 1 << 20
    private static let counter = Atomic<Int>(0)

    private let behavior: FakeLLMBehavior
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var bodyTooLarge = false
    private var events: [String] = []
    private var nextEvent = 0
    private var waitsBefore: Range<Int> = 0..<0
    private var keepAlive = true
    private var pending: Scheduled<Void>?

    init(behavior: FakeLLMBehavior) { self.behavior = behavior }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
            bodyTooLarge = false
        case .body(var chunk):
            if body.readableBytes + chunk.readableBytes > Self.maxBody {
                bodyTooLarge = true
            } else {
                body.writeBuffer(&chunk)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            keepAlive = head.isKeepAlive
            respond(to: head, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        pending?.cancel()
        pending = nil
        context.fireChannelInactive()
    }

    /// A broken connection (a reset by the client, say) ends its streams; nothing to report.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        switch (head.method, path) {
        case (.GET, "/v1/models"):
            let id = FakeCompletion.quote(behavior.model)
            let model = #"{"id":\#(id),"object":"model","created":0,"owned_by":"ppt-bench"}"#
            sendJSON(.ok, #"{"object":"list","data":[\#(model)]}"#, context: context)
        case (.POST, "/v1/chat/completions"):
            guard !bodyTooLarge else {
                return sendError(.payloadTooLarge, "The request body exceeds 1 MiB.", param: nil, context: context)
            }
            let request: FakeChatRequest
            do {
                request = try JSONDecoder().decode(FakeChatRequest.self, from: Data(body.readableBytesView))
            } catch {
                return sendError(.badRequest, "The body is not a valid chat completions request.", param: nil,
                                 context: context)
            }
            if let problem = request.problem {
                return sendError(.badRequest, problem.message, param: problem.param, context: context)
            }
            complete(request, context: context)
        case (_, "/v1/models"), (_, "/v1/chat/completions"):
            sendError(.methodNotAllowed, "Method \(head.method.rawValue) is not allowed here.", param: nil,
                      context: context)
        default:
            sendError(.notFound, "Unknown path \(path).", param: nil, context: context)
        }
    }

    private func complete(_ request: FakeChatRequest, context: ChannelHandlerContext) {
        let limit = request.maxCompletionTokens ?? request.maxTokens ?? Int.max
        let completion = FakeCompletion(
            id: "chatcmpl-bench-\(Self.counter.add(1, ordering: .relaxed).newValue)",
            created: Int(Date().timeIntervalSince1970),
            model: FakeCompletion.quote(request.model ?? behavior.model),
            pieces: (0..<min(behavior.pieces, limit)).map { behavior.piece($0, of: behavior.pieces) },
            finishReason: limit < behavior.pieces ? "length" : "stop", promptTokens: request.promptTokens,
            includeUsage: request.includeUsage)
        guard request.stream ?? false else { return sendJSON(.ok, completion.message, context: context) }
        events = completion.events
        nextEvent = 0
        waitsBefore = completion.pieceIndicesAfterTheFirst
        afterDelay(behavior.firstByteDelay, context: context) {
            var headers = HTTPHeaders()
            headers.add(name: "content-type", value: "text/event-stream; charset=utf-8")
            headers.add(name: "cache-control", value: "no-cache")
            headers.add(name: "transfer-encoding", value: "chunked")
            if !self.keepAlive { headers.add(name: "connection", value: "close") }
            let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)
            context.write(self.wrapOutboundOut(.head(head)), promise: nil)
            self.writeEvents(context: context)
        }
    }

    /// Writes the events due now as one chunk (one write per piece interval, or one for the whole answer when
    /// there is no interval), then waits for the next piece or ends the response.
    private func writeEvents(context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: 512)
        while nextEvent < events.count {
            buffer.writeString(events[nextEvent])
            nextEvent += 1
            if behavior.pieceInterval.nanoseconds > 0, waitsBefore.contains(nextEvent) {
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                return afterDelay(behavior.pieceInterval, context: context) { self.writeEvents(context: context) }
            }
        }
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        events = []
        end(context: context)
    }

    private func afterDelay(_ delay: TimeAmount, context: ChannelHandlerContext, _ body: @escaping () -> Void) {
        guard delay.nanoseconds > 0 else { return body() }
        pending = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            self.pending = nil
            if context.channel.isActive { body() }
        }
    }

    private func sendJSON(_ status: HTTPResponseStatus, _ json: String, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(json.utf8.count))
        if !keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                      promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: json)))), promise: nil)
        end(context: context)
    }

    private func sendError(_ status: HTTPResponseStatus, _ message: String, param: String?,
                           context: ChannelHandlerContext) {
        let type = status == .notFound ? "not_found_error" : "invalid_request_error"
        let error = #"{"message":\#(FakeCompletion.quote(message)),"type":"\#(type)","#
            + #""param":\#(param.map(FakeCompletion.quote) ?? "null"),"code":null}"#
        sendJSON(status, #"{"error":\#(error)}"#, context: context)
    }

    private func end(context: ChannelHandlerContext) {
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive { written.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
    }
}
