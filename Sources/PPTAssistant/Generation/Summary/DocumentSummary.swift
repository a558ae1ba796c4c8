import Foundation
import PPTDomain

/// Something the document asks someone to do, with its deadline when the text names one.
package struct SummaryActionItem: Codable, Sendable, Hashable {
    /// What is to be done, as the document (or the model) words it.
    package var text: String
    /// `YYYY-MM-DD`, or `nil` when the document names no date for it.
    package var due: String?

    /// An action item; `due` is `YYYY-MM-DD` or `nil`.
    package init(text: String, due: String?) {
        self.text = text
        self.due = due
    }

    /// Writes `due` as `null` when there is none, as the API documents.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(due, forKey: .due)
    }
}

/// How a summary was written.
package enum SummaryMethod: String, Codable, Sendable {
    /// A configured model wrote it (map-reduce for long documents).
    case model
    /// The built-in provider picked the document's own sentences (sentence ranking), offline.
    case extractive
}

/// A document summary as the API returns it and as it is stored with the document version.
package struct DocumentSummary: Codable, Sendable, Hashable {
    /// The generation request that produced it.
    package var generationID: GenerationID
    /// The summarised document.
    package var documentID: DocumentID
    /// The document version it summarises.
    package var version: Int
    /// The language asked for.
    package var language: AppLocale
    /// The preset length, `nil` when a word target was given.
    package var length: SummaryLength?
    /// The word target.
    package var words: Int
    /// The summary text.
    package var summary: String
    /// The most important points, best first.
    package var keyPoints: [String]
    /// What the document asks someone to do.
    package var actionItems: [SummaryActionItem]
    /// Who wrote it: the model or the extractive ranking.
    package var method: SummaryMethod
    /// Whether this is a stored summary returned again (no model call).
    package var reused: Bool
    /// The provider that served (`builtin` for the extractive summary).
    package var provider: String
    /// The model that served.
    package var model: String
    /// The document's own language, when known.
    package var sourceLanguage: AppLocale?
    /// A remark for the reader, e.g. that an extractive summary quotes a document in another language.
    package var note: String?
    /// How many model calls map-reduce made (0 for one pass or extractive).
    package var mapCalls: Int
    /// When the summary was written.
    package var createdAt: Date

    /// A new (not reused) summary of `version` with `options`.
    package init(generationID: GenerationID, documentID: DocumentID, version: Int, options: SummaryOptions,
                 summary: String, keyPoints: [String], actionItems: [SummaryActionItem], method: SummaryMethod,
                 provider: String, model: String, sourceLanguage: AppLocale?, note: String?, mapCalls: Int,
                 createdAt: Date) {
        self.generationID = generationID
        self.documentID = documentID
        self.version = version
        self.language = options.language
        self.length = options.length
        self.words = options.words
        self.summary = summary
        self.keyPoints = keyPoints
        self.actionItems = actionItems
        self.method = method
        self.reused = false
        self.provider = provider
        self.model = model
        self.sourceLanguage = sourceLanguage
        self.note = note
        self.mapCalls = mapCalls
        self.createdAt = createdAt
    }

    /// The summary as JSON (stored with the version and as the generation's result).
    var json: JSONValue {
        get throws {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            return try JSONDecoder().decode(JSONValue.self, from: encoder.encode(self))
        }
    }

    /// A stored summary read back.
    static func decode(_ json: JSONValue) throws -> DocumentSummary {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(DocumentSummary.self, from: JSONEncoder().encode(json))
    }
}

/// What a summarizer produced before it is stamped with the request's identity.
struct SummaryContent: Sendable {
    var summary: String
    var keyPoints: [String]
    var actionItems: [SummaryActionItem]
    var sourceLanguage: AppLocale?
    var note: String?
    var mapCalls: Int
}
