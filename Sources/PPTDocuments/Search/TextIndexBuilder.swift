import Foundation
import PPTDomain
import PPTStorage

/// Builds a ``TextIndex`` from chunks fed one at a time.
struct TextIndexBuilder {
    private var splitter = SearchWordSplitter()
    private var termIDs: [String: Int32] = [:]
    private var terms: [String] = []
    /// Per term (by id, in first-seen order): its postings as `chunk << 16 | min(count, 65535)`.
    private var postings: [[UInt64]] = []
    /// Occurrences per term id in the chunk being added (zero between chunks).
    private var counts: [UInt32] = []
    private var chunkIDs: [String] = []
    private var chunkLengths: [UInt32] = []
    private var chunkDocuments: [Int32] = []
    private var documentSlots: [DocumentID: Int32] = [:]
    private var documents: [DocumentID] = []

    init(expectedChunks: Int) {
        chunkIDs.reserveCapacity(expectedChunks)
        chunkLengths.reserveCapacity(expectedChunks)
        chunkDocuments.reserveCapacity(expectedChunks)
    }

    /// Indexes one chunk's words.
    mutating func add(_ chunk: ChunkText) {
        let number = UInt64(chunkIDs.count)
        var seen: [Int32] = []
        var length: UInt32 = 0
        splitter.forEachWord(in: chunk.text) { word in
            length += 1
            let id: Int32
            if let known = termIDs[word] {
                id = known
            } else {
                id = Int32(terms.count)
                termIDs[word] = id
                terms.append(word)
                postings.append([])
                counts.append(0)
            }
            if counts[Int(id)] == 0 { seen.append(id) }
            counts[Int(id)] += 1
        }
        for id in seen {
            postings[Int(id)].append(number << 16 | UInt64(min(counts[Int(id)], UInt32(UInt16.max))))
            counts[Int(id)] = 0
        }
        chunkIDs.append(chunk.chunkID)
        chunkLengths.append(length)
        if let slot = documentSlots[chunk.documentID] {
            chunkDocuments.append(slot)
        } else {
            let slot = Int32(documents.count)
            documentSlots[chunk.documentID] = slot
            documents.append(chunk.documentID)
            chunkDocuments.append(slot)
        }
    }

    /// The index, with each document's access keys (`accessKeys` by document id; documents without
    /// keys are readable by staff only).
    mutating func build(accessKeys: [DocumentID: [String]]) -> TextIndex {
        let order = terms.indices.sorted { terms[$0].utf8.lexicographicallyPrecedes(terms[$1].utf8) }
        let total = postings.reduce(0) { $0 + $1.count }
        var starts: [Int32] = [0]
        var chunks: [UInt32] = []
        var counts: [UInt16] = []
        starts.reserveCapacity(order.count + 1)
        chunks.reserveCapacity(total)
        counts.reserveCapacity(total)
        for id in order {
            for posting in postings[id] {
                chunks.append(UInt32(truncatingIfNeeded: posting >> 16))
                counts.append(UInt16(truncatingIfNeeded: posting))
            }
            postings[id] = []
            starts.append(Int32(chunks.count))
        }
        let keys = AccessKeyTable(documents: documents) { accessKeys[$0] ?? [] }
        return TextIndex(
            terms: order.map { terms[$0] }, postingStarts: starts, postingChunks: chunks, postingCounts: counts,
            chunkLengths: chunkLengths, chunkIDs: chunkIDs, chunkDocuments: chunkDocuments, documents: documents,
            documentSlots: documentSlots, keys: keys)
    }
}

/// Each document's access keys as numbers (see `TextIndex.keys`).
struct AccessKeyTable: Sendable {
    /// Key → number.
    var numbers: [String: Int32] = [:]
    /// Document `d`'s keys are `list[starts[d] ..< starts[d + 1]]`.
    var starts: [Int32] = [0]
    var list: [Int32] = []

    /// The table of `documents` (in slot order), whose keys `keysOf` gives.
    init(documents: [DocumentID], keysOf: (DocumentID) -> [String]) {
        for document in documents {
            for key in keysOf(document) {
                let number = numbers[key] ?? Int32(numbers.count)
                numbers[key] = number
                list.append(number)
            }
            starts.append(Int32(list.count))
        }
    }

    /// The keys of the document in `slot`, as strings.
    func keys(ofSlot slot: Int, names: [String]) -> [String] {
        list[Int(starts[slot])..<Int(starts[slot + 1])].map { names[Int($0)] }
    }

    /// Every key's string by number.
    var names: [String] {
        var names = Array(repeating: "", count: numbers.count)
        for (name, number) in numbers { names[Int(number)] = name }
        return names
    }
}
