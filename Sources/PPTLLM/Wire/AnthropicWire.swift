import Foundation
import PPTDomain

/// Anthropic Messages request and stream shapes (protocols.md §A').
enum AnthropicWire {
    struct Request: Encodable {
        let model: String
        let max_tokens: Int
        let system: String?
        let messages: [Message]
        let stream: Bool
        let temperature: Double?
        let stop_sequences: [String]?
        let tools: [Tool]?
        let tool_choice: ToolChoice?
    }

    struct Message: Encodable {
        let role: String
        var content: [Block]
    }

    struct Block: Encodable {
        let type: String
        var text: String? = nil
        var id: String? = nil
        var name: String? = nil
        var input: JSONValue? = nil
        var tool_use_id: String? = nil
        var content: String? = nil
    }

    struct Tool: Encodable {
        let name: String
        let description: String
        let input_schema: JSONValue
    }

    struct ToolChoice: Encodable {
        let type: String
        let name: String?
    }

    struct ErrorEnvelope: Decodable {
        struct Details: Decodable { let error_code: String? }
        struct Body: Decodable {
            let type: String?
            let message: String?
            let details: Details?
        }
        let error: Body?
    }

    struct ModelList: Decodable {
        struct Model: Decodable { let id: String }
        let data: [Model]
    }

    static func finishReason(_ text: String?) -> LLMFinishReason? {
        switch text {
        case nil: nil
        case "end_turn", "stop_sequence", "pause_turn": .stop
        case "max_tokens", "model_context_window_exceeded": .length
        case "tool_use": .toolCalls
        case "refusal": .contentFilter
        default: .other
        }
    }
}

/// Decodes Anthropic's named SSE events. When the request forced a JSON tool (structured output),
/// that tool's input is reported as answer text.
struct AnthropicStreamDecoder: LLMWireDecoder {
    private var sse = SSEAssembler()
    private let structuredToolName: String?
    private var toolIndexByBlock: [Int: Int] = [:]
    private var structuredBlocks = Set<Int>()
    private var inputTokens = 0
    private var cacheRead: Int?
    private var cacheCreation = 0
    private var stopped = false

    init(structuredToolName: String?) { self.structuredToolName = structuredToolName }

    mutating func decode(line: String, into events: inout [LLMChatEvent]) throws(LLMProviderError) {
        guard let event = sse.consume(line) else { return }
        try handle(event, into: &events)
    }

    mutating func finish(into events: inout [LLMChatEvent]) throws(LLMProviderError) {
        if let event = sse.finish() { try handle(event, into: &events) }
        guard stopped else {
            throw LLMProviderError(kind: .connection, message: "The stream ended before message_stop.")
        }
    }

    private mutating func handle(_ sse: SSEEvent, into events: inout [LLMChatEvent]) throws(LLMProviderError) {
        // Forward compatibility: unknown event names are ignored, as the SDK does.
        let known = ["message_start", "content_block_start", "content_block_delta", "content_block_stop",
                     "message_delta", "message_stop", "error"]
        if let name = sse.name, !known.contains(name) { return }
        guard let event = StreamJSON.parse(sse.data), let type = event["type"]?.stringValue else {
            throw LLMProviderError(kind: .malformedResponse, message: "The provider sent an event that is not JSON.")
        }
        let index = event["index"]?.intValue
        switch type {
        case "message_start":
            if let message = event["message"] {
                events.append(.responseMetadata(id: message["id"]?.stringValue, model: message["model"]?.stringValue))
                let usage = message["usage"]
                inputTokens = usage?["input_tokens"]?.intValue ?? 0
                cacheRead = usage?["cache_read_input_tokens"]?.intValue
                cacheCreation = usage?["cache_creation_input_tokens"]?.intValue ?? 0
                events.append(.usage(usageValue(output: usage?["output_tokens"]?.intValue ?? 0)))
            }
        case "content_block_start":
            guard let block = event["content_block"], block["type"]?.stringValue == "tool_use", let index else { return }
            let name = block["name"]?.stringValue
            if let name, name == structuredToolName {
                structuredBlocks.insert(index)
                return
            }
            let toolIndex = toolIndexByBlock.count
            toolIndexByBlock[index] = toolIndex
            events.append(.toolCallStart(index: toolIndex, id: block["id"]?.stringValue ?? "toolu_\(toolIndex)",
                                         name: name ?? ""))
        case "content_block_delta":
            guard let delta = event["delta"], let index else { return }
            let deltaType = delta["type"]?.stringValue
            if deltaType == "text_delta", let text = delta["text"]?.stringValue, !text.isEmpty {
                events.append(.textDelta(text))
            } else if deltaType == "input_json_delta", let fragment = delta["partial_json"]?.stringValue, !fragment.isEmpty {
                if structuredBlocks.contains(index) {
                    events.append(.textDelta(fragment))
                } else if let toolIndex = toolIndexByBlock[index] {
                    events.append(.toolCallArgumentsDelta(index: toolIndex, fragment: fragment))
                }
            }
        case "message_delta":
            // Usage here is cumulative: the latest figures replace earlier ones.
            if let usage = event["usage"], case .object = usage {
                if let input = usage["input_tokens"]?.intValue { inputTokens = input }
                if let read = usage["cache_read_input_tokens"]?.intValue { cacheRead = read }
                if let created = usage["cache_creation_input_tokens"]?.intValue { cacheCreation = created }
                events.append(.usage(usageValue(output: usage["output_tokens"]?.intValue ?? 0)))
            }
            if var reason = AnthropicWire.finishReason(event["delta"]?["stop_reason"]?.stringValue) {
                if reason == .toolCalls, toolIndexByBlock.isEmpty, !structuredBlocks.isEmpty { reason = .stop }
                events.append(.finish(reason))
            }
        case "message_stop":
            stopped = true
        case "error":
            throw LLMProviderError(kind: .streamError, status: 200, providerType: event["error"]?["type"]?.stringValue,
                                   message: event["error"]?["message"]?.stringValue ?? "An error occurred during streaming.")
        default:
            return
        }
    }

    /// Anthropic's `input_tokens` excludes cached reads and writes; OpenTelemetry's input count includes them.
    private func usageValue(output: Int) -> LLMUsage {
        LLMUsage(inputTokens: inputTokens + (cacheRead ?? 0) + cacheCreation, outputTokens: output,
                 cacheReadInputTokens: cacheRead)
    }
}
