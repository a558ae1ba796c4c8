import Foundation
import PPTDomain
import PPTStorage

extension TextIndex {
    /// This index with the chunks and access keys of `changed` documents replaced by their current
    /// ones: `chunks` (none for a deleted document) and `accessKeys`. Only the new chunks are split
    /// into words; the rest is one pass over the postings, merging two sorted vocabularies.
    ///
    /// Kept chunks keep their order and the new ones follow, so every posting list stays in chunk
    /// order. Documents keep their slots (a deleted one keeps an empty slot until the next whole build).
    func replacing(documents changed: Set<DocumentID>, with chunks: [ChunkText],
                   accessKeys: [DocumentID: [String]]) -> TextIndex {
        var builder = TextIndexBuilder(expectedChunks: chunks.count)
        for chunk in chunks { builder.add(chunk) }
        let added = builder.build(accessKeys: [:])

        // Old chunk number → new one, -1 for a chunk of a changed document.
        let changedSlots = Set(changed.compactMap { self.documentSlots[$0] })
        var renumbered = [Int32](repeating: -1, count: count)
        var kept = 0
        for chunk in 0..<count where !changedSlots.contains(chunkDocuments[chunk]) {
            renumbered[chunk] = Int32(kept)
            kept += 1
        }

        var documents = self.documents
        var documentSlots = self.documentSlots
        let addedSlots: [Int32] = added.documents.map { document in
            if let slot = documentSlots[document] { return slot }
            let slot = Int32(documents.count)
            documentSlots[document] = slot
            documents.append(document)
            return slot
        }

        var chunkIDs: [String] = [], chunkLengths: [UInt32] = [], chunkDocuments: [Int32] = []
        chunkIDs.reserveCapacity(kept + added.count)
        chunkLengths.reserveCapacity(kept + added.count)
        chunkDocuments.reserveCapacity(kept + added.count)
        for chunk in 0..<count where renumbered[chunk] >= 0 {
            chunkIDs.append(self.chunkIDs[chunk])
            chunkLengths.append(self.chunkLengths[chunk])
            chunkDocuments.append(self.chunkDocuments[chunk])
        }
        for chunk in 0..<added.count {
            chunkIDs.append(added.chunkIDs[chunk])
            chunkLengths.append(added.chunkLengths[chunk])
            chunkDocuments.append(addedSlots[Int(added.chunkDocuments[chunk])])
        }

        var merged = PostingMerge(capacity: postingChunks.count + added.postingChunks.count)
        var old = 0, new = 0
        while old < terms.count || new < added.terms.count {
            let order: Int  // < 0: the old term comes first, > 0: the new one, 0: the same term
            if old == terms.count {
                order = 1
            } else if new == added.terms.count {
                order = -1
            } else if terms[old].utf8.elementsEqual(added.terms[new].utf8) {
                order = 0
            } else {
                order = terms[old].utf8.lexicographicallyPrecedes(added.terms[new].utf8) ? -1 : 1
            }
            if order <= 0 {
                for posting in Int(postingStarts[old])..<Int(postingStarts[old + 1]) {
                    let chunk = renumbered[Int(postingChunks[posting])]
                    if chunk >= 0 { merged.append(UInt32(chunk), postingCounts[posting]) }
                }
            }
            if order >= 0 {
                for posting in Int(added.postingStarts[new])..<Int(added.postingStarts[new + 1]) {
                    merged.append(UInt32(kept) + added.postingChunks[posting], added.postingCounts[posting])
                }
            }
            merged.endTerm(order > 0 ? added.terms[new] : terms[old])
            if order <= 0 { old += 1 }
            if order >= 0 { new += 1 }
        }

        let names = keys.names
        let keys = AccessKeyTable(documents: documents) { document in
            // Changed documents take their new keys; a document without a slot here is new (so changed) and
            // must never fall back to another slot's keys.
            guard !changed.contains(document), let slot = self.documentSlots[document] else {
                return accessKeys[document] ?? []
            }
            return self.keys.keys(ofSlot: Int(slot), names: names)
        }
        return TextIndex(
            terms: merged.terms, postingStarts: merged.starts, postingChunks: merged.chunks,
            postingCounts: merged.counts, chunkLengths: chunkLengths, chunkIDs: chunkIDs,
            chunkDocuments: chunkDocuments, documents: documents, documentSlots: documentSlots, keys: keys)
    }
}

/// The merged vocabulary and postings being written; a term without postings left is dropped.
private struct PostingMerge {
    var terms: [String] = []
    var starts: [Int32] = [0]
    var chunks: [UInt32] = []
    var counts: [UInt16] = []

    init(capacity: Int) {
        chunks.reserveCapacity(capacity)
        counts.reserveCapacity(capacity)
    }

    mutating func append(_ chunk: UInt32, _ count: UInt16) {
        chunks.append(chunk)
        counts.append(count)
    }

    mutating func endTerm(_ term: String) {
        guard chunks.count > Int(starts[starts.count - 1]) else { return }
        terms.append(term)
        starts.append(Int32(chunks.count))
    }
}
