import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PPTObservability
import ServiceLifecycle
import Synchronization
import Testing

/// How the loopback Sentry answers one envelope.
struct SentryReply: Sendable {
    var status = 200
    var headers: [String: String] = [:]
    /// Hold the response until `SentryReceiver.releaseStalled()`.
    var stall = false
}

/// One envelope as received on the wire.
struct ReceivedEnvelope: Sendable {
    let projectID: String
    /// Lower-cased header names.
    let headers: [String: String]
    let body: [UInt8]

    /// The envelope, parsed strictly.
    func parsed() throws -> ParsedEnvelope { try ParsedEnvelope(body) }
    /// The event of the envelope.
    func event() throws -> [String: Any] { try parsed().event() }
}

/// A Sentry envelope parsed the way Relay reads it: a header line, then items of a header line and
/// `length` bytes of payload, each followed by a newline (the last one optionally).
struct ParsedEnvelope {
    struct Failure: Error, CustomStringConvertible { let description: String }
    struct Item {
        let header: [String: Any]
        let payload: [UInt8]
    }

    let header: [String: Any]
    let items: [Item]

    init(_ bytes: [UInt8]) throws {
        var index = 0
        func line() throws -> ArraySlice<UInt8> {
            guard index < bytes.count else { throw Failure(description: "unexpected end of envelope") }
            let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
            defer { index = min(end + 1, bytes.count) }
            return bytes[index..<end]
        }
        func object(_ slice: ArraySlice<UInt8>) throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(slice)) as? [String: Any] else {
                throw Failure(description: "a header line is not a JSON object")
            }
            return object
        }
        header = try object(try line())
        var items: [Item] = []
        while index < bytes.count {
            let itemHeader = try object(try line())
            let payload: ArraySlice<UInt8>
            if let length = itemHeader["length"] as? Int {
                let start = index
                guard start + length <= bytes.count else { throw Failure(description: "length beyond the end") }
                payload = bytes[start..<(start + length)]
                index += length
                if index < bytes.count {
                    guard bytes[index] == 0x0A else {
                        throw Failure(description: "length \(length) does not end at a newline")
                    }
                    index += 1
                }
                // The payload is compact JSON, so reading up to the newline must give the same bytes.
                let byNewline = bytes[start...].prefix { $0 != 0x0A }
                guard byNewline.count == length else {
                    throw Failure(description: "length \(length) but the payload line has \(byNewline.count) bytes")
                }
            } else {
                payload = try line()
            }
            items.append(Item(header: itemHeader, payload: Array(payload)))
        }
        self.items = items
    }

    /// The payload of the only `event` item, as JSON.
    func event() throws -> [String: Any] {
        let events = items.filter { $0.header["type"] as? String == "event" }
        guard events.count == 1,
              let event = try JSONSerialization.jsonObject(with: Data(events[0].payload)) as? [String: Any]
        else { throw Failure(description: "expected exactly one event item") }
        return event
    }
}

/// What the receiver saw, and what it will answer next.
actor SentryReceiverLog {
    private(set) var envelopes: [ReceivedEnvelope] = []
    private var replies: [SentryReply] = []
    private var stalled: [CheckedContinuation<Void, Never>] = []
    private var releasedStalls = false

    func plan(_ replies: [SentryReply]) { self.replies.append(contentsOf: replies) }

    func record(_ envelope: ReceivedEnvelope) -> SentryReply {
        envelopes.append(envelope)
        return replies.isEmpty ? SentryReply() : replies.removeFirst()
    }

    func waitUntilReleased() async {
        if releasedStalls { return }
        await withCheckedContinuation { stalled.append($0) }
    }

    func releaseStalled() {
        releasedStalls = true
        for continuation in stalled { continuation.resume() }
        stalled.removeAll()
    }
}

/// A real Sentry-compatible endpoint on 127.0.0.1 (a Hummingbird app on port 0) with
/// `POST /api/{projectID}/envelope/`.
struct SentryReceiver: Sendable {
    static let publicKey = "0123456789abcdef0123456789abcdef"
    let port: Int
    let log: SentryReceiverLog

    /// A DSN pointing at this receiver, project 42 (with a secret that must never be sent).
    var dsn: String { "http://\(Self.publicKey):never-sent-secret@127.0.0.1:\(port)/42" }

    /// Runs `body` with a receiver listening; stops it afterwards.
    static func with(_ body: @escaping @Sendable (SentryReceiver) async throws -> Void) async throws {
        let log = SentryReceiverLog()
        let router = Router()
        router.post("/api/:projectID/envelope/") { request, context -> Response in
            let buffer = try await request.body.collect(upTo: 20 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let envelope = ReceivedEnvelope(
                projectID: context.parameters.get("projectID") ?? "", headers: headers,
                body: Array(buffer.readableBytesView))
            let reply = await log.record(envelope)
            if reply.stall { await log.waitUntilReleased() }
            var fields = HTTPFields()
            for (name, value) in reply.headers {
                if let name = HTTPField.Name(name) { fields[name] = value }
            }
            return Response(status: HTTPResponse.Status(code: reply.status), headers: fields)
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "sentry-receiver"))
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "sentry-receiver")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let receiver = SentryReceiver(port: port, log: log)
            do {
                try await body(receiver)
            } catch {
                await log.releaseStalled()
                await group.triggerGracefulShutdown()
                throw error
            }
            await log.releaseStalled()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// Answers the next envelopes with `replies` (then 200 again).
    func plan(_ replies: SentryReply...) async { await log.plan(replies) }

    /// Lets stalled responses go.
    func releaseStalled() async { await log.releaseStalled() }

    /// Everything received so far.
    var envelopes: [ReceivedEnvelope] { get async { await log.envelopes } }

    /// Waits until `count` envelopes arrived (fails after `timeout`).
    @discardableResult
    func waitFor(_ count: Int, timeout: Duration = .seconds(20),
                 sourceLocation: SourceLocation = #_sourceLocation) async throws -> [ReceivedEnvelope] {
        try await waitUntil(timeout: timeout, sourceLocation: sourceLocation) { await log.envelopes.count >= count }
        return await log.envelopes
    }
}

/// Polls `condition` every 20 ms until it holds; records a failure and throws after `timeout`. The
/// default is far above what a send takes: the whole suite in parallel on 2 cores once held three
/// sends back for more than 5 s.
func waitUntil(timeout: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation,
               _ condition: @Sendable () async -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !(await condition()) {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met within \(timeout)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// Runs `client` in a service group for the duration of `body`, then shuts it down gracefully, running
/// `afterShutdownStarted` once shutdown was triggered, and waits until the client stopped.
func running(_ client: SentryClient, _ body: @Sendable () async throws -> Void,
             afterShutdownStarted: @escaping @Sendable () async throws -> Void = {}) async throws {
    let group = ServiceGroup(configuration: .init(services: [client], logger: Logger(label: "sentry-client")))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            try await body()
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        tasks.addTask { try await afterShutdownStarted() }
        try await tasks.waitForAll()
    }
}

/// A log handler that keeps what it is given.
struct RecordingLogHandler: LogHandler {
    struct Entry: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata
    }

    final class Store: Sendable {
        private let stored = Mutex<[Entry]>([])
        func append(_ entry: Entry) { stored.withLock { $0.append(entry) } }
        var entries: [Entry] { stored.withLock { $0 } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.append(Entry(level: event.level, message: "\(event.message)",
                           metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
    }

    /// A logger recording into a new store.
    static func logger() -> (Logger, Store) {
        let store = Store()
        return (Logger(label: "recording") { _ in RecordingLogHandler(store: store) }, store)
    }
}
