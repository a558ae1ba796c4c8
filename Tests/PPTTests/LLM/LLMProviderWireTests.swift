import Foundation
import PPTDomain
import PPTLLM
import Testing

/// `OpenAIProvider` against the loopback OpenAI fake: the request it sends and the events it reads.
@Suite struct LLMProviderWireOpenAITests {
    private static let key = "sk-test-openai-wire"

    @Test func aStreamedAnswerSendsTheOpenAIRequestAndYieldsTextUsageAndFinish() async throws {
        let weather = LLMToolDefinition(name: "get_weather", description: "Weather of a city.",
                                        parameters: LLMWire.citySchema)
        let request = LLMChatRequest.test(model: "gpt-4o-mini", maxTokens: 100, tools: [weather],
                                          format: .jsonSchema(name: "forecast", schema: LLMWire.citySchema))
        try await LLMWire.run(.openai, model: "gpt-4o-mini", key: Self.key, responses: [
            FakeOpenAI.stream(pieces: ["Hel", "lo"], usage: (24, 58)),
        ]) { provider, server in
            let events = try await LLMWire.events(of: provider, request)
            #expect(events == [
                .responseMetadata(id: "chatcmpl-fake", model: "gpt-4o-mini"), .textDelta("Hel"), .textDelta("lo"),
                .finish(.stop), .usage(LLMUsage(inputTokens: 24, outputTokens: 58)),
            ])
            let (recorded, json) = try await LLMWire.onlyRequest(server)
            #expect(recorded.method == "POST")
            #expect(recorded.path == "/v1/chat/completions")
            #expect(recorded.header("authorization") == "Bearer \(Self.key)")
            #expect(recorded.header("content-type") == "application/json")
            #expect(json["model"] as? String == "gpt-4o-mini")
            #expect(json["stream"] as? Bool == true)
            #expect((json["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
            #expect(json["max_completion_tokens"] as? Int == 100)
            #expect(json["max_tokens"] == nil, "OpenAI itself takes max_completion_tokens")
            let messages = try #require(json["messages"] as? [[String: Any]])
            #expect(messages.map { $0["role"] as? String } == ["system", "user"])
            #expect(messages.map { $0["content"] as? String } == ["You are terse.", "What is the weather in Brno?"])
            let tools = try #require(json["tools"] as? [[String: Any]])
            #expect(tools.count == 1)
            #expect(tools.first?["type"] as? String == "function")
            let function = try #require(tools.first?["function"] as? [String: Any])
            #expect(function["name"] as? String == "get_weather")
            #expect(function["description"] as? String == "Weather of a city.")
            #expect((function["parameters"] as? [String: Any])?["required"] as? [String] == ["city"])
            let format = try #require(json["response_format"] as? [String: Any])
            #expect(format["type"] as? String == "json_schema")
            let schema = try #require(format["json_schema"] as? [String: Any])
            #expect(schema["name"] as? String == "forecast")
            #expect(schema["strict"] as? Bool == true)
            #expect((schema["schema"] as? [String: Any])?["type"] as? String == "object")
        }
    }

    @Test func anOpenAICompatibleServerGetsMaxTokensAndNoKeyWhenNoneIsSet() async throws {
        try await LLMWire.run(.openaiCompatible, model: "llama3.2", key: nil, responses: [
            FakeOpenAI.stream(model: "llama3.2", pieces: ["Hi"], usage: (3, 1)),
        ]) { provider, server in
            let response = try await provider.chat(.test(model: "llama3.2", maxTokens: 64))
            #expect(response.text == "Hi")
            #expect(response.usage == LLMUsage(inputTokens: 3, outputTokens: 1))
            #expect(response.model == "llama3.2")
            let (recorded, json) = try await LLMWire.onlyRequest(server)
            #expect(recorded.header("authorization") == nil)
            #expect(json["max_tokens"] as? Int == 64)
            #expect(json["max_completion_tokens"] == nil)
            #expect(json["tools"] == nil && json["response_format"] == nil)
            #expect((json["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
            #expect(provider.descriptor.kind == .openaiCompatible)
            #expect(provider.descriptor.serverAddress == "127.0.0.1" && provider.descriptor.serverPort == server.port)
        }
    }

    @Test func aToolCallStartsThenStreamsItsArgumentFragments() async throws {
        let call = FakeOpenAI.ToolCall(name: "get_weather", argumentFragments: [#"{"ci"#, #"ty":"Br"#, #"no"}"#])
        try await LLMWire.run(.openai, model: "gpt-4o-mini", key: Self.key, responses: [
            FakeOpenAI.stream(pieces: [], usage: (30, 12), toolCalls: [call]),
        ]) { provider, _ in
            let events = try await LLMWire.events(of: provider, .test(model: "gpt-4o-mini"))
            #expect(events == [
                .responseMetadata(id: "chatcmpl-fake", model: "gpt-4o-mini"),
                .toolCallStart(index: 0, id: "call_fake_1", name: "get_weather"),
                .toolCallArgumentsDelta(index: 0, fragment: #"{"ci"#),
                .toolCallArgumentsDelta(index: 0, fragment: #"ty":"Br"#),
                .toolCallArgumentsDelta(index: 0, fragment: #"no"}"#),
                .finish(.toolCalls), .usage(LLMUsage(inputTokens: 30, outputTokens: 12)),
            ])
            var response = LLMChatResponse()
            for event in events { response.apply(event) }
            #expect(response.toolCalls == [LLMToolCall(id: "call_fake_1", name: "get_weather",
                                                       arguments: #"{"city":"Brno"}"#)])
        }
    }

    @Test(arguments: ["float", "base64"])
    func embeddingsAreReadAsFloatsOrBase64(encoding: String) async throws {
        let vectors: [[Float]] = [[0.25, -1.5, 3], [0.1, 0.2, -0.3]]
        try await LLMWire.run(.openai, model: "text-embedding-3-small", key: Self.key, responses: [
            FakeOpenAI.embeddings(vectors: vectors, promptTokens: 9, encodingFormat: encoding),
        ]) { provider, server in
            let response = try await provider.embed(LLMEmbeddingRequest(model: "text-embedding-3-small",
                                                                         inputs: ["first", "second"]))
            #expect(response.vectors == vectors)
            #expect(response.usage == LLMUsage(inputTokens: 9, outputTokens: 0))
            let (recorded, json) = try await LLMWire.onlyRequest(server)
            #expect(recorded.path == "/v1/embeddings")
            #expect(recorded.header("authorization") == "Bearer \(Self.key)")
            #expect(json["input"] as? [String] == ["first", "second"])
            #expect(json["model"] as? String == "text-embedding-3-small")
            #expect(json["encoding_format"] as? String == "float")
        }
    }

    @Test func theModelListIsReadWithCatalogFactsForKnownModels() async throws {
        try await LLMWire.run(.openai, model: "-", key: Self.key, responses: [
            FakeOpenAI.models(["my-finetune", "gpt-4o-mini"]),
        ]) { provider, server in
            let models = try await provider.listModels()
            #expect(models.map(\.id) == ["gpt-4o-mini", "my-finetune"])
            #expect(models[0].capabilities?.contextWindow == 128_000)
            #expect(models[0].listPriceUSD?.inputPerMillion == 0.15)
            #expect(models[1].capabilities == nil && models[1].listPriceUSD == nil)
            let requests = await server.requests()
            #expect(requests.map(\.method) == ["GET"])
            #expect(requests.first?.path == "/v1/models")
            #expect(requests.first?.header("authorization") == "Bearer \(Self.key)")
        }
    }
}
