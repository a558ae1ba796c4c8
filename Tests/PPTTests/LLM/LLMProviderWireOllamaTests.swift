import Foundation
import PPTDomain
import PPTLLM
import Testing

/// `OllamaProvider` against the loopback Ollama fake: native `/api/chat` NDJSON (protocols.md §B).
@Suite struct LLMProviderWireOllamaTests {
    private static let model = "llama3.2"

    @Test func aStreamedAnswerReadsNDJSONWithUsageFromTheDoneLine() async throws {
        try await LLMWire.run(.ollama, model: Self.model, key: nil, responses: [
            FakeOllama.stream(pieces: ["The", " sky"], promptEvalCount: 26, evalCount: 282),
        ]) { provider, server in
            let events = try await LLMWire.events(of: provider, .test(model: Self.model, maxTokens: 50))
            #expect(events == [
                .responseMetadata(id: nil, model: Self.model), .textDelta("The"), .textDelta(" sky"),
                .usage(LLMUsage(inputTokens: 26, outputTokens: 282)), .finish(.stop),
            ])
            let (recorded, json) = try await LLMWire.onlyRequest(server)
            #expect(recorded.method == "POST")
            #expect(recorded.path == "/api/chat")
            #expect(recorded.header("authorization") == nil, "local Ollama needs no key")
            #expect(json["model"] as? String == Self.model)
            #expect(json["stream"] as? Bool == true)
            let messages = try #require(json["messages"] as? [[String: Any]])
            #expect(messages.map { $0["role"] as? String } == ["system", "user"])
            #expect((json["options"] as? [String: Any])?["num_predict"] as? Int == 50)
            #expect(json["format"] == nil)
        }
    }

    @Test func aStreamWithoutCountsYieldsNoUsage() async throws {
        try await LLMWire.run(.ollama, model: Self.model, key: nil, responses: [
            FakeOllama.stream(pieces: ["Hi"], promptEvalCount: nil, evalCount: nil),
        ]) { provider, _ in
            let response = try await provider.chat(.test(model: Self.model))
            #expect(response.text == "Hi")
            #expect(response.usage == nil)
            #expect(response.finishReason == .stop)
        }
    }

    @Test func toolCallsArriveWholeAndStructuredOutputSendsTheSchemaAsFormat() async throws {
        try await LLMWire.run(.ollama, model: Self.model, key: nil, responses: [
            FakeOllama.stream(pieces: [], toolCalls: [("get_weather", #"{"city":"Brno"}"#)]),
        ]) { provider, server in
            let request = LLMChatRequest.test(model: Self.model, format: .jsonSchema(name: "x", schema: LLMWire.citySchema))
            let events = try await LLMWire.events(of: provider, request)
            #expect(events == [
                .responseMetadata(id: nil, model: Self.model),
                .toolCallStart(index: 0, id: "call_0", name: "get_weather"),
                .toolCallArgumentsDelta(index: 0, fragment: #"{"city":"Brno"}"#),
                .usage(LLMUsage(inputTokens: 26, outputTokens: 282)), .finish(.toolCalls),
            ])
            let (_, json) = try await LLMWire.onlyRequest(server)
            #expect((json["format"] as? [String: Any])?["required"] as? [String] == ["city"])
        }
    }

    @Test func anErrorLineMidStreamIsAStreamError() async throws {
        try await LLMWire.run(.ollama, model: Self.model, key: nil, responses: [
            FakeOllama.midStreamError(pieces: ["Hel"], message: "an error was encountered while running the model"),
        ]) { provider, _ in
            var texts: [String] = []
            let error = try #require(await LLMWire.providerError {
                for try await event in try await provider.streamChat(.test(model: Self.model)) {
                    if case .textDelta(let text) = event { texts.append(text) }
                }
            })
            #expect(texts == ["Hel"])
            #expect(error.kind == .streamError)
            #expect(error.status == 200)
            #expect(error.message == "an error was encountered while running the model")
        }
    }

    @Test func anHTTPErrorCarriesOllamasMessage() async throws {
        try await LLMWire.run(.ollama, model: "nope", key: nil, responses: [
            FakeOllama.error(status: 404, message: "model 'nope' not found"),
        ]) { provider, _ in
            let error = try #require(await LLMWire.providerError { _ = try await provider.chat(.test(model: "nope")) })
            #expect(error.kind == .http && error.status == 404)
            #expect(error.message == "model 'nope' not found")
            #expect(!error.isRetryable)
            #expect(error.code == "llm.provider_rejected")
        }
    }

    @Test func embeddingsAndTheModelListUseTheNativeEndpoints() async throws {
        let embed = FakeLLMResponse.body(#"{"model":"nomic-embed-text","embeddings":[[0.5,-0.25],[1,0]],"#
            + #""total_duration":14143917,"load_duration":1019500,"prompt_eval_count":6}"#,
            contentType: "application/json; charset=utf-8")
        try await LLMWire.run(.ollama, model: "nomic-embed-text", key: nil, responses: [
            embed, FakeOllama.tags(["llama3.2:latest", "nomic-embed-text:latest"]),
        ]) { provider, server in
            let response = try await provider.embed(LLMEmbeddingRequest(model: "nomic-embed-text", inputs: ["a", "b"]))
            #expect(response.vectors == [[0.5, -0.25], [1, 0]])
            #expect(response.usage == LLMUsage(inputTokens: 6, outputTokens: 0))
            let models = try await provider.listModels()
            #expect(models.map(\.id) == ["llama3.2:latest", "nomic-embed-text:latest"])
            #expect(models[0].capabilities?.tools == true)
            #expect(models[1].capabilities?.embeddings == true)
            let requests = await server.requests()
            #expect(requests.map(\.path) == ["/api/embed", "/api/tags"])
            #expect(requests.first?.json?["input"] as? [String] == ["a", "b"])
        }
    }
}
