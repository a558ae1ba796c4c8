import Foundation
import PPTDocuments
import PPTDomain
import PPTStorage
import Testing

/// The vector index's segments: an update shares what did not change and finds what a whole load finds.
@Suite("In-memory vector index")
struct VectorIndexTests {
    private static let dimensions = 6

    /// Rows of generated vectors for `documents`, remembered in `vectors` by chunk id.
    private static func table(_ documents: [(DocumentID, rows: Int)], _ random: inout SeededRandom,
                              _ vectors: inout [String: [Float]]) -> EmbeddingTable {
        var table = EmbeddingTable(dimensions: dimensions)
        for (document, rows) in documents {
            for row in 0..<rows {
                if table.chunkIDs.count % EmbeddingTable.rowsPerBlock == 0 { table.blocks.append([]) }
                let vector = VectorIndex.normalized((0..<dimensions).map { _ in Float(random.next() % 2_000) / 1_000 - 1 })
                let chunkID = "\(document.rawValue):\(rows):\(row)"
                vectors[chunkID] = vector
                table.blocks[table.blocks.count - 1] += vector
                table.chunkIDs.append(chunkID)
                table.documentIDs.append(document)
            }
        }
        return table
    }

    /// A whole load of `documents`' current rows, from the remembered vectors.
    private static func reference(_ documents: [(DocumentID, rows: Int)], _ vectors: [String: [Float]]) -> VectorIndex {
        var table = EmbeddingTable(dimensions: dimensions)
        for (document, rows) in documents {
            for row in 0..<rows {
                if table.chunkIDs.count % EmbeddingTable.rowsPerBlock == 0 { table.blocks.append([]) }
                let chunkID = "\(document.rawValue):\(rows):\(row)"
                table.blocks[table.blocks.count - 1] += vectors[chunkID] ?? []
                table.chunkIDs.append(chunkID)
                table.documentIDs.append(document)
            }
        }
        return VectorIndex(model: "m", table: table)
    }

    @Test("Updates across many segments rank exactly as a whole load of the same rows, again and again")
    func updates() {
        var random = SeededRandom(seed: 42)
        var vectors: [String: [Float]] = [:]
        var documents = (0..<900).map { (DocumentID(trusted: String(format: "d%05d", $0)), rows: 3 + $0 % 17) }
        var index = VectorIndex(model: "m", table: Self.table(documents, &random, &vectors))
        #expect(index.count == documents.reduce(0) { $0 + $1.rows } && index.count > 2 * EmbeddingTable.rowsPerBlock)
        for round in 0..<30 {
            // A deleted document, a changed one (new rows), a new one.
            let deleted = documents.remove(at: Int(random.next() % UInt64(documents.count))).0
            let changedAt = Int(random.next() % UInt64(documents.count))
            documents[changedAt].rows = 1 + Int(random.next() % 30) + 17
            let added = (DocumentID(trusted: "n\(round)"), rows: 5 + round)
            documents.append(added)
            let replacement = Self.table([documents[changedAt], added], &random, &vectors)
            index = index.replacing(documents: [deleted, documents[changedAt].0, added.0], with: replacement)
            let whole = Self.reference(documents, vectors)
            #expect(index.count == whole.count, "round \(round)")
            for _ in 0..<3 {
                let query = (0..<Self.dimensions).map { _ in Float(random.next() % 2_000) / 1_000 - 1 }
                let mine = index.nearest(query, allowed: nil, limit: 50, minimumSimilarity: -2)
                let expected = whole.nearest(query, allowed: nil, limit: 50, minimumSimilarity: -2)
                #expect(mine.map(\.chunkID) == expected.map(\.chunkID), "round \(round)")
                let some: Set<DocumentID> = [documents[0].0, documents[changedAt].0, added.0]
                let filtered = index.nearest(query, allowed: some, limit: 1_000, minimumSimilarity: -2)
                #expect(filtered.count == documents[0].rows + documents[changedAt].rows + added.rows)
                #expect(Set(filtered.map(\.chunkID)).count == filtered.count)
            }
        }
    }
}
