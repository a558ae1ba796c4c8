import Foundation
import HTTPTypes
import NIOHTTP1
import PPTApp
import PPTDomain
import PPTStorage
import Testing

/// The chat's Server-Sent Events read by a real HTTP client over a loopback port, with the model
/// played by a fake OpenAI: order and ids of events, disconnects, resumes, tools, actions, limits, stop.
@Suite("Assistant chat streaming")
struct ChatStreamingTests {
    static let question = "Kedy je nočný pokoj?"

    /// `count` pieces of an answer.
    static func pieces(_ count: Int) -> [String] { (1...count).map { "Časť \($0) odpovede; " } }

    /// Event names with consecutive deltas shown once.
    static func shape(_ events: [SSEEvent]) -> [String] {
        events.map(\.name).reduce(into: []) { names, name in
            if !(name == "delta" && names.last == "delta") { names.append(name) }
        }
    }

    @Test("A streamed answer arrives incrementally: start, sources, deltas, usage, done, with increasing ids",
          arguments: TestDatabase.dialects)
    func streamed(dialect: DatabaseDialect) async throws {
        try await TestApp.withLive(dialect) { app in
            let live = try await LiveChat.make(app)
            let pieces = Self.pieces(10)
            let script = LiveChat.openAI { _, _ in
                FakeOpenAI.stream(pieces: pieces, usage: (12, 7), interval: .milliseconds(30))
            }
            try await FakeLLMServer.run(script: script) { server in
                try await live.useOpenAI(server)
                let session = try await live.chat.session(live.chat.tenantToken)
                let (events, arrivals) = try await LiveChat.withClient { client in
                    var reader = try await live.ask(client, session, Self.question, token: live.chat.tenantToken)
                    #expect(reader.status == .ok)
                    #expect(reader.headers["content-type"].first?.hasPrefix("text/event-stream") == true)
                    #expect(reader.headers["x-accel-buffering"] == ["no"])
                    var events: [SSEEvent] = []
                    var arrivals: [ContinuousClock.Instant] = []
                    while let event = try await reader.next() {
                        events.append(event)
                        arrivals.append(.now)
                    }
                    #expect(reader.retry == "2000")
                    return (events, arrivals)
                }
                #expect(Self.shape(events) == ["start", "sources", "delta", "usage", "done"])
                expectIncreasingIDs(events)
                #expect(events.filter { $0.name == "done" }.count == 1 && events.last?.name == "done")
                let deltas = events.indices.filter { events[$0].name == "delta" }
                let text = deltas.map { events[$0].text }.joined()
                #expect(text == pieces.joined())
                // Read as it was generated, not buffered until the end.
                if let first = deltas.first, let last = deltas.last {
                    #expect(arrivals[last] - arrivals[first] >= .milliseconds(150))
                }

                let start = try #require(events.first?.json)
                #expect(start["status"] as? String == "streaming" && start["role"] as? String == "assistant")
                let answerID = try #require(start["id"] as? String)
                let stored = try await live.message(session, answerID, token: live.chat.tenantToken)
                let done = try #require(events.last?.json)
                for (key, value) in ["status": "complete", "provider": "openai", "model": "gpt-4o-mini"] {
                    #expect(done[key] as? String == value && stored[key] as? String == value, "\(key)")
                }
                #expect(done["id"] as? String == answerID)
                #expect(done["content"] as? String == text && stored["content"] as? String == text)
                #expect(done["inputTokens"] as? Int == 12 && done["outputTokens"] as? Int == 7)
                #expect(stored["inputTokens"] as? Int == 12 && stored["outputTokens"] as? Int == 7)
                #expect((done["sources"] as? [Any])?.count == (stored["sources"] as? [Any])?.count)
                let usage = try #require(events.first { $0.name == "usage" }?.json)
                #expect(usage["inputTokens"] as? Int == 12 && usage["outputTokens"] as? Int == 7)
                #expect(usage["costMicros"] as? Int == stored["costMicros"] as? Int)

                let sent = try #require(await server.requests().last?.json)
                #expect(sent["stream"] as? Bool == true)
                #expect((sent["messages"] as? [[String: Any]])?.last?["content"] as? String == Self.question)
                #expect((sent["tools"] as? [Any])?.isEmpty == false)
            }
        }
    }

    @Test("An answer goes on and is saved completely after its client disconnects")
    func clientDisconnects() async throws {
        try await TestApp.withLive(.sqlite) { app in
            let live = try await LiveChat.make(app)
            let pieces = Self.pieces(12)
            let script = LiveChat.openAI { _, _ in FakeOpenAI.stream(pieces: pieces, interval: .milliseconds(100)) }
            try await FakeLLMServer.run(script: script) { server in
                try await live.useOpenAI(server)
                let token = live.chat.tenantToken
                let session = try await live.chat.session(token)
                let (answerID, first) = try await LiveChat.withClient { client in
                    var reader = try await live.ask(client, session, Self.question, token: token)
                    var answerID: String?
                    while let event = try await reader.next() {
                        if event.name == "start" { answerID = event.json?["id"] as? String }
                        if event.name == "delta" { return (answerID, event.text) }
                    }
                    return (answerID, "")
                } // the client is shut down: its connection closes in the middle of the stream
                let id = try #require(answerID)
                #expect(!first.isEmpty)
                #expect(try await live.message(session, id, token: token)["status"] as? String == "streaming")
                let stored = try await live.finished(session, id, token: token)
                #expect(stored["status"] as? String == "complete")
                #expect(stored["content"] as? String == pieces.joined())
            }
        }
    }

    @Test("Last-Event-ID resumes exactly where the client left, live and after the end; bad ids are 400")
    func resume() async throws {
        try await TestApp.withLive(.sqlite) { app in
            let live = try await LiveChat.make(app)
            let pieces = Self.pieces(12)
            let full = pieces.joined()
            let script = LiveChat.openAI { _, _ in FakeOpenAI.stream(pieces: pieces, interval: .milliseconds(80)) }
            try await FakeLLMServer.run(script: script) { server in
                try await live.useOpenAI(server)
                let token = live.chat.tenantToken
                let session = try await live.chat.session(token)
                let part = try await LiveChat.withClient { client in
                    var reader = try await live.ask(client, session, Self.question, token: token)
                    var events: [SSEEvent] = []
                    while let event = try await reader.next() {
                        events.append(event)
                        if events.filter({ $0.name == "delta" }).count == 3 { break }
                    }
                    return events
                }
                let answerID = try #require(part.first?.json?["id"] as? String)
                let last = try #require(part.last)
                let seen = part.filter { $0.name == "delta" }.map(\.text).joined()
                let stream = "\(live.chat.path)/sessions/\(session)/messages/\(answerID)/stream"
                func follow(_ id: String?) async throws -> [SSEEvent] {
                    try await LiveChat.withClient { client in
                        var reader = try await live.open(client, .GET, stream, token: token,
                                                         headers: id.map { [("Last-Event-ID", $0)] } ?? [])
                        #expect(reader.status == .ok)
                        return try await reader.rest()
                    }
                }

                let resumed = try await follow(last.id)
                #expect(!resumed.contains { $0.name == "start" || $0.name == "sources" })
                expectIncreasingIDs(resumed, after: last.position)
                #expect(seen + resumed.filter { $0.name == "delta" }.map(\.text).joined() == full)
                #expect(resumed.filter { $0.name == "done" }.count == 1 && resumed.last?.name == "done")
                #expect(resumed.last?.json?["content"] as? String == full)
                #expect(try await live.finished(session, answerID, token: token)["content"] as? String == full)

                // After the end: from the start the stored answer replays (its text as one delta).
                for origin in [nil, "0:0"] {
                    let replay = try await follow(origin)
                    #expect(replay.map(\.name) == ["start", "sources", "delta", "usage", "done"])
                    #expect(replay.first { $0.name == "delta" }?.text == full)
                    expectIncreasingIDs(replay)
                }
                let doneID = try #require(resumed.last?.id)
                let afterDone = try await follow(doneID)
                #expect(afterDone.map(\.name) == ["done"] && afterDone.first?.id == doneID)
                let byQuery = try await LiveChat.withClient { client in
                    var reader = try await live.open(client, .GET, "\(stream)?lastEventId=\(last.id ?? "")", token: token)
                    return try await reader.rest()
                }
                #expect(byQuery.filter { $0.name == "delta" }.map(\.text).joined() == String(full.dropFirst(seen.count)))

                for bad in ["abc", "5", "-1:0", "1:x"] {
                    let refused = try await app.request(.get, stream, token: token,
                                                        headers: [HTTPField.Name("Last-Event-ID")!: bad])
                    #expect(refused.status == .badRequest, "\(bad): \(refused.text)")
                    #expect(refused.header("Content-Type")?.hasPrefix("application/problem+json") == true)
                    #expect(refused.problemCode == "chat.bad_event_id")
                }
            }
        }
    }

    @Test("A stop during a slow stream saves the partial answer as cancelled and ends the stream with chat.cancelled",
          arguments: TestDatabase.dialects)
    func stop(dialect: DatabaseDialect) async throws {
        try await TestApp.withLive(dialect) { app in
            let live = try await LiveChat.make(app)
            let pieces = Self.pieces(20)
            let script = LiveChat.openAI { _, _ in FakeOpenAI.stream(pieces: pieces, interval: .milliseconds(150)) }
            try await FakeLLMServer.run(script: script) { server in
                try await live.useOpenAI(server)
                let token = live.chat.tenantToken
                let session = try await live.chat.session(token)
                try await LiveChat.withClient { client in
                    var reader = try await live.ask(client, session, Self.question, token: token)
                    var events: [SSEEvent] = []
                    while events.filter({ $0.name == "delta" }).count < 2, let event = try await reader.next() {
                        events.append(event)
                    }
                    let answerID = try #require(events.first?.json?["id"] as? String)
                    let cancel = "\(live.chat.path)/sessions/\(session)/messages/\(answerID)/cancel"
                    let stopped = try await app.request(.post, cancel, token: token)
                    #expect(stopped.status == .ok, "\(stopped.text)")
                    let partial = try #require(stopped.json?["content"] as? String)
                    #expect(stopped.json?["status"] as? String == "cancelled")
                    #expect(!partial.isEmpty && partial.count < pieces.joined().count)
                    #expect(pieces.joined().hasPrefix(partial))

                    events += try await reader.rest()
                    #expect(events.last?.name == "error" && !events.contains { $0.name == "done" })
                    #expect(events.last?.json?["code"] as? String == "chat.cancelled")
                    #expect(events.filter { $0.name == "delta" }.map(\.text).joined() == partial)
                    let stored = try await live.message(session, answerID, token: token)
                    #expect(stored["status"] as? String == "cancelled" && stored["content"] as? String == partial)
                    let again = try await app.request(.post, cancel, token: token)
                    #expect(again.status == .conflict && again.problemCode == "chat.not_generating")
                    // The session takes the next question.
                    let next = try await app.request(.post, "\(live.chat.path)/sessions/\(session)/messages", token: token,
                                                     body: ["content": "A v nedeľu?"])
                    #expect(next.status == .created, "\(next.text)")
                }
                #expect(await server.waitForClientDisconnects(1, timeout: .seconds(10)),
                        "stopping the answer should cancel the upstream request")
            }
        }
    }
}
