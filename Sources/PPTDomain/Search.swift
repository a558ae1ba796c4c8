import Foundation

/// One passage found by document search: where it is (document, version, page, chunk) and a snippet
/// with the matched words marked.
package struct SearchHit: Codable, Sendable, Hashable {
    package var documentID: DocumentID
    package var documentTitle: String
    package var version: Int
    /// 1-based page for paged formats (PDF); `nil` otherwise.
    package var page: Int?
    package var chunkID: String
    /// The section headings above the passage, outermost first, joined with " › ".
    package var heading: String
    /// The passage's whole text (what the assistant quotes from).
    package var text: String
    /// Up to about 240 characters of the passage around the best match.
    package var snippet: String
    /// Matched words in `snippet`, as UTF-16 offsets and lengths (what browsers index strings by).
    package var highlights: [TextRange]
    /// Reciprocal-rank-fusion score; higher is better. Comparable within one result list only.
    package var score: Double
    package var language: AppLocale?

    package init(documentID: DocumentID, documentTitle: String, version: Int, page: Int?, chunkID: String,
                 heading: String, text: String, snippet: String, highlights: [TextRange], score: Double,
                 language: AppLocale?) {
        self.documentID = documentID
        self.documentTitle = documentTitle
        self.version = version
        self.page = page
        self.chunkID = chunkID
        self.heading = heading
        self.text = text
        self.snippet = snippet
        self.highlights = highlights
        self.score = score
        self.language = language
    }
}

/// A range of a string in UTF-16 code units.
package struct TextRange: Codable, Sendable, Hashable {
    package var start: Int
    package var length: Int

    package init(start: Int, length: Int) {
        self.start = start
        self.length = length
    }
}

/// Where a document is in the indexing pipeline.
package enum DocumentIndexState: String, Codable, Sendable, CaseIterable {
    /// Waiting for a worker.
    case pending
    /// Reading the file's text.
    case extracting
    /// Computing embeddings of the chunks.
    case embedding
    /// Searchable.
    case indexed
    /// Could not be indexed; `errorCode` says why.
    case failed
}

/// A document's indexing status, as the API shows it.
package struct DocumentIndexStatus: Codable, Sendable, Hashable {
    package var documentID: DocumentID
    /// The version the status is about.
    package var version: Int
    package var state: DocumentIndexState
    /// 0…1.
    package var progress: Double
    /// How the text was read (`pdftotext`, `ocr`, `docx`, `text`, `markdown`, `html`).
    package var method: String?
    package var language: AppLocale?
    package var pageCount: Int?
    package var chunkCount: Int
    package var embeddedChunks: Int
    package var embeddingModel: String?
    /// Stable reason of a failure (`extraction.ocr_unavailable`, ...).
    package var errorCode: String?
    package var errorMessage: String?
    /// A problem that did not stop indexing (e.g. embeddings unavailable: full text only).
    package var warning: String?
    package var attempts: Int
    package var queuedAt: Date
    package var startedAt: Date?
    package var finishedAt: Date?

    package init(documentID: DocumentID, version: Int, state: DocumentIndexState, progress: Double,
                 method: String? = nil, language: AppLocale? = nil, pageCount: Int? = nil, chunkCount: Int = 0,
                 embeddedChunks: Int = 0, embeddingModel: String? = nil, errorCode: String? = nil,
                 errorMessage: String? = nil, warning: String? = nil, attempts: Int = 0, queuedAt: Date,
                 startedAt: Date? = nil, finishedAt: Date? = nil) {
        self.documentID = documentID
        self.version = version
        self.state = state
        self.progress = progress
        self.method = method
        self.language = language
        self.pageCount = pageCount
        self.chunkCount = chunkCount
        self.embeddedChunks = embeddedChunks
        self.embeddingModel = embeddingModel
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.warning = warning
        self.attempts = attempts
        self.queuedAt = queuedAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}
