import Foundation
import PPTDomain
import PPTLLM
import Testing

/// `AnthropicProvider` against the loopback Anthropic fake (protocols.md §A', §G).
@Suite struct LLMProviderWireAnthropicTests {
    private static let key = "sk-ant-test-wire"
    private static let model = "claude-sonnet-4-5"

    @Test func aStreamedAnswerSendsKeyVersionAndSystemFieldAndIgnoresPings() async throws {
        try await LLMWire.run(.anthropic, model: Self.model, key: Self.key, responses: [
            FakeAnthropic.stream(pieces: ["Hi", " there"], inputTokens: 10, outputTokens: 5),
        ]) { provider, server in
            let events = try await LLMWire.events(of: provider, .test(model: Self.model))
            #expect(events == [
                .responseMetadata(id: "msg_fake", model: Self.model), .usage(LLMUsage(inputTokens: 10, outputTokens: 1)),
                .textDelta("Hi"), .textDelta(" there"), .usage(LLMUsage(inputTokens: 10, outputTokens: 5)),
                .finish(.stop),
            ])
            let (recorded, json) = try await LLMWire.onlyRequest(server)
            #expect(recorded.method == "POST")
            #expect(recorded.path == "/v1/messages")
            #expect(recorded.header("x-api-key") == Self.key)
            #expect(recorded.header("anthropic-version") == "2023-06-01")
            #expect(recorded.header("authorization") == nil)
            #expect(json["system"] as? String == "You are terse.")
            let messages = try #require(json["messages"] as? [[String: Any]])
            #expect(messages.map { $0["role"] as? String } == ["user"], "the system prompt is not a message")
            let blocks = try #require(messages.first?["content"] as? [[String: Any]])
            #expect(blocks.first?["type"] as? String == "text")
            #expect(blocks.first?["text"] as? String == "What is the weather in Brno?")
            #expect(json["stream"] as? Bool == true)
            #expect(json["max_tokens"] as? Int == AnthropicProvider.defaultMaxTokens, "the Messages API requires one")
            #expect(json["tools"] == nil && json["tool_choice"] == nil)
        }
    }

    @Test func cumulativeUsageInMessageDeltaIsReplacedNotSummed() async throws {
        let events = [
            FakeAnthropic.event("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","#
                + #""role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"#
                + #""stop_sequence":null,"usage":{"input_tokens":40,"output_tokens":1}}}"#),
            FakeAnthropic.event("content_block_start",
                                #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
            FakeAnthropic.event("content_block_delta",
                                #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Ok"}}"#),
            FakeAnthropic.event("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
            FakeAnthropic.event("message_delta", #"{"type":"message_delta","delta":{"stop_reason":null,"#
                + #""stop_sequence":null},"usage":{"output_tokens":3}}"#),
            FakeAnthropic.event("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn","#
                + #""stop_sequence":null},"usage":{"input_tokens":42,"output_tokens":9}}"#),
            FakeAnthropic.event("message_stop", #"{"type":"message_stop"}"#),
        ]
        try await LLMWire.run(.anthropic, model: Self.model, key: Self.key, responses: [
            .chunked(events, contentType: "text/event-stream; charset=utf-8"),
        ]) { provider, _ in
            let response = try await provider.chat(.test(model: Self.model))
            #expect(response.text == "Ok")
            #expect(response.usage == LLMUsage(inputTokens: 42, outputTokens: 9), "the last usage wins")
            #expect(response.finishReason == .stop)
            #expect(response.responseID == "msg_1")
        }
    }

    @Test func unknownEventsAreIgnored() async throws {
        let unknown = "event: content_block_future\ndata: {\"type\":\"content_block_future\",\"x\":[1,2]}\n\n"
        let notJSON = "event: telemetry_v9\ndata: not json at all\n\n"
        let response = FakeAnthropic.stream(pieces: ["A", "B"]).inserting(unknown, afterChunks: 3)
            .inserting(notJSON, afterChunks: 1)
        try await LLMWire.run(.anthropic, model: Self.model, key: Self.key, responses: [response]) { provider, _ in
            let answer = try await provider.chat(.test(model: Self.model))
            #expect(answer.text == "AB")
            #expect(answer.usage == LLMUsage(inputTokens: 10, outputTokens: 5))
        }
    }

    @Test func toolUseStartsAndStreamsItsInputJSONFragments() async throws {
        let tool = FakeAnthropic.ToolUse(name: "get_weather", inputFragments: [#"{"city":"#, #""Brno"}"#])
        let weather = LLMToolDefinition(name: "get_weather", description: "Weather of a city.",
                                        parameters: LLMWire.citySchema)
        try await LLMWire.run(.anthropic, model: Self.model, key: Self.key, responses: [
            FakeAnthropic.stream(pieces: ["Checking."], toolUses: [tool], inputTokens: 20, outputTokens: 15),
        ]) { provider, server in
            let events = try await LLMWire.events(of: provider, .test(model: Self.model, maxTokens: 300,
                                                                      tools: [weather]))
            #expect(events == [
                .responseMetadata(id: "msg_fake", model: Self.model), .usage(LLMUsage(inputTokens: 20, outputTokens: 1)),
                .textDelta("Checking."), .toolCallStart(index: 0, id: "toolu_fake_1", name: "get_weather"),
                .toolCallArgumentsDelta(index: 0, fragment: #"{"city":"#),
                .toolCallArgumentsDelta(index: 0, fragment: #""Brno"}"#),
                .usage(LLMUsage(inputTokens: 20, outputTokens: 15)), .finish(.toolCalls),
            ])
            let (_, json) = try await LLMWire.onlyRequest(server)
            #expect(json["max_tokens"] as? Int == 300)
            let tools = try #require(json["tools"] as? [[String: Any]])
            #expect(tools.map { $0["name"] as? String } == ["get_weather"])
            #expect((tools.first?["input_schema"] as? [String: Any])?["type"] as? String == "object")
            #expect(json["tool_choice"] == nil)
        }
    }

    @Test func structuredOutputForcesAToolAndReportsItsInputAsText() async throws {
        let answer = FakeAnthropic.ToolUse(name: "forecast", inputFragments: [#"{"city""#, #":"Brno"}"#])
        try await LLMWire.run(.anthropic, model: Self.model, key: Self.key, responses: [
            FakeAnthropic.stream(pieces: [], toolUses: [answer]),
        ]) { provider, server in
            let request = LLMChatRequest.test(model: Self.model,
                                              format: .jsonSchema(name: "forecast", schema: LLMWire.citySchema))
            let events = try await LLMWire.events(of: provider, request)
            #expect(!events.contains { if case .toolCallStart = $0 { true } else { false } })
            let response = try await provider.chat(request)
            #expect(response.text == #"{"city":"Brno"}"#)
            #expect(response.toolCalls.isEmpty)
            #expect(response.finishReason == .stop)
            let json = try #require(await server.requests().first?.json)
            #expect((json["tool_choice"] as? [String: Any])?["type"] as? String == "tool")
            #expect((json["tool_choice"] as? [String: Any])?["name"] as? String == "forecast")
            let tools = try #require(json["tools"] as? [[String: Any]])
            #expect(tools.map { $0["name"] as? String } == ["forecast"])
            #expect((tools.first?["input_schema"] as? [String: Any])?["required"] as? [String] == ["city"])
        }
    }

    @Test func anErrorEventMidStreamIsAStreamErrorOfItsType() async throws {
        try await LLMWire.run(.anthropic, model: Self.model, key: Self.key, responses: [
            FakeAnthropic.midStreamError(pieces: ["Hel"], type: "overloaded_error", message: "Overloaded"),
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
            #expect(error.providerType == "overloaded_error")
            #expect(error.message == "Overloaded")
            #expect(error.isRetryable)
            #expect(error.code == "llm.provider_overloaded")
        }
    }

    @Test func anthropicOffersNoEmbeddings() async throws {
        try await LLMWire.run(.anthropic, model: Self.model, key: Self.key, responses: [
            FakeAnthropic.error(status: 500, type: "api_error", message: "unused"),
        ]) { provider, server in
            let error = try #require(await LLMWire.providerError {
                _ = try await provider.embed(LLMEmbeddingRequest(model: Self.model, inputs: ["x"]))
            })
            #expect(error.kind == .unsupported)
            #expect(await server.requests().isEmpty)
        }
    }
}
