import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import PPTApp
import PPTDomain
import PPTHTTP
import PPTObservability
import PPTStorage
import Testing

extension TestApp {
    /// Like ``with(_:portal:_:)``, but the management API listens on a real loopback port, so responses
    /// can be read incrementally (``port``) as a browser reads them.
    static func withLive(_ dialect: DatabaseDialect, _ body: @escaping @Sendable (TestApp) async throws -> Void)
        async throws
    {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-live-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        try await TestDatabase.with(dialect) { database in
            let configuration = try AppConfiguration.forTests(overrides: [
                "PPT_BCRYPT_COST": "10", "PPT_DATA_DIR": dataDirectory.path,
            ])
            let runtime = try Runtime.make(configuration, database: database, keyRing: .generate(),
                                           logger: TestDatabase.logger)
            let services = try await runtime.httpServices()
            await runtime.health.markStarted()
            let app = Application(router: APIRouter.management(services), logger: TestDatabase.logger)
            try await app.test(.live) { client in
                try await body(TestApp(runtime: runtime, client: client))
            }
        }
    }

    /// The loopback port of an app started with ``withLive(_:_:)``.
    var port: Int { get throws { try #require(client.port) } }
}

/// One Server-Sent Event as received.
struct SSEEvent: Sendable {
    var id: String?
    var name: String
    var data: String

    /// `data` parsed as a JSON object.
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] }
    /// The text of a `delta` event.
    var text: String { json?["text"] as? String ?? "" }
    /// The chat position in the id (`"events:characters"`).
    var position: (events: Int, characters: Int)? {
        guard let parts = id?.split(separator: ":"), parts.count == 2, let events = Int(parts[0]),
              let characters = Int(parts[1]) else { return nil }
        return (events, characters)
    }
}

/// A response read frame by frame as Server-Sent Events, over its own connection.
struct SSEReader {
    let status: HTTPResponseStatus
    let headers: HTTPHeaders
    /// The `retry:` field, when the stream sent one.
    private(set) var retry: String?
    /// How many `: keep-alive` comments arrived.
    private(set) var comments = 0
    private var body: HTTPClientResponse.Body.AsyncIterator
    private var buffer: [UInt8] = []

    init(_ response: HTTPClientResponse) {
        status = response.status
        headers = response.headers
        body = response.body.makeAsyncIterator()
    }

    /// The next event; `nil` when the stream ended.
    mutating func next() async throws -> SSEEvent? {
        while true {
            if let end = frameEnd() {
                let frame = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                if let event = parse(frame) { return event }
                continue
            }
            guard let chunk = try await body.next() else { return nil }
            buffer += chunk.readableBytesView
        }
    }

    /// Every event until the stream ends.
    mutating func rest() async throws -> [SSEEvent] {
        var events: [SSEEvent] = []
        while let event = try await next() { events.append(event) }
        return events
    }

    /// The whole body as text (for a response that is not an event stream).
    mutating func text() async throws -> String {
        while let chunk = try await body.next() { buffer += chunk.readableBytesView }
        return String(decoding: buffer, as: UTF8.self)
    }

    private func frameEnd() -> Int? {
        guard buffer.count >= 2 else { return nil }
        for index in 0..<(buffer.count - 1) where buffer[index] == 0x0A && buffer[index + 1] == 0x0A { return index }
        return nil
    }

    private mutating func parse(_ frame: String) -> SSEEvent? {
        var event = SSEEvent(id: nil, name: "message", data: "")
        var dataLines: [String] = []
        var fields = 0
        for line in frame.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(":") { comments += 1; continue }
            let (field, value) = line.firstIndex(of: ":").map {
                (String(line[..<$0]), String(line[line.index(after: $0)...]).drop { $0 == " " })
            } ?? (String(line), "")
            fields += 1
            switch field {
            case "id": event.id = String(value)
            case "event": event.name = String(value)
            case "data": dataLines.append(String(value))
            case "retry": retry = String(value)
            default: break
            }
        }
        guard !dataLines.isEmpty, fields > 0 else { return nil }
        event.data = dataLines.joined(separator: "\n")
        return event
    }
}

/// A chat world served on a loopback port, with requests sent by AsyncHTTPClient.
struct LiveChat: Sendable {
    let chat: ChatWorld
    let port: Int

    /// `/api/v1/orgs/<id>`.
    var orgPath: String { "/api/v1/orgs/\(chat.world.ids["orgID"]!)" }
    var app: TestApp { chat.app }

    static func make(_ app: TestApp) async throws -> LiveChat {
        LiveChat(chat: try await ChatWorld.make(app), port: try app.port)
    }

    /// Runs `body` with a fresh HTTP client, shut down afterwards (which closes its connections).
    static func withClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Sends a request accepting `text/event-stream` and returns the stream once its head arrived.
    func open(_ client: HTTPClient, _ method: HTTPMethod, _ path: String, token: String, body: [String: Any]? = nil,
              headers extra: [(String, String)] = []) async throws -> SSEReader {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "text/event-stream")
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        return SSEReader(try await client.execute(request, timeout: .seconds(120)))
    }

    /// Asks `question` in `session` as a stream.
    func ask(_ client: HTTPClient, _ session: String, _ question: String, token: String) async throws -> SSEReader {
        try await open(client, .POST, "\(chat.path)/sessions/\(session)/messages", token: token,
                       body: ["content": question])
    }

    /// The stored message.
    func message(_ session: String, _ id: String, token: String) async throws -> [String: Any] {
        let response = try await app.request(.get, "\(chat.path)/sessions/\(session)/messages/\(id)", token: token)
        #expect(response.status == .ok, "\(response.text)")
        return response.json ?? [:]
    }

    /// Polls the stored answer until it is no longer `streaming` (at most `timeout`).
    func finished(_ session: String, _ id: String, token: String, timeout: Duration = .seconds(20)) async throws
        -> [String: Any]
    {
        let deadline = ContinuousClock.now + timeout
        while true {
            let stored = try await message(session, id, token: token)
            if stored["status"] as? String != "streaming" || ContinuousClock.now >= deadline { return stored }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Saves an OpenAI configuration pointing at `server` (whose script must answer the probe).
    func useOpenAI(_ server: FakeLLMServer, extra: [String: Any] = [:]) async throws {
        let saved = try await app.request(.put, "\(orgPath)/llm/config", token: chat.adminToken,
                                          body: LLMAPI.openAIConfig(server.baseURL + "/v1", extra: extra))
        #expect(saved.status == .ok, "\(saved.text)")
    }

    /// A fake OpenAI that answers the configuration probe, the model list and embeddings itself and every
    /// chat request with `answer`.
    static func openAI(_ answer: @escaping @Sendable (RecordedLLMRequest, Int) -> FakeLLMResponse) -> FakeLLMServer.Script {
        { request, number in
            if request.method == "GET", request.path.hasSuffix("/models") { return FakeOpenAI.models(["gpt-4o-mini"]) }
            if request.text.contains("Reply with the word OK.") { return FakeOpenAI.stream(pieces: ["OK"], usage: (5, 1)) }
            if request.path.hasSuffix("/embeddings") {
                return FakeOpenAI.embeddings(vectors: [[0.6, 0.8, 0]], answering: request)
            }
            return answer(request, number)
        }
    }
}

/// Checks the ids of a stream: present, and strictly increasing in (events, characters) order.
func expectIncreasingIDs(_ events: [SSEEvent], after start: (events: Int, characters: Int)? = nil,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    var previous = start
    for event in events {
        guard let position = event.position else {
            Issue.record("event \(event.name) has no valid id: \(event.id ?? "nil")", sourceLocation: sourceLocation)
            continue
        }
        if let last = previous, !(last < position) {
            Issue.record("id \(event.id ?? "") of \(event.name) does not follow \(last)", sourceLocation: sourceLocation)
        }
        previous = position
    }
}
