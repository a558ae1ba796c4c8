import Foundation
import PPTDomain
import PPTLLM
import PPTObservability
import Testing
import Tracing

/// Embeddings and the built-in provider through the gateway, and usage and telemetry of calls that
/// did not end the ordinary way.
@Suite struct LLMGatewayUsageTests {
    @Test func embeddingsAreRetriedAndRecordedUnderTheEmbeddingsFeature() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [
                FakeOpenAI.error(status: 500, type: "server_error", message: "x"),
                FakeOpenAI.embeddings(vectors: [[0.5, 0.25]], promptTokens: 7),
            ]) { server in
                h.configure(server.openAI())
                let (response, served) = try await h.gateway.embed(organizationID: h.organizationID, userID: h.userID,
                                                                   inputs: ["boiler"])
                #expect(response.vectors == [[0.5, 0.25]])
                #expect(served == LLMServedBy(provider: .openai, model: "text-embedding-3-small", attempts: 2,
                                              fellBack: false))
                #expect(h.sleeps.durations == [.milliseconds(500)])
                let requests = await server.requests()
                #expect(requests.map(\.path) == ["/v1/embeddings", "/v1/embeddings"])
                let entry = try #require(h.store.entries.first)
                #expect(entry.feature == .embeddings && entry.model == "text-embedding-3-small")
                #expect(entry.inputTokens == 7 && entry.outputTokens == 0 && entry.attempts == 2)
                #expect(h.spans(named: "embeddings text-embedding-3-small").count == 1)
            }
        }
    }

    @Test func anAnthropicOrganizationEmbedsWithTheBuiltInProviderWithoutARequest() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [FakeAnthropic.stream(pieces: ["unused"])]) { server in
                h.configure(server.anthropic())
                let (response, served) = try await h.gateway.embed(organizationID: h.organizationID, userID: nil,
                                                                   inputs: ["boiler", "meeting"])
                #expect(response.vectors.count == 2)
                #expect(served.isBuiltin && served.model == BuiltinProvider.embeddingModel)
                #expect(await server.requests().isEmpty)
                #expect(h.store.entries.first?.provider == .builtin)
            }
        }
    }

    @Test func theBuiltInDefaultAnswersOfflineWithAnInternalSpan() async throws {
        try await LLMGatewayHarness.run { h in
            h.store.configure(h.organizationID, .builtinDefault, keys: [:])
            let (response, served) = try await h.gateway.complete(h.call("Hello"))
            #expect(served.isBuiltin && served.attempts == 1)
            #expect(response.text.hasPrefix("Hello! I am PPT's built-in assistant."))
            let entry = try #require(h.store.entries.first)
            #expect(entry.provider == .builtin && entry.costMicros == 0 && !entry.usageEstimated)
            let span = try #require(h.spans(named: "chat ppt-builtin-1").first)
            #expect(span.kind == .internal)
            #expect(span.attributes.get("gen_ai.provider.name") == .string("ppt.builtin"))
            #expect(span.attributes.get("server.address") == nil)
        }
    }

    @Test func anOpenAIStreamCutAfterOutputRecordsEstimatedUsage() async throws {
        try await LLMGatewayHarness.run { h in
            let cut = FakeOpenAI.stream(pieces: ["The boiler", " is being", " repaired"], usage: (30, 20))
                .droppingConnection(afterChunks: 3)
            try await FakeLLMServer.run(responses: [cut]) { server in
                h.configure(server.openAI())
                let (received, error) = await h.textBeforeFailure(h.call())
                #expect(error?.code == "llm.stream_interrupted")
                let entry = try #require(h.store.entries.first)
                #expect(entry.usageEstimated)
                #expect(entry.outputTokens == TokenEstimator.estimate(received))
            }
        }
    }

    @Test func anAnthropicStreamCutAfterOutputRecordsMoreThanThePlaceholderOutputCount() async throws {
        try await LLMGatewayHarness.run { h in
            // message_start, block start, ping, four text deltas, then the connection drops.
            let cut = FakeAnthropic.stream(pieces: ["The boiler in building A", " is being repaired", " today",
                                                    " by the contractor"], inputTokens: 30, outputTokens: 20)
                .droppingConnection(afterChunks: 7)
            try await FakeLLMServer.run(responses: [cut]) { server in
                h.configure(server.anthropic())
                let (received, error) = await h.textBeforeFailure(h.call())
                #expect(error?.code == "llm.stream_interrupted")
                let entry = try #require(h.store.entries.first)
                #expect(entry.inputTokens == 30)
                // message_start's output count is a placeholder: a stream cut before message_delta is
                // recorded with at least the estimate of the output that reached the caller.
                #expect(received.hasPrefix("The boiler"))
                #expect(entry.outputTokens >= TokenEstimator.estimate(received))
                #expect(entry.outputTokens > 1)
                #expect(entry.usageEstimated)
            }
        }
    }

    @Test func aFallbackSpanNamesTheServerThatServed() async throws {
        try await LLMGatewayHarness.run(maxRetries: 0) { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.error(status: 500, type: "server_error", message: "x")]) { primary in
                try await FakeLLMServer.run(responses: [FakeAnthropic.stream(pieces: ["Saved"])]) { fallback in
                    h.configure(primary.openAI(), fallbacks: [fallback.anthropic()])
                    _ = try await h.gateway.complete(h.call())
                    let span = try #require(h.spans(named: "chat gpt-4o-mini").first)
                    #expect(span.attributes.get("gen_ai.provider.name") == .string("anthropic"))
                    #expect(span.attributes.get("gen_ai.response.model") == .string("claude-sonnet-4-5"))
                    // The span names the server that served, not the primary's.
                    #expect(span.attributes.get("server.port") == .int64(Int64(fallback.port)))
                }
            }
        }
    }
}
