import Foundation
import PPTApp
import PPTDocuments
import PPTDomain
import PPTStorage
import SQLKit
import Synchronization
import Testing

/// The in-memory full-text index against the database's: the same words, the same matches, the same
/// BM25 order as FTS5 on the same chunks, the same access filter; and its cache's generations.
@Suite("In-memory full-text index")
struct TextIndexTests {
    @Test("Words are split and folded as the database's index holds them")
    func words() {
        let texts = [
            "Životné prostredie: ČSOB účet č. 2024/17, Nöel a Ďurďovič!",
            "Decomposed: e\u{301}te, Z\u{30C}ilina — ŠKODA-Octavia; 3.5 m² (ťažký)",
            "ÚDRŽBA výťahu v piatok 08:00–12:00, Straßenbahn, Ærø, λόγος, Москва",
            "",
            "   ...   ",
        ]
        for text in texts {
            var splitter = SearchWordSplitter()
            var words: [String] = []
            splitter.forEachWord(in: text) { words.append($0) }
            let expected = SearchText.fold(text).split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
            #expect(words == expected, "\(text)")
        }
        // The fast path for accented Latin letters folds every one of them as Foundation does.
        for value in UInt32(0xC0)...0x24F {
            guard let scalar = Unicode.Scalar(value), Character(scalar).isLetter else { continue }
            let word = "Ab\(Character(scalar))cD"
            #expect(SearchWordSplitter.fold(word[...]) == SearchText.fold(word), "U+\(String(value, radix: 16))")
        }
    }

    @Test("Matches, order and scores agree with SQLite FTS5 on the same chunks, filtered or not")
    func agreesWithFTS5() async throws {
        try await TestApp.with(.sqlite) { app in
            let corpus = try await GeneratedCorpus.make(app.runtime, documents: 40, seed: 7)
            let repository = app.runtime.search.repository
            let index = try #require(try await TextIndexCache(repository: repository).index(
                organizationID: corpus.fixture.organization.id, generation: 0))
            #expect(index.count == corpus.chunkCount)
            var random = SeededRandom(seed: 11)
            var compared = 0
            for _ in 0..<120 {
                let query = corpus.query(&random)
                let terms = QueryTerms.terms(query)
                for scope in [corpus.fixture.admin, corpus.fixture.tenant] {
                    // Every match, since FTS5 orders equal scores arbitrarily and a cut could fall inside a tie.
                    let database = try await repository.fullText(scope, terms: terms, limit: 10_000)
                    let memory = index.search(words: FullTextQuery.words(terms), accessKeys: scope.documentAccessKeys,
                                              limit: 10_000)
                    let expected = Dictionary(uniqueKeysWithValues: database.map { ($0.chunkID, $0.score) })
                    #expect(memory.count == database.count, "\(query)")
                    for match in memory {
                        let score = try #require(expected[match.chunkID], "\(query): \(match.chunkID) not in FTS5's")
                        #expect(abs(match.score - score) <= 1e-4 * max(1, abs(score)), "\(query): \(match) \(score)")
                    }
                    compared += database.count
                }
            }
            #expect(compared > 500, "the queries should match a good share of the corpus")
        }
    }

    @Test("A tenant's ranking never holds a document they may not read; staff rank everything")
    func accessFilter() async throws {
        try await TestApp.with(.sqlite) { app in
            let corpus = try await GeneratedCorpus.make(app.runtime, documents: 30, seed: 3)
            let index = try #require(try await TextIndexCache(repository: app.runtime.search.repository).index(
                organizationID: corpus.fixture.organization.id, generation: 0))
            let tenantKeys = corpus.fixture.tenant.documentAccessKeys
            let readable = try #require(index.readableDocumentIDs(tenantKeys))
            #expect(readable == corpus.readableByTenant)
            #expect(index.readableDocumentIDs(nil) == nil)
            var random = SeededRandom(seed: 5)
            for _ in 0..<60 {
                let words = FullTextQuery.words(QueryTerms.terms(corpus.query(&random)))
                let tenant = index.search(words: words, accessKeys: tenantKeys, limit: 50)
                #expect(tenant.allSatisfy { corpus.readableByTenant.contains($0.documentID) })
                // One word: the tenant's ranking is the staff's with the unreadable documents taken out.
                let tenantAll = index.search(words: Array(words.prefix(1)), accessKeys: tenantKeys, limit: 10_000)
                let staffAll = index.search(words: Array(words.prefix(1)), accessKeys: nil, limit: 10_000)
                #expect(tenantAll.map(\.chunkID)
                        == staffAll.filter { corpus.readableByTenant.contains($0.documentID) }.map(\.chunkID))
            }
        }
    }

    @Test("Changes are applied to the previous index: the result ranks exactly as a whole build",
          arguments: TestDatabase.dialects)
    func update(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let runtime = app.runtime
            let corpus = try await GeneratedCorpus.make(runtime, documents: 20, seed: 21)
            let (repository, admin, tenant) = (runtime.search.repository, corpus.fixture.admin, corpus.fixture.tenant)
            let organizationID = corpus.fixture.organization.id
            let cache = TextIndexCache(repository: repository)
            let vectors = VectorIndexCache(repository: repository)
            let model = GeneratedCorpus.vectorModel
            let before = try await repository.generation(organizationID: organizationID)
            let original = try #require(try await cache.index(organizationID: organizationID, generation: before))
            let originalVectors = try await vectors.index(organizationID: organizationID, model: model, generation: before)
            #expect(originalVectors.count == corpus.chunkCount)

            // A new document, a new version of another, a narrowed access, a deletion.
            let documents = DocumentRepository(database: runtime.database, blobs: runtime.blobs)
            var random = SeededRandom(seed: 99)
            let added = try await documents.upload(admin, DocumentMetadataInput(title: "Nový", category: "test"),
                                                   file: DocumentFile(fileName: "n.txt", declaredType: "text/plain",
                                                                      data: Data("x".utf8)))
            try await GeneratedCorpus.store(runtime, added, version: 1,
                                            GeneratedCorpus.records(corpus.vocabulary, heading: "Nový", &random))
            let revised = try await documents.uploadVersion(admin, id: corpus.documents[0].id, file: DocumentFile(
                fileName: "v2.txt", declaredType: "text/plain", data: Data("y".utf8)))
            try await GeneratedCorpus.store(runtime, revised, version: 2,
                                            GeneratedCorpus.records(corpus.vocabulary, heading: "Verzia 2", &random))
            _ = try await documents.updateMetadata(admin, id: corpus.documents[2].id, DocumentMetadataInput(
                title: "Dokument 2", category: "test", access: DocumentAccess(level: .staff)))
            try await documents.delete(admin, id: corpus.documents[5].id)

            let after = try await repository.generation(organizationID: organizationID)
            #expect(try await repository.changedDocuments(organizationID: organizationID, after: before,
                                                          through: after)?.count == 4)
            let updated = try #require(try await cache.index(organizationID: organizationID, generation: after))
            let whole = try #require(try await TextIndexCache(repository: repository).index(
                organizationID: organizationID, generation: after))
            #expect(updated.documentCount == whole.documentCount + 1, "updated in place: the deleted document keeps its slot")
            #expect(updated.count == whole.count && original.count == corpus.chunkCount)
            for scope in [admin, tenant] {
                #expect(updated.readableDocumentIDs(scope.documentAccessKeys)
                        == whole.readableDocumentIDs(scope.documentAccessKeys))
            }
            for _ in 0..<80 {
                let words = FullTextQuery.words(QueryTerms.terms(corpus.query(&random)))
                for keys in [admin.documentAccessKeys, tenant.documentAccessKeys] {
                    let mine = updated.search(words: words, accessKeys: keys, limit: 10_000)
                    let expected = Dictionary(uniqueKeysWithValues: whole.search(words: words, accessKeys: keys,
                                                                                 limit: 10_000).map { ($0.chunkID, $0.score) })
                    #expect(mine.count == expected.count, "\(words)")
                    #expect(mine.allSatisfy { match in
                        expected[match.chunkID].map { abs($0 - match.score) < 1e-5 } == true
                    }, "\(words)")
                }
            }
            // The vector index is updated the same way.
            let updatedVectors = try await vectors.index(organizationID: organizationID, model: model, generation: after)
            let wholeVectors = try await VectorIndexCache(repository: repository).index(
                organizationID: organizationID, model: model, generation: after)
            #expect(updatedVectors.count == wholeVectors.count && updatedVectors.count == updated.count)
            for _ in 0..<20 {
                let query = (0..<8).map { _ in Float(random.next() % 2_000) / 1_000 - 1 }
                for keys in [admin.documentAccessKeys, tenant.documentAccessKeys] {
                    let mine = updatedVectors.nearest(query, readableIn: updated, accessKeys: keys, limit: 1_000,
                                                      minimumSimilarity: -1)
                    let expected = wholeVectors.nearest(query, readableIn: whole, accessKeys: keys, limit: 1_000,
                                                        minimumSimilarity: -1)
                    #expect(Set(mine.map(\.chunkID)) == Set(expected.map(\.chunkID)))
                }
            }

            // A record of changes that no longer reaches back (pruned) means a whole build.
            try await runtime.database.write(isolation: .readCommitted) { sql in
                try await sql.raw("DELETE FROM search_changes WHERE generation = \(bind: before + 1)").run()
            }
            #expect(try await repository.changedDocuments(organizationID: organizationID, after: before,
                                                          through: after) == nil)
        }
    }

    @Test("While a large organization's index builds, search answers from the database; then from memory")
    func coldPath() async throws {
        try await TestApp.with(.sqlite) { app in
            let corpus = try await GeneratedCorpus.make(app.runtime, documents: 12, seed: 9)
            let runtime = app.runtime
            let texts = TextIndexCache(repository: runtime.search.repository, waitingLimit: 0)
            let search = DocumentSearch(index: runtime.search.repository, texts: texts, vectors: runtime.search.vectors,
                                        embedder: nil)
            let organizationID = corpus.fixture.organization.id
            let generation = try await runtime.search.repository.generation(organizationID: organizationID)
            let query = corpus.vocabulary[0] + " " + corpus.vocabulary[1]
            let cold = try await search.search(corpus.fixture.tenant, query: query)
            var loaded: TextIndex?
            for _ in 0..<500 where loaded == nil {
                loaded = try await texts.index(organizationID: organizationID, generation: generation)
                if loaded == nil { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(loaded != nil, "the index builds in the background")
            let warm = try await search.search(corpus.fixture.tenant, query: query)
            #expect(!cold.hits.isEmpty)
            #expect(cold.hits.map(\.chunkID) == warm.hits.map(\.chunkID))
        }
    }

    @Test("The cache answers only from an index at least as new as the generation read; one load at a time")
    func generations() async throws {
        let cache = GenerationCache<Int>(logger: TestDatabase.logger)
        let loads = LoadCounter()
        // A load returns `value` plus what it was handed as the previous index (0: none).
        func load(_ value: Int, delay: Duration = .zero) -> GenerationCache<Int>.Load {
            { previous in
                loads.increment()
                try await Task.sleep(for: delay)
                return (value + (previous?.value ?? 0), 1)
            }
        }
        #expect(try await cache.value(key: "o", generation: 1, load: load(10)) == 10)
        #expect(try await cache.value(key: "o", generation: 1, load: load(11)) == 10)
        #expect(loads.count == 1)
        // A newer generation is never answered from the old index; its load is handed the old one.
        #expect(try await cache.valueIfCurrent(key: "o", generation: 2, wait: { _ in .no },
                                               load: load(200, delay: .milliseconds(100))) == nil)
        #expect(try await cache.valueIfCurrent(key: "o", generation: 2, wait: { _ in .no }, load: load(21)) == nil)
        let previous = Mutex<(size: Int, generation: Int64)?>(nil)
        let waited = try await cache.valueIfCurrent(key: "o", generation: 2, wait: { stale in
            previous.withLock { $0 = stale }
            return .forLoad
        }, load: load(22))
        #expect(waited == 210, "the load of generation 2 updated the index of generation 1")
        #expect(previous.withLock { $0?.size == 1 && $0?.generation == 1 }, "the previous index decides the wait")
        #expect(loads.count == 2, "searches during a rebuild share its load")
        // A search that read an older generation is answered from the newer index.
        #expect(try await cache.value(key: "o", generation: 1, load: load(12)) == 210)
        #expect(loads.count == 2)
        // A failed load is retried by the next search.
        let failing: GenerationCache<Int>.Load = { _ in throw CancellationError() }
        await #expect(throws: CancellationError.self) { try await cache.value(key: "o", generation: 3, load: failing) }
        #expect(try await cache.value(key: "o", generation: 3, load: load(3000)) == 3210)
    }
}

/// Counts calls from concurrent tasks.
private final class LoadCounter: Sendable {
    private let calls = Mutex(0)
    var count: Int { calls.withLock { $0 } }
    func increment() { calls.withLock { $0 += 1 } }
}

/// An organization whose documents' chunks are generated text (Slovak words with diacritics, Zipf-like
/// repetition, inflected forms sharing prefixes) stored straight into the search index, under mixed access.
struct GeneratedCorpus: Sendable {
    let fixture: Fixture
    let vocabulary: [String]
    let documents: [Document]
    let chunkCount: Int
    let readableByTenant: Set<DocumentID>

    static let stems = ["výťah", "kotol", "strecha", "nájom", "vodomer", "schodisk", "poriadok", "fasád", "pivnic",
                        "garáž", "údržb", "revízi", "zvierat", "odpad", "parkovan", "elektrin", "kúrenie", "okn"]
    static let endings = ["", "a", "u", "om", "y", "ami", "ov", "ách"]

    static func make(_ runtime: Runtime, documents count: Int, seed: UInt64) async throws -> GeneratedCorpus {
        let fixture = try await Fixture.make(runtime.database, name: "G")
        let otherUnit = try await PropertyRepository(database: runtime.database).createUnit(fixture.admin, UnitInput(
            buildingID: fixture.building.id, number: "9", type: .flat, floor: 3, sizeSqm: 50, rooms: 2,
            ownershipShareNumerator: 1, ownershipShareDenominator: 10))
        let documents = DocumentRepository(database: runtime.database, blobs: runtime.blobs)
        let vocabulary = stems.flatMap { stem in endings.map { stem + $0 } } + ["a", "je", "v", "na", "do", "12", "2025"]
        var random = SeededRandom(seed: seed)
        let accesses: [DocumentAccess] = [
            DocumentAccess(level: .organization), DocumentAccess(level: .staff),
            DocumentAccess(level: .unit, unitIDs: [fixture.unit.id]), DocumentAccess(level: .unit, unitIDs: [otherUnit.id]),
            DocumentAccess(level: .building, buildingIDs: [fixture.building.id]),
        ]
        var chunks = 0
        var readable: Set<DocumentID> = []
        var stored: [Document] = []
        for number in 0..<count {
            let access = accesses[number % accesses.count]
            let document = try await documents.upload(
                fixture.admin, DocumentMetadataInput(title: "Dokument \(number)", category: "test", access: access),
                file: DocumentFile(fileName: "d\(number).txt", declaredType: "text/plain", data: Data("x".utf8)))
            let records = Self.records(vocabulary, heading: "Oznam \(number)", &random)
            try await Self.store(runtime, document, version: 1, records)
            chunks += records.count
            stored.append(document)
            if access.level != .staff, access.unitIDs != [otherUnit.id] { readable.insert(document.id) }
        }
        return GeneratedCorpus(fixture: fixture, vocabulary: vocabulary, documents: stored, chunkCount: chunks,
                               readableByTenant: readable)
    }

    /// One to four chunks of generated text.
    static func records(_ vocabulary: [String], heading: String, _ random: inout SeededRandom) -> [ChunkRecord] {
        (0..<(1 + Int(random.next() % 4))).map { ordinal in
            let words = (0..<(8 + Int(random.next() % 60))).map { _ in
                // Squaring a uniform draw favours the first words, as running text favours frequent ones.
                let draw = Double(random.next() % 10_000) / 10_000
                let word = vocabulary[Int(draw * draw * Double(vocabulary.count))]
                return random.next() % 7 == 0 ? word.capitalized : word
            }
            let vector = VectorIndex.normalized((0..<8).map { _ in Float(random.next() % 2_000) / 1_000 - 1 })
            return ChunkRecord(ordinal: ordinal, page: nil, heading: ordinal == 0 ? heading : "",
                               body: words.joined(separator: random.next() % 3 == 0 ? ", " : " "),
                               tokenCount: words.count, embedding: vector)
        }
    }

    /// Stores `records` as the chunks of `version` of `document`, as the indexing job does.
    static func store(_ runtime: Runtime, _ document: Document, version: Int, _ records: [ChunkRecord]) async throws {
        try await runtime.search.repository.replaceChunks(
            document, version: version, chunks: records,
            result: IndexResult(method: "text", language: .sk, pageCount: nil, embeddingModel: vectorModel, warning: nil))
    }

    /// The model name the generated embeddings are stored under.
    static let vectorModel = "test/vectors-8"

    /// One to three words, some cut to a prefix, some without their diacritics.
    func query(_ random: inout SeededRandom) -> String {
        (0..<(1 + Int(random.next() % 3))).map { _ in
            var word = vocabulary[Int(random.next() % UInt64(vocabulary.count))]
            if random.next() % 3 == 0, word.count > 4 { word = String(word.prefix(3 + Int(random.next() % 3))) }
            return random.next() % 2 == 0 ? SearchText.fold(word) : word
        }.joined(separator: " ")
    }
}

/// Deterministic pseudo-random numbers (SplitMix64) for generated test data.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
