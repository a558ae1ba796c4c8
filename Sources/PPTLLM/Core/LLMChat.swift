import Foundation
import PPTDomain

/// Who wrote a chat message.
package enum LLMRole: String, Codable, Sendable {
    case system, user, assistant, tool
}

/// A tool call the model asked for: the function's name and its JSON arguments.
package struct LLMToolCall: Codable, Sendable, Hashable {
    /// The provider's id for the call (echoed in the tool result).
    package var id: String
    /// The function name.
    package var name: String
    /// The arguments, a JSON document as text.
    package var arguments: String

    package init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// One message of a conversation.
package struct LLMMessage: Codable, Sendable, Hashable {
    /// The author.
    package var role: LLMRole
    /// The text.
    package var content: String
    /// Tool calls made by the assistant in this message.
    package var toolCalls: [LLMToolCall]
    /// For `tool` messages: the call this result answers.
    package var toolCallID: String?
    /// For `tool` messages: the function's name (Ollama wants it).
    package var toolName: String?

    package init(role: LLMRole, content: String, toolCalls: [LLMToolCall] = [], toolCallID: String? = nil,
                 toolName: String? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.toolName = toolName
    }

    /// A system instruction.
    package static func system(_ text: String) -> LLMMessage { LLMMessage(role: .system, content: text) }
    /// A user turn.
    package static func user(_ text: String) -> LLMMessage { LLMMessage(role: .user, content: text) }
    /// An assistant turn.
    package static func assistant(_ text: String) -> LLMMessage { LLMMessage(role: .assistant, content: text) }
}

/// A function the model may call.
package struct LLMToolDefinition: Codable, Sendable, Hashable {
    /// Function name (`[a-zA-Z0-9_-]{1,64}`).
    package var name: String
    /// What it does, for the model.
    package var description: String
    /// JSON Schema of the arguments object.
    package var parameters: JSONValue

    package init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

/// The shape of the answer.
package enum LLMResponseFormat: Sendable, Hashable {
    /// Free text.
    case text
    /// Any JSON object.
    case jsonObject
    /// JSON matching a schema (strict where the provider supports it).
    case jsonSchema(name: String, schema: JSONValue)
}

/// A chat request, provider-neutral.
package struct LLMChatRequest: Sendable, Hashable {
    /// The model name as the provider knows it.
    package var model: String
    /// The conversation; `system` messages are sent the way each provider wants them.
    package var messages: [LLMMessage]
    /// Sampling temperature.
    package var temperature: Double?
    /// Output token limit.
    package var maxTokens: Int?
    /// Stop sequences.
    package var stop: [String]
    /// Functions the model may call.
    package var tools: [LLMToolDefinition]
    /// Answer format.
    package var responseFormat: LLMResponseFormat
    /// Seed for providers that support deterministic sampling.
    package var seed: Int?

    package init(model: String, messages: [LLMMessage], temperature: Double? = nil, maxTokens: Int? = nil,
                 stop: [String] = [], tools: [LLMToolDefinition] = [], responseFormat: LLMResponseFormat = .text,
                 seed: Int? = nil) {
        self.model = model
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stop = stop
        self.tools = tools
        self.responseFormat = responseFormat
        self.seed = seed
    }
}

/// Token counts of one call.
package struct LLMUsage: Codable, Sendable, Hashable {
    /// Input tokens (cached ones included).
    package var inputTokens: Int
    /// Output tokens.
    package var outputTokens: Int
    /// Input tokens read from the provider's cache, when reported.
    package var cacheReadInputTokens: Int?
    /// Whether these are PPT's estimates because the provider reported none.
    package var estimated: Bool

    package init(inputTokens: Int, outputTokens: Int, cacheReadInputTokens: Int? = nil, estimated: Bool = false) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.estimated = estimated
    }
}

/// Why the model stopped.
package enum LLMFinishReason: String, Codable, Sendable {
    case stop, length, toolCalls = "tool_calls", contentFilter = "content_filter", other
}

/// One event of a streamed answer.
package enum LLMChatEvent: Sendable, Hashable {
    /// More answer text.
    case textDelta(String)
    /// A tool call begins (its arguments follow as `toolCallArgumentsDelta`).
    case toolCallStart(index: Int, id: String, name: String)
    /// More of a tool call's JSON arguments.
    case toolCallArgumentsDelta(index: Int, fragment: String)
    /// Token counts (the latest one wins).
    case usage(LLMUsage)
    /// The model stopped.
    case finish(LLMFinishReason)
    /// Metadata from the provider: its response id and the model that answered.
    case responseMetadata(id: String?, model: String?)

    /// Whether the event carries answer content (text or a tool call) to the caller.
    package var isOutput: Bool {
        switch self {
        case .textDelta(let text): !text.isEmpty
        case .toolCallStart, .toolCallArgumentsDelta: true
        case .usage, .finish, .responseMetadata: false
        }
    }
}

/// A complete answer (the non-streaming convenience).
package struct LLMChatResponse: Sendable, Hashable {
    /// The answer text.
    package var text: String
    /// Tool calls, arguments complete.
    package var toolCalls: [LLMToolCall]
    /// Token counts.
    package var usage: LLMUsage?
    /// Why the model stopped.
    package var finishReason: LLMFinishReason?
    /// The provider's response id.
    package var responseID: String?
    /// The model that answered.
    package var model: String?

    package init(text: String = "", toolCalls: [LLMToolCall] = [], usage: LLMUsage? = nil,
                 finishReason: LLMFinishReason? = nil, responseID: String? = nil, model: String? = nil) {
        self.text = text
        self.toolCalls = toolCalls
        self.usage = usage
        self.finishReason = finishReason
        self.responseID = responseID
        self.model = model
    }

    /// Folds a stream's events into an answer.
    package mutating func apply(_ event: LLMChatEvent) {
        switch event {
        case .textDelta(let fragment): text += fragment
        case .toolCallStart(let index, let id, let name):
            while toolCalls.count <= index { toolCalls.append(LLMToolCall(id: "", name: "", arguments: "")) }
            toolCalls[index].id = id
            toolCalls[index].name = name
        case .toolCallArgumentsDelta(let index, let fragment):
            while toolCalls.count <= index { toolCalls.append(LLMToolCall(id: "", name: "", arguments: "")) }
            toolCalls[index].arguments += fragment
        case .usage(let value): usage = value
        case .finish(let reason): finishReason = reason
        case .responseMetadata(let id, let model):
            if let id { responseID = id }
            if let model { self.model = model }
        }
    }
}

/// An embeddings request.
package struct LLMEmbeddingRequest: Sendable, Hashable {
    /// The embedding model.
    package var model: String
    /// Texts to embed.
    package var inputs: [String]

    package init(model: String, inputs: [String]) {
        self.model = model
        self.inputs = inputs
    }
}

/// Embedding vectors, one per input, in input order.
package struct LLMEmbeddingResponse: Sendable, Hashable {
    /// The vectors.
    package var vectors: [[Float]]
    /// Token counts (output is 0).
    package var usage: LLMUsage

    package init(vectors: [[Float]], usage: LLMUsage) {
        self.vectors = vectors
        self.usage = usage
    }
}
