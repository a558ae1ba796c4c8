import Foundation
import PPTDocuments
import PPTDomain
import PPTLLM
import PPTStorage

/// Summaries of documents a member may read: a configured model writes them (map-reduce for long
/// documents), the built-in provider picks the document's own sentences. Each summary is stored with
/// the document version it summarises and options, and returned again (`reused`) until the document
/// gets a new version; the document itself is never modified. Every new summary is a generation
/// request (`engine.run`, kind `summary`, subject `document:<id>@<version>`).
package struct DocumentSummaryService: Sendable {
    private let engine: GenerationEngine
    private let summaries: DocumentSummaryRepository
    private let reader: SummaryTextReader
    private let clock: any WallClock

    /// The service over the shared engine; `extractor` reads documents the index does not hold yet.
    package init(engine: GenerationEngine, database: any Database, blobs: BlobStore, clock: any WallClock,
                 extractor: TextExtractor = TextExtractor()) {
        self.engine = engine
        summaries = DocumentSummaryRepository(database: database)
        reader = SummaryTextReader(blobs: blobs, extractor: extractor)
        self.clock = clock
    }

    /// The summary of the document's current version with `input`'s options: the stored one when it
    /// exists (and `regenerate` is not set), else a new one, stored.
    package func summarize(_ scope: OrgScope, documentID: DocumentID, _ input: SummaryInput) async throws
        -> DocumentSummary
    {
        let source = try await summaries.source(scope, documentID: documentID)
        let options = try input.options(defaultLanguage: source.organizationLocale)
        let plan = try await engine.plan(scope, feature: .summarization)
        let method: SummaryMethod = plan.usesModel ? .model : .extractive
        let document = source.document
        if input.regenerate != true, let stored = try await summaries.stored(
            scope, documentID: documentID, version: document.currentVersion, language: options.language,
            lengthKey: options.lengthKey, method: method.rawValue) {
            var summary = try DocumentSummary.decode(stored.result)
            summary.reused = true
            return summary
        }
        var content: SummaryContent?
        let subject = "document:\(documentID.rawValue)@\(document.currentVersion)"
        let inputs = JSONValue.object(["documentID": .string(documentID.rawValue),
                                       "version": .number(Double(document.currentVersion)),
                                       "options": options.json, "method": .string(method.rawValue)])
        let record = try await engine.run(scope, kind: .summary, subject: subject, inputs: inputs) { usage in
            let text = try await reader.text(source)
            let made: SummaryContent
            if plan.usesModel {
                made = try await ModelDocumentSummarizer(engine: engine, plan: plan, scope: scope)
                    .summarize(text, title: document.title, options: options, usage: &usage)
            } else {
                usage.provider = plan.endpoint.provider.rawValue
                usage.model = plan.endpoint.model
                made = ExtractiveDocumentSummarizer.summarize(text.segments, options: options,
                                                              sourceLanguage: text.language)
            }
            content = made
            return Self.resultJSON(made)
        }
        guard let content else { throw DomainError(code: "generation.failed", kind: .unavailable,
                                                   message: "The summary was not produced.") }
        let summary = DocumentSummary(
            generationID: record.id, documentID: documentID, version: document.currentVersion, options: options,
            summary: content.summary, keyPoints: content.keyPoints, actionItems: content.actionItems, method: method,
            provider: record.usage.provider ?? plan.endpoint.provider.rawValue,
            model: record.usage.model ?? plan.endpoint.model, sourceLanguage: content.sourceLanguage,
            note: content.note, mapCalls: content.mapCalls, createdAt: record.createdAt)
        try await summaries.save(scope, StoredDocumentSummary(
            documentID: documentID, version: document.currentVersion, language: options.language,
            lengthKey: options.lengthKey, method: method.rawValue, generationID: record.id, result: try summary.json,
            createdBy: scope.userID, createdAt: clock.now()))
        return summary
    }

    /// The stored summary of the document's current version with these options (any method, the
    /// newest), or `summary.not_found`.
    package func stored(_ scope: OrgScope, documentID: DocumentID, language: AppLocale?, length: SummaryLength?,
                        words: Int?) async throws -> DocumentSummary {
        let source = try await summaries.source(scope, documentID: documentID)
        let options = try SummaryInput(length: length, words: words, language: language)
            .options(defaultLanguage: source.organizationLocale)
        guard let stored = try await summaries.stored(
            scope, documentID: documentID, version: source.document.currentVersion, language: options.language,
            lengthKey: options.lengthKey, method: nil)
        else { throw DomainError.notFound("summary") }
        var summary = try DocumentSummary.decode(stored.result)
        summary.reused = true
        return summary
    }

    /// The generation's result: what was written, without the request's identity.
    private static func resultJSON(_ content: SummaryContent) -> JSONValue {
        var fields: [String: JSONValue] = [
            "summary": .string(content.summary),
            "keyPoints": .array(content.keyPoints.map { .string($0) }),
            "actionItems": .array(content.actionItems.map {
                .object(["text": .string($0.text), "due": $0.due.map { .string($0) } ?? .null])
            }),
            "mapCalls": .number(Double(content.mapCalls)),
        ]
        fields["sourceLanguage"] = content.sourceLanguage.map { .string($0.rawValue) } ?? .null
        fields["note"] = content.note.map { .string($0) } ?? .null
        return .object(fields)
    }
}
