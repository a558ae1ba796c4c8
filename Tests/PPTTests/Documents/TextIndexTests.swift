import Foundation
import PPTApp
import PPTDocuments
import PPTDomain
import PPTStorage
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
        func load(_ value: Int, delay: Duration = .zero) -> @Sendable () async throws -> (Int, size: Int) {
            { loads.increment(); try await Task.sleep(for: delay); return (value, 1) }
        }
        #expect(try await cache.value(key: "o", generation: 1, load: load(10)) == 10)
        #expect(try await cache.value(key: "o", generation: 1, load: load(11)) == 10)
        #expect(loads.count == 1)
        // A newer generation is never answered from the old index.
        #expect(try await cache.valueIfCurrent(key: "o", generation: 2, wait: { _ in .no },
                                               load: load(20, delay: .milliseconds(100))) == nil)
        #expect(try await cache.valueIfCurrent(key: "o", generation: 2, wait: { _ in .no }, load: load(21)) == nil)
        let previous = Mutex<Int?>(nil)
        let waited = try await cache.valueIfCurrent(key: "o", generation: 2, wait: { size in
            previous.withLock { $0 = size }
            return .forLoad
        }, load: load(22))
        #expect(waited == 20 && previous.withLock { $0 } == 1, "the previous index's size decides")
        #expect(loads.count == 2, "searches during a rebuild share its load")
        // A search that read an older generation is answered from the newer index.
        #expect(try await cache.value(key: "o", generation: 1, load: load(12)) == 20)
        #expect(loads.count == 2)
        // A failed load is retried by the next search.
        let failing: @Sendable () async throws -> (Int, size: Int) = { throw CancellationError() }
        await #expect(throws: CancellationError.self) { try await cache.value(key: "o", generation: 3, load: failing) }
        #expect(try await cache.value(key: "o", generation: 3, load: load(30)) == 30)
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
        for number in 0..<count {
            let access = accesses[number % accesses.count]
            let document = try await documents.upload(
                fixture.admin, DocumentMetadataInput(title: "Dokument \(number)", category: "test", access: access),
                file: DocumentFile(fileName: "d\(number).txt", declaredType: "text/plain", data: Data("x".utf8)))
            let records = (0..<(1 + Int(random.next() % 4))).map { ordinal in
                let words = (0..<(8 + Int(random.next() % 60))).map { _ in
                    // Squaring a uniform draw favours the first words, as running text favours frequent ones.
                    let draw = Double(random.next() % 10_000) / 10_000
                    let word = vocabulary[Int(draw * draw * Double(vocabulary.count))]
                    return random.next() % 7 == 0 ? word.capitalized : word
                }
                return ChunkRecord(ordinal: ordinal, page: nil, heading: ordinal == 0 ? "Oznam \(number)" : "",
                                   body: words.joined(separator: random.next() % 3 == 0 ? ", " : " "),
                                   tokenCount: words.count)
            }
            try await runtime.search.repository.replaceChunks(
                document, version: 1, chunks: records,
                result: IndexResult(method: "text", language: .sk, pageCount: nil, embeddingModel: nil, warning: nil))
            chunks += records.count
            if access.level != .staff, access.unitIDs != [otherUnit.id] { readable.insert(document.id) }
        }
        return GeneratedCorpus(fixture: fixture, vocabulary: vocabulary, chunkCount: chunks, readableByTenant: readable)
    }

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
