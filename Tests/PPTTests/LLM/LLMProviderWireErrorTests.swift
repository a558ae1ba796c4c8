import Foundation
import PPTDomain
import PPTLLM
import Testing

/// How providers turn HTTP failures, broken streams and silence into `LLMProviderError`s with the
/// hints the retry policy needs (protocols.md §A, §A', §G).
@Suite struct LLMProviderWireErrorTests {
    private static let key = "sk-test-openai-errors"

    /// The error one streamed OpenAI call against `response` ends with.
    private func openAIError(_ response: FakeLLMResponse,
                             timeouts: LLMTimeouts = LLMTimeouts(read: .seconds(30))) async throws -> LLMProviderError {
        try await LLMWire.run(.openai, model: "gpt-4o-mini", key: Self.key, responses: [response],
                              timeouts: timeouts) { provider, _ in
            try #require(await LLMWire.providerError { _ = try await provider.chat(.test(model: "gpt-4o-mini")) })
        }
    }

    @Test func a429WithRetryAfterSecondsAsksForThatDelay() async throws {
        let error = try await openAIError(FakeOpenAI.error(
            status: 429, type: "requests", message: "Rate limit reached", code: "rate_limit_exceeded",
            headers: [("retry-after", "1")]))
        #expect(error.kind == .http)
        #expect(error.status == 429)
        #expect(error.retryAfter == .seconds(1))
        #expect(error.providerType == "rate_limit_exceeded")
        #expect(error.message == "Rate limit reached")
        #expect(error.isRetryable)
        #expect(error.code == "llm.provider_rate_limited")
    }

    @Test func retryAfterMillisecondsWinsOverRetryAfter() async throws {
        let error = try await openAIError(FakeOpenAI.error(
            status: 429, type: "requests", message: "Slow down", code: "rate_limit_exceeded",
            headers: [("retry-after", "7"), ("retry-after-ms", "50")]))
        #expect(error.retryAfter == .milliseconds(50))
        #expect(error.isRetryable)
    }

    @Test func retryAfterMayBeFractionalSecondsOrAnHTTPDate() async throws {
        let fractional = try await openAIError(FakeOpenAI.error(
            status: 503, type: "server_error", message: "Busy", headers: [("retry-after", "0.5")]))
        #expect(fractional.retryAfter == .milliseconds(500))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        // A minute ahead, so a loaded machine's slow round trip cannot eat the margin.
        let date = formatter.string(from: Date().addingTimeInterval(60))
        let dated = try await openAIError(FakeOpenAI.error(
            status: 429, type: "requests", message: "Later", code: "rate_limit_exceeded", headers: [("retry-after", date)]))
        let delay = try #require(dated.retryAfter)
        #expect(delay > .seconds(30) && delay <= .seconds(60))
    }

    @Test func xShouldRetryOverridesTheStatus() async throws {
        let refused = try await openAIError(FakeOpenAI.error(
            status: 500, type: "server_error", message: "Do not retry", headers: [("x-should-retry", "false")]))
        #expect(refused.status == 500)
        #expect(refused.shouldRetryHeader == false)
        #expect(!refused.isRetryable)
        let asked = try await openAIError(FakeOpenAI.error(
            status: 400, type: "invalid_request_error", message: "Retry anyway", headers: [("x-should-retry", "true")]))
        #expect(asked.isRetryable)
    }

    @Test func aQuotaOr400IsNotRetryable() async throws {
        let rejected = try await openAIError(FakeOpenAI.error(
            status: 400, type: "invalid_request_error", message: "Unsupported parameter", param: "max_tokens"))
        #expect(rejected.status == 400 && !rejected.isRetryable)
        #expect(rejected.code == "llm.provider_rejected")
        let quota = try await openAIError(FakeOpenAI.error(
            status: 429, type: "insufficient_quota", message: "You exceeded your quota", code: "insufficient_quota"))
        #expect(quota.status == 429 && !quota.isRetryable)
    }

    @Test func anthropic529OverloadedIsRetryableAndASpendLimit429IsNot() async throws {
        try await LLMWire.run(.anthropic, model: "claude-sonnet-4-5", key: "sk-ant-test", responses: [
            FakeAnthropic.error(status: 529, type: "overloaded_error", message: "Overloaded"),
            FakeAnthropic.error(status: 429, type: "rate_limit_error", message: "Spend limit reached",
                                errorCode: "enforced_spend_limit_reached", headers: [("retry-after", "30")]),
        ]) { provider, _ in
            let request = LLMChatRequest.test(model: "claude-sonnet-4-5")
            let overloaded = try #require(await LLMWire.providerError { _ = try await provider.chat(request) })
            #expect(overloaded.kind == .http && overloaded.status == 529)
            #expect(overloaded.providerType == "overloaded_error")
            #expect(overloaded.isRetryable)
            #expect(overloaded.code == "llm.provider_overloaded")
            let spent = try #require(await LLMWire.providerError { _ = try await provider.chat(request) })
            #expect(spent.providerType == "enforced_spend_limit_reached")
            #expect(spent.retryAfter == .seconds(30))
            #expect(!spent.isRetryable)
        }
    }

    @Test func aMalformedLineIsAMalformedResponse() async throws {
        let error = try await openAIError(
            FakeOpenAI.stream(pieces: ["a", "b"], usage: (3, 2)).inserting(FakeLLMResponse.malformedSSELine,
                                                                           afterChunks: 2))
        #expect(error.kind == .malformedResponse)
        #expect(!error.isRetryable)
        #expect(error.code == "llm.provider_malformed")
    }

    @Test func aMidStreamErrorObjectIsAStreamError() async throws {
        let error = try await openAIError(FakeOpenAI.midStreamError(pieces: ["Hel"], type: "server_error"))
        #expect(error.kind == .streamError)
        #expect(error.providerType == "server_error")
        #expect(error.isRetryable)
    }

    @Test func aConnectionDroppedMidStreamIsAConnectionError() async throws {
        let error = try await openAIError(FakeOpenAI.stream(pieces: ["a", "b", "c"]).droppingConnection(afterChunks: 2))
        #expect(error.kind == .connection)
        #expect(error.isRetryable)
    }

    @Test func aStreamThatEndsWithoutItsTerminatorIsAConnectionError() async throws {
        let frames = FakeOpenAI.streamFrames(pieces: ["a", "b"])
        let error = try await openAIError(.chunked(Array(frames.prefix(2)), contentType: "text/event-stream"))
        #expect(error.kind == .connection)
    }

    @Test func aSlowFirstByteBeyondTheReadTimeoutIsATimeout() async throws {
        let started = ContinuousClock.now
        let error = try await openAIError(
            FakeOpenAI.stream(pieces: ["late"]).delayingHead(by: .seconds(30)),
            timeouts: LLMTimeouts(read: .seconds(1)))
        #expect(error.kind == .timeout)
        #expect(error.isRetryable)
        #expect(error.code == "llm.provider_timeout")
        // Generous bound (the suite runs in parallel on 2 cores): the read timeout, not the head delay, ended it.
        #expect(ContinuousClock.now - started < .seconds(25), "the read timeout, not the head delay, ended it")
    }

    @Test func aStalledStreamBeyondTheReadTimeoutIsATimeout() async throws {
        let error = try await openAIError(
            FakeOpenAI.stream(pieces: ["a", "b"], interval: .seconds(30)),
            timeouts: LLMTimeouts(read: .seconds(1)))
        #expect(error.kind == .timeout)
    }

    @Test func aMissingKeyIsAConfigurationErrorWithoutARequest() async throws {
        try await LLMWire.withFactory { factory in
            try await FakeLLMServer.run(responses: [FakeOpenAI.models([])]) { server in
                let endpoint = LLMWire.endpoint(.openai, model: "gpt-4o-mini", server: server)
                let error = try #require(await LLMWire.providerError { _ = try factory.provider(for: endpoint, key: "") })
                #expect(error.kind == .configuration)
                #expect(await server.requests().isEmpty)
            }
        }
    }
}
