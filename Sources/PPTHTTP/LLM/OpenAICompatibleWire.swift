import Foundation
import PPTDomain
import PPTLLM

/// The OpenAI Chat Completions request PPT's gateway endpoint accepts (the subset the gateway
/// supports), and the chunks it answers with.
struct CompatRequest: Decodable, Sendable {
    struct Message: Decodable, Sendable {
        struct ToolCall: Decodable, Sendable {
            struct Function: Decodable, Sendable {
                let name: String
                let arguments: String?
            }
            let id: String
            let function: Function
        }
        let role: String
        let content: Content?
        let tool_calls: [ToolCall]?
        let tool_call_id: String?
        let name: String?
    }

    /// A string, or an array of `{type: "text", text}` parts.
    struct Content: Decodable, Sendable {
        let text: String
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self.text = text
                return
            }
            struct Part: Decodable { let type: String; let text: String? }
            let parts = try container.decode([Part].self)
            guard parts.allSatisfy({ $0.type == "text" }) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "only text parts are supported")
            }
            text = parts.compactMap(\.text).joined()
        }
    }

    struct Tool: Decodable, Sendable {
        struct Function: Decodable, Sendable {
            let name: String
            let description: String?
            let parameters: JSONValue?
        }
        let type: String
        let function: Function
    }

    struct ResponseFormat: Decodable, Sendable {
        struct Schema: Decodable, Sendable {
            let name: String
            let schema: JSONValue
        }
        let type: String
        let json_schema: Schema?
    }

    struct StreamOptions: Decodable, Sendable { let include_usage: Bool? }

    /// One string or several.
    struct Stop: Decodable, Sendable {
        let values: [String]
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) { values = [one] } else { values = try container.decode([String].self) }
        }
    }

    let model: String?
    let messages: [Message]
    let stream: Bool?
    let stream_options: StreamOptions?
    let temperature: Double?
    let max_tokens: Int?
    let max_completion_tokens: Int?
    let stop: Stop?
    let tools: [Tool]?
    let response_format: ResponseFormat?
    let seed: Int?
    /// PPT's extension: which feature the call is billed to (default `chat`).
    let feature: LLMFeature?

    /// The provider-neutral request, or field errors.
    func chatRequest() throws(DomainError) -> LLMChatRequest {
        var v = Validator()
        v.check(!messages.isEmpty, "/messages", "must not be empty")
        var converted: [LLMMessage] = []
        for (index, message) in messages.enumerated() {
            guard let role = LLMRole(rawValue: message.role == "developer" ? "system" : message.role) else {
                v.check(false, "/messages/\(index)/role", "must be system, developer, user, assistant or tool")
                continue
            }
            if role == .tool { v.check(message.tool_call_id != nil, "/messages/\(index)/tool_call_id", "is required") }
            converted.append(LLMMessage(
                role: role, content: message.content?.text ?? "",
                toolCalls: (message.tool_calls ?? []).map {
                    LLMToolCall(id: $0.id, name: $0.function.name, arguments: $0.function.arguments ?? "{}")
                },
                toolCallID: message.tool_call_id, toolName: message.name))
        }
        if let temperature { v.check(temperature >= 0 && temperature <= 2, "/temperature", "must be between 0 and 2") }
        let maxTokens = max_completion_tokens ?? max_tokens
        if let maxTokens { v.check(maxTokens >= 1, "/max_tokens", "must be at least 1") }
        for (index, tool) in (tools ?? []).enumerated() {
            v.check(tool.type == "function", "/tools/\(index)/type", "must be function")
            v.check(tool.function.name.range(of: "^[A-Za-z0-9_-]{1,64}$", options: .regularExpression) != nil,
                    "/tools/\(index)/function/name", "must be 1–64 letters, digits, _ or -")
        }
        var format = LLMResponseFormat.text
        switch response_format?.type {
        case nil, "text": break
        case "json_object": format = .jsonObject
        case "json_schema":
            if let schema = response_format?.json_schema {
                format = .jsonSchema(name: schema.name, schema: schema.schema)
            } else {
                v.check(false, "/response_format/json_schema", "is required for json_schema")
            }
        default: v.check(false, "/response_format/type", "must be text, json_object or json_schema")
        }
        try v.finish()
        return LLMChatRequest(
            model: model ?? "", messages: converted, temperature: temperature, maxTokens: maxTokens,
            stop: stop?.values ?? [],
            tools: (tools ?? []).map {
                LLMToolDefinition(name: $0.function.name, description: $0.function.description ?? "",
                                  parameters: $0.function.parameters ?? .object(["type": "object"]))
            },
            responseFormat: format, seed: seed)
    }
}

/// The `chat.completion` body and the in-stream error (chunks are written by `CompatChunkWriter`).
enum CompatOutput {
    struct Usage: Encodable {
        let prompt_tokens: Int
        let completion_tokens: Int
        let total_tokens: Int

        init(_ usage: LLMUsage) {
            prompt_tokens = usage.inputTokens
            completion_tokens = usage.outputTokens
            total_tokens = usage.inputTokens + usage.outputTokens
        }
    }

    struct Message: Encodable {
        struct ToolCall: Encodable {
            struct Function: Encodable {
                let name: String
                let arguments: String
            }
            let id: String
            let type = "function"
            let function: Function
        }
        let role = "assistant"
        let content: String?
        let tool_calls: [ToolCall]?
    }

    struct Completion: Encodable {
        struct Choice: Encodable {
            let index = 0
            let message: Message
            let finish_reason: String
        }
        let id: String
        let object = "chat.completion"
        let created: Int
        let model: String
        let system_fingerprint: String
        let choices: [Choice]
        let usage: Usage?
    }

    struct ErrorBody: Encodable {
        struct Detail: Encodable {
            let message: String
            let type: String
            let code: String
        }
        let error: Detail
    }
}
