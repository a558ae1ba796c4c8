import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import PPTDomain

/// Ollama's native API: `/api/chat` (NDJSON stream), `/api/embed`, `/api/tags`.
package struct OllamaProvider: LLMProvider {
    package let descriptor: LLMProviderDescriptor
    private let baseURL: String
    private let apiKey: String?
    private let transport: LLMTransport

    /// A provider at `baseURL` (e.g. `http://127.0.0.1:11434`); the key is sent only when set (Ollama cloud).
    package init(baseURL: String, apiKey: String?, transport: LLMTransport) {
        descriptor = LLMProviderDescriptor(kind: .ollama, baseURL: baseURL)
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
    }

    private var headers: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        if let apiKey, !apiKey.isEmpty { headers.add(name: "authorization", value: "Bearer \(apiKey)") }
        return headers
    }

    package func streamChat(_ request: LLMChatRequest) async throws -> LLMEventStream {
        let response = try await transport.send(.POST, url: LLMTransport.join(baseURL, "/api/chat"), headers: headers,
                                                body: try LLMTransport.encode(wireRequest(request)),
                                                parseError: Self.parseError)
        let body = response.body
        return LLMEventStream { HTTPEventSource(body: body, decoder: OllamaStreamDecoder()) }
    }

    func wireRequest(_ request: LLMChatRequest) -> OllamaWire.Request {
        let messages = request.messages.map { message in
            OllamaWire.Message(
                role: message.role.rawValue, content: message.content,
                tool_calls: message.toolCalls.isEmpty ? nil : message.toolCalls.map {
                    OllamaWire.ToolCall(function: .init(
                        name: $0.name,
                        arguments: try? JSONDecoder().decode(JSONValue.self, from: Data($0.arguments.utf8))))
                },
                tool_name: message.toolName)
        }
        let format: JSONValue? = switch request.responseFormat {
        case .text: nil
        case .jsonObject: "json"
        case .jsonSchema(_, let schema): schema
        }
        let options = OllamaWire.Request.Options(
            temperature: request.temperature, num_predict: request.maxTokens,
            stop: request.stop.isEmpty ? nil : request.stop, seed: request.seed)
        return OllamaWire.Request(
            model: request.model, messages: messages, stream: true,
            tools: request.tools.isEmpty ? nil : request.tools.map {
                OpenAIWire.Tool(function: .init(name: $0.name, description: $0.description, parameters: $0.parameters))
            },
            format: format, options: options)
    }

    package func embed(_ request: LLMEmbeddingRequest) async throws -> LLMEmbeddingResponse {
        let bytes = try await transport.sendForBody(
            .POST, url: LLMTransport.join(baseURL, "/api/embed"), headers: headers,
            body: try LLMTransport.encode(OllamaWire.EmbedRequest(model: request.model, input: request.inputs)),
            parseError: Self.parseError)
        guard let decoded = try? JSONDecoder().decode(OllamaWire.EmbedResponse.self, from: bytes),
              decoded.embeddings.count == request.inputs.count
        else {
            throw LLMProviderError(kind: .malformedResponse, message: "The embeddings answer could not be read.")
        }
        let tokens = decoded.prompt_eval_count ?? TokenEstimator.estimate(request.inputs)
        return LLMEmbeddingResponse(vectors: decoded.embeddings, usage: LLMUsage(
            inputTokens: tokens, outputTokens: 0, estimated: decoded.prompt_eval_count == nil))
    }

    package func listModels() async throws -> [LLMModelInfo] {
        let bytes = try await transport.sendForBody(.GET, url: LLMTransport.join(baseURL, "/api/tags"),
                                                    headers: headers, body: nil, parseError: Self.parseError)
        guard let tags = try? JSONDecoder().decode(OllamaWire.Tags.self, from: bytes) else {
            throw LLMProviderError(kind: .malformedResponse, message: "The model list could not be read.")
        }
        return tags.models.map { ModelCatalog.info(for: $0.name) }.sorted { $0.id < $1.id }
    }

    /// `{"error":"…"}`.
    static let parseError: LLMTransport.ErrorParser = { status, body in
        if let parsed = try? JSONDecoder().decode(OllamaWire.ErrorBody.self, from: body), let message = parsed.error {
            return (nil, message)
        }
        return (nil, "HTTP \(status)")
    }
}
