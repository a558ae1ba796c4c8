import Foundation
import Logging
import PPTDomain
import PPTStorage

/// What indexing one document came to.
package enum IndexOutcome: Sendable, Equatable {
    /// Indexed with this many chunks, of which `embedded` have embeddings.
    case indexed(chunks: Int, embedded: Int)
    /// Could not be read; the status says why. Not retried: the same bytes would fail the same way.
    case failed(ExtractionFailure.Code)
    /// Nothing to do: the document was deleted, or a newer version superseded this request.
    case skipped
}

/// The ingestion pipeline for one document version: read the bytes, extract text, detect the language,
/// chunk, embed (when the organization's provider can), and replace the document's chunks — updating
/// the per-document status (state, progress, error) along the way. Idempotent: running it twice for the
/// same version leaves the same chunks.
package struct DocumentIndexer: Sendable {
    /// Texts per embedding request.
    package static let embeddingBatchSize = 32

    private let repository: SearchIndexRepository
    private let extractor: TextExtractor
    private let chunker: Chunker
    private let embedder: (any TextEmbedder)?

    package init(repository: SearchIndexRepository, extractor: TextExtractor = TextExtractor(),
                 chunker: Chunker = Chunker(), embedder: (any TextEmbedder)?) {
        self.repository = repository
        self.extractor = extractor
        self.chunker = chunker
        self.embedder = embedder
    }

    /// Indexes the document's current version; `version`, when given, is the version the request was
    /// made for, and an older one than the current is skipped (the newer version's job indexes it).
    package func index(organizationID: OrganizationID, documentID: DocumentID, version: Int?,
                       logger: Logger) async throws -> IndexOutcome {
        guard let source = try await repository.source(organizationID: organizationID, documentID: documentID)
        else { return .skipped }
        let document = source.document
        let current = document.currentVersion
        if let version, version < current { return .skipped }
        try await repository.updateProgress(organizationID: organizationID, documentID: documentID, version: current,
                                            state: .extracting, progress: 0.05, startedAttempt: true)
        guard let format = DocumentFormat(rawValue: document.contentType) else {
            return try await fail(document, ExtractionFailure(.unsupported, "Unknown stored type \(document.contentType)."))
        }
        let extracted: ExtractedText
        do {
            extracted = try await extractor.extract(source.data, format: format)
        } catch let failure as ExtractionFailure {
            return try await fail(document, failure)
        }
        let language = document.language ?? LanguageDetector.detect(extracted.plainText)
        let chunks = chunker.chunks(extracted)
        guard !chunks.isEmpty else {
            return try await fail(document, ExtractionFailure(.noText, "The file contains no readable text."),
                                  method: extracted.method)
        }
        let (embeddings, model, warning) = try await embed(chunks, document: document)
        let records = chunks.enumerated().map { index, chunk in
            ChunkRecord(ordinal: chunk.ordinal, page: chunk.page, heading: chunk.heading, body: chunk.text,
                        tokenCount: chunk.tokenCount, embedding: embeddings?[index])
        }
        try await repository.replaceChunks(
            document, version: current, chunks: records,
            result: IndexResult(method: extracted.method.rawValue, language: language, pageCount: extracted.pageCount,
                                embeddingModel: model, warning: warning))
        logger.info("document indexed", metadata: [
            "ppt.document_id": "\(documentID.rawValue)", "ppt.chunks": "\(records.count)",
            "ppt.embedded": "\(embeddings == nil ? 0 : records.count)", "ppt.method": "\(extracted.method.rawValue)",
        ])
        return .indexed(chunks: records.count, embedded: embeddings == nil ? 0 : records.count)
    }

    private func fail(_ document: Document, _ failure: ExtractionFailure, method: ExtractionMethod? = nil)
        async throws -> IndexOutcome
    {
        try await repository.markFailed(organizationID: document.organizationID, documentID: document.id,
                                        version: document.currentVersion, code: failure.code.rawValue,
                                        message: failure.message, method: method?.rawValue)
        return .failed(failure.code)
    }

    /// Unit-length embeddings of every chunk (heading and text), or none with the reason. A provider
    /// failure does not fail indexing: the document is still found by full text.
    private func embed(_ chunks: [TextChunk], document: Document) async throws
        -> (vectors: [[Float]]?, model: String?, warning: String?)
    {
        guard let embedder else { return (nil, nil, nil) }
        var vectors: [[Float]] = []
        var model: String?
        for start in stride(from: 0, to: chunks.count, by: Self.embeddingBatchSize) {
            let batch = chunks[start..<min(chunks.count, start + Self.embeddingBatchSize)]
            let texts = batch.map { $0.heading.isEmpty ? $0.text : $0.heading + "\n" + $0.text }
            let result: EmbeddingBatch
            do {
                guard let answered = try await embedder.embed(texts, organizationID: document.organizationID, userID: nil) else {
                    return (nil, nil, nil)
                }
                result = answered
            } catch {
                return (nil, nil, "Embeddings unavailable (\(String(describing: error).prefix(200))); "
                            + "the document is searchable by full text only.")
            }
            guard result.vectors.count == texts.count, model == nil || model == result.model else {
                return (nil, nil, "Embeddings unavailable: the provider answered an unexpected batch; "
                            + "the document is searchable by full text only.")
            }
            model = result.model
            vectors += result.vectors.map(VectorIndex.normalized)
            try await repository.updateProgress(
                organizationID: document.organizationID, documentID: document.id, version: document.currentVersion,
                state: .embedding, progress: 0.3 + 0.65 * Double(vectors.count) / Double(chunks.count))
        }
        return (vectors, model, nil)
    }
}
