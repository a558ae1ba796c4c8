import NIOCore
import PPTDomain
import PPTLLM

/// Renders `chat.completion.chunk` SSE events by hand: the per-chunk envelope is fixed for a
/// response, so only the delta is written per event, with keys in a stable order, and several
/// events that arrived together go out in one buffer (one write, one flush).
struct CompatChunkWriter {
    private let prefix: String
    private let suffix = "}\n\n"

    init(id: String, created: Int, model: String, fingerprint: String) {
        prefix = "data: {\"id\":\(Self.quoted(id)),\"object\":\"chat.completion.chunk\",\"created\":\(created),"
            + "\"model\":\(Self.quoted(model)),\"system_fingerprint\":\(Self.quoted(fingerprint)),"
    }

    /// The first chunk: the assistant role.
    func role(into buffer: inout ByteBuffer) {
        choice(#"{"role":"assistant","content":""}"#, finish: nil, into: &buffer)
    }

    /// One event's chunk (nothing for usage, finish and metadata, which end the answer).
    func event(_ event: LLMChatEvent, into buffer: inout ByteBuffer) {
        switch event {
        case .textDelta(let text):
            choice("{\"content\":\(Self.quoted(text))}", finish: nil, into: &buffer)
        case .toolCallStart(let index, let id, let name):
            choice("{\"tool_calls\":[{\"index\":\(index),\"id\":\(Self.quoted(id)),\"type\":\"function\","
                   + "\"function\":{\"name\":\(Self.quoted(name)),\"arguments\":\"\"}}]}", finish: nil, into: &buffer)
        case .toolCallArgumentsDelta(let index, let fragment):
            choice("{\"tool_calls\":[{\"index\":\(index),\"function\":{\"arguments\":\(Self.quoted(fragment))}}]}",
                   finish: nil, into: &buffer)
        case .usage, .finish, .responseMetadata:
            break
        }
    }

    /// The finish chunk, then the usage chunk when asked for, then `[DONE]`.
    func end(finish: LLMFinishReason, usage: LLMUsage?, into buffer: inout ByteBuffer) {
        choice("{}", finish: finish.rawValue, into: &buffer)
        if let usage {
            buffer.writeString(prefix)
            buffer.writeString("\"choices\":[],\"usage\":{\"prompt_tokens\":\(usage.inputTokens),"
                + "\"completion_tokens\":\(usage.outputTokens),\"total_tokens\":\(usage.inputTokens + usage.outputTokens)}")
            buffer.writeString(suffix)
        }
        buffer.writeString("data: [DONE]\n\n")
    }

    private func choice(_ delta: String, finish: String?, into buffer: inout ByteBuffer) {
        buffer.writeString(prefix)
        buffer.writeString("\"choices\":[{\"index\":0,\"delta\":")
        buffer.writeString(delta)
        buffer.writeString(",\"finish_reason\":")
        buffer.writeString(finish.map(Self.quoted) ?? "null")
        buffer.writeString("}],\"usage\":null")
        buffer.writeString(suffix)
    }

    private static func quoted(_ text: String) -> String { JSONStringLiteral.quoted(text) }
}
