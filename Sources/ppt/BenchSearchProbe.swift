import Foundation
import PPTApp
import PPTDocuments
import PPTDomain
import PPTLLM
import PPTStorage

/// Runs and times the queries of `ppt bench search` for one user.
struct SearchProbe: Sendable {
    let runtime: Runtime
    let scope: OrgScope
    /// The embedding model of the corpus.
    let model: String

    /// The query kinds measured, each over every query in its own pass (so that one kind's work, such
    /// as the database reading its full-text index, does not evict what the next kind uses).
    enum Kind: CaseIterable {
        /// Hybrid search as the API runs it.
        case hybrid
        /// The in-memory full-text ranking, filtered by the user's access, and unfiltered.
        case memoryFiltered, memoryBare
        /// The database's full-text query (FTS5 / tsvector), filtered and unfiltered: the reference.
        case databaseFiltered, databaseBare
    }

    private var repository: SearchIndexRepository { runtime.search.repository }

    /// Hybrid search as the API runs it; a fallback to full text would make the figure meaningless.
    func hybrid(_ text: String) async throws -> SearchResults {
        let results = try await runtime.search.search.search(scope, query: text)
        guard results.mode == "hybrid" else {
            throw BenchFailure("Search ran as \(results.mode), not hybrid: \(results.warning ?? "no embeddings").")
        }
        return results
    }

    /// Waits until the organization's in-memory full-text index is built (a large one builds in the
    /// background while searches use the database); returns it.
    func loadedTextIndex() async throws -> TextIndex {
        let deadline = ContinuousClock.now + .seconds(600)
        while ContinuousClock.now < deadline {
            let generation = try await repository.generation(organizationID: scope.organizationID)
            if let index = try await runtime.search.texts.index(organizationID: scope.organizationID,
                                                               generation: generation) {
                return index
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw BenchFailure("The full-text index did not load within 10 minutes.")
    }

    /// One query of `kind`, timed in milliseconds, and how many results it gave.
    func run(_ kind: Kind, _ text: String, textIndex: TextIndex) async throws -> (milliseconds: Double, results: Int) {
        let terms = QueryTerms.terms(text)
        let words = FullTextQuery.words(terms)
        let limit = DocumentSearch.candidates
        let start = ContinuousClock.now
        let results: Int
        switch kind {
        case .hybrid:
            results = try await hybrid(text).hits.count
        case .memoryFiltered:
            results = textIndex.search(words: words, accessKeys: scope.documentAccessKeys, limit: limit).count
        case .memoryBare:
            results = textIndex.search(words: words, accessKeys: nil, limit: limit).count
        case .databaseFiltered:
            results = try await repository.fullText(scope, terms: terms, limit: limit).count
        case .databaseBare:
            results = try await repository.unfilteredFullText(organizationID: scope.organizationID, terms: terms,
                                                              limit: limit).count
        }
        return (BenchClock.milliseconds(ContinuousClock.now - start), results)
    }

    /// Each step of a hybrid search timed on its own, over `texts` (DocumentSearch runs the full-text
    /// ranking concurrently with the embedding and vector steps; here they run one after another).
    func stages(_ texts: [String]) async throws -> [StageTiming] {
        let names = ["index generation (one row)", "full-text index lookup (in memory)",
                     "embed query (gateway: admit, provider, ledger row)", "embed query (provider alone)",
                     "vector index lookup (in memory)", "readable documents (in memory)",
                     "vector scan (\(DocumentSearch.candidates) nearest)", "full text, filtered (in memory)",
                     "rank fusion", "chunk fetch (top 10)", "snippets (10)"]
        var times = Array(repeating: [Double](), count: names.count)
        let clock = ContinuousClock()
        let organizationID = scope.organizationID
        for text in texts {
            let terms = QueryTerms.terms(text)
            var start = clock.now
            func lap(_ stage: Int) {
                times[stage].append(BenchClock.milliseconds(clock.now - start))
                start = clock.now
            }
            let generation = try await repository.generation(organizationID: organizationID)
            lap(0)
            guard let textIndex = try await runtime.search.texts.index(organizationID: organizationID,
                                                                      generation: generation)
            else { throw BenchFailure("The full-text index is not loaded.") }
            lap(1)
            guard let batch = try await runtime.search.embedder.embed([text], organizationID: organizationID,
                                                                     userID: scope.userID),
                  let vector = batch.vectors.first
            else { throw BenchFailure("No query embedding.") }
            lap(2)
            _ = try await BuiltinProvider().embed(LLMEmbeddingRequest(model: BuiltinProvider.embeddingModel,
                                                                      inputs: [text]))
            lap(3)
            let index = try await runtime.search.vectors.index(organizationID: organizationID, model: model,
                                                               generation: generation)
            lap(4)
            _ = textIndex.readableSlots(scope.documentAccessKeys)
            lap(5)
            let nearest = index.nearest(vector, readableIn: textIndex, accessKeys: scope.documentAccessKeys,
                                        limit: DocumentSearch.candidates)
            lap(6)
            let matches = textIndex.search(words: FullTextQuery.words(terms), accessKeys: scope.documentAccessKeys,
                                           limit: DocumentSearch.candidates)
            lap(7)
            let fused = RankFusion.fuse([matches.map(\.chunkID), nearest.map(\.chunkID)])
            lap(8)
            let hits = try await repository.chunks(scope, ids: fused.prefix(10).map(\.id))
            lap(9)
            for hit in hits { _ = Snippet.make(hit.body, terms: terms) }
            lap(10)
        }
        return zip(names, times).map { StageTiming(stage: $0, latency: Percentiles($1)) }
    }
}

/// One stage's latency.
struct StageTiming: Codable, Sendable {
    var stage: String
    var latency: Percentiles
}

/// Memory at the benchmark's milestones.
struct MemoryReport: Codable, Sendable {
    /// After the organization was set up, before the corpus.
    var start: ProcessMemory
    /// After the corpus was stored.
    var loaded: ProcessMemory
    /// After the in-memory indexes were built.
    var indexed: ProcessMemory
    /// After every query.
    var end: ProcessMemory
}

/// The results of `ppt bench search`.
struct SearchReport: Codable, Sendable {
    var engine: String
    var chunks: Int
    var documents: Int
    var user: String
    var readableChunks: Int
    var queries: Int
    var generationSeconds: Double
    /// The first query, which loads the organization's vector index (and, for a small organization,
    /// its full-text index; a large one's builds in the background meanwhile).
    var firstQueryMs: Double
    /// From the first query until the full-text index was built.
    var textIndexBuildSeconds: Double
    /// A search right after another document was stored (10 times): it waits for both in-memory
    /// indexes to take the change in.
    var afterChange: Percentiles
    var hybrid: Percentiles
    /// The in-memory full-text ranking, filtered by the user's access.
    var filteredFullText: Percentiles
    /// The in-memory full-text ranking without the access filter.
    var memoryBareFullText: Percentiles
    /// The database's full-text query (FTS5 / tsvector) with the access filter.
    var databaseFilteredFullText: Percentiles
    /// The database's full-text query without the access filter: the reference.
    var bareFullText: Percentiles
    var meanHits: Double
    /// Mean rows the bare query returned (at most the 50 candidates): how broad the queries were.
    var meanBareMatches: Double
    /// The share of all chunks (in %) that the bare query matches, over a sample of up to 50 queries.
    var matchedPercent: Percentiles
    var indexVectors: Int
    var indexDimensions: Int
    /// The vectors alone (count × dimensions × 4 bytes) plus the full-text index's estimate.
    var indexMB: Double
    /// The full-text index alone (its own estimate of its postings, arrays and strings).
    var textIndexMB: Double
    var memory: MemoryReport
    var stages: [StageTiming]

    /// p95 of filtered hybrid search over p95 of the bare full-text query.
    var ratio: Double { bareFullText.p95 > 0 ? hybrid.p95 / bareFullText.p95 : 0 }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var object = (try? JSONSerialization.jsonObject(with: encoder.encode(self))) as? [String: Any] ?? [:]
        object["ratioP95"] = ratio
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The readable report, on standard error.
    func log() {
        BenchLog.say("\(engine), " + String(format: """
            %d chunks in %d documents, %d readable by the \(user) (%.0f %%); %d queries, mean %.1f hits, \
            bare query mean %.1f of %d candidates
            """, chunks, documents, readableChunks, 100 * Double(readableChunks) / Double(max(chunks, 1)),
            queries, meanHits, meanBareMatches, DocumentSearch.candidates))
        BenchLog.say(String(format: "  chunks matched by a query (share of all, %d sampled): "
                                + "p50 %.1f %%, p95 %.1f %%, max %.1f %%",
                            min(queries, 50), matchedPercent.p50, matchedPercent.p95, matchedPercent.max))
        for (label, figures) in [("hybrid search as the \(user)", hybrid),
                                 ("full text in memory, filtered", filteredFullText),
                                 ("full text in memory, bare", memoryBareFullText),
                                 ("database full text, filtered", databaseFilteredFullText),
                                 ("database full text, bare (reference)", bareFullText)] {
            BenchLog.say("  " + label.padding(toLength: 38, withPad: " ", startingAt: 0) + figures.text + " ms")
        }
        BenchLog.say(String(format: """
              ratio p95 hybrid / bare database query: %.2fx; first query %.1f ms; full-text index built %.2f s \
            after it
            """, ratio, firstQueryMs, textIndexBuildSeconds))
        BenchLog.say("  search right after a document was stored (10 times)  " + afterChange.text + " ms")
        BenchLog.say("  stages, each timed alone (p50 / p95 ms):")
        for stage in stages {
            BenchLog.say("    " + stage.stage.padding(toLength: 52, withPad: " ", startingAt: 0)
                         + String(format: " %8.3f %8.3f", stage.latency.p50, stage.latency.p95))
        }
        let m = memory
        BenchLog.say(String(format: """
              memory MB (RSS / peak): set-up %.0f / %.0f; corpus stored %.0f / %.0f; indexes built %.0f / %.0f; \
            end %.0f / %.0f; vector index %d × %d floats + full-text index %.1f MB = %.1f MB
            """, m.start.rssMB, m.start.peakMB, m.loaded.rssMB, m.loaded.peakMB, m.indexed.rssMB, m.indexed.peakMB,
            m.end.rssMB, m.end.peakMB, indexVectors, indexDimensions, textIndexMB, indexMB))
        BenchLog.say(String(format: """
              anonymous memory (heap, without mapped database pages) MB: set-up %.0f; corpus stored %.0f; \
            indexes built %.0f; end %.0f
            """, m.start.anonymousMB, m.loaded.anonymousMB, m.indexed.anonymousMB, m.end.anonymousMB))
        BenchLog.say(String(format: "  corpus generated and stored in %.1f s", generationSeconds))
    }
}

/// A benchmark that cannot produce a meaningful figure.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
