import Foundation
import Logging
import PPTDomain
import PPTStorage
import Synchronization

/// An organization's embeddings of one model, in memory, scanned exhaustively. Exact (no approximate
/// index to tune or to drift), and at 100k chunks of 384 dimensions a scan is tens of millions of
/// multiply-adds: milliseconds. Memory is the vectors themselves (4 bytes per dimension per chunk).
package struct VectorIndex: Sendable {
    package let model: String
    package let dimensions: Int
    private let chunkIDs: [String]
    /// Index into `documents` per chunk, so the access filter is an array lookup, not a hash per row.
    private let documentSlots: [Int32]
    private let documents: [DocumentID]
    private let vectors: [Float]
    private let translation = SlotTranslation()

    package init(model: String, table: EmbeddingTable) {
        self.model = model
        self.dimensions = table.dimensions
        self.chunkIDs = table.chunkIDs
        self.vectors = table.vectors
        var slots: [DocumentID: Int32] = [:]
        var documents: [DocumentID] = []
        self.documentSlots = table.documentIDs.map { id in
            if let slot = slots[id] { return slot }
            let slot = Int32(documents.count)
            slots[id] = slot
            documents.append(id)
            return slot
        }
        self.documents = documents
    }

    /// Number of vectors.
    package var count: Int { chunkIDs.count }

    /// This index with the rows of `changed` documents replaced by `table` (their current embeddings):
    /// the kept vectors are copied, nothing else is read.
    func replacing(documents changed: Set<DocumentID>, with table: EmbeddingTable) -> VectorIndex {
        let changedSlots = Set(changed.compactMap { changedDocument in documents.firstIndex(of: changedDocument) })
        var merged = EmbeddingTable(chunkIDs: [], documentIDs: [], vectors: [], dimensions: dimensions)
        merged.chunkIDs.reserveCapacity(count + table.chunkIDs.count)
        merged.documentIDs.reserveCapacity(count + table.chunkIDs.count)
        merged.vectors.reserveCapacity(vectors.count + table.vectors.count)
        for row in 0..<count where !changedSlots.contains(Int(documentSlots[row])) {
            merged.chunkIDs.append(chunkIDs[row])
            merged.documentIDs.append(documents[Int(documentSlots[row])])
            merged.vectors.append(contentsOf: vectors[(row * dimensions)..<((row + 1) * dimensions)])
        }
        // Vectors of another size (a model renamed in place) cannot be compared with these.
        if table.dimensions == dimensions || count == 0 {
            merged.dimensions = table.dimensions
            merged.chunkIDs += table.chunkIDs
            merged.documentIDs += table.documentIDs
            merged.vectors += table.vectors
        }
        return VectorIndex(model: model, table: merged)
    }

    /// The `limit` chunks most similar to `query` (cosine; stored vectors are unit length) among the
    /// documents in `allowed` (`nil`: all), with similarity at least `minimumSimilarity`.
    package func nearest(_ query: [Float], allowed: Set<DocumentID>?, limit: Int, minimumSimilarity: Float = 0.15)
        -> [(chunkID: String, similarity: Float)]
    {
        nearest(query, permitted: allowed.map { allowed in documents.map(allowed.contains) }, limit: limit,
                minimumSimilarity: minimumSimilarity)
    }

    /// The same, among the documents that `textIndex` says a member holding `accessKeys` may read
    /// (`nil`: all); documents the text index does not hold are left out. The map from this index's
    /// documents to the text index's is kept for the last text index asked, so a search costs no
    /// per-document hashing.
    package func nearest(_ query: [Float], readableIn textIndex: TextIndex, accessKeys: Set<String>?, limit: Int,
                         minimumSimilarity: Float = 0.15) -> [(chunkID: String, similarity: Float)] {
        guard let readable = textIndex.readableSlots(accessKeys) else {
            return nearest(query, permitted: nil, limit: limit, minimumSimilarity: minimumSimilarity)
        }
        let slots = translation.slots(in: textIndex, for: documents)
        return nearest(query, permitted: slots.map { $0 >= 0 && readable[Int($0)] }, limit: limit,
                       minimumSimilarity: minimumSimilarity)
    }

    private func nearest(_ query: [Float], permitted: [Bool]?, limit: Int, minimumSimilarity: Float)
        -> [(chunkID: String, similarity: Float)]
    {
        guard query.count == dimensions, dimensions > 0, limit > 0 else { return [] }
        let query = Self.normalized(query)
        var best: [(index: Int, similarity: Float)] = []
        best.reserveCapacity(limit + 1)
        var floor = minimumSimilarity
        vectors.withUnsafeBufferPointer { vectors in
            query.withUnsafeBufferPointer { query in
                for row in 0..<chunkIDs.count {
                    if let permitted, !permitted[Int(documentSlots[row])] { continue }
                    let similarity = Self.dot(vectors, offset: row * dimensions, query, dimensions)
                    guard similarity >= floor else { continue }
                    let position = best.firstIndex { $0.similarity < similarity } ?? best.count
                    best.insert((row, similarity), at: position)
                    if best.count > limit {
                        best.removeLast()
                        floor = best[best.count - 1].similarity
                    }
                }
            }
        }
        return best.map { (chunkIDs[$0.index], $0.similarity) }
    }

    /// Unit-length copy of `vector` (zero stays zero).
    package static func normalized(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    /// The dot product of the row at `offset` and `query`, sixteen lanes at a time (two 8-wide vector
    /// accumulators keep the adds independent): the scan is a third of a search's time at 100k chunks.
    @inline(__always)
    private static func dot(_ vectors: UnsafeBufferPointer<Float>, offset: Int, _ query: UnsafeBufferPointer<Float>,
                            _ dimensions: Int) -> Float {
        guard let rowBase = vectors.baseAddress, let queryBase = query.baseAddress else { return 0 }
        let row = UnsafeRawPointer(rowBase + offset), wanted = UnsafeRawPointer(queryBase)
        var first = SIMD8<Float>(), second = SIMD8<Float>()
        var index = 0
        while index + 16 <= dimensions {
            let bytes = index * MemoryLayout<Float>.stride
            first += row.loadUnaligned(fromByteOffset: bytes, as: SIMD8<Float>.self)
                * wanted.loadUnaligned(fromByteOffset: bytes, as: SIMD8<Float>.self)
            second += row.loadUnaligned(fromByteOffset: bytes + 32, as: SIMD8<Float>.self)
                * wanted.loadUnaligned(fromByteOffset: bytes + 32, as: SIMD8<Float>.self)
            index += 16
        }
        var sum = (first + second).sum()
        while index < dimensions {
            sum += rowBase[offset + index] * queryBase[index]
            index += 1
        }
        return sum
    }
}

/// A vector index's documents as slots of one text index (-1 where it has none), kept for the last
/// text index asked: both are rebuilt per generation, so consecutive searches ask about the same one.
private final class SlotTranslation: Sendable {
    private let last = Mutex<(build: UInt64, slots: [Int32])?>(nil)

    func slots(in textIndex: TextIndex, for documents: [DocumentID]) -> [Int32] {
        if let cached = last.withLock({ $0 }), cached.build == textIndex.buildNumber { return cached.slots }
        let slots = documents.map { textIndex.slot(of: $0) ?? -1 }
        last.withLock { $0 = (textIndex.buildNumber, slots) }
        return slots
    }
}

/// Each organization's vector index per embedding model, updated (or, when much changed, reloaded)
/// when the organization's index generation moves; a search waits for it (there is no other vector
/// ranking to fall back on).
package struct VectorIndexCache: Sendable {
    private let cache: GenerationCache<VectorIndex>
    private let repository: SearchIndexRepository

    package init(repository: SearchIndexRepository, logger: Logger = Logger(label: "ppt.search")) {
        self.repository = repository
        self.cache = GenerationCache(logger: logger)
    }

    /// The index of `model` for the organization at `generation` (read by the caller) or newer.
    package func index(organizationID: OrganizationID, model: String, generation: Int64) async throws -> VectorIndex {
        let repository = self.repository
        return try await cache.value(key: organizationID.rawValue + "\u{1F}" + model, generation: generation) {
            previous in
            // After a few documents changed, only their embeddings are read (see TextIndexCache.load).
            if let previous, let changed = try await repository.changedDocuments(
                organizationID: organizationID, after: previous.generation, through: generation),
                changed.count <= TextIndexCache.updateLimit {
                let table = try await repository.embeddings(organizationID: organizationID, model: model,
                                                            documents: changed.sorted { $0.rawValue < $1.rawValue })
                let index = previous.value.replacing(documents: changed, with: table)
                return (index, index.count)
            }
            let table = try await repository.embeddings(organizationID: organizationID, model: model)
            return (VectorIndex(model: model, table: table), table.chunkIDs.count)
        }
    }
}
