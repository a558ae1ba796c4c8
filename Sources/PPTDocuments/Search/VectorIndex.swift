import Foundation
import PPTDomain
import PPTStorage

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

    /// The `limit` chunks most similar to `query` (cosine; stored vectors are unit length) among the
    /// documents in `allowed` (`nil`: all), with similarity at least `minimumSimilarity`.
    package func nearest(_ query: [Float], allowed: Set<DocumentID>?, limit: Int, minimumSimilarity: Float = 0.15)
        -> [(chunkID: String, similarity: Float)]
    {
        guard query.count == dimensions, dimensions > 0, limit > 0 else { return [] }
        let query = Self.normalized(query)
        let permitted: [Bool]? = allowed.map { allowed in documents.map(allowed.contains) }
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

    @inline(__always)
    private static func dot(_ vectors: UnsafeBufferPointer<Float>, offset: Int, _ query: UnsafeBufferPointer<Float>,
                            _ dimensions: Int) -> Float {
        var (a, b, c, d): (Float, Float, Float, Float) = (0, 0, 0, 0)
        var index = 0
        while index + 4 <= dimensions {
            a += vectors[offset + index] * query[index]
            b += vectors[offset + index + 1] * query[index + 1]
            c += vectors[offset + index + 2] * query[index + 2]
            d += vectors[offset + index + 3] * query[index + 3]
            index += 4
        }
        while index < dimensions {
            a += vectors[offset + index] * query[index]
            index += 1
        }
        return (a + b) + (c + d)
    }
}

/// Each organization's vector index, reloaded when the organization's index generation moves (any
/// instance that re-indexes a document bumps it in the database).
package actor VectorIndexCache {
    private struct Entry {
        var generation: Int64
        var checked: ContinuousClock.Instant
        var index: VectorIndex
    }

    /// How long a loaded index is used without asking the database whether it changed: searches see
    /// another instance's re-indexing at most this late, and a burst of searches costs one check.
    package static let recheckInterval: Duration = .seconds(1)

    private var entries: [String: Entry] = [:]
    /// Loads in flight, so concurrent searches after a change wait for one load instead of each loading.
    private var loading: [String: Task<Entry, any Error>] = [:]
    private let repository: SearchIndexRepository

    package init(repository: SearchIndexRepository) { self.repository = repository }

    /// The current index of `model` for the organization.
    package func index(organizationID: OrganizationID, model: String) async throws -> VectorIndex {
        let key = organizationID.rawValue + "\u{1F}" + model
        let now = ContinuousClock.now
        if let entry = entries[key], now - entry.checked < Self.recheckInterval { return entry.index }
        let generation = try await repository.generation(organizationID: organizationID)
        if var entry = entries[key], entry.generation == generation {
            entry.checked = now
            entries[key] = entry
            return entry.index
        }
        if let inFlight = loading[key] { return try await inFlight.value.index }
        let repository = self.repository
        let load = Task {
            let table = try await repository.embeddings(organizationID: organizationID, model: model)
            return Entry(generation: generation, checked: .now, index: VectorIndex(model: model, table: table))
        }
        loading[key] = load
        defer { loading[key] = nil }
        let entry = try await load.value
        entries[key] = entry
        return entry.index
    }
}
