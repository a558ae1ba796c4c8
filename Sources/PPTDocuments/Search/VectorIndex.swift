import Foundation
import Logging
import PPTDomain
import PPTStorage
import Synchronization

/// An organization's embeddings of one model, in memory, scanned exhaustively. Exact (no approximate
/// index to tune or to drift), and at 100k chunks of 384 dimensions a scan is tens of millions of
/// multiply-adds: milliseconds. Memory is the vectors themselves (4 bytes per dimension per chunk).
///
/// The rows are kept in segments of up to `EmbeddingTable.rowsPerBlock`, shared between an index and
/// its update: an update copies only the segments holding rows of the changed documents (a
/// document's chunks are adjacent in id order), so it costs neither the time nor the memory of a
/// second copy of the vectors.
package struct VectorIndex: Sendable {
    package let model: String
    package let dimensions: Int
    private let segments: [VectorSegment]
    /// Documents by slot; a slot stays its document's across updates (so segments can be shared).
    private let documents: [DocumentID]
    private let documentSlots: [DocumentID: Int32]
    private let translation = SlotTranslation()

    package init(model: String, table: EmbeddingTable) {
        var documents: [DocumentID] = []
        var documentSlots: [DocumentID: Int32] = [:]
        let segments = Self.segments(of: table, documents: &documents, slots: &documentSlots)
        self.init(model: model, dimensions: table.dimensions, segments: segments, documents: documents,
                  documentSlots: documentSlots)
    }

    private init(model: String, dimensions: Int, segments: [VectorSegment], documents: [DocumentID],
                 documentSlots: [DocumentID: Int32]) {
        self.model = model
        self.dimensions = dimensions
        self.segments = segments
        self.documents = documents
        self.documentSlots = documentSlots
        self.count = segments.reduce(0) { $0 + $1.chunkIDs.count }
    }

    /// `table`'s blocks as segments, its documents given slots after those already in `documents`.
    private static func segments(of table: EmbeddingTable, documents: inout [DocumentID],
                                 slots: inout [DocumentID: Int32]) -> [VectorSegment] {
        table.blocks.enumerated().map { number, block in
            let rows = (number * EmbeddingTable.rowsPerBlock)..<min((number + 1) * EmbeddingTable.rowsPerBlock,
                                                                   table.chunkIDs.count)
            let rowSlots = table.documentIDs[rows].map { id in
                if let slot = slots[id] { return slot }
                let slot = Int32(documents.count)
                slots[id] = slot
                documents.append(id)
                return slot
            }
            return VectorSegment(chunkIDs: Array(table.chunkIDs[rows]), slots: rowSlots, vectors: block)
        }
    }

    /// Number of vectors.
    package let count: Int

    /// This index with the rows of `changed` documents replaced by `table` (their current embeddings).
    /// Segments without such rows are shared; the others are copied without them. When updates have
    /// left many small segments, they are packed again.
    package func replacing(documents changed: Set<DocumentID>, with table: EmbeddingTable) -> VectorIndex {
        let changedSlots = Set(changed.compactMap { self.documentSlots[$0] })
        let width = self.dimensions
        var segments = self.segments.compactMap { segment in
            segment.slots.contains(where: changedSlots.contains) ? segment.without(changedSlots, dimensions: width) : segment
        }
        var documents = self.documents
        var documentSlots = self.documentSlots
        // Vectors of another size (a model renamed in place) cannot be compared with these.
        if table.dimensions == dimensions || count == 0 {
            segments += Self.segments(of: table, documents: &documents, slots: &documentSlots)
        }
        let dimensions = count == 0 ? table.dimensions : self.dimensions
        let rows = segments.reduce(0) { $0 + $1.chunkIDs.count }
        if segments.count > 2 * (rows / EmbeddingTable.rowsPerBlock + 1) {
            segments = VectorSegment.packed(segments, dimensions: dimensions)
        }
        return VectorIndex(model: model, dimensions: dimensions, segments: segments, documents: documents,
                           documentSlots: documentSlots)
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
        var best: [(segment: Int, row: Int, similarity: Float)] = []
        best.reserveCapacity(limit + 1)
        var floor = minimumSimilarity
        query.withUnsafeBufferPointer { query in
            for (number, segment) in segments.enumerated() {
                segment.vectors.withUnsafeBufferPointer { vectors in
                    for row in 0..<segment.chunkIDs.count {
                        if let permitted, !permitted[Int(segment.slots[row])] { continue }
                        let similarity = Self.dot(vectors, offset: row * dimensions, query, dimensions)
                        guard similarity >= floor else { continue }
                        let position = best.firstIndex { $0.similarity < similarity } ?? best.count
                        best.insert((number, row, similarity), at: position)
                        if best.count > limit {
                            best.removeLast()
                            floor = best[best.count - 1].similarity
                        }
                    }
                }
            }
        }
        return best.map { (segments[$0.segment].chunkIDs[$0.row], $0.similarity) }
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

/// Up to `EmbeddingTable.rowsPerBlock` rows of a vector index; immutable, so indexes share them.
private final class VectorSegment: Sendable {
    let chunkIDs: [String]
    /// Document slot per row (see `VectorIndex.documents`).
    let slots: [Int32]
    /// `chunkIDs.count × dimensions` floats, row-major.
    let vectors: [Float]

    init(chunkIDs: [String], slots: [Int32], vectors: [Float]) {
        self.chunkIDs = chunkIDs
        self.slots = slots
        self.vectors = vectors
    }

    /// A copy without the rows of documents in `removed`, or `nil` when none is left.
    func without(_ removed: Set<Int32>, dimensions: Int) -> VectorSegment? {
        let kept = slots.indices.filter { !removed.contains(slots[$0]) }
        guard !kept.isEmpty else { return nil }
        var vectors: [Float] = []
        vectors.reserveCapacity(kept.count * dimensions)
        for row in kept { vectors += self.vectors[(row * dimensions)..<((row + 1) * dimensions)] }
        return VectorSegment(chunkIDs: kept.map { chunkIDs[$0] }, slots: kept.map { slots[$0] }, vectors: vectors)
    }

    /// `segments`' rows, in order, in full segments again.
    static func packed(_ segments: [VectorSegment], dimensions: Int) -> [VectorSegment] {
        var packed: [VectorSegment] = []
        var chunkIDs: [String] = [], slots: [Int32] = [], vectors: [Float] = []
        func flush() {
            guard !chunkIDs.isEmpty else { return }
            packed.append(VectorSegment(chunkIDs: chunkIDs, slots: slots, vectors: vectors))
            (chunkIDs, slots, vectors) = ([], [], [])
        }
        for segment in segments {
            for row in 0..<segment.chunkIDs.count {
                chunkIDs.append(segment.chunkIDs[row])
                slots.append(segment.slots[row])
                vectors += segment.vectors[(row * dimensions)..<((row + 1) * dimensions)]
                if chunkIDs.count == EmbeddingTable.rowsPerBlock { flush() }
            }
        }
        flush()
        return packed
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
            if let previous, let documents = try await TextIndexCache.documentsToUpdate(
                repository, organizationID, after: previous.generation, through: generation) {
                let table = try await repository.embeddings(organizationID: organizationID, model: model,
                                                            documents: documents)
                let index = previous.value.replacing(documents: Set(documents), with: table)
                return (index, index.count)
            }
            let table = try await repository.embeddings(organizationID: organizationID, model: model)
            return (VectorIndex(model: model, table: table), table.chunkIDs.count)
        }
    }
}
