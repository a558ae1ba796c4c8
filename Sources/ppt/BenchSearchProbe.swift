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

    /// One query's three timings.
    struct Sample {
        var hybridMs: Double
        var filteredMs: Double
        var bareMs: Double
        var hits: Int
        var bareMatches: Int
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

    /// Hybrid search, then the filtered full-text query, then the bare one, each timed.
    func all(_ text: String) async throws -> Sample {
        let terms = QueryTerms.terms(text)
        let clock = ContinuousClock()
        var start = clock.now
        let results = try await hybrid(text)
        let hybridMs = BenchClock.milliseconds(clock.now - start)
        start = clock.now
        _ = try await repository.fullText(scope, terms: terms, limit: DocumentSearch.candidates)
        let filteredMs = BenchClock.milliseconds(clock.now - start)
        start = clock.now
        let bare = try await repository.unfilteredFullText(organizationID: scope.organizationID, terms: terms,
                                                           limit: DocumentSearch.candidates)
        let bareMs = BenchClock.milliseconds(clock.now - start)
        return Sample(hybridMs: hybridMs, filteredMs: filteredMs, bareMs: bareMs, hits: results.hits.count,
                      bareMatches: bare.count)
    }

    /// Each step of a hybrid search timed on its own, over `texts` (DocumentSearch runs the full-text
    /// query concurrently with the embedding and vector steps; here they run one after another).
    func stages(_ texts: [String]) async throws -> [StageTiming] {
        let names = ["embed query (gateway: admit, provider, ledger row)", "embed query (provider alone)",
                     "vector index lookup (generation query)", "readable documents (access keys)",
                     "vector scan (\(DocumentSearch.candidates) nearest)", "full text, filtered",
                     "rank fusion", "chunk fetch (top 10)", "snippets (approx.: fold every word of the 10)"]
        var times = Array(repeating: [Double](), count: names.count)
        let clock = ContinuousClock()
        for text in texts {
            let terms = QueryTerms.terms(text)
            var start = clock.now
            func lap(_ stage: Int) {
                times[stage].append(BenchClock.milliseconds(clock.now - start))
                start = clock.now
            }
            guard let batch = try await runtime.search.embedder.embed([text], organizationID: scope.organizationID,
                                                                     userID: scope.userID),
                  let vector = batch.vectors.first
            else { throw BenchFailure("No query embedding.") }
            lap(0)
            _ = try await BuiltinProvider().embed(LLMEmbeddingRequest(model: BuiltinProvider.embeddingModel,
                                                                      inputs: [text]))
            lap(1)
            let index = try await runtime.search.vectors.index(organizationID: scope.organizationID, model: model)
            lap(2)
            let allowed = try await repository.readableDocumentIDs(scope)
            lap(3)
            let nearest = index.nearest(vector, allowed: allowed, limit: DocumentSearch.candidates)
            lap(4)
            let matches = try await repository.fullText(scope, terms: terms, limit: DocumentSearch.candidates)
            lap(5)
            let fused = RankFusion.fuse([matches.map(\.chunkID), nearest.map(\.chunkID)])
            lap(6)
            let hits = try await repository.chunks(scope, ids: fused.prefix(10).map(\.id))
            lap(7)
            // Snippet.make (internal to PPTDocuments) folds each word of a hit to find the matches.
            var folded = 0
            for hit in hits {
                for word in hit.body.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
                    folded += SearchText.fold(String(word)).count
                }
            }
            lap(8)
            _ = folded
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
    /// After the first query loaded the vector index.
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
    /// The first query, which loads the organization's vector index.
    var firstQueryMs: Double
    var hybrid: Percentiles
    var filteredFullText: Percentiles
    var bareFullText: Percentiles
    var meanHits: Double
    /// Mean rows the bare query returned (at most the 50 candidates): how broad the queries were.
    var meanBareMatches: Double
    /// The share of all chunks (in %) that the bare query matches, over a sample of up to 50 queries.
    var matchedPercent: Percentiles
    var indexVectors: Int
    var indexDimensions: Int
    /// The vectors alone: count × dimensions × 4 bytes.
    var indexMB: Double
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
        for (label, figures) in [("hybrid search as the \(user)", hybrid), ("full text, filtered", filteredFullText),
                                 ("full text, bare (reference)", bareFullText)] {
            BenchLog.say("  " + label.padding(toLength: 32, withPad: " ", startingAt: 0) + figures.text + " ms")
        }
        BenchLog.say(String(format: "  ratio p95 hybrid / bare: %.2fx; first query (loads the vector index) %.1f ms",
                            ratio, firstQueryMs))
        BenchLog.say("  stages, each timed alone (p50 / p95 ms):")
        for stage in stages {
            BenchLog.say("    " + stage.stage.padding(toLength: 52, withPad: " ", startingAt: 0)
                         + String(format: " %8.3f %8.3f", stage.latency.p50, stage.latency.p95))
        }
        let m = memory
        BenchLog.say(String(format: """
              memory MB (RSS / peak): set-up %.0f / %.0f; corpus stored %.0f / %.0f; index loaded %.0f / %.0f; \
            end %.0f / %.0f; vector index %d × %d floats = %.1f MB
            """, m.start.rssMB, m.start.peakMB, m.loaded.rssMB, m.loaded.peakMB, m.indexed.rssMB, m.indexed.peakMB,
            m.end.rssMB, m.end.peakMB, indexVectors, indexDimensions, indexMB))
        BenchLog.say(String(format: "  corpus generated and stored in %.1f s", generationSeconds))
    }
}

/// A benchmark that cannot produce a meaningful figure.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
