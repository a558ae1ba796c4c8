import Foundation
import PPTDomain

/// Ollama's native API shapes (protocols.md §B).
enum OllamaWire {
    struct Request: Encodable {
        struct Options: Encodable {
            let temperature: Double?
            let num_predict: Int?
            let stop: [String]?
            let seed: Int?
        }
        let model: String
        let messages: [Message]
        let stream: Bool
        let tools: [OpenAIWire.Tool]?
        let format: JSONValue?
        let options: Options?
    }

    struct Message: Codable {
        let role: String
        let content: String
        let tool_calls: [ToolCall]?
        let tool_name: String?
    }

    struct ToolCall: Codable {
        struct Function: Codable {
            let name: String
            let arguments: JSONValue?
        }
        let function: Function
    }

    struct Line: Decodable {
        let model: String?
        let message: Message?
        let done: Bool?
        let done_reason: String?
        let prompt_eval_count: Int?
        let eval_count: Int?
        let error: String?
    }

    struct ErrorBody: Decodable { let error: String? }

    struct EmbedRequest: Encodable {
        let model: String
        let input: [String]
    }

    struct EmbedResponse: Decodable {
        let embeddings: [[Float]]
        let prompt_eval_count: Int?
    }

    struct Tags: Decodable {
        struct Model: Decodable { let name: String }
        let models: [Model]
    }
}

/// Decodes Ollama's NDJSON chat stream; tool calls arrive whole, one per line.
struct OllamaStreamDecoder: LLMWireDecoder {
    private var sentMetadata = false
    private var done = false
    private var toolCount = 0
    private let decoder = JSONDecoder()
    private let encoder = JSONEncoder()

    mutating func decode(line: String, into events: inout [LLMChatEvent]) throws(LLMProviderError) {
        if line.allSatisfy(\.isWhitespace) || done { return }
        let parsed: OllamaWire.Line
        do {
            parsed = try decoder.decode(OllamaWire.Line.self, from: Data(line.utf8))
        } catch {
            throw LLMProviderError(kind: .malformedResponse, message: "The provider sent a line that is not JSON.")
        }
        if let error = parsed.error {
            throw LLMProviderError(kind: .streamError, status: 200, providerType: "ollama_error", message: error)
        }
        if !sentMetadata, let model = parsed.model {
            sentMetadata = true
            events.append(.responseMetadata(id: nil, model: model))
        }
        if let message = parsed.message {
            if !message.content.isEmpty { events.append(.textDelta(message.content)) }
            for call in message.tool_calls ?? [] {
                let index = toolCount
                toolCount += 1
                events.append(.toolCallStart(index: index, id: "call_\(index)", name: call.function.name))
                let arguments = (try? encoder.encode(call.function.arguments ?? .object([:])))
                    .flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
                events.append(.toolCallArgumentsDelta(index: index, fragment: arguments))
            }
        }
        if parsed.done == true {
            done = true
            if parsed.prompt_eval_count != nil || parsed.eval_count != nil {
                events.append(.usage(LLMUsage(inputTokens: parsed.prompt_eval_count ?? 0,
                                              outputTokens: parsed.eval_count ?? 0)))
            }
            let reason: LLMFinishReason
            if toolCount > 0 {
                reason = .toolCalls
            } else {
                switch parsed.done_reason {
                case "length": reason = .length
                case "stop", nil: reason = .stop
                default: reason = .other
                }
            }
            events.append(.finish(reason))
        }
    }

    mutating func finish(into events: inout [LLMChatEvent]) throws(LLMProviderError) {
        guard done else { throw LLMProviderError(kind: .connection, message: "The stream ended before done:true.") }
    }
}
