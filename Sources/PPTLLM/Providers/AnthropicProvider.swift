import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import PPTDomain

/// Anthropic Messages: `x-api-key`, `anthropic-version`, the system prompt in its own field, tool
/// use, and structured output through a forced tool (the Messages API has no `response_format`).
package struct AnthropicProvider: LLMProvider {
    package let descriptor: LLMProviderDescriptor
    private let baseURL: String
    private let apiKey: String?
    private let version: String
    private let transport: LLMTransport

    /// The version header PPT speaks unless configured otherwise.
    package static let defaultVersion = "2023-06-01"
    /// Output limit sent when the caller sets none (the Messages API requires one).
    package static let defaultMaxTokens = 1024

    /// A provider at `baseURL` (e.g. `https://api.anthropic.com/v1`).
    package init(baseURL: String, apiKey: String?, version: String = AnthropicProvider.defaultVersion,
                 transport: LLMTransport) {
        descriptor = LLMProviderDescriptor(kind: .anthropic, baseURL: baseURL)
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.version = version
        self.transport = transport
    }

    private var headers: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "anthropic-version", value: version)
        if let apiKey, !apiKey.isEmpty { headers.add(name: "x-api-key", value: apiKey) }
        return headers
    }

    package func streamChat(_ request: LLMChatRequest) async throws -> LLMEventStream {
        let (wire, structuredTool) = wireRequest(request)
        let response = try await transport.send(.POST, url: LLMTransport.join(baseURL, "/messages"), headers: headers,
                                                body: try LLMTransport.encode(wire), parseError: Self.parseError)
        let body = response.body
        return LLMEventStream { HTTPEventSource(body: body, decoder: AnthropicStreamDecoder(structuredToolName: structuredTool)) }
    }

    func wireRequest(_ request: LLMChatRequest) -> (AnthropicWire.Request, String?) {
        let system = request.messages.filter { $0.role == .system }.map(\.content).joined(separator: "\n\n")
        var messages: [AnthropicWire.Message] = []
        for message in request.messages where message.role != .system {
            let role = message.role == .assistant ? "assistant" : "user"
            var blocks: [AnthropicWire.Block] = []
            switch message.role {
            case .tool:
                blocks.append(AnthropicWire.Block(type: "tool_result", tool_use_id: message.toolCallID,
                                                  content: message.content))
            default:
                if !message.content.isEmpty { blocks.append(AnthropicWire.Block(type: "text", text: message.content)) }
                for call in message.toolCalls {
                    let input = (try? JSONDecoder().decode(JSONValue.self, from: Data(call.arguments.utf8)))
                        ?? .object([:])
                    blocks.append(AnthropicWire.Block(type: "tool_use", id: call.id, name: call.name, input: input))
                }
            }
            // Messages must alternate roles: consecutive turns of one role (e.g. several tool results) merge.
            if let last = messages.last, last.role == role {
                messages[messages.count - 1].content.append(contentsOf: blocks)
            } else {
                messages.append(AnthropicWire.Message(role: role, content: blocks))
            }
        }
        var tools = request.tools.map {
            AnthropicWire.Tool(name: $0.name, description: $0.description, input_schema: $0.parameters)
        }
        var choice: AnthropicWire.ToolChoice?
        var structuredTool: String?
        switch request.responseFormat {
        case .text: break
        case .jsonObject:
            structuredTool = "json_answer"
            tools.append(AnthropicWire.Tool(name: "json_answer", description: "Give the answer as a JSON object.",
                                            input_schema: .object(["type": "object"])))
        case .jsonSchema(let name, let schema):
            structuredTool = name
            tools.append(AnthropicWire.Tool(name: name, description: "Give the answer in this structure.",
                                            input_schema: schema))
        }
        if let structuredTool { choice = AnthropicWire.ToolChoice(type: "tool", name: structuredTool) }
        let wire = AnthropicWire.Request(
            model: request.model, max_tokens: request.maxTokens ?? Self.defaultMaxTokens,
            system: system.isEmpty ? nil : system, messages: messages, stream: true, temperature: request.temperature,
            stop_sequences: request.stop.isEmpty ? nil : request.stop, tools: tools.isEmpty ? nil : tools,
            tool_choice: choice)
        return (wire, structuredTool)
    }

    package func embed(_ request: LLMEmbeddingRequest) async throws -> LLMEmbeddingResponse {
        throw LLMProviderError(kind: .unsupported, message: "Anthropic offers no embeddings; configure an embeddings model of another provider.")
    }

    package func listModels() async throws -> [LLMModelInfo] {
        let bytes = try await transport.sendForBody(.GET, url: LLMTransport.join(baseURL, "/models?limit=100"),
                                                    headers: headers, body: nil, parseError: Self.parseError)
        guard let list = try? JSONDecoder().decode(AnthropicWire.ModelList.self, from: bytes) else {
            throw LLMProviderError(kind: .malformedResponse, message: "The model list could not be read.")
        }
        return list.data.map { ModelCatalog.info(for: $0.id) }.sorted { $0.id < $1.id }
    }

    /// `{"type":"error","error":{"type","message","details"?}}`; a spend-limit 429 reports its code.
    static let parseError: LLMTransport.ErrorParser = { status, body in
        if let envelope = try? JSONDecoder().decode(AnthropicWire.ErrorEnvelope.self, from: body), let error = envelope.error {
            return (error.details?.error_code ?? error.type, error.message ?? "HTTP \(status)")
        }
        return (nil, "HTTP \(status)")
    }
}
