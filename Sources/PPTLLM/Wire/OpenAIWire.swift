import Foundation
import PPTDomain

/// OpenAI Chat Completions request and response shapes (protocols.md §A).
enum OpenAIWire {
    struct Request: Encodable {
        struct StreamOptions: Encodable { let include_usage: Bool }
        let model: String
        let messages: [Message]
        let stream: Bool
        let stream_options: StreamOptions?
        let temperature: Double?
        let max_tokens: Int?
        let max_completion_tokens: Int?
        let stop: [String]?
        let tools: [Tool]?
        let response_format: ResponseFormat?
        let seed: Int?
    }

    struct Message: Encodable {
        let role: String
        let content: String?
        let tool_calls: [ToolCall]?
        let tool_call_id: String?
    }

    struct ToolCall: Codable {
        struct Function: Codable {
            let name: String?
            let arguments: String?
        }
        let index: Int?
        let id: String?
        let type: String?
        let function: Function?
    }

    struct Tool: Encodable {
        struct Function: Encodable {
            let name: String
            let description: String
            let parameters: JSONValue
        }
        let type = "function"
        let function: Function
    }

    struct ResponseFormat: Encodable {
        struct Schema: Encodable {
            let name: String
            let schema: JSONValue
            let strict: Bool
        }
        let type: String
        let json_schema: Schema?
    }

    /// The embeddings answer's usage (stream usage is read by `OpenAIStreamDecoder`).
    struct Usage: Decodable {
        let prompt_tokens: Int?
    }

    struct ErrorBody: Decodable {
        let message: String?
        let type: String?
        let code: StringOrNumber?
    }

    /// `code` is a string in OpenAI's answers and sometimes a number in compatible servers'.
    struct StringOrNumber: Decodable {
        let text: String
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { text = s } else { text = String(try c.decode(Int.self)) }
        }
    }

    struct ErrorEnvelope: Decodable { let error: ErrorBody? }

    struct EmbeddingsRequest: Encodable {
        let model: String
        let input: [String]
        let encoding_format: String
    }

    struct EmbeddingsResponse: Decodable {
        struct Item: Decodable {
            let index: Int
            let embedding: Vector
        }
        let data: [Item]
        let usage: Usage?
    }

    /// A float array, or base64 of little-endian float32 (what the SDK asks for by default).
    struct Vector: Decodable {
        let values: [Float]
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let floats = try? c.decode([Float].self) {
                values = floats
                return
            }
            guard let data = Data(base64Encoded: try c.decode(String.self)), data.count % 4 == 0 else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a vector")
            }
            values = stride(from: 0, to: data.count, by: 4).map { offset in
                let bits = UInt32(data[data.startIndex + offset]) | UInt32(data[data.startIndex + offset + 1]) << 8
                    | UInt32(data[data.startIndex + offset + 2]) << 16 | UInt32(data[data.startIndex + offset + 3]) << 24
                return Float(bitPattern: bits)
            }
        }
    }

    struct ModelList: Decodable {
        struct Model: Decodable { let id: String }
        let data: [Model]
    }

    static func finishReason(_ text: String?) -> LLMFinishReason? {
        switch text {
        case nil: nil
        case "stop": .stop
        case "length": .length
        case "tool_calls", "function_call": .toolCalls
        case "content_filter": .contentFilter
        default: .other
        }
    }
}

/// Decodes `data: {chunk}` lines of an OpenAI-format stream.
struct OpenAIStreamDecoder: LLMWireDecoder {
    private var sse = SSEAssembler()
    private var sawDone = false
    private var sawFinish = false
    private var sentMetadata = false
    private var startedToolCalls = Set<Int>()

    mutating func decode(line: String, into events: inout [LLMChatEvent]) throws(LLMProviderError) {
        guard let event = sse.consume(line) else { return }
        try handle(event, into: &events)
    }

    mutating func finish(into events: inout [LLMChatEvent]) throws(LLMProviderError) {
        if let event = sse.finish() { try handle(event, into: &events) }
        guard sawDone || sawFinish else {
            throw LLMProviderError(kind: .connection, message: "The stream ended before the answer was complete.")
        }
    }

    private mutating func handle(_ event: SSEEvent, into events: inout [LLMChatEvent]) throws(LLMProviderError) {
        if sawDone { return }
        if event.data.hasPrefix("[DONE]") {
            sawDone = true
            return
        }
        guard let chunk = StreamJSON.parse(event.data), case .object = chunk else {
            throw LLMProviderError(kind: .malformedResponse, message: "The provider sent a stream line that is not JSON.")
        }
        if let error = chunk["error"], error != .null {
            throw LLMProviderError(kind: .streamError, status: 200,
                                   providerType: error["code"]?.textValue ?? error["type"]?.stringValue,
                                   message: error["message"]?.stringValue ?? "An error occurred during streaming.")
        }
        let id = chunk["id"]?.stringValue
        let model = chunk["model"]?.stringValue
        if !sentMetadata, id != nil || model != nil {
            sentMetadata = true
            events.append(.responseMetadata(id: id, model: model))
        }
        for choice in chunk["choices"]?.items ?? [] where (choice["index"]?.intValue ?? 0) == 0 {
            if let delta = choice["delta"] {
                if let content = delta["content"]?.stringValue, !content.isEmpty { events.append(.textDelta(content)) }
                for call in delta["tool_calls"]?.items ?? [] {
                    let index = call["index"]?.intValue ?? 0
                    let function = call["function"]
                    if startedToolCalls.insert(index).inserted {
                        events.append(.toolCallStart(index: index, id: call["id"]?.stringValue ?? "call_\(index)",
                                                     name: function?["name"]?.stringValue ?? ""))
                    }
                    if let fragment = function?["arguments"]?.stringValue, !fragment.isEmpty {
                        events.append(.toolCallArgumentsDelta(index: index, fragment: fragment))
                    }
                }
            }
            if let reason = OpenAIWire.finishReason(choice["finish_reason"]?.stringValue) {
                sawFinish = true
                events.append(.finish(reason))
            }
        }
        if let usage = chunk["usage"], case .object = usage {
            events.append(.usage(LLMUsage(
                inputTokens: usage["prompt_tokens"]?.intValue ?? 0, outputTokens: usage["completion_tokens"]?.intValue ?? 0,
                cacheReadInputTokens: usage["prompt_tokens_details"]?["cached_tokens"]?.intValue)))
        }
    }
}
