import Foundation
import PPTDomain

/// The parts of an OpenAI Chat Completions request that the fake provider reads.
struct FakeChatRequest: Decodable {
    struct Message: Decodable {
        var role: String
        /// The text of `content`, whether sent as a string or as an array of `{type, text}` parts.
        var text: String

        private enum CodingKeys: String, CodingKey { case role, content }
        private struct Part: Decodable { var text: String? }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            role = try container.decode(String.self, forKey: .role)
            if let text = try? container.decodeIfPresent(String.self, forKey: .content) {
                self.text = text
            } else {
                let parts = try container.decodeIfPresent([Part].self, forKey: .content) ?? []
                text = parts.compactMap(\.text).joined(separator: "\n")
            }
        }
    }

    private struct StreamOptions: Decodable {
        var includeUsage: Bool?
        private enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    var model: String?
    var messages: [Message]
    var stream: Bool?
    var maxTokens: Int?
    var maxCompletionTokens: Int?
    private var streamOptions: StreamOptions?

    private enum CodingKeys: String, CodingKey {
        case model, messages, stream
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
        case streamOptions = "stream_options"
    }

    /// Whether the stream ends with the `choices: []` usage chunk.
    var includeUsage: Bool { streamOptions?.includeUsage ?? false }

    /// A deterministic prompt size: about four characters per token, plus three per message.
    var promptTokens: Int { messages.reduce(0) { $0 + 3 + ($1.text.utf8.count + 3) / 4 } }

    /// What makes the request invalid, as the OpenAI error `message` and `param`.
    var problem: (message: String, param: String)? {
        if messages.isEmpty { return ("messages must contain at least one message.", "messages") }
        let roles: Set = ["system", "developer", "user", "assistant", "tool", "function"]
        if let index = messages.firstIndex(where: { !roles.contains($0.role) }) {
            return ("Invalid role '\(messages[index].role)'.", "messages[\(index)].role")
        }
        if let tokens = maxCompletionTokens ?? maxTokens, tokens < 1 {
            let param = maxCompletionTokens == nil ? "max_tokens" : "max_completion_tokens"
            return ("\(param) must be at least 1.", param)
        }
        return nil
    }
}

/// One fixed answer rendered in the OpenAI wire formats (protocols.md §A).
struct FakeCompletion {
    var id: String
    var created: Int
    /// The model name as a JSON string literal.
    var model: String
    var pieces: [String]
    var finishReason: String
    var promptTokens: Int
    var includeUsage: Bool

    private var usage: String {
        #"{"prompt_tokens":\#(promptTokens),"completion_tokens":\#(pieces.count),"#
            + #""total_tokens":\#(promptTokens + pieces.count)}"#
    }

    private func chunk(choices: String, usage: String?) -> String {
        let usageField = includeUsage ? #","usage":\#(usage ?? "null")"# : ""
        return #"data: {"id":"\#(id)","object":"chat.completion.chunk","created":\#(created),"model":\#(model),"#
            + #""system_fingerprint":"fp_ppt_bench","choices":\#(choices)\#(usageField)}"# + "\n\n"
    }

    private func choice(delta: String, finishReason: String?) -> String {
        let finish = finishReason.map(Self.quote) ?? "null"
        return #"[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish)}]"#
    }

    /// The SSE events: role chunk, one chunk per piece, finish chunk, the usage chunk when asked for, `[DONE]`.
    var events: [String] {
        let role = choice(delta: #"{"role":"assistant","content":""}"#, finishReason: nil)
        var events = [chunk(choices: role, usage: nil)]
        for piece in pieces {
            let content = choice(delta: #"{"content":\#(Self.quote(piece))}"#, finishReason: nil)
            events.append(chunk(choices: content, usage: nil))
        }
        events.append(chunk(choices: choice(delta: "{}", finishReason: finishReason), usage: nil))
        if includeUsage { events.append(chunk(choices: "[]", usage: usage)) }
        events.append("data: [DONE]\n\n")
        return events
    }

    /// Indices in `events` of the content chunks that wait one piece interval after the previous piece.
    var pieceIndicesAfterTheFirst: Range<Int> { 2..<(1 + pieces.count) }

    /// The non-streamed `chat.completion` body.
    var message: String {
        #"{"id":"\#(id)","object":"chat.completion","created":\#(created),"model":\#(model),"#
            + #""system_fingerprint":"fp_ppt_bench","choices":[{"index":0,"message":{"role":"assistant","#
            + #""content":\#(Self.quote(pieces.joined())),"refusal":null},"logprobs":null,"#
            + #""finish_reason":"\#(finishReason)"}],"usage":\#(usage)}"#
    }

    /// A JSON string literal for `text`, quotes included.
    static func quote(_ text: String) -> String { JSONStringLiteral.quoted(text) }
}
