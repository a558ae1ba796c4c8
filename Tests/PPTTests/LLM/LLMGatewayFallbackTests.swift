import Foundation
import PPTDomain
import PPTLLM
import PPTObservability
import Testing
import Tracing

/// Fallback before the first output only, the per-provider circuit breaker, and cancellation.
@Suite struct LLMGatewayFallbackTests {
    @Test func aFailingPrimaryFallsBackToAnotherProviderBeforeOutput() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.error(status: 500, type: "server_error", message: "x")]) { primary in
                try await FakeLLMServer.run(responses: [FakeAnthropic.stream(pieces: ["Saved"], inputTokens: 9,
                                                                             outputTokens: 2)]) { fallback in
                    h.configure(primary.openAI(), fallbacks: [fallback.anthropic()])
                    let (response, served) = try await h.gateway.complete(h.call())
                    #expect(response.text == "Saved")
                    #expect(served == LLMServedBy(provider: .anthropic, model: "claude-sonnet-4-5", attempts: 4,
                                                  fellBack: true))
                    #expect(await primary.requests().count == 3, "the primary's retries come first")
                    #expect(await fallback.requests().count == 1)
                    #expect(await fallback.requests().first?.json?["model"] as? String == "claude-sonnet-4-5")
                    let entry = try #require(h.store.entries.first)
                    #expect(h.store.entries.count == 1)
                    #expect(entry.provider == .anthropic && entry.model == "claude-sonnet-4-5")
                    #expect(entry.attempts == 4 && entry.outcome == .ok)
                    #expect(entry.inputTokens == 9 && entry.outputTokens == 2)
                    let span = try #require(h.spans(named: "chat gpt-4o-mini").first)
                    #expect(span.attributes.get("gen_ai.provider.name") == .string("anthropic"))
                }
            }
        }
    }

    @Test func noFallbackOnceOutputHasBegun() async throws {
        try await LLMGatewayHarness.run { h in
            let dropped = FakeOpenAI.stream(pieces: ["Hel", "lo"]).droppingConnection(afterChunks: 2)
            try await FakeLLMServer.run(responses: [dropped]) { primary in
                try await FakeLLMServer.run(responses: [FakeAnthropic.stream(pieces: ["unused"])]) { fallback in
                    h.configure(primary.openAI(), fallbacks: [fallback.anthropic()])
                    let stream = try await h.gateway.stream(h.call())
                    #expect(stream.servedBy.provider == .openai && !stream.servedBy.fellBack)
                    var texts: [String] = []
                    var thrown: (any Error)?
                    do {
                        for try await event in stream { if case .textDelta(let text) = event { texts.append(text) } }
                    } catch {
                        thrown = error
                    }
                    #expect(texts == ["Hel"])
                    #expect((thrown as? DomainError)?.code == "llm.stream_interrupted")
                    #expect(await primary.requests().count == 1)
                    #expect(await fallback.requests().isEmpty)
                    #expect(h.store.entries.first?.provider == .openai)
                    #expect(h.store.entries.first?.outcome == .error)
                }
            }
        }
    }

    @Test func fiveFailuresOpenTheBreakerAndThreeSuccessesCloseIt() async throws {
        var responses = Array(repeating: FakeOpenAI.error(status: 500, type: "server_error", message: "down"), count: 5)
        responses.append(FakeOpenAI.stream(pieces: ["back"], usage: (2, 1)))
        try await LLMGatewayHarness.run(maxRetries: 0) { h in
            try await FakeLLMServer.run(responses: responses) { server in
                let endpoint = server.openAI()
                h.configure(endpoint)
                for _ in 0..<5 { #expect(await h.domainError(h.call())?.code == "llm.provider_unavailable") }
                #expect(await h.breakerState(endpoint) == .open)

                let refused = try #require(await h.domainError(h.call()))
                #expect(refused.code == "llm.circuit_open")
                #expect(refused.retryAfterSeconds == 30)
                #expect(await server.requests().count == 5, "an open breaker sends nothing")
                let entry = try #require(h.store.entries.last)
                #expect(entry.outcome == .error && entry.attempts == 0 && entry.errorCode == "llm.circuit_open")

                h.breakerClock.advance(by: 0.25)
                #expect(await h.breakerState(endpoint) == .halfOpen)
                for attempt in 1...3 {
                    let answer = try await h.gateway.complete(h.call()).response.text
                    #expect(answer == "back")
                    #expect(await h.breakerState(endpoint) == (attempt < 3 ? .halfOpen : .closed))
                }
                #expect(await server.requests().count == 8)
            }
        }
    }

    @Test func aFailureWhileHalfOpenOpensTheBreakerAgain() async throws {
        try await LLMGatewayHarness.run(maxRetries: 0) { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.error(status: 503, type: "server_error", message: "x")]) { server in
                let endpoint = server.openAI()
                h.configure(endpoint)
                for _ in 0..<5 { _ = await h.domainError(h.call()) }
                h.breakerClock.advance(by: 0.25)
                #expect(await h.domainError(h.call())?.code == "llm.provider_unavailable")
                #expect(await h.breakerState(endpoint) == .open)
                #expect(await h.domainError(h.call())?.code == "llm.circuit_open")
                #expect(await server.requests().count == 6)
            }
        }
    }

    @Test func anOpenPrimaryBreakerGoesStraightToTheFallback() async throws {
        try await LLMGatewayHarness.run(maxRetries: 0) { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.error(status: 500, type: "server_error", message: "x")]) { primary in
                try await FakeLLMServer.run(responses: [FakeAnthropic.stream(pieces: ["fine"])]) { fallback in
                    h.configure(primary.openAI())
                    for _ in 0..<5 { _ = await h.domainError(h.call()) }
                    h.configure(primary.openAI(), fallbacks: [fallback.anthropic()])
                    let (response, served) = try await h.gateway.complete(h.call())
                    #expect(response.text == "fine" && served.fellBack && served.attempts == 1)
                    #expect(await primary.requests().count == 5)
                }
            }
        }
    }

    @Test func cancellingTheConsumerClosesTheUpstreamConnectionAndRecordsACancelledCall() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [Self.stallingAfterTheFirstPiece()]) { server in
                h.configure(server.openAI())
                let (deltas, delivered) = AsyncStream.makeStream(of: String.self)
                let consumer = Task {
                    let stream = try await h.gateway.stream(h.call())
                    for try await event in stream { if case .textDelta(let text) = event { delivered.yield(text) } }
                }
                var received = deltas.makeAsyncIterator()
                #expect(await received.next() == "one")
                consumer.cancel()
                let result = await consumer.result
                #expect(throws: CancellationError.self) { try result.get() }
                #expect(await server.waitForClientDisconnects(1))
                let entry = try #require(await h.store.waitForEntries(1).first)
                #expect(entry.outcome == .cancelled)
                #expect(entry.errorCode == nil)
                #expect(entry.usageEstimated && entry.outputTokens == TokenEstimator.estimate("one"))
                #expect(await server.requests().count == 1)
            }
        }
    }

    @Test func droppingTheStreamEarlyClosesTheUpstreamConnectionAndRecordsACancelledCall() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [Self.stallingAfterTheFirstPiece()]) { server in
                h.configure(server.openAI())
                do {
                    let stream = try await h.gateway.stream(h.call())
                    for try await event in stream { if case .textDelta = event { break } }
                }
                #expect(await server.waitForClientDisconnects(1))
                let entry = try #require(await h.store.waitForEntries(1).first)
                #expect(entry.outcome == .cancelled)
            }
        }
    }

    /// A stream that sends its first piece at once and then stalls for a minute, so the test's cancellation
    /// always lands mid-response however loaded the machine is (a paced stream could finish first).
    private static func stallingAfterTheFirstPiece() -> FakeLLMResponse {
        var response = FakeOpenAI.stream(pieces: ["one", "two", "three"], usage: (5, 3))
        response.parts.insert(.pause(.seconds(60)), at: 2)
        return response
    }
}
