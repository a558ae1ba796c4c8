import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import PPTDomain

/// OpenAI Chat Completions and embeddings; with another base URL and an optional key, any
/// OpenAI-compatible server (Ollama's `/v1`, llama.cpp server, vLLM, LM Studio).
package struct OpenAIProvider: LLMProvider {
    package let descriptor: LLMProviderDescriptor
    private let baseURL: String
    private let apiKey: String?
    private let transport: LLMTransport

    /// A provider at `baseURL` (e.g. `https://api.openai.com/v1`); `kind` is `.openai` or
    /// `.openaiCompatible` (which sends `max_tokens` rather than `max_completion_tokens`).
    package init(kind: LLMProviderKind = .openai, baseURL: String, apiKey: String?, transport: LLMTransport) {
        descriptor = LLMProviderDescriptor(kind: kind, baseURL: baseURL)
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
    }

    private var headers: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "accept", value: "text/event-stream, application/json")
        if let apiKey, !apiKey.isEmpty { headers.add(name: "authorization", value: "Bearer \(apiKey)") }
        return headers
    }

    package func streamChat(_ request: LLMChatRequest) async throws -> LLMEventStream {
        let body = try LLMTransport.encode(wireRequest(request))
        let response = try await transport.send(.POST, url: LLMTransport.join(baseURL, "/chat/completions"),
                                                headers: headers, body: body, parseError: Self.parseError)
        let responseBody = response.body
        return LLMEventStream { HTTPEventSource(body: responseBody, decoder: OpenAIStreamDecoder()) }
    }

    func wireRequest(_ request: LLMChatRequest) -> OpenAIWire.Request {
        let messages = request.messages.map { message in
            OpenAIWire.Message(
                role: message.role.rawValue,
                content: message.role == .assistant && message.content.isEmpty && !message.toolCalls.isEmpty
                    ? nil : message.content,
                tool_calls: message.toolCalls.isEmpty ? nil : message.toolCalls.map {
                    OpenAIWire.ToolCall(index: nil, id: $0.id, type: "function",
                                        function: .init(name: $0.name, arguments: $0.arguments))
                },
                tool_call_id: message.toolCallID)
        }
        let format: OpenAIWire.ResponseFormat? = switch request.responseFormat {
        case .text: nil
        case .jsonObject: OpenAIWire.ResponseFormat(type: "json_object", json_schema: nil)
        case .jsonSchema(let name, let schema):
            OpenAIWire.ResponseFormat(type: "json_schema", json_schema: .init(name: name, schema: schema, strict: true))
        }
        let isOpenAI = descriptor.kind == .openai
        return OpenAIWire.Request(
            model: request.model, messages: messages, stream: true,
            stream_options: .init(include_usage: true), temperature: request.temperature,
            max_tokens: isOpenAI ? nil : request.maxTokens, max_completion_tokens: isOpenAI ? request.maxTokens : nil,
            stop: request.stop.isEmpty ? nil : request.stop,
            tools: request.tools.isEmpty ? nil : request.tools.map {
                OpenAIWire.Tool(function: .init(name: $0.name, description: $0.description, parameters: $0.parameters))
            },
            response_format: format, seed: request.seed)
    }

    package func embed(_ request: LLMEmbeddingRequest) async throws -> LLMEmbeddingResponse {
        let body = try LLMTransport.encode(
            OpenAIWire.EmbeddingsRequest(model: request.model, input: request.inputs, encoding_format: "float"))
        let bytes = try await transport.sendForBody(.POST, url: LLMTransport.join(baseURL, "/embeddings"),
                                                    headers: headers, body: body, parseError: Self.parseError)
        guard let decoded = try? JSONDecoder().decode(OpenAIWire.EmbeddingsResponse.self, from: bytes),
              decoded.data.count == request.inputs.count
        else {
            throw LLMProviderError(kind: .malformedResponse, message: "The embeddings answer could not be read.")
        }
        let vectors = decoded.data.sorted { $0.index < $1.index }.map(\.embedding.values)
        let tokens = decoded.usage?.prompt_tokens ?? TokenEstimator.estimate(request.inputs)
        return LLMEmbeddingResponse(vectors: vectors,
                                    usage: LLMUsage(inputTokens: tokens, outputTokens: 0, estimated: decoded.usage == nil))
    }

    package func listModels() async throws -> [LLMModelInfo] {
        let bytes = try await transport.sendForBody(.GET, url: LLMTransport.join(baseURL, "/models"), headers: headers,
                                                    body: nil, parseError: Self.parseError)
        guard let list = try? JSONDecoder().decode(OpenAIWire.ModelList.self, from: bytes) else {
            throw LLMProviderError(kind: .malformedResponse, message: "The model list could not be read.")
        }
        return list.data.map { ModelCatalog.info(for: $0.id) }.sorted { $0.id < $1.id }
    }

    /// `{"error":{"message","type","param","code"}}`.
    static let parseError: LLMTransport.ErrorParser = { status, body in
        if let envelope = try? JSONDecoder().decode(OpenAIWire.ErrorEnvelope.self, from: body), let error = envelope.error {
            return (error.code?.text ?? error.type, error.message ?? "HTTP \(status)")
        }
        return (nil, "HTTP \(status)")
    }
}
