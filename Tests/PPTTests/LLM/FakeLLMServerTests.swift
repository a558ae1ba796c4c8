import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

/// The fake provider server itself: framing, timing, recording, and failures it can script.
@Suite struct FakeLLMServerTests {
    @Test func aStreamedOpenAIResponseArrivesChunkByChunkAndParsesAsSSE() async throws {
        let pieces = ["Hel", "lo", " wörld \"quoted\"\n"]
        let usage = (prompt: 7, completion: 3)
        let server = try await FakeLLMServer.start(responses: [
            FakeOpenAI.stream(pieces: pieces, usage: usage, interval: .milliseconds(20))
        ])
        let chunks = try await withClient { client in
            let response = try await client.execute(post(server, "/v1/chat/completions", #"{"stream":true}"#),
                                                    timeout: .seconds(30))
            #expect(response.status == .ok)
            #expect(response.headers["content-type"] == ["text/event-stream; charset=utf-8"])
            #expect(response.headers["transfer-encoding"] == ["chunked"])
            var chunks: [String] = []
            for try await buffer in response.body { chunks.append(String(buffer: buffer)) }
            return chunks
        }
        try await server.shutdown()

        #expect(chunks == FakeOpenAI.streamFrames(pieces: pieces, usage: usage))
        let events = chunks.joined().components(separatedBy: "\n\n").filter { !$0.isEmpty }
        #expect(events.allSatisfy { $0.hasPrefix("data: ") })
        #expect(events.last == "data: [DONE]")
        let objects = try events.dropLast().map { try jsonObject(String($0.dropFirst("data: ".count))) }
        let deltas = objects.compactMap { ($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any] }
        #expect(deltas.compactMap { $0["content"] as? String }.joined() == pieces.joined())
        #expect(objects.dropLast().allSatisfy { $0["usage"] is NSNull })
        let final = try #require(objects.last)
        #expect((final["choices"] as? [Any])?.isEmpty == true)
        #expect((final["usage"] as? [String: Any])?["total_tokens"] as? Int == 10)
    }

    @Test func requestsAreRecordedWithMethodPathHeadersAndBody() async throws {
        let server = try await FakeLLMServer.start(responses: [FakeOpenAI.completion(content: "Hi")])
        let before = ContinuousClock.now
        let body = try await withClient { client in
            var request = post(server, "/v1/chat/completions?api-version=1", #"{"model":"gpt-4o-mini","stream":false}"#)
            request.headers.add(name: "Authorization", value: "Bearer sk-test")
            request.headers.add(name: "OpenAI-Project", value: "proj_1")
            let response = try await client.execute(request, timeout: .seconds(30))
            #expect(response.headers["content-length"].first.flatMap(Int.init) != nil)
            return try await response.body.collect(upTo: 1 << 20)
        }
        let recorded = await server.requests()
        try await server.shutdown()

        let message = try #require((jsonObject(String(buffer: body))["choices"] as? [[String: Any]])?.first?["message"])
        #expect((message as? [String: Any])?["content"] as? String == "Hi")
        let request = try #require(recorded.first)
        #expect(recorded.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/chat/completions?api-version=1")
        #expect(request.header("authorization") == "Bearer sk-test")
        #expect(request.header("openai-project") == "proj_1")
        #expect(request.header("x-missing") == nil)
        #expect(request.json?["model"] as? String == "gpt-4o-mini")
        #expect(request.receivedAt >= before)
    }

    @Test func theScriptSeesRequestNumbersOverOneKeptAliveConnection() async throws {
        let server = try await FakeLLMServer.start { request, number in
            .body(#"{"number":\#(number),"path":\#(FakeJSON.string(request.path))}"#)
        }
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        var numbers: [Int] = []
        for path in ["/api/tags", "/api/chat", "/v1/models"] {
            let response = try await client.execute(HTTPClientRequest(url: server.baseURL + path), timeout: .seconds(30))
            let object = try jsonObject(String(buffer: try await response.body.collect(upTo: 1 << 20)))
            #expect(object["path"] as? String == path)
            numbers.append(try #require(object["number"] as? Int))
        }
        #expect(numbers == [0, 1, 2])
        #expect(await server.connectionCount() == 1)
        // The client still holds the idle connection: shutting the server down first must not hang.
        try await server.shutdown()
        try await client.shutdown()
        #expect(await server.clientDisconnects() == 0)
    }

    @Test func aResponseListIsServedInOrderAndItsLastEntryRepeats() async throws {
        let server = try await FakeLLMServer.start(responses: [
            FakeAnthropic.error(status: 529, type: "overloaded_error", message: "Overloaded"),
            FakeOpenAI.error(status: 429, type: "rate_limit_error", message: "Slow down", code: "rate_limit_exceeded",
                             headers: [("retry-after-ms", "50")]),
            FakeOpenAI.models(["gpt-4o-mini"]),
        ])
        let statuses = try await withClient { client in
            var statuses: [UInt] = []
            for _ in 0..<4 {
                let response = try await client.execute(HTTPClientRequest(url: server.baseURL + "/v1/models"),
                                                        timeout: .seconds(30))
                if response.status == .tooManyRequests { #expect(response.headers["retry-after-ms"] == ["50"]) }
                let body = try jsonObject(String(buffer: try await response.body.collect(upTo: 1 << 20)))
                if response.status.code == 529 {
                    #expect((body["error"] as? [String: Any])?["type"] as? String == "overloaded_error")
                    #expect(body["request_id"] as? String == "req_fake")
                }
                statuses.append(response.status.code)
            }
            return statuses
        }
        try await server.shutdown()
        #expect(statuses == [529, 429, 200, 200])
    }

    @Test func droppingTheConnectionMidStreamMakesTheClientsBodyIterationThrow() async throws {
        let server = try await FakeLLMServer.start(responses: [
            FakeOpenAI.stream(pieces: ["a", "b", "c"]).droppingConnection(afterChunks: 2)
        ])
        let received = try await withClient { client in
            let response = try await client.execute(post(server, "/v1/chat/completions", "{}"), timeout: .seconds(30))
            #expect(response.status == .ok)
            var received = ""
            await #expect(throws: (any Error).self) {
                for try await buffer in response.body { received += String(buffer: buffer) }
            }
            return received
        }
        try await server.shutdown()
        #expect(received == FakeOpenAI.streamFrames(pieces: ["a", "b", "c"]).prefix(2).joined())
        #expect(await server.clientDisconnects() == 0)
    }

    @Test func aHeadDelayHoldsBackTheStatusLine() async throws {
        let server = try await FakeLLMServer.start(responses: [
            FakeOllama.tags(["llama3.2:latest"]).delayingHead(by: .milliseconds(150))
        ])
        let (elapsed, names) = try await withClient { client in
            let start = ContinuousClock.now
            let response = try await client.execute(HTTPClientRequest(url: server.baseURL + "/api/tags"),
                                                    timeout: .seconds(30))
            let elapsed = ContinuousClock.now - start
            let object = try jsonObject(String(buffer: try await response.body.collect(upTo: 1 << 20)))
            return (elapsed, (object["models"] as? [[String: Any]])?.compactMap { $0["name"] as? String })
        }
        try await server.shutdown()
        #expect(elapsed >= .milliseconds(150))
        #expect(names == ["llama3.2:latest"])
    }

    @Test func aClientThatGoesAwayMidResponseIsCountedAndTheServerKeepsServing() async throws {
        let server = try await FakeLLMServer.start(responses: [
            // A long pause before the second chunk: the client's departure always falls inside the response.
            .chunked(["data: one\n\n", "data: two\n\n"], contentType: "text/event-stream").paced(.seconds(8)),
            FakeOpenAI.models(["gpt-4o-mini"]),
        ])
        try await withClient { client in
            // The client goes away once the response is under way (after its first chunk), not at a
            // fixed moment that a loaded machine may not have reached.
            let (firstChunk, gotFirstChunk) = AsyncStream.makeStream(of: Void.self)
            let caller = Task {
                defer { gotFirstChunk.finish() }
                let response = try await client.execute(post(server, "/v1/chat/completions", "{}"),
                                                        timeout: .seconds(30))
                var chunks = response.body.makeAsyncIterator()
                _ = try await chunks.next()
                gotFirstChunk.finish()
                _ = try await chunks.next()
            }
            #expect(await server.waitForRequests(1))
            for await _ in firstChunk {}
            caller.cancel()
            _ = await caller.result
            #expect(await server.waitForClientDisconnects(1))

            let next = try await client.execute(HTTPClientRequest(url: server.baseURL + "/v1/models"),
                                                timeout: .seconds(30))
            #expect(next.status == .ok)
            _ = try await next.body.collect(upTo: 1 << 20)
        }
        try await server.shutdown()
        #expect(await server.clientDisconnects() == 1)
        #expect(await server.requests().count == 2)
    }

    @Test func anEmbeddingsAnswerFollowsTheRequestedEncoding() async throws {
        let vector: [Float] = [0.25, -1.5, 3]
        let server = try await FakeLLMServer.start { request, _ in
            FakeOpenAI.embeddings(vectors: [vector], answering: request)
        }
        let bodies = try await withClient { client in
            var bodies: [[String: Any]] = []
            for format in ["base64", "float"] {
                let request = post(server, "/v1/embeddings", #"{"input":"x","encoding_format":"\#(format)"}"#)
                let response = try await client.execute(request, timeout: .seconds(30))
                bodies.append(try jsonObject(String(buffer: try await response.body.collect(upTo: 1 << 20))))
            }
            return bodies
        }
        try await server.shutdown()
        func embedding(_ body: [String: Any]) -> Any? { (body["data"] as? [[String: Any]])?.first?["embedding"] }
        let encoded = try #require(embedding(bodies[0]) as? String)
        let bytes = try #require(Data(base64Encoded: encoded))
        let decoded = stride(from: 0, to: bytes.count, by: 4).map { offset in
            Float(bitPattern: bytes[offset..<offset + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        }
        #expect(decoded == vector)
        #expect((embedding(bodies[1]) as? [Double])?.map(Float.init) == vector)
        #expect((bodies[1]["usage"] as? [String: Any])?["total_tokens"] as? Int == 8)
    }
}

extension FakeLLMServerTests {
    @Test func theWireCarriesEachPartAsOneChunkAndADropLeavesOutTheTerminatingChunk() async throws {
        let server = try await FakeLLMServer.start(responses: [
            FakeLLMResponse.chunked(["data: a\n\n", "data: bc\n\n"], contentType: "text/event-stream")
                .droppingConnection(afterChunks: 2),
            FakeAnthropic.error(status: 529, type: "overloaded_error", message: "Overloaded"),
        ])
        let dropped = try await rawExchange(server, "GET /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let overloaded = try await rawExchange(
            server, "GET /v1/messages HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        try await server.shutdown()
        #expect(dropped == "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
            + "9\r\ndata: a\n\n\r\na\r\ndata: bc\n\n\r\n")
        let body = #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"#
            + #""request_id":"req_fake"}"#
        #expect(overloaded == "HTTP/1.1 529 \r\ncontent-type: application/json\r\n"
            + "content-length: \(body.utf8.count)\r\nrequest-id: req_fake\r\n\r\n" + body)
    }

    @Test func anthropicStreamEventsNameTheirTypeAndCarryToolInputFragments() throws {
        let tool = FakeAnthropic.ToolUse(name: "get_weather", inputFragments: [#"{"city":"#, #""Paris"}"#])
        let events = FakeAnthropic.streamEvents(pieces: ["Hi", " there"], toolUses: [tool], inputTokens: 12,
                                                outputTokens: 7)
        var names: [String] = []
        var objects: [[String: Any]] = []
        for event in events {
            #expect(event.hasSuffix("\n\n"))
            let lines = event.dropLast(2).components(separatedBy: "\n")
            let name = String(try #require(lines.first).dropFirst("event: ".count))
            let object = try jsonObject(String(lines[1].dropFirst("data: ".count)))
            #expect(object["type"] as? String == name)
            names.append(name)
            objects.append(object)
        }
        #expect(names == ["message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
                          "content_block_stop", "content_block_start", "content_block_delta", "content_block_delta",
                          "content_block_stop", "message_delta", "message_stop"])
        let deltas = objects.compactMap { $0["delta"] as? [String: Any] }
        #expect(deltas.compactMap { $0["text"] as? String }.joined() == "Hi there")
        let input = try jsonObject(deltas.compactMap { $0["partial_json"] as? String }.joined())
        #expect(input["city"] as? String == "Paris")
        #expect(objects[6]["index"] as? Int == 1)
        #expect((objects[10]["usage"] as? [String: Any])?["output_tokens"] as? Int == 7)
        #expect((objects[10]["delta"] as? [String: Any])?["stop_reason"] as? String == "tool_use")
    }

    @Test func openAIToolCallArgumentsArriveInFragmentsThatConcatenateToJSON() throws {
        let call = FakeOpenAI.ToolCall(name: "get_weather", argumentFragments: [#"{"ci"#, #"ty":"Par"#, #"is"}"#])
        let frames = FakeOpenAI.streamFrames(pieces: [], toolCalls: [call])
        let objects = try frames.dropLast().map { try jsonObject(String($0.dropFirst("data: ".count).dropLast(2))) }
        let calls = objects.compactMap {
            (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["tool_calls"] as? [[String: Any]]
        }.flatMap { $0 }
        #expect(calls.first?["id"] as? String == "call_fake_1")
        #expect((calls.first?["function"] as? [String: Any])?["name"] as? String == "get_weather")
        let arguments = calls.compactMap { ($0["function"] as? [String: Any])?["arguments"] as? String }.joined()
        #expect(try jsonObject(arguments)["city"] as? String == "Paris")
        let finish = (objects.last?["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String
        #expect(finish == "tool_calls")
        #expect(frames.last == "data: [DONE]\n\n")
    }

    @Test func ollamaLinesAreNDJSONEndingWithTheDoneLine() throws {
        let lines = FakeOllama.streamLines(pieces: ["The", " sky"], promptEvalCount: 26, evalCount: 282)
        #expect(lines.allSatisfy { $0.hasSuffix("\n") && !$0.dropLast().contains("\n") })
        let objects = try lines.map { try jsonObject(String($0.dropLast())) }
        #expect(objects.dropLast().allSatisfy { $0["done"] as? Bool == false })
        let done = try #require(objects.last)
        #expect(done["done"] as? Bool == true)
        #expect(done["prompt_eval_count"] as? Int == 26)
        #expect(done["eval_count"] as? Int == 282)
        let withoutCounts = try jsonObject(String(try #require(
            FakeOllama.streamLines(pieces: [], promptEvalCount: nil, evalCount: nil).last).dropLast()))
        #expect(withoutCounts["eval_count"] == nil)
        let error = FakeOllama.midStreamError(message: "boom").chunks
        #expect(error.last == #"{"error":"boom"}"# + "\n")
    }
}

/// A POST of a JSON `body` to `path` on `server`.
private func post(_ server: FakeLLMServer, _ path: String, _ body: String) -> HTTPClientRequest {
    var request = HTTPClientRequest(url: server.baseURL + path)
    request.method = .POST
    request.headers.add(name: "content-type", value: "application/json")
    request.body = .bytes(ByteBuffer(string: body))
    return request
}

/// Sends `request` over a plain TCP connection and returns every byte received until the server closes it.
private func rawExchange(_ server: FakeLLMServer, _ request: String) async throws -> String {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connect(host: "127.0.0.1", port: server.port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
    return try await channel.executeThenClose { inbound, outbound in
        try await outbound.write(ByteBuffer(string: request))
        var received = ""
        for try await buffer in inbound { received += String(buffer: buffer) }
        return received
    }
}

/// Runs `body` with a fresh HTTP client and shuts the client down afterwards.
private func withClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
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

/// `text` parsed as a JSON object.
private func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}
