import Foundation
import PPTDomain
import PPTLLM
import Testing

/// Shared steps of the provider wire tests: a provider factory that is always shut down, and the
/// events or error of a call.
enum LLMWire {
    /// Runs `body` with a provider factory of `timeouts` and shuts its HTTP client down afterwards.
    static func withFactory<T>(timeouts: LLMTimeouts = LLMTimeouts(read: .seconds(30)),
                               _ body: (LLMProviderFactory) async throws -> T) async throws -> T {
        let factory = LLMProviderFactory(timeouts: timeouts)
        do {
            let result = try await body(factory)
            try await factory.shutdown()
            return result
        } catch {
            try? await factory.shutdown()
            throw error
        }
    }

    /// Runs `body` with a fake answering `responses` and the provider for `kind` pointed at it
    /// (`/v1` appended for the OpenAI and Anthropic formats, as their base URLs carry it).
    static func run<T: Sendable>(
        _ kind: LLMProviderKind, model: String, key: String?, responses: [FakeLLMResponse],
        timeouts: LLMTimeouts = LLMTimeouts(read: .seconds(30)),
        _ body: (any LLMProvider, FakeLLMServer) async throws -> T
    ) async throws -> T {
        try await withFactory(timeouts: timeouts) { factory in
            try await FakeLLMServer.run(responses: responses) { server in
                let provider = try factory.provider(for: endpoint(kind, model: model, server: server), key: key)
                return try await body(provider, server)
            }
        }
    }

    /// The endpoint of `kind` served by `server`.
    static func endpoint(_ kind: LLMProviderKind, model: String, server: FakeLLMServer) -> LLMEndpoint {
        let suffix = kind == .ollama || kind == .builtin ? "" : "/v1"
        return LLMEndpoint(provider: kind, model: model, baseURL: server.baseURL + suffix)
    }

    /// Every event of a streamed answer.
    static func events(of provider: any LLMProvider, _ request: LLMChatRequest) async throws -> [LLMChatEvent] {
        var events: [LLMChatEvent] = []
        for try await event in try await provider.streamChat(request) { events.append(event) }
        return events
    }

    /// The `LLMProviderError` that `body` throws (`nil` when it throws nothing or something else).
    static func providerError(_ body: () async throws -> Void) async -> LLMProviderError? {
        do {
            try await body()
            return nil
        } catch let error as LLMProviderError {
            return error
        } catch {
            Issue.record("expected an LLMProviderError, got \(error)")
            return nil
        }
    }

    /// The single request the fake received, parsed as JSON.
    static func onlyRequest(_ server: FakeLLMServer) async throws -> (RecordedLLMRequest, [String: Any]) {
        let requests = await server.requests()
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        return (request, try #require(request.json))
    }

    /// A small JSON schema used by the tool and structured-output tests.
    static let citySchema: JSONValue = .object([
        "type": "object",
        "properties": .object(["city": .object(["type": "string"])]),
        "required": .array(["city"]),
    ])
}

extension LLMChatRequest {
    /// A request with a system and a user message.
    static func test(model: String, user: String = "What is the weather in Brno?", maxTokens: Int? = nil,
                     tools: [LLMToolDefinition] = [], format: LLMResponseFormat = .text) -> LLMChatRequest {
        LLMChatRequest(model: model, messages: [.system("You are terse."), .user(user)], maxTokens: maxTokens,
                       tools: tools, responseFormat: format)
    }
}
