import Foundation
import PPTDomain
import PPTStorage
import Synchronization

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
        var keyNumbers: [String: Int32] = [:]
        var keyStarts: [Int32] = [0]
        var keyList: [Int32] = []
        for document in documents {
            for key in accessKeys[document] ?? [] {
                let number = keyNumbers[key] ?? Int32(keyNumbers.count)
                keyNumbers[key] = number
                keyList.append(number)
            }
            keyStarts.append(Int32(keyList.count))
        }
        let words = chunkLengths.reduce(0) { $0 + Int($1) }
        return TextIndex(
            terms: order.map { terms[$0] }, postingStarts: starts, postingChunks: chunks, postingCounts: counts,
            chunkLengths: chunkLengths, averageLength: chunkIDs.isEmpty ? 1 : max(Float(words) / Float(chunkIDs.count), 1),
            chunkIDs: chunkIDs, chunkDocuments: chunkDocuments, documents: documents, documentSlots: documentSlots,
            keyNumbers: keyNumbers, keyStarts: keyStarts, keyList: keyList,
            buildNumber: Self.builds.add(1, ordering: .relaxed).newValue)
    }

    /// Builds so far in this process.
    private static let builds = Atomic<UInt64>(0)
}
