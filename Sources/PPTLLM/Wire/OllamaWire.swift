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
    private let encoder = JSONEncoder()

    mutating func decode(line: String, into events: inout [LLMChatEvent]) throws(LLMProviderError) {
        if line.allSatisfy(\.isWhitespace) || done { return }
        guard let line = StreamJSON.parse(line), case .object = line else {
            throw LLMProviderError(kind: .malformedResponse, message: "The provider sent a line that is not JSON.")
        }
        if let error = line["error"]?.stringValue {
            throw LLMProviderError(kind: .streamError, status: 200, providerType: "ollama_error", message: error)
        }
        if !sentMetadata, let model = line["model"]?.stringValue {
            sentMetadata = true
            events.append(.responseMetadata(id: nil, model: model))
        }
        if let message = line["message"] {
            if let content = message["content"]?.stringValue, !content.isEmpty { events.append(.textDelta(content)) }
            for call in message["tool_calls"]?.items ?? [] {
                let index = toolCount
                toolCount += 1
                let function = call["function"]
                events.append(.toolCallStart(index: index, id: "call_\(index)", name: function?["name"]?.stringValue ?? ""))
                let arguments = (try? encoder.encode(function?["arguments"] ?? .object([:])))
                    .flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
                events.append(.toolCallArgumentsDelta(index: index, fragment: arguments))
            }
        }
        if line["done"] == .bool(true) {
            done = true
            let promptCount = line["prompt_eval_count"]?.intValue
            let evalCount = line["eval_count"]?.intValue
            if promptCount != nil || evalCount != nil {
                events.append(.usage(LLMUsage(inputTokens: promptCount ?? 0, outputTokens: evalCount ?? 0)))
            }
            let reason: LLMFinishReason
            if toolCount > 0 {
                reason = .toolCalls
            } else {
                switch line["done_reason"]?.stringValue {
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
