import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// One request received by a ``FakeLLMServer``, recorded once its body has fully arrived.
struct RecordedLLMRequest: Sendable {
    /// The HTTP method, e.g. `POST`.
    let method: String
    /// The request target as sent, including any query string, e.g. `/v1/chat/completions?x=1`.
    let path: String
    /// The request headers in the order they were sent.
    let headers: [(name: String, value: String)]
    /// The request body.
    let body: Data
    /// When the last byte of the request arrived.
    let receivedAt: ContinuousClock.Instant

    /// The first value of the header `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body parsed as a JSON object, or nil when it is not one.
    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body decoded as `type`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: body)
    }
}

/// What a ``FakeLLMServer`` sends back for one request.
///
/// With a `content-length` header the parts are the raw body; without one the body is chunked
/// (`transfer-encoding: chunked`) and every ``Part/bytes(_:)`` part is written and flushed as its own chunk.
struct FakeLLMResponse: Sendable {
    /// One step of writing the body.
    enum Part: Sendable {
        /// Bytes written and flushed at once (one chunk of a chunked body).
        case bytes(String)
        /// Waits before the next part.
        case pause(Duration)
        /// Closes the TCP connection at once: no terminating chunk, later parts are not sent.
        case dropConnection
    }

    /// How long to wait before sending the status line and headers (a slow first byte).
    var headDelay: Duration = .zero
    /// The HTTP status code.
    var status: Int
    /// The response headers, in order.
    var headers: [(name: String, value: String)]
    /// The body, written in order.
    var parts: [Part]

    /// A response; leave out `content-length` for a chunked body.
    init(headDelay: Duration = .zero, status: Int = 200, headers: [(name: String, value: String)] = [],
         parts: [Part] = []) {
        self.headDelay = headDelay
        self.status = status
        self.headers = headers
        self.parts = parts
    }
}

/// A loopback HTTP/1.1 server that answers like an LLM provider, byte for byte as scripted.
///
/// Built on SwiftNIO directly so a test controls timing and framing: a delayed head, separately flushed
/// chunks with pauses, malformed lines, a connection closed in the middle of a chunked body. Connections are
/// kept alive between requests unless the client or the response asks for `connection: close`. Every test
/// starts its own server on a free port and must call ``shutdown()`` (or use ``run(script:_:)``).
final class FakeLLMServer: Sendable {
    /// Chooses the response to a request, given the request and its 0-based number on this server.
    typealias Script = @Sendable (RecordedLLMRequest, Int) async -> FakeLLMResponse

    /// The port the server listens on at 127.0.0.1.
    let port: Int
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private let listener: any Channel
    private let recorder: FakeLLMRecorder
    // The accept loop has to outlive `start` because the surface is start/shutdown; `shutdown` ends and awaits it.
    private let acceptLoop: Task<Void, Never>

    private init(port: Int, listener: any Channel, recorder: FakeLLMRecorder, acceptLoop: Task<Void, Never>) {
        self.port = port
        self.listener = listener
        self.recorder = recorder
        self.acceptLoop = acceptLoop
    }

    /// Starts a server whose responses are chosen per request by `script`.
    static func start(script: @escaping Script) async throws -> FakeLLMServer {
        let recorder = FakeLLMRecorder()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    let (requests, continuation) = AsyncStream.makeStream(of: FakeLLMConnection.Received.self)
                    try channel.pipeline.syncOperations.addHandler(FakeLLMRequestCollector(continuation))
                    return FakeLLMConnection(channel: channel, requests: requests)
                }
            }
        guard let port = server.channel.localAddress?.port else {
            try? await server.channel.close()
            throw ChannelError.unknownLocalAddress
        }
        let listener = server.channel
        let acceptLoop = Task {
            do {
                try await server.executeThenClose { connections in
                    await withDiscardingTaskGroup { group in
                        do {
                            for try await connection in connections {
                                group.addTask { await connection.serve(script: script, recorder: recorder) }
                            }
                        } catch {
                            // The listener failed or was closed by `shutdown`; the connections finish on their own.
                        }
                    }
                }
            } catch {
                // Closing an already closed listener during shutdown.
            }
        }
        return FakeLLMServer(port: port, listener: listener, recorder: recorder, acceptLoop: acceptLoop)
    }

    /// Starts a server that answers requests with `responses` in order, repeating the last one.
    static func start(responses: [FakeLLMResponse]) async throws -> FakeLLMServer {
        try await start(script: script(responses))
    }

    /// Runs `body` with a server started from `script`, shutting it down afterwards even when `body` throws.
    static func run<T: Sendable>(
        script: @escaping Script, _ body: (FakeLLMServer) async throws -> T
    ) async throws -> T {
        let server = try await start(script: script)
        do {
            let result = try await body(server)
            try await server.shutdown()
            return result
        } catch {
            try? await server.shutdown()
            throw error
        }
    }

    /// Runs `body` with a server answering with `responses` (in order, the last one repeating), then shuts it down.
    static func run<T: Sendable>(
        responses: [FakeLLMResponse], _ body: (FakeLLMServer) async throws -> T
    ) async throws -> T {
        try await run(script: script(responses), body)
    }

    private static func script(_ responses: [FakeLLMResponse]) throws -> Script {
        guard !responses.isEmpty else { throw FakeLLMServerError.noResponses }
        return { _, number in responses[min(number, responses.count - 1)] }
    }

    /// Every request received so far, in arrival order.
    func requests() async -> [RecordedLLMRequest] { recorder.requests }

    /// How many times a client closed its connection before the response to its request was complete.
    func clientDisconnects() async -> Int { recorder.clientDisconnects }

    /// How many TCP connections were accepted (1 for several requests means keep-alive worked).
    func connectionCount() async -> Int { recorder.connectionCount }

    /// Waits until at least `count` client disconnects were seen; false if `timeout` passed first.
    func waitForClientDisconnects(_ count: Int = 1, timeout: Duration = .seconds(10)) async -> Bool {
        await waitUntil(timeout: timeout) { self.recorder.clientDisconnects >= count }
    }

    /// Waits until at least `count` requests were received; false if `timeout` passed first.
    func waitForRequests(_ count: Int, timeout: Duration = .seconds(10)) async -> Bool {
        await waitUntil(timeout: timeout) { self.recorder.requests.count >= count }
    }

    /// Stops accepting, closes open connections (not counted as client disconnects) and waits for the server's tasks.
    func shutdown() async throws {
        let open = recorder.stop()
        try? await listener.close()
        for channel in open { try? await channel.close() }
        acceptLoop.cancel()
        await acceptLoop.value
    }

    private func waitUntil(timeout: Duration, _ condition: @Sendable () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }
}

/// Misuse of ``FakeLLMServer``.
enum FakeLLMServerError: Error {
    /// `start(responses:)` was given an empty list.
    case noResponses
}

/// The server's shared record of requests, connections and disconnects.
final class FakeLLMRecorder: Sendable {
    private struct State {
        var requests: [RecordedLLMRequest] = []
        var clientDisconnects = 0
        var connectionCount = 0
        var open: [ObjectIdentifier: any Channel] = [:]
        var stopping = false
    }

    private let state = Mutex(State())

    /// Requests in arrival order.
    var requests: [RecordedLLMRequest] { state.withLock { $0.requests } }
    /// Connections the client closed before its response was complete.
    var clientDisconnects: Int { state.withLock { $0.clientDisconnects } }
    /// Connections accepted.
    var connectionCount: Int { state.withLock { $0.connectionCount } }

    /// Registers an accepted connection; false when the server is shutting down.
    func opened(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.stopping else { return false }
            state.connectionCount += 1
            state.open[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    /// Forgets a connection that has ended.
    func closed(_ channel: any Channel) {
        _ = state.withLock { $0.open.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Records a request and returns its 0-based number.
    func record(_ request: RecordedLLMRequest) -> Int {
        state.withLock { state in
            state.requests.append(request)
            return state.requests.count - 1
        }
    }

    /// Counts a connection lost before its response was complete, unless the server itself is shutting down.
    func lostConnection() {
        state.withLock { state in
            if !state.stopping { state.clientDisconnects += 1 }
        }
    }

    /// Marks the server as stopping and returns the connections to close.
    func stop() -> [any Channel] {
        state.withLock { state in
            state.stopping = true
            return Array(state.open.values)
        }
    }
}

/// One accepted connection: its requests as they complete, answered one after another.
struct FakeLLMConnection: Sendable {
    /// A fully received request and whether the client allows the connection to be reused.
    struct Received: Sendable {
        let request: RecordedLLMRequest
        let keepAlive: Bool
    }

    private enum Outcome { case completed, dropped, lost }

    let channel: any Channel
    let requests: AsyncStream<Received>

    /// Answers the connection's requests in turn until it closes, is dropped, or the server stops.
    func serve(script: @escaping FakeLLMServer.Script, recorder: FakeLLMRecorder) async {
        defer {
            recorder.closed(channel)
            channel.close(promise: nil)
        }
        guard recorder.opened(channel) else { return }
        for await received in requests {
            let number = recorder.record(received.request)
            let (outcome, closeAfter) = await respond(to: received.request, number: number, script: script)
            switch outcome {
            case .completed where received.keepAlive && !closeAfter: continue
            case .completed, .dropped: return
            case .lost:
                recorder.lostConnection()
                return
            }
        }
    }

    /// Writes the scripted response while watching for the client going away; a close cancels the writing.
    private func respond(
        to request: RecordedLLMRequest, number: Int, script: @escaping FakeLLMServer.Script
    ) async -> (Outcome, closeAfter: Bool) {
        await withTaskGroup(of: (Outcome, Bool)?.self) { group in
            group.addTask { await write(script(request, number)) }
            group.addTask {
                await waitForClose()
                return nil
            }
            var result: (Outcome, Bool) = (.lost, true)
            for await finished in group {
                if let finished { result = finished }
                group.cancelAll()
            }
            return result
        }
    }

    private func write(_ response: FakeLLMResponse) async -> (Outcome, Bool) {
        let closeAfter = response.headers.contains {
            $0.name.lowercased() == "connection" && $0.value.lowercased().contains("close")
        }
        do {
            try Task.checkCancellation()
            if response.headDelay > .zero { try await Task.sleep(for: response.headDelay) }
            let status = HTTPResponseStatus(statusCode: response.status)
            let head = HTTPResponseHead(version: .http1_1, status: status,
                                        headers: HTTPHeaders(response.headers.map { ($0.name, $0.value) }))
            try await channel.writeAndFlush(HTTPServerResponsePart.head(head))
            for part in response.parts {
                switch part {
                case .bytes(let text):
                    try await channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(string: text))))
                case .pause(let duration):
                    try await Task.sleep(for: duration)
                case .dropConnection:
                    try? await channel.close()
                    return (.dropped, true)
                }
            }
            try await channel.writeAndFlush(HTTPServerResponsePart.end(nil))
            return (.completed, closeAfter)
        } catch {
            return (.lost, true)
        }
    }

    /// Returns when the channel closes, or when the task is cancelled.
    private func waitForClose() async {
        let (closed, continuation) = AsyncStream.makeStream(of: Void.self)
        channel.closeFuture.whenComplete { _ in continuation.finish() }
        for await _ in closed {}
    }
}

/// Collects the parts of each request into a ``FakeLLMConnection/Received`` and ends the stream on close.
final class FakeLLMRequestCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart

    private let continuation: AsyncStream<FakeLLMConnection.Received>.Continuation
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(_ continuation: AsyncStream<FakeLLMConnection.Received>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            let request = RecordedLLMRequest(
                method: head.method.rawValue, path: head.uri,
                headers: head.headers.map { (name: $0.name, value: $0.value) },
                body: Data(body.readableBytesView), receivedAt: .now)
            continuation.yield(.init(request: request, keepAlive: head.isKeepAlive))
            self.head = nil
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        continuation.finish()
    }
}
