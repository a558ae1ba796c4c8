import Foundation
import PPTDomain
import SQLKit

/// A full-text match: a chunk and its rank position's raw score (engine-specific, higher is better).
package struct FullTextMatch: Sendable, Hashable {
    package var chunkID: String
    package var documentID: DocumentID
    package var score: Double

    package init(chunkID: String, documentID: DocumentID, score: Double) {
        self.chunkID = chunkID
        self.documentID = documentID
        self.score = score
    }
}

/// A stored chunk with the document facts a search result shows.
package struct StoredChunk: Sendable, Hashable {
    package var id: String
    package var documentID: DocumentID
    package var documentTitle: String
    package var version: Int
    package var ordinal: Int
    package var page: Int?
    package var heading: String
    package var body: String
    package var language: AppLocale?
}

/// Every embedding of one model in an organization (or of some of its documents), packed for a
/// brute-force vector scan in blocks of `rowsPerBlock` rows, so an index can keep the blocks as its
/// segments without copying them.
package struct EmbeddingTable: Sendable {
    /// Rows per block of `blocks`.
    package static let rowsPerBlock = 4_096

    package var chunkIDs: [String]
    package var documentIDs: [DocumentID]
    /// Block `b` holds rows `b × rowsPerBlock ..<` (up to `rowsPerBlock` of them), each `dimensions`
    /// floats, row-major.
    package var blocks: [[Float]]
    package var dimensions: Int

    package init(chunkIDs: [String] = [], documentIDs: [DocumentID] = [], blocks: [[Float]] = [], dimensions: Int = 0) {
        self.chunkIDs = chunkIDs
        self.documentIDs = documentIDs
        self.blocks = blocks
        self.dimensions = dimensions
    }
}

extension SearchIndexRepository {
    /// Chunks matching any of `terms` (folded words; three letters or more match as prefixes) among the
    /// documents the user may read, best first. The access filter is part of the query, so ranking
    /// never sees a chunk the user may not read.
    package func fullText(_ scope: OrgScope, terms: [String], limit: Int) async throws -> [FullTextMatch] {
        try scope.require(.documentsRead)
        return try await fullText(organizationID: scope.organizationID, accessKeys: scope.documentAccessKeys,
                                  terms: terms, limit: limit)
    }

    /// The same query without an access filter: the benchmark's reference.
    package func unfilteredFullText(organizationID: OrganizationID, terms: [String], limit: Int) async throws
        -> [FullTextMatch]
    {
        try await fullText(organizationID: organizationID, accessKeys: nil, terms: terms, limit: limit)
    }

    /// Passages with every word that make an any-word query unnecessary.
    package static let enoughFullMatches = 10

    /// Passages with all the words first; when they are fewer than ten, passages with any of them
    /// fill the list. Besides ranking what matches everything higher, this keeps a broad query from
    /// ranking most of the corpus (the ranking functions cost per match).
    private func fullText(organizationID: OrganizationID, accessKeys: Set<String>?, terms: [String], limit: Int)
        async throws -> [FullTextMatch]
    {
        let words = FullTextQuery.words(terms)
        guard !words.isEmpty else { return [] }
        var matches = try await fullText(organizationID, accessKeys, words, matchAll: true, limit: limit)
        // Ten passages with every word are enough to rank a page of results; only then is the broad
        // any-word query, whose ranking cost grows with its matches, skipped.
        if matches.count < min(limit, Self.enoughFullMatches), words.count > 1 {
            let found = Set(matches.map(\.chunkID))
            let any = try await fullText(organizationID, accessKeys, words, matchAll: false, limit: limit)
            matches += any.filter { !found.contains($0.chunkID) }.prefix(limit - matches.count)
        }
        return matches
    }

    private func fullText(_ organizationID: OrganizationID, _ accessKeys: Set<String>?, _ words: [String],
                          matchAll: Bool, limit: Int) async throws -> [FullTextMatch] {
        let org = organizationID.rawValue
        let dialect = self.dialect
        return try await database.read { sql in
            var query: SQLQueryString
            switch dialect {
            case .sqlite:
                query = """
                    SELECT c.id, c.document_id, -bm25(document_chunks_fts) AS score FROM document_chunks_fts
                    JOIN document_chunks c ON c.rowid = document_chunks_fts.rowid
                    WHERE document_chunks_fts MATCH \(bind: FullTextQuery.fts5(words, all: matchAll))
                    AND c.org_id = \(bind: org)
                    """
            case .postgres:
                query = """
                    SELECT c.id, c.document_id, ts_rank(c.search_vector, q, 1) AS score
                    FROM document_chunks c, to_tsquery('simple', \(bind: FullTextQuery.tsquery(words, all: matchAll))) q
                    WHERE c.search_vector @@ q AND c.org_id = \(bind: org)
                    """
            }
            if let accessKeys {
                query += """
                     AND c.document_id IN (SELECT k.document_id FROM document_access_keys k
                      WHERE k.org_id = \(bind: org) AND k.access_key IN (\(binds: accessKeys.sorted())))
                    """
            }
            query += " ORDER BY score DESC LIMIT \(bind: limit)"
            return try await sql.raw(query).all().map { row in
                FullTextMatch(chunkID: try row.string("id"), documentID: try row.id("document_id"),
                              score: try row.double("score"))
            }
        }
    }

    /// The documents of the organization that the user may read and that have chunks (the vector
    /// scan's filter); `nil` when the user may read every document (staff).
    package func readableDocumentIDs(_ scope: OrgScope) async throws -> Set<DocumentID>? {
        try scope.require(.documentsRead)
        guard let keys = scope.documentAccessKeys else { return nil }
        return try await database.read { sql in
            Set(try await sql.raw("""
                SELECT DISTINCT document_id FROM document_access_keys
                WHERE org_id = \(bind: scope.organizationID.rawValue) AND access_key IN (\(binds: keys.sorted()))
                """).all().map { try $0.id("document_id") })
        }
    }

    /// Chunks by id with their documents' titles and languages, limited to the user's organization
    /// and, again, to documents they may read.
    package func chunks(_ scope: OrgScope, ids: [String]) async throws -> [StoredChunk] {
        try scope.require(.documentsRead)
        guard !ids.isEmpty else { return [] }
        let org = scope.organizationID.rawValue
        let keys = scope.documentAccessKeys
        let dialect = self.dialect
        let rows = try await database.read { sql in
            var query: SQLQueryString = """
                SELECT c.id, c.document_id, c.version, c.ordinal, c.page, c.heading, c.body, d.title, i.language
                FROM document_chunks c JOIN documents d ON d.id = c.document_id
                LEFT JOIN document_index i ON i.document_id = c.document_id
                WHERE c.id IN (\(binds: ids)) AND
                """
            // Without statistics SQLite would scan the organization's index instead of looking ids up by
            // key; a unary plus keeps it off that index (measured: 133 ms → 0.5 ms at 100k chunks).
            if dialect == .sqlite { query += " +c.org_id = \(bind: org)" } else { query += " c.org_id = \(bind: org)" }
            if let keys {
                // Correlated, so each of the few chunks is checked by the (document_id, access_key) key
                // instead of listing every document the member may read (measured: 2.2 → 0.? ms at 100k).
                query += """
                     AND EXISTS (SELECT 1 FROM document_access_keys k WHERE k.document_id = c.document_id
                      AND k.access_key IN (\(binds: keys.sorted())))
                    """
            }
            return try await sql.raw(query).all().map { row in
                StoredChunk(
                    id: try row.string("id"), documentID: try row.id("document_id"), documentTitle: try row.string("title"),
                    version: try row.int("version"), ordinal: try row.int("ordinal"),
                    page: try row.decode(column: "page", as: Int?.self), heading: try row.string("heading"),
                    body: try row.string("body"),
                    language: try row.optionalString("language").flatMap(AppLocale.init(rawValue:)))
            }
        }
        let order = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return rows.sorted { (order[$0.id] ?? 0) < (order[$1.id] ?? 0) }
    }

    /// The organization's index generation: it changes whenever its chunks change.
    package func generation(organizationID: OrganizationID) async throws -> Int64 {
        try await database.read { sql in
            try await sql.raw("""
                SELECT generation FROM search_generations WHERE org_id = \(bind: organizationID.rawValue)
                """).first()?.int64("generation") ?? 0
        }
    }

    /// Every embedding of `model` in the organization (for the in-memory vector index), read row by row
    /// into one preallocated array so loading needs little more memory than the index itself.
    /// With `documents`, only theirs (to update an index after those documents changed).
    package func embeddings(organizationID: OrganizationID, model: String, documents: [DocumentID]? = nil)
        async throws -> EmbeddingTable
    {
        if let documents, documents.isEmpty { return EmbeddingTable() }
        let org = organizationID.rawValue
        // For a few documents, the unary pluses keep SQLite on the document index instead of the
        // organization's, which would read every embedding of the organization to test it.
        let plus = documents != nil && dialect == .sqlite ? "+" : ""
        var filter: SQLQueryString = """
            \(unsafeRaw: plus)org_id = \(bind: org) AND \(unsafeRaw: plus)embedding_model = \(bind: model)
            AND embedding IS NOT NULL
            """
        if let documents { filter += " AND document_id IN (\(binds: documents.map(\.rawValue)))" }
        let condition = filter
        return try await database.read { sql in
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM document_chunks WHERE \(condition)")
                .first()?.int("n") ?? 0
            let builder = EmbeddingTableBuilder(expectedRows: count)
            try await sql.raw("""
                SELECT id, document_id, embedding FROM document_chunks WHERE \(condition) ORDER BY id
                """).run { row in builder.append(row) }
            return try builder.table()
        }
    }
}

/// Collects embedding rows as the database streams them.
private final class EmbeddingTableBuilder: @unchecked Sendable {
    // SAFETY: SQLKit calls `run`'s row handler sequentially, and `table()` is read after `run` returns.
    private var collected = EmbeddingTable()
    private var expectedRows: Int
    private var failure: (any Error)?

    init(expectedRows: Int) { self.expectedRows = expectedRows }

    func append(_ row: any SQLRow) {
        guard failure == nil else { return }
        do {
            let data = try row.decode(column: "embedding", as: Data.self)
            let dimensions = data.count / 4
            if collected.dimensions == 0 {
                collected.dimensions = dimensions
                collected.chunkIDs.reserveCapacity(expectedRows)
                collected.documentIDs.reserveCapacity(expectedRows)
            }
            // Vectors of another size come from a model renamed in place; they cannot be compared.
            guard dimensions == collected.dimensions, dimensions > 0 else { return }
            if collected.chunkIDs.count % EmbeddingTable.rowsPerBlock == 0 {
                let rows = min(EmbeddingTable.rowsPerBlock, max(expectedRows - collected.chunkIDs.count, 1))
                collected.blocks.append([])
                collected.blocks[collected.blocks.count - 1].reserveCapacity(rows * dimensions)
            }
            VectorCoding.decode(data, into: &collected.blocks[collected.blocks.count - 1])
            collected.chunkIDs.append(try row.string("id"))
            collected.documentIDs.append(try row.id("document_id"))
        } catch {
            failure = error
        }
    }

    func table() throws -> EmbeddingTable {
        if let failure { throw failure }
        return collected
    }
}

/// Full-text query syntax per engine, from folded words.
package enum FullTextQuery {
    /// Letters and digits only (anything else would be query syntax), at most 16 words.
    package static func words(_ terms: [String]) -> [String] {
        var seen: Set<String> = []
        return terms.flatMap { $0.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init) }
            .filter { seen.insert($0).inserted }.prefix(16).map { $0 }
    }

    /// `"noc"* OR "pes"` (`AND` when `all`).
    static func fts5(_ words: [String], all: Bool) -> String {
        words.map { $0.count >= 3 ? "\"\($0)\"*" : "\"\($0)\"" }.joined(separator: all ? " AND " : " OR ")
    }

    /// `noc:* | pes` (`&` when `all`).
    static func tsquery(_ words: [String], all: Bool) -> String {
        words.map { $0.count >= 3 ? "\($0):*" : $0 }.joined(separator: all ? " & " : " | ")
    }
}
