import Foundation
import PPTDomain
import PPTStorage
import Synchronization

/// An organization's full-text index in memory: an inverted index (folded word → the chunks holding it
/// and how often) ranked by BM25 as SQLite's FTS5 ranks (k1 = 1.2, b = 0.75), with the same query
/// semantics as the database query it stands in for (`SearchIndexRepository.fullText`): words of three
/// letters or more match as prefixes, passages with every word come first, and passages with any word
/// fill the list only when fewer than ten have them all.
///
/// The database's full-text query costs tens of milliseconds at 100k chunks (FTS5 reads and decodes
/// posting lists from pages on every query); here the posting lists are flat arrays, and the cost is
/// one pass over the postings of the query's words. The index also holds each document's access keys,
/// so the permission filter is an array lookup per document (DESIGN §4: filtered before ranking).
package struct TextIndex: Sendable {
    static let k1: Float = 1.2
    static let b: Float = 0.75

    /// Folded words, sorted by their UTF-8 bytes so that the words sharing a prefix are adjacent.
    let terms: [String]
    /// Term `t`'s postings are `postingChunks[postingStarts[t] ..< postingStarts[t + 1]]`, in chunk order.
    let postingStarts: [Int32]
    let postingChunks: [UInt32]
    /// How often the term occurs in that chunk.
    let postingCounts: [UInt16]
    /// Words per chunk, and their mean (BM25's length normalization).
    let chunkLengths: [UInt32]
    let averageLength: Float
    let chunkIDs: [String]
    /// Index into `documents` per chunk.
    let chunkDocuments: [Int32]
    let documents: [DocumentID]
    let documentSlots: [DocumentID: Int32]
    /// The keys each document is filed under (`DocumentAccess.accessKeys`), as numbers: comparing
    /// numbers instead of hashing each document's key strings makes the filter microseconds per search.
    let keys: AccessKeyTable
    /// Distinguishes this build from every other in the process (see `VectorIndex`'s slot translation).
    let buildNumber: UInt64

    init(terms: [String], postingStarts: [Int32], postingChunks: [UInt32], postingCounts: [UInt16],
         chunkLengths: [UInt32], chunkIDs: [String], chunkDocuments: [Int32], documents: [DocumentID],
         documentSlots: [DocumentID: Int32], keys: AccessKeyTable) {
        (self.terms, self.postingStarts, self.postingChunks, self.postingCounts) =
            (terms, postingStarts, postingChunks, postingCounts)
        let words = chunkLengths.reduce(0) { $0 + Int($1) }
        self.chunkLengths = chunkLengths
        self.averageLength = chunkIDs.isEmpty ? 1 : max(Float(words) / Float(chunkIDs.count), 1)
        (self.chunkIDs, self.chunkDocuments, self.documents, self.documentSlots, self.keys) =
            (chunkIDs, chunkDocuments, documents, documentSlots, keys)
        self.buildNumber = Self.builds.add(1, ordering: .relaxed).newValue
    }

    /// Indexes built so far in this process.
    private static let builds = Atomic<UInt64>(0)

    /// Chunks indexed.
    package var count: Int { chunkIDs.count }

    /// Documents with chunks here (and, after an update, documents that had some).
    package var documentCount: Int { documents.count }

    /// Approximate memory held, in bytes: the postings, the per-chunk arrays and the strings.
    package var estimatedBytes: Int {
        postingChunks.count * 6 + postingStarts.count * 4 + chunkLengths.count * 8
            + terms.reduce(0) { $0 + 16 + $1.utf8.count } + chunkIDs.reduce(0) { $0 + 16 + $1.utf8.count }
            + documents.count * 100 + keys.list.count * 4 + keys.numbers.keys.reduce(0) { $0 + 24 + $1.utf8.count }
    }

    // MARK: Access

    /// Per document slot, whether a member holding `accessKeys` may read it; `nil` (staff) reads all.
    package func readableSlots(_ accessKeys: Set<String>?) -> [Bool]? {
        guard let accessKeys else { return nil }
        let held = accessKeys.compactMap { keys.numbers[$0] }
        return documents.indices.map { document in
            keys.list[Int(keys.starts[document])..<Int(keys.starts[document + 1])].contains(where: held.contains)
        }
    }

    /// The slot of a document, if it has chunks here.
    package func slot(of document: DocumentID) -> Int32? { documentSlots[document] }

    /// The documents a member holding `accessKeys` may read; `nil` (staff) reads all.
    package func readableDocumentIDs(_ accessKeys: Set<String>?) -> Set<DocumentID>? {
        guard let readable = readableSlots(accessKeys) else { return nil }
        return Set(zip(documents, readable).lazy.filter(\.1).map(\.0))
    }

    // MARK: Query

    /// The `limit` best chunks for `words` (folded query words, as `FullTextQuery.words` makes them)
    /// among the documents a member holding `accessKeys` may read (`nil`: every document).
    package func search(words: [String], accessKeys: Set<String>?, limit: Int) -> [FullTextMatch] {
        guard !words.isEmpty, limit > 0, !chunkIDs.isEmpty else { return [] }
        let readable = readableSlots(accessKeys)
        var scoring = Scoring(chunks: chunkIDs.count)
        for word in words { score(word, into: &scoring) }
        let wordCount = UInt8(clamping: words.count)
        let permitted: (UInt32) -> Bool = { chunk in readable.map { $0[Int(self.chunkDocuments[Int(chunk)])] } ?? true }
        var best = scoring.top(limit) { permitted($0) && scoring.matched[Int($0)] == wordCount }
        if best.count < min(limit, SearchIndexRepository.enoughFullMatches), words.count > 1 {
            best += scoring.top(limit - best.count) { permitted($0) && scoring.matched[Int($0)] < wordCount }
        }
        return best.map { chunk, score in
            FullTextMatch(chunkID: chunkIDs[Int(chunk)], documentID: documents[Int(chunkDocuments[Int(chunk)])],
                          score: Double(score))
        }
    }

    /// Adds one query word's BM25 contribution to every chunk holding it (or, for a prefix, holding
    /// any word it starts): the word is one FTS5 phrase, so its occurrences are summed per chunk first.
    private func score(_ word: String, into scoring: inout Scoring) {
        let range = termRange(word)
        guard !range.isEmpty else { return }
        var touched: [UInt32] = []
        for term in range {
            for posting in Int(postingStarts[term])..<Int(postingStarts[term + 1]) {
                let chunk = postingChunks[posting]
                if scoring.frequency[Int(chunk)] == 0 { touched.append(chunk) }
                scoring.frequency[Int(chunk)] += UInt32(postingCounts[posting])
            }
        }
        let total = Float(chunkIDs.count), holding = Float(touched.count)
        let idf = max(log((total - holding + 0.5) / (holding + 0.5)), 1e-6)
        for chunk in touched {
            let frequency = Float(scoring.frequency[Int(chunk)])
            let length = Float(chunkLengths[Int(chunk)]) / averageLength
            scoring.add(chunk, idf * frequency * (Self.k1 + 1) / (frequency + Self.k1 * (1 - Self.b + Self.b * length)))
            scoring.frequency[Int(chunk)] = 0
        }
    }

    /// The terms `word` matches: itself, or with three letters or more every term it is a prefix of.
    func termRange(_ word: String) -> Range<Int> {
        let key = Array(word.utf8)
        var low = 0, high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if terms[middle].utf8.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
        }
        guard word.count >= 3 else {
            return low < terms.count && terms[low] == word ? low..<(low + 1) : low..<low
        }
        var end = low
        while end < terms.count, terms[end].utf8.starts(with: key) { end += 1 }
        return low..<end
    }
}

/// One query's per-chunk scratch: scores, how many query words each chunk matched, and the current
/// word's occurrence counts (zero outside `TextIndex.score`).
private struct Scoring {
    var score: [Float]
    var matched: [UInt8]
    var frequency: [UInt32]
    /// Chunks with a score, in the order they were first scored.
    var scored: [UInt32] = []

    init(chunks: Int) {
        score = Array(repeating: 0, count: chunks)
        matched = Array(repeating: 0, count: chunks)
        frequency = Array(repeating: 0, count: chunks)
    }

    mutating func add(_ chunk: UInt32, _ value: Float) {
        if matched[Int(chunk)] == 0 { scored.append(chunk) }
        matched[Int(chunk)] &+= 1
        score[Int(chunk)] += value
    }

    /// The `limit` best-scored chunks that pass `include`, best first; ties go to the earlier chunk.
    func top(_ limit: Int, where include: (UInt32) -> Bool) -> [(chunk: UInt32, score: Float)] {
        guard limit > 0 else { return [] }
        var best: [(chunk: UInt32, score: Float)] = []
        best.reserveCapacity(limit + 1)
        for chunk in scored {
            let value = score[Int(chunk)]
            if best.count == limit, let last = best.last, !Self.ranks(value, chunk, before: last) { continue }
            guard include(chunk) else { continue }
            let position = best.firstIndex { !Self.ranks($0.score, $0.chunk, before: (chunk, value)) } ?? best.count
            best.insert((chunk, value), at: position)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    private static func ranks(_ score: Float, _ chunk: UInt32, before other: (chunk: UInt32, score: Float)) -> Bool {
        score != other.score ? score > other.score : chunk < other.chunk
    }
}
