import Foundation
import Logging
import PPTDomain
import PPTStorage

/// What a search returned, and how it was ranked.
package struct SearchResults: Codable, Sendable {
    package var query: String
    package var hits: [SearchHit]
    /// `hybrid` (full text and embeddings fused) or `full_text`.
    package var mode: String
    /// Why the search ran on full text alone although embeddings were expected, if it did.
    package var warning: String?

    package init(query: String, hits: [SearchHit], mode: String, warning: String? = nil) {
        self.query = query
        self.hits = hits
        self.mode = mode
        self.warning = warning
    }
}

/// Permission-filtered hybrid retrieval over the organization's documents: the user's access keys
/// filter both the full-text ranking and the vector scan before anything is ranked (DESIGN §4); the
/// two rankings are fused with Reciprocal Rank Fusion (k = 60). Both rankings run over in-memory
/// indexes of the organization's chunks; the passages shown are read from the database, filtered by
/// access once more.
package struct DocumentSearch: Sendable {
    /// Candidates taken from each ranking before fusion.
    package static let candidates = 50
    /// Longest accepted query, in characters.
    package static let maxQueryLength = 500

    private let index: SearchIndexRepository
    private let texts: TextIndexCache
    private let vectors: VectorIndexCache
    private let embedder: (any TextEmbedder)?
    private let logger: Logger

    package init(index: SearchIndexRepository, texts: TextIndexCache, vectors: VectorIndexCache,
                 embedder: (any TextEmbedder)?, logger: Logger = Logger(label: "ppt.search")) {
        self.index = index
        self.texts = texts
        self.vectors = vectors
        self.embedder = embedder
        self.logger = logger
    }

    /// The `limit` best passages for `query` that the user may read.
    package func search(_ scope: OrgScope, query: String, limit: Int = 10) async throws -> SearchResults {
        try scope.require(.documentsRead)
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError.invalid("/query/q", "must not be empty") }
        guard trimmed.count <= Self.maxQueryLength else {
            throw DomainError.invalid("/query/q", "must be at most \(Self.maxQueryLength) characters")
        }
        guard (1...50).contains(limit) else { throw DomainError.invalid("/query/limit", "must be between 1 and 50") }
        let terms = QueryTerms.terms(trimmed)

        // The in-memory indexes must hold every change committed before this search began.
        let generation = try await index.generation(organizationID: scope.organizationID)
        // The in-memory full-text index when it is current; the database's full-text index while it rebuilds.
        let textIndex = try await texts.index(organizationID: scope.organizationID, generation: generation)
        async let textRanking = fullTextRanking(scope, terms: terms, textIndex: textIndex)
        let vector = await vectorRanking(scope, query: trimmed, generation: generation, textIndex: textIndex)
        let fused = RankFusion.fuse([try await textRanking.map(\.chunkID), vector.ranking])
        let top = fused.prefix(limit)
        let chunks = try await index.chunks(scope, ids: top.map(\.id))
        let scores = Dictionary(top.map { ($0.id, $0.score) }, uniquingKeysWith: { first, _ in first })
        let hits = chunks.map { chunk in
            let (snippet, highlights) = Snippet.make(chunk.body, terms: terms)
            return SearchHit(
                documentID: chunk.documentID, documentTitle: chunk.documentTitle, version: chunk.version,
                page: chunk.page, chunkID: chunk.id, heading: chunk.heading, text: chunk.body, snippet: snippet,
                highlights: highlights, score: scores[chunk.id] ?? 0, language: chunk.language)
        }
        return SearchResults(query: trimmed, hits: hits, mode: vector.used ? "hybrid" : "full_text",
                             warning: vector.warning)
    }

    /// The best `candidates` full-text matches the user may read.
    private func fullTextRanking(_ scope: OrgScope, terms: [String], textIndex: TextIndex?) async throws
        -> [FullTextMatch]
    {
        guard let textIndex else { return try await index.fullText(scope, terms: terms, limit: Self.candidates) }
        return textIndex.search(words: FullTextQuery.words(terms), accessKeys: scope.documentAccessKeys,
                                limit: Self.candidates)
    }

    /// The vector ranking, or none (with the reason) when embeddings are unavailable.
    private func vectorRanking(_ scope: OrgScope, query: String, generation: Int64, textIndex: TextIndex?) async
        -> (ranking: [String], used: Bool, warning: String?)
    {
        guard let embedder else { return ([], false, nil) }
        do {
            // The query's embedding is metered to the organization, not the member: a search or a chat
            // question should cost the member one request of their per-user rate limit, not two.
            guard let batch = try await embedder.embed([query], organizationID: scope.organizationID, userID: nil),
                  let vector = batch.vectors.first
            else { return ([], false, nil) }
            let vectorIndex = try await vectors.index(organizationID: scope.organizationID, model: batch.model,
                                                      generation: generation)
            guard vectorIndex.count > 0 else { return ([], false, nil) }
            let nearest = if let textIndex {
                vectorIndex.nearest(vector, readableIn: textIndex, accessKeys: scope.documentAccessKeys,
                                    limit: Self.candidates)
            } else {
                vectorIndex.nearest(vector, allowed: try await index.readableDocumentIDs(scope), limit: Self.candidates)
            }
            return (nearest.map(\.chunkID), true, nil)
        } catch {
            // Search must not fail because the model provider is down or the budget is spent.
            logger.warning("search fell back to full text", metadata: ["error": "\(error)"])
            return ([], false, "Semantic ranking is unavailable (\(Self.reason(error))); results use full-text search only.")
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let domain = error as? DomainError { return domain.code }
        return "embedding provider error"
    }
}
