import PPTDomain
import Foundation

extension FakeLLMResponse {
    /// A line that is not valid JSON, in SSE framing.
    static let malformedSSELine = "data: {not json\n\n"

    /// A complete body sent with `content-length` (not chunked); `contentType` defaults to JSON.
    static func body(_ text: String, status: Int = 200, contentType: String = "application/json",
                     headers: [(name: String, value: String)] = []) -> FakeLLMResponse {
        FakeLLMResponse(status: status, headers: [("content-type", contentType),
                                                  ("content-length", String(text.utf8.count))] + headers,
                        parts: [.bytes(text)])
    }

    /// A chunked body that flushes each frame as its own chunk, with `interval` between frames.
    static func chunked(_ frames: [String], contentType: String, status: Int = 200,
                        headers: [(name: String, value: String)] = [], interval: Duration = .zero) -> FakeLLMResponse {
        FakeLLMResponse(status: status, headers: [("content-type", contentType)] + headers,
                        parts: frames.map { .bytes($0) }).paced(interval)
    }

    /// The `.bytes` parts in order, for assertions.
    var chunks: [String] {
        parts.compactMap { if case .bytes(let text) = $0 { text } else { nil } }
    }

    /// This response with `interval` paused between consecutive `.bytes` parts (zero leaves it unchanged).
    func paced(_ interval: Duration) -> FakeLLMResponse {
        guard interval > .zero else { return self }
        var copy = self
        copy.parts = []
        for part in parts {
            if case .bytes = part, copy.parts.contains(where: { if case .bytes = $0 { true } else { false } }) {
                copy.parts.append(.pause(interval))
            }
            copy.parts.append(part)
        }
        return copy
    }

    /// This response with its head sent only after `delay` (a slow first byte).
    func delayingHead(by delay: Duration) -> FakeLLMResponse {
        var copy = self
        copy.headDelay = delay
        return copy
    }

    /// This response cut off after its first `count` `.bytes` parts: the connection closes with no final chunk.
    /// The close waits a moment after the last write, as a crashing server's would: a client may drop bytes it
    /// had received but not yet read when the close arrives, which would make tests about a cut racy.
    func droppingConnection(afterChunks count: Int) -> FakeLLMResponse {
        var copy = self
        copy.parts = Array(parts.prefix(upTo: index(afterChunks: count))) + [.pause(.milliseconds(50)), .dropConnection]
        return copy
    }

    /// This response with `raw` sent as an extra chunk after its first `count` `.bytes` parts.
    func inserting(_ raw: String, afterChunks count: Int) -> FakeLLMResponse {
        var copy = self
        copy.parts.insert(.bytes(raw), at: index(afterChunks: count))
        return copy
    }

    private func index(afterChunks count: Int) -> Int {
        var seen = 0
        for (index, part) in parts.enumerated() {
            guard case .bytes = part else { continue }
            if seen == count { return index }
            seen += 1
        }
        return parts.count
    }
}

/// JSON text fragments for building byte-exact provider payloads with a fixed key order.
enum FakeJSON {
    /// `value` as a JSON string literal (quotes, backslashes and control characters escaped; other text as is).
    static func string(_ value: String) -> String { JSONStringLiteral.quoted(value) }

    /// `value` as a JSON string literal, or `null`.
    static func string(_ value: String?) -> String {
        value.map { string($0) } ?? "null"
    }
}

/// `value` as a JSON string literal, or `null`.
private func quoted(_ value: String?) -> String { FakeJSON.string(value) }

/// OpenAI Chat Completions, Embeddings and Models responses (protocols.md §A).
enum FakeOpenAI {
    /// A tool call; its arguments are the concatenation of `argumentFragments` (one stream chunk each).
    struct ToolCall: Sendable {
        let id: String
        let name: String
        let argumentFragments: [String]

        init(id: String = "call_fake_1", name: String, argumentFragments: [String]) {
            self.id = id
            self.name = name
            self.argumentFragments = argumentFragments
        }
    }

    /// The SSE frames of a streamed completion: a role chunk, one chunk per piece, per tool call a chunk with
    /// id and name then one chunk per argument fragment, a finish chunk, then, when `usage` is given, the
    /// `choices: []` usage chunk (all other chunks then carry `"usage":null`), then `data: [DONE]`.
    static func streamFrames(model: String = "gpt-4o-mini", pieces: [String],
                             usage: (prompt: Int, completion: Int)? = nil, finishReason: String? = nil,
                             toolCalls: [ToolCall] = [], id: String = "chatcmpl-fake") -> [String] {
        let nullUsage = usage == nil ? "" : #","usage":null"#
        func chunk(_ choices: String, usage: String = nullUsage) -> String {
            #"data: {"id":\#(quoted(id)),"object":"chat.completion.chunk","created":1700000000,"#
                + #""model":\#(quoted(model)),"system_fingerprint":"fp_fake","choices":\#(choices)\#(usage)}"#
                + "\n\n"
        }
        func delta(_ delta: String, finish: String? = nil) -> String {
            chunk(#"[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(quoted(finish))}]"#)
        }
        var frames = [delta(#"{"role":"assistant","content":"","refusal":null}"#)]
        frames += pieces.map { delta(#"{"content":\#(quoted($0))}"#) }
        for (index, call) in toolCalls.enumerated() {
            frames.append(delta(#"{"tool_calls":[{"index":\#(index),"id":\#(quoted(call.id)),"type":"function","#
                + #""function":{"name":\#(quoted(call.name)),"arguments":""}}]}"#))
            frames += call.argumentFragments.map {
                delta(#"{"tool_calls":[{"index":\#(index),"function":{"arguments":\#(quoted($0))}}]}"#)
            }
        }
        frames.append(delta("{}", finish: finishReason ?? (toolCalls.isEmpty ? "stop" : "tool_calls")))
        if let usage { frames.append(chunk("[]", usage: #","usage":\#(usageObject(usage))"#)) }
        return frames + ["data: [DONE]\n\n"]
    }

    /// A streamed completion (`text/event-stream`) of ``streamFrames(model:pieces:usage:finishReason:toolCalls:id:)``.
    static func stream(model: String = "gpt-4o-mini", pieces: [String], usage: (prompt: Int, completion: Int)? = nil,
                       finishReason: String? = nil, toolCalls: [ToolCall] = [], interval: Duration = .zero,
                       headers: [(name: String, value: String)] = []) -> FakeLLMResponse {
        let frames = streamFrames(model: model, pieces: pieces, usage: usage, finishReason: finishReason,
                                  toolCalls: toolCalls)
        return .chunked(frames, contentType: "text/event-stream; charset=utf-8",
                        headers: [("cache-control", "no-cache"), ("x-request-id", "req_fake")] + headers,
                        interval: interval)
    }

    /// A 200 stream that sends `pieces`, then a `data:` line holding an `error` object, and ends without `[DONE]`.
    static func midStreamError(model: String = "gpt-4o-mini", pieces: [String] = ["Hel"],
                               message: String = "The server had an error while processing your request.",
                               type: String = "server_error", code: String? = nil) -> FakeLLMResponse {
        let started = streamFrames(model: model, pieces: pieces).prefix(1 + pieces.count)
        let error = #"data: {"error":\#(errorObject(type, message, code, nil))}"# + "\n\n"
        return .chunked(Array(started) + [error], contentType: "text/event-stream; charset=utf-8")
    }

    /// A non-streamed `chat.completion`.
    static func completion(model: String = "gpt-4o-mini", content: String?, toolCalls: [ToolCall] = [],
                           finishReason: String? = nil, usage: (prompt: Int, completion: Int) = (10, 5),
                           headers: [(name: String, value: String)] = []) -> FakeLLMResponse {
        let calls = toolCalls.map {
            #"{"id":\#(quoted($0.id)),"type":"function","function":{"name":\#(quoted($0.name)),"#
                + #""arguments":\#(quoted($0.argumentFragments.joined()))}}"#
        }
        let toolField = calls.isEmpty ? "" : #","tool_calls":[\#(calls.joined(separator: ","))]"#
        let finish = finishReason ?? (toolCalls.isEmpty ? "stop" : "tool_calls")
        let message = #"{"role":"assistant","content":\#(quoted(content)),"refusal":null\#(toolField)}"#
        return .body(
            #"{"id":"chatcmpl-fake","object":"chat.completion","created":1700000000,"model":\#(quoted(model)),"#
                + #""system_fingerprint":"fp_fake","choices":[{"index":0,"message":\#(message),"logprobs":null,"#
                + #""finish_reason":\#(quoted(finish))}],"usage":\#(usageObject(usage))}"#,
            headers: [("x-request-id", "req_fake")] + headers)
    }

    /// An embeddings list; with `encodingFormat` `"base64"` each vector is base64 of little-endian float32.
    static func embeddings(vectors: [[Float]], model: String = "text-embedding-3-small", promptTokens: Int = 8,
                           encodingFormat: String = "float") -> FakeLLMResponse {
        let items = vectors.enumerated().map { index, vector in
            let embedding = encodingFormat == "base64"
                ? quoted(base64(vector)) : "[" + vector.map { "\($0)" }.joined(separator: ",") + "]"
            return #"{"object":"embedding","index":\#(index),"embedding":\#(embedding)}"#
        }
        return .body(#"{"object":"list","data":[\#(items.joined(separator: ","))],"model":\#(quoted(model)),"#
            + #""usage":{"prompt_tokens":\#(promptTokens),"total_tokens":\#(promptTokens)}}"#)
    }

    /// An embeddings list in the `encoding_format` that `request` asked for (`float` when it names none).
    static func embeddings(vectors: [[Float]], answering request: RecordedLLMRequest,
                           model: String = "text-embedding-3-small", promptTokens: Int = 8) -> FakeLLMResponse {
        embeddings(vectors: vectors, model: model, promptTokens: promptTokens,
                   encodingFormat: request.json?["encoding_format"] as? String ?? "float")
    }

    /// `vector` as base64 of its little-endian float32 bytes.
    static func base64(_ vector: [Float]) -> String {
        Data(vector.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }).base64EncodedString()
    }

    /// An error response `{"error":{"message","type","param","code"}}`; pass e.g. `("retry-after", "1")`,
    /// `("retry-after-ms", "50")` or `("x-should-retry", "false")` in `headers`.
    static func error(status: Int, type: String, message: String, code: String? = nil, param: String? = nil,
                      headers: [(name: String, value: String)] = []) -> FakeLLMResponse {
        .body(#"{"error":\#(errorObject(type, message, code, param))}"#, status: status,
              headers: [("x-request-id", "req_fake")] + headers)
    }

    /// The model list of `GET /v1/models`.
    static func models(_ ids: [String]) -> FakeLLMResponse {
        let items = ids.map { #"{"id":\#(quoted($0)),"object":"model","created":1700000000,"owned_by":"system"}"# }
        return .body(#"{"object":"list","data":[\#(items.joined(separator: ","))]}"#)
    }

    private static func usageObject(_ usage: (prompt: Int, completion: Int)) -> String {
        #"{"prompt_tokens":\#(usage.prompt),"completion_tokens":\#(usage.completion),"#
            + #""total_tokens":\#(usage.prompt + usage.completion)}"#
    }

    private static func errorObject(_ type: String, _ message: String, _ code: String?, _ param: String?) -> String {
        #"{"message":\#(quoted(message)),"type":\#(quoted(type)),"param":\#(quoted(param)),"code":\#(quoted(code))}"#
    }
}

/// Anthropic Messages responses (protocols.md §A').
enum FakeAnthropic {
    /// A `tool_use` block; its input JSON is the concatenation of `inputFragments` (one `input_json_delta` each).
    struct ToolUse: Sendable {
        let id: String
        let name: String
        let inputFragments: [String]

        init(id: String = "toolu_fake_1", name: String, inputFragments: [String]) {
            self.id = id
            self.name = name
            self.inputFragments = inputFragments
        }
    }

    /// One SSE event; the event name equals the JSON `type`.
    static func event(_ type: String, _ json: String) -> String {
        "event: \(type)\ndata: \(json)\n\n"
    }

    /// The SSE events of a streamed message: `message_start`, a text block (start, `ping`, one `text_delta` per
    /// piece, stop) when there are pieces, a `tool_use` block per tool (one `input_json_delta` per fragment),
    /// `message_delta` with the cumulative usage, `message_stop`.
    static func streamEvents(model: String = "claude-sonnet-4-5", pieces: [String], toolUses: [ToolUse] = [],
                             inputTokens: Int = 10, outputTokens: Int = 5, stopReason: String? = nil,
                             id: String = "msg_fake") -> [String] {
        var events = [event("message_start", #"{"type":"message_start","message":{"id":\#(quoted(id)),"#
            + #""type":"message","role":"assistant","content":[],"model":\#(quoted(model)),"stop_reason":null,"#
            + #""stop_sequence":null,"usage":{"input_tokens":\#(inputTokens),"output_tokens":1}}}"#)]
        var index = 0
        func block(start: String, deltas: [String]) {
            events.append(event("content_block_start",
                                #"{"type":"content_block_start","index":\#(index),"content_block":\#(start)}"#))
            if index == 0 { events.append(event("ping", #"{"type": "ping"}"#)) }
            events += deltas.map {
                event("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":\#($0)}"#)
            }
            events.append(event("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#))
            index += 1
        }
        if !pieces.isEmpty {
            block(start: #"{"type":"text","text":""}"#,
                  deltas: pieces.map { #"{"type":"text_delta","text":\#(quoted($0))}"# })
        }
        for tool in toolUses {
            block(start: #"{"type":"tool_use","id":\#(quoted(tool.id)),"name":\#(quoted(tool.name)),"input":{}}"#,
                  deltas: tool.inputFragments.map { #"{"type":"input_json_delta","partial_json":\#(quoted($0))}"# })
        }
        let stop = stopReason ?? (toolUses.isEmpty ? "end_turn" : "tool_use")
        events.append(event("message_delta", #"{"type":"message_delta","delta":{"stop_reason":\#(quoted(stop)),"#
            + #""stop_sequence":null},"usage":{"output_tokens":\#(outputTokens)}}"#))
        return events + [event("message_stop", #"{"type":"message_stop"}"#)]
    }

    /// A streamed message (`text/event-stream`) of
    /// ``streamEvents(model:pieces:toolUses:inputTokens:outputTokens:stopReason:id:)``.
    static func stream(model: String = "claude-sonnet-4-5", pieces: [String], toolUses: [ToolUse] = [],
                       inputTokens: Int = 10, outputTokens: Int = 5, stopReason: String? = nil,
                       interval: Duration = .zero, headers: [(name: String, value: String)] = []) -> FakeLLMResponse {
        let events = streamEvents(model: model, pieces: pieces, toolUses: toolUses, inputTokens: inputTokens,
                                  outputTokens: outputTokens, stopReason: stopReason)
        return .chunked(events, contentType: "text/event-stream; charset=utf-8",
                        headers: [("cache-control", "no-cache"), ("request-id", "req_fake")] + headers,
                        interval: interval)
    }

    /// A 200 stream that sends `pieces` (message_start, block start, ping, deltas), then an `event: error`.
    static func midStreamError(model: String = "claude-sonnet-4-5", pieces: [String] = ["Hel"],
                               type: String = "overloaded_error", message: String = "Overloaded") -> FakeLLMResponse {
        let started = streamEvents(model: model, pieces: pieces).prefix(pieces.isEmpty ? 1 : 3 + pieces.count)
        let error = event("error", #"{"type":"error","error":\#(errorObject(type, message, nil))}"#)
        return .chunked(Array(started) + [error], contentType: "text/event-stream; charset=utf-8")
    }

    /// A non-streamed message with an optional text block and `tool_use` blocks (fragments joined as `input`).
    static func message(model: String = "claude-sonnet-4-5", text: String?, toolUses: [ToolUse] = [],
                        inputTokens: Int = 10, outputTokens: Int = 5, stopReason: String? = nil) -> FakeLLMResponse {
        let textBlock = text.map { [#"{"type":"text","text":\#(quoted($0))}"#] } ?? []
        let blocks = textBlock + toolUses.map {
            #"{"type":"tool_use","id":\#(quoted($0.id)),"name":\#(quoted($0.name)),"#
                + #""input":\#($0.inputFragments.joined())}"#
        }
        let stop = stopReason ?? (toolUses.isEmpty ? "end_turn" : "tool_use")
        return .body(#"{"id":"msg_fake","type":"message","role":"assistant","model":\#(quoted(model)),"#
            + #""content":[\#(blocks.joined(separator: ","))],"stop_reason":\#(quoted(stop)),"stop_sequence":null,"#
            + #""usage":{"input_tokens":\#(inputTokens),"output_tokens":\#(outputTokens)}}"#,
            headers: [("request-id", "req_fake")])
    }

    /// An error response `{"type":"error","error":{"type","message"},"request_id":…}`, e.g. 529
    /// `overloaded_error`, or 429 `rate_limit_error` with `("retry-after", "1")`; `errorCode` adds
    /// `error.details.error_code` (e.g. `enforced_spend_limit_reached`).
    static func error(status: Int, type: String, message: String, errorCode: String? = nil,
                      headers: [(name: String, value: String)] = []) -> FakeLLMResponse {
        .body(#"{"type":"error","error":\#(errorObject(type, message, errorCode)),"request_id":"req_fake"}"#,
              status: status, headers: [("request-id", "req_fake")] + headers)
    }

    private static func errorObject(_ type: String, _ message: String, _ errorCode: String?) -> String {
        let details = errorCode.map { #","details":{"error_code":\#(quoted($0))}"# } ?? ""
        return #"{"type":\#(quoted(type)),"message":\#(quoted(message))\#(details)}"#
    }
}

/// Ollama native API responses (protocols.md §B).
enum FakeOllama {
    /// The NDJSON lines of a streamed `/api/chat`: one per piece, one per tool call (complete, as Ollama sends
    /// them; `arguments` is a JSON object text), and a final `done:true` line with the counts (left out when nil).
    static func streamLines(model: String = "llama3.2", pieces: [String],
                            toolCalls: [(name: String, arguments: String)] = [], promptEvalCount: Int? = 26,
                            evalCount: Int? = 282, doneReason: String = "stop") -> [String] {
        let start = #"{"model":\#(quoted(model)),"created_at":"2026-01-01T00:00:00.000000000Z","#
        var lines = pieces.map {
            start + #""message":{"role":"assistant","content":\#(quoted($0)),"images":null},"done":false}"# + "\n"
        }
        lines += toolCalls.map {
            start + #""message":{"role":"assistant","content":"","tool_calls":[{"function":{"#
                + #""name":\#(quoted($0.name)),"arguments":\#($0.arguments)}}]},"done":false}"# + "\n"
        }
        let prompt = promptEvalCount.map { #","prompt_eval_count":\#($0),"prompt_eval_duration":342546000"# } ?? ""
        let eval = evalCount.map { #","eval_count":\#($0),"eval_duration":4535599000"# } ?? ""
        return lines + [start + #""message":{"role":"assistant","content":""},"done":true,"#
            + #""done_reason":\#(quoted(doneReason)),"total_duration":4883583458,"load_duration":1334875"#
            + prompt + eval + "}\n"]
    }

    /// A streamed `/api/chat` (`application/x-ndjson`) of
    /// ``streamLines(model:pieces:toolCalls:promptEvalCount:evalCount:doneReason:)``.
    static func stream(model: String = "llama3.2", pieces: [String],
                       toolCalls: [(name: String, arguments: String)] = [], promptEvalCount: Int? = 26,
                       evalCount: Int? = 282, interval: Duration = .zero) -> FakeLLMResponse {
        let lines = streamLines(model: model, pieces: pieces, toolCalls: toolCalls,
                                promptEvalCount: promptEvalCount, evalCount: evalCount)
        return .chunked(lines, contentType: "application/x-ndjson", interval: interval)
    }

    /// A non-streamed `/api/chat` answer (`"stream": false`): one JSON object with the whole content.
    static func chat(model: String = "llama3.2", content: String, promptEvalCount: Int = 26,
                     evalCount: Int = 282) -> FakeLLMResponse {
        let line = streamLines(model: model, pieces: [], promptEvalCount: promptEvalCount, evalCount: evalCount)[0]
        let body = line.replacingOccurrences(of: #""content":"""#, with: #""content":\#(quoted(content))"#)
        return .body(String(body.dropLast()), contentType: "application/json; charset=utf-8")
    }

    /// A 200 NDJSON stream that sends `pieces`, then an `{"error":"…"}` line, and ends.
    static func midStreamError(
        model: String = "llama3.2", pieces: [String] = ["Hel"],
        message: String = "an error was encountered while running the model"
    ) -> FakeLLMResponse {
        let lines = streamLines(model: model, pieces: pieces).dropLast() + [#"{"error":\#(quoted(message))}"# + "\n"]
        return .chunked(Array(lines), contentType: "application/x-ndjson")
    }

    /// An error response `{"error":"…"}` (400/404/429/500/502).
    static func error(status: Int, message: String) -> FakeLLMResponse {
        .body(#"{"error":\#(quoted(message))}"#, status: status, contentType: "application/json; charset=utf-8")
    }

    /// The model list of `GET /api/tags`.
    static func tags(_ names: [String]) -> FakeLLMResponse {
        let models = names.map {
            #"{"name":\#(quoted($0)),"model":\#(quoted($0)),"modified_at":"2026-01-01T00:00:00Z","size":2019393189,"#
                + #""digest":"a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72","details":{"#
                + #""format":"gguf","family":"llama","parameter_size":"3.2B","quantization_level":"Q4_K_M"}}"#
        }
        return .body(#"{"models":[\#(models.joined(separator: ","))]}"#, contentType: "application/json; charset=utf-8")
    }
}
