import Foundation
import PPTDomain

/// PPT's own provider: no network, deterministic. It greets, summarizes pasted text extractively,
/// answers structured-output requests with a schema-shaped skeleton, makes hashed bag-of-words
/// embeddings, and says in every answer and in its metadata that it is the built-in provider. (The
/// assistant gives it retrieval; document generation gives it templates.)
package struct BuiltinProvider: LLMProvider {
    /// Its one chat model.
    package static let model = "ppt-builtin-1"
    /// Its embedding model.
    package static let embeddingModel = "ppt-builtin-embed-1"
    /// Dimensions of its embeddings.
    package static let embeddingDimensions = 384

    package let descriptor = LLMProviderDescriptor(kind: .builtin, baseURL: nil)

    package init() {}

    package func streamChat(_ request: LLMChatRequest) async throws -> LLMEventStream {
        let answer = Self.answer(to: request)
        var events: [LLMChatEvent] = [.responseMetadata(id: "builtin-\(Self.fingerprint(request))", model: Self.model)]
        var piece = ""
        for character in answer {
            piece.append(character)
            if character == " " || character == "\n" {
                events.append(.textDelta(piece))
                piece = ""
            }
        }
        if !piece.isEmpty { events.append(.textDelta(piece)) }
        events.append(.usage(LLMUsage(inputTokens: TokenEstimator.estimate(request),
                                      outputTokens: TokenEstimator.estimate(answer))))
        events.append(.finish(.stop))
        return LLMEventStream(events: events)
    }

    package func embed(_ request: LLMEmbeddingRequest) async throws -> LLMEmbeddingResponse {
        LLMEmbeddingResponse(vectors: request.inputs.map(Self.embedding),
                             usage: LLMUsage(inputTokens: TokenEstimator.estimate(request.inputs), outputTokens: 0))
    }

    package func listModels() async throws -> [LLMModelInfo] {
        [ModelCatalog.info(for: Self.model), ModelCatalog.info(for: Self.embeddingModel)]
    }

    // MARK: Answers

    static func answer(to request: LLMChatRequest) -> String {
        let question = request.messages.last(where: { $0.role == .user })?.content ?? ""
        let language = BuiltinLanguage.detect(question)
        // The assistant gives retrieved passages as a sources message: answer from them.
        let sources = request.messages.last { $0.role == .system && LLMSourcesPrompt.isSourcesMessage($0.content) }?.content
        switch request.responseFormat {
        case .jsonObject:
            return Self.json(.object(["answer": .string(plainAnswer(question, language, sourcesMessage: sources)),
                                      "provider": "builtin"]))
        case .jsonSchema(_, let schema):
            return Self.json(Self.skeleton(of: schema, text: plainAnswer(question, language, sourcesMessage: sources)))
        case .text:
            return plainAnswer(question, language, sourcesMessage: sources) + "\n\n" + language.notice
        }
    }

    private static func plainAnswer(_ question: String, _ language: BuiltinLanguage,
                                    sourcesMessage: String? = nil) -> String {
        let trimmed = question.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = trimmed.lowercased()
        let greeting = lowered.isEmpty || BuiltinLanguage.greetings.contains(where: { lowered.hasPrefix($0) })
        if let sourcesMessage, !greeting {
            return BuiltinRetrievalAnswer.answer(question: trimmed, sources: LLMSourcesPrompt.parse(sourcesMessage),
                                                 language: language)
        }
        if let text = textToSummarize(trimmed, lowered) {
            let summary = ExtractiveSummarizer.summarize(text, maxSentences: 5)
            return summary.isEmpty ? language.nothingToSummarize : language.summaryIntro + "\n" + summary
        }
        if lowered.isEmpty || BuiltinLanguage.greetings.contains(where: { lowered.hasPrefix($0) }) {
            return language.greeting
        }
        return language.cannotCompose
    }

    /// The text after a summary instruction, or a long pasted text.
    private static func textToSummarize(_ text: String, _ lowered: String) -> String? {
        let asksForSummary = BuiltinLanguage.summaryWords.contains { lowered.contains($0) }
        if asksForSummary {
            if let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) < 120 {
                return String(text[text.index(after: colon)...])
            }
            if let newline = text.firstIndex(of: "\n") { return String(text[text.index(after: newline)...]) }
        }
        return text.count > 600 ? text : nil
    }

    private static func json(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    /// A value of the schema's shape: required properties, first enum values, the answer in string fields.
    static func skeleton(of schema: JSONValue, text: String) -> JSONValue {
        guard case .object(let fields) = schema else { return .null }
        if case .array(let options)? = fields["enum"], let first = options.first { return first }
        switch fields["type"]?.stringValue {
        case "object":
            var result: [String: JSONValue] = [:]
            if case .object(let properties)? = fields["properties"] {
                for (name, property) in properties { result[name] = skeleton(of: property, text: text) }
            }
            return .object(result)
        case "array": return .array([])
        case "string": return .string(text)
        case "integer", "number": return .number(0)
        case "boolean": return .bool(false)
        default: return .null
        }
    }

    private static func fingerprint(_ request: LLMChatRequest) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for message in request.messages {
            for byte in message.content.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }

    // MARK: Embeddings

    /// Hashed bag of words and word pairs (case and diacritics folded), L2-normalised.
    static func embedding(_ text: String) -> [Float] {
        var vector = [Float](repeating: 0, count: embeddingDimensions)
        let words = ExtractiveSummarizer.words(text)
        func add(_ token: String, weight: Float) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in token.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            let index = Int(hash % UInt64(embeddingDimensions))
            vector[index] += (hash >> 63) == 0 ? weight : -weight
        }
        for (index, word) in words.enumerated() {
            add(word, weight: 1)
            if index > 0 { add(words[index - 1] + " " + word, weight: 0.5) }
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }
}
