import Foundation
import PPTDomain
import SQLKit

/// One stored chunk's searchable text, as the in-memory full-text index reads it.
package struct ChunkText: Sendable {
    package var chunkID: String
    package var documentID: DocumentID
    /// The heading and the body, as the database's full-text index holds them (before folding).
    package var text: String
}

extension SearchIndexRepository {
    /// The number of chunks stored for the organization.
    package func chunkCount(organizationID: OrganizationID) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("""
                SELECT COUNT(*) AS n FROM document_chunks WHERE org_id = \(bind: organizationID.rawValue)
                """).first()?.int("n") ?? 0
        }
    }

    /// The organization's chunks in id order, `limit` at a time after the chunk `after` (keyset paging,
    /// so a reader can work between pages off the database's threads and never holds all the text).
    package func chunkTexts(organizationID: OrganizationID, after: String?, limit: Int) async throws -> [ChunkText] {
        // The unary plus keeps SQLite on the primary key, read in order from `after`, instead of sorting
        // the organization's chunks for every page (it has no statistics to know better).
        let column = dialect == .sqlite ? "+org_id" : "org_id"
        return try await database.read { sql in
            var query: SQLQueryString = """
                SELECT id, document_id, heading, body FROM document_chunks
                WHERE \(unsafeRaw: column) = \(bind: organizationID.rawValue)
                """
            if let after { query += " AND id > \(bind: after)" }
            query += " ORDER BY id LIMIT \(bind: limit)"
            return try await sql.raw(query).all().map { row in
                ChunkText(chunkID: try row.string("id"), documentID: try row.id("document_id"),
                          text: try row.string("heading") + "\n" + row.string("body"))
            }
        }
    }

    /// The chunks of `documents` (their current ones; none for a deleted document), in id order.
    package func chunkTexts(organizationID: OrganizationID, documents: [DocumentID]) async throws -> [ChunkText] {
        guard !documents.isEmpty else { return [] }
        // On the document index (see `embeddings(organizationID:model:documents:)`).
        let column = dialect == .sqlite ? "+org_id" : "org_id"
        return try await database.read { sql in
            try await sql.raw("""
                SELECT id, document_id, heading, body FROM document_chunks
                WHERE \(unsafeRaw: column) = \(bind: organizationID.rawValue)
                AND document_id IN (\(binds: documents.map(\.rawValue))) ORDER BY id
                """).all().map { row in
                ChunkText(chunkID: try row.string("id"), documentID: try row.id("document_id"),
                          text: try row.string("heading") + "\n" + row.string("body"))
            }
        }
    }

    /// The keys each document of the organization (or of `documents` only) is filed under (see
    /// `DocumentAccess.accessKeys`).
    package func documentAccessKeys(organizationID: OrganizationID, documents: [DocumentID]? = nil) async throws
        -> [DocumentID: [String]]
    {
        if let documents, documents.isEmpty { return [:] }
        return try await database.read { sql in
            var query: SQLQueryString = """
                SELECT document_id, access_key FROM document_access_keys
                WHERE org_id = \(bind: organizationID.rawValue)
                """
            if let documents { query += " AND document_id IN (\(binds: documents.map(\.rawValue)))" }
            var keys: [DocumentID: [String]] = [:]
            for row in try await sql.raw(query).all() {
                keys[try row.id("document_id"), default: []].append(try row.string("access_key"))
            }
            return keys
        }
    }

    /// The documents whose chunks or access changed after generation `after` up to `through`, or `nil`
    /// when the record of changes no longer reaches back that far (the index must be rebuilt whole).
    package func changedDocuments(organizationID: OrganizationID, after: Int64, through: Int64) async throws
        -> Set<DocumentID>?
    {
        guard through > after else { return [] }
        guard through - after < Self.keptChanges else { return nil }
        return try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT generation, document_id FROM search_changes WHERE org_id = \(bind: organizationID.rawValue)
                AND generation > \(bind: after) AND generation <= \(bind: through)
                """).all()
            // Every generation in the range must be there; one missing means it was pruned or not recorded.
            guard rows.count == Int(through - after) else { return nil }
            return Set(try rows.map { try $0.id("document_id") })
        }
    }
}
