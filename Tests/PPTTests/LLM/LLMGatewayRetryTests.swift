import Foundation
import PPTDomain
import PPTLLM
import Testing

/// The gateway's retries against real HTTP providers: which failures are retried, after which delay
/// (recorded exactly: `LLMRetryPolicy(random: { 0 })` gives the full backoff), and never after output.
@Suite struct LLMGatewayRetryTests {
    private static let success = FakeOpenAI.stream(pieces: ["Hel", "lo"], usage: (24, 58))

    /// Runs one complete call against a fake answering `responses`; returns what the test checks.
    private func run(_ responses: [FakeLLMResponse], maxRetries: Int = 2,
                     timeouts: LLMTimeouts = LLMTimeouts(read: .seconds(30)),
                     _ check: (LLMGatewayHarness, FakeLLMServer) async throws -> Void) async throws {
        try await LLMGatewayHarness.run(maxRetries: maxRetries, timeouts: timeouts) { h in
            try await FakeLLMServer.run(responses: responses) { server in
                h.configure(server.openAI())
                try await check(h, server)
            }
        }
    }

    @Test func a429WithRetryAfterMillisecondsIsRetriedOnceAfterExactlyThatDelay() async throws {
        try await run([
            FakeOpenAI.error(status: 429, type: "requests", message: "Slow down", code: "rate_limit_exceeded",
                             headers: [("retry-after-ms", "50")]),
            Self.success,
        ]) { h, server in
            let (response, served) = try await h.gateway.complete(h.call())
            #expect(response.text == "Hello")
            #expect(served.attempts == 2 && !served.fellBack)
            #expect(h.sleeps.durations == [.milliseconds(50)])
            #expect(await server.requests().count == 2)
            let entry = try #require(h.store.entries.first)
            #expect(h.store.entries.count == 1)
            #expect(entry.attempts == 2 && entry.outcome == .ok)
            #expect(entry.inputTokens == 24 && entry.outputTokens == 58)
        }
    }

    @Test func a429WithRetryAfterOneSecondWaitsOneSecond() async throws {
        try await run([
            FakeOpenAI.error(status: 429, type: "requests", message: "Slow down", code: "rate_limit_exceeded",
                             headers: [("retry-after", "1")]),
            Self.success,
        ]) { h, server in
            _ = try await h.gateway.complete(h.call())
            #expect(h.sleeps.durations == [.seconds(1)])
            #expect(await server.requests().count == 2)
        }
    }

    @Test func aRetryAfterBeyond120SecondsIsNotRetried() async throws {
        try await run([
            FakeOpenAI.error(status: 429, type: "requests", message: "Come back later", code: "rate_limit_exceeded",
                             headers: [("retry-after", "200")]),
            Self.success,
        ]) { h, server in
            let error = try #require(await h.domainError(h.call()))
            #expect(error.code == "llm.provider_unavailable")
            #expect(h.sleeps.durations.isEmpty)
            #expect(await server.requests().count == 1)
            let entry = try #require(h.store.entries.first)
            #expect(entry.outcome == .error && entry.attempts == 1)
            #expect(entry.errorCode == "llm.provider_rate_limited")
        }
    }

    @Test func a500ThenSuccessWaitsTheFirstBackoff() async throws {
        try await run([FakeOpenAI.error(status: 500, type: "server_error", message: "Oops"), Self.success]) { h, server in
            let (response, served) = try await h.gateway.complete(h.call())
            #expect(response.text == "Hello" && served.attempts == 2)
            // min(0.5 · 2⁰, 8) s × (1 − 0.25 · 0)
            #expect(h.sleeps.durations == [.milliseconds(500)])
            #expect(await server.requests().count == 2)
        }
    }

    @Test func threeServerErrorsExhaustTheRetriesWithDoublingBackoff() async throws {
        try await run([FakeOpenAI.error(status: 500, type: "server_error", message: "Oops")]) { h, server in
            let error = try #require(await h.domainError(h.call()))
            #expect(error.code == "llm.provider_unavailable")
            #expect(error.kind == .unavailable)
            #expect(h.sleeps.durations == [.milliseconds(500), .seconds(1)])
            #expect(await server.requests().count == 3)
            let entry = try #require(h.store.entries.first)
            #expect(h.store.entries.count == 1)
            #expect(entry.outcome == .error && entry.attempts == 3)
            #expect(entry.errorCode == "llm.provider_error")
            #expect(entry.inputTokens == 0 && entry.outputTokens == 0 && entry.costMicros == 0)
        }
    }

    @Test func xShouldRetryFalseStopsRetrying() async throws {
        try await run([
            FakeOpenAI.error(status: 503, type: "server_error", message: "No", headers: [("x-should-retry", "false")]),
            Self.success,
        ]) { h, server in
            #expect(await h.domainError(h.call())?.code == "llm.provider_unavailable")
            #expect(await server.requests().count == 1)
            #expect(h.sleeps.durations.isEmpty)
        }
    }

    @Test func anthropic529OverloadedIsRetried() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [
                FakeAnthropic.error(status: 529, type: "overloaded_error", message: "Overloaded"),
                FakeAnthropic.stream(pieces: ["Ahoj"], inputTokens: 12, outputTokens: 3),
            ]) { server in
                h.configure(server.anthropic())
                let (response, served) = try await h.gateway.complete(h.call())
                #expect(response.text == "Ahoj")
                #expect(served.provider == .anthropic && served.attempts == 2)
                #expect(h.sleeps.durations == [.milliseconds(500)])
                let entry = try #require(h.store.entries.first)
                #expect(entry.provider == .anthropic && entry.inputTokens == 12 && entry.outputTokens == 3)
            }
        }
    }

    @Test func anErrorEventBeforeAnyTextIsRetried() async throws {
        try await run([FakeOpenAI.midStreamError(pieces: [], type: "server_error"), Self.success]) { h, server in
            let (response, served) = try await h.gateway.complete(h.call())
            #expect(response.text == "Hello" && served.attempts == 2)
            #expect(await server.requests().count == 2)
            #expect(h.sleeps.durations == [.milliseconds(500)])
        }
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [
                FakeAnthropic.midStreamError(pieces: [], type: "overloaded_error"),
                FakeAnthropic.stream(pieces: ["OK"]),
            ]) { server in
                h.configure(server.anthropic())
                let answer = try await h.gateway.complete(h.call()).response.text
                #expect(answer == "OK")
                #expect(await server.requests().count == 2)
            }
        }
    }

    @Test func anErrorEventAfterTextIsNotRetriedAndInterruptsTheStream() async throws {
        try await run([FakeOpenAI.midStreamError(pieces: ["Hel"], type: "server_error"), Self.success]) { h, server in
            let stream = try await h.gateway.stream(h.call())
            var texts: [String] = []
            var thrown: (any Error)?
            do {
                for try await event in stream { if case .textDelta(let text) = event { texts.append(text) } }
            } catch {
                thrown = error
            }
            #expect(texts == ["Hel"])
            #expect((thrown as? DomainError)?.code == "llm.stream_interrupted")
            #expect(await server.requests().count == 1)
            #expect(h.sleeps.durations.isEmpty)
            let entry = try #require(h.store.entries.first)
            #expect(entry.outcome == .error && entry.errorCode == "llm.provider_stream_error")
            #expect(entry.attempts == 1)
            #expect(entry.usageEstimated && entry.outputTokens == TokenEstimator.estimate("Hel"))
        }
    }

    @Test func aConnectionDroppedAfterOutputIsNotRetried() async throws {
        let dropped = FakeOpenAI.stream(pieces: ["a", "b", "c"]).droppingConnection(afterChunks: 2)
        try await run([dropped, Self.success]) { h, server in
            let error = try #require(await h.domainError(h.call()))
            #expect(error.code == "llm.stream_interrupted")
            #expect(await server.requests().count == 1)
            let entry = try #require(h.store.entries.first)
            #expect(entry.outcome == .error && entry.errorCode == "llm.provider_connection")
        }
    }

    @Test func aConnectionDroppedBeforeOutputIsRetried() async throws {
        let dropped = FakeOpenAI.stream(pieces: ["a"]).droppingConnection(afterChunks: 1)
        try await run([dropped, Self.success]) { h, server in
            let answer = try await h.gateway.complete(h.call()).response.text
            #expect(answer == "Hello")
            #expect(await server.requests().count == 2)
        }
    }

    @Test func aSlowFirstByteTimesOutAndIsRetried() async throws {
        // The first attempt never answers in time. The read timeout leaves the fast second attempt room
        // on a loaded machine: the timeout runs on NIO's event loop, but the fake server answers from
        // Swift's cooperative pool, which the whole suite in parallel on 2 cores once kept busy for
        // more than 6 s.
        try await run([FakeOpenAI.stream(pieces: ["late"]).delayingHead(by: .seconds(60)), Self.success],
                      timeouts: LLMTimeouts(read: .seconds(20))) { h, server in
            let (response, served) = try await h.gateway.complete(h.call())
            #expect(response.text == "Hello" && served.attempts == 2)
            #expect(h.sleeps.durations == [.milliseconds(500)])
            #expect(await server.requests().count == 2)
        }
    }

    @Test func aMalformedLineBeforeOutputIsNotRetried() async throws {
        let malformed = FakeLLMResponse.chunked([FakeLLMResponse.malformedSSELine], contentType: "text/event-stream")
        try await run([malformed, Self.success]) { h, server in
            let error = try #require(await h.domainError(h.call()))
            #expect(error.code == "llm.provider_unavailable")
            #expect(await server.requests().count == 1)
            #expect(h.store.entries.first?.errorCode == "llm.provider_malformed")
        }
    }
}
