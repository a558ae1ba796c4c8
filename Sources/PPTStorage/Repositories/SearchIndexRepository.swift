import Foundation
import PPTDomain
import SQLKit

/// A chunk ready to store: text, position and optional unit-length embedding.
package struct ChunkRecord: Sendable {
    package var ordinal: Int
    package var page: Int?
    package var heading: String
    package var body: String
    package var tokenCount: Int
    package var embedding: [Float]?

    package init(ordinal: Int, page: Int?, heading: String, body: String, tokenCount: Int, embedding: [Float]? = nil) {
        self.ordinal = ordinal
        self.page = page
        self.heading = heading
        self.body = body
        self.tokenCount = tokenCount
        self.embedding = embedding
    }
}

/// The document a worker is about to index.
package struct IndexSource: Sendable {
    package var document: Document
    package var data: Data
}

/// The search index's storage: indexing status, chunks, access keys and full-text queries.
///
/// Reads for users take an `OrgScope` and filter by its document access keys in SQL. The writing
/// methods are the indexing worker's: they run as the system for one organization, and every
/// statement is still confined to that organization's id.
package struct SearchIndexRepository: Sendable {
    let database: any Database
    private let blobs: BlobStore
    private let clock: any WallClock

    package init(database: any Database, blobs: BlobStore, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.blobs = blobs
        self.clock = clock
    }

    package var dialect: DatabaseDialect { database.dialect }

    // MARK: Status

    /// The indexing status of a document the user may read.
    package func status(_ scope: OrgScope, documentID: DocumentID) async throws -> DocumentIndexStatus {
        try scope.require(.documentsRead)
        return try await database.read { sql in
            let document = try await DocumentRepository.readable(sql, scope, documentID)
            guard let row = try await sql.raw("""
                SELECT * FROM document_index WHERE document_id = \(bind: documentID.rawValue)
                AND org_id = \(bind: scope.organizationID.rawValue)
                """).first()
            else {
                // Uploaded before search existed and not yet picked up by the backfill.
                return DocumentIndexStatus(documentID: documentID, version: document.currentVersion, state: .pending,
                                           progress: 0, queuedAt: document.updatedAt)
            }
            var status = try Self.status(row)
            if status.version < document.currentVersion {
                // A new version waits for its job; the previous version's chunks are still what search finds.
                (status.version, status.state, status.progress) = (document.currentVersion, .pending, 0)
                (status.errorCode, status.errorMessage, status.warning) = (nil, nil, nil)
                (status.queuedAt, status.startedAt, status.finishedAt) = (document.updatedAt, nil, nil)
            }
            return status
        }
    }

    /// Counts per state and the documents that failed, for the organization's search overview.
    package func overview(_ scope: OrgScope) async throws -> SearchIndexOverview {
        try scope.require(.documentsManage)
        let org = scope.organizationID.rawValue
        return try await database.read { sql in
            var counts: [String: Int] = [:]
            for row in try await sql.raw("""
                SELECT state, COUNT(*) AS n FROM document_index WHERE org_id = \(bind: org) GROUP BY state
                """).all() {
                counts[try row.string("state")] = try row.int("n")
            }
            let unindexed = try await sql.raw("""
                SELECT COUNT(*) AS n FROM documents d WHERE d.org_id = \(bind: org)
                AND NOT EXISTS (SELECT 1 FROM document_index i WHERE i.document_id = d.id)
                """).first()?.int("n") ?? 0
            counts[DocumentIndexState.pending.rawValue, default: 0] += unindexed
            let chunks = try await sql.raw("""
                SELECT COUNT(*) AS n, COUNT(embedding) AS e FROM document_chunks WHERE org_id = \(bind: org)
                """).first()
            let failed = try await sql.raw("""
                SELECT * FROM document_index WHERE org_id = \(bind: org) AND state = 'failed'
                ORDER BY finished_at DESC LIMIT 100
                """).all().map(Self.status)
            return SearchIndexOverview(
                states: DocumentIndexState.allCases.reduce(into: [:]) { $0[$1.rawValue] = counts[$1.rawValue] ?? 0 },
                chunkCount: try chunks?.int("n") ?? 0, embeddedChunks: try chunks?.int("e") ?? 0, failed: failed)
        }
    }

    static func status(_ row: any SQLRow) throws -> DocumentIndexStatus {
        DocumentIndexStatus(
            documentID: try row.id("document_id"), version: try row.int("version"), state: try row.enumValue("state"),
            progress: try row.double("progress"), method: try row.optionalString("method"),
            language: try row.optionalString("language").flatMap(AppLocale.init(rawValue:)),
            pageCount: try row.decode(column: "page_count", as: Int?.self), chunkCount: try row.int("chunk_count"),
            embeddedChunks: try row.int("embedded_chunks"), embeddingModel: try row.optionalString("embedding_model"),
            errorCode: try row.optionalString("error_code"), errorMessage: try row.optionalString("error_message"),
            warning: try row.optionalString("warning"), attempts: try row.int("attempts"),
            queuedAt: try row.date("queued_at"), startedAt: try row.optionalDate("started_at"),
            finishedAt: try row.optionalDate("finished_at"))
    }

    // MARK: Worker side

    /// Marks a document as waiting for indexing (a new version or a re-index request); keeps the
    /// chunks of the previous version searchable until the new ones replace them.
    package func markQueued(organizationID: OrganizationID, documentID: DocumentID, version: Int) async throws {
        let now = clock.now()
        try await database.write { sql in
            try await Self.markQueued(sql, organizationID: organizationID, documentID: documentID, version: version,
                                      at: now)
        }
    }

    /// `markQueued` inside the caller's transaction (an upload marks its version pending atomically).
    static func markQueued(_ sql: any SQLDatabase, organizationID: OrganizationID, documentID: DocumentID,
                           version: Int, at now: Date) async throws {
        try await sql.raw("""
            INSERT INTO document_index (document_id, org_id, version, state, progress, chunk_count, embedded_chunks,
                                        attempts, queued_at)
            VALUES (\(bind: documentID.rawValue), \(bind: organizationID.rawValue), \(bind: version), 'pending', 0,
                    0, 0, 0, \(bind: now))
            ON CONFLICT (document_id) DO UPDATE SET version = excluded.version, state = 'pending', progress = 0,
              error_code = NULL, error_message = NULL, warning = NULL, queued_at = excluded.queued_at,
              started_at = NULL, finished_at = NULL
            """).run()
    }

    /// The document and its current bytes, or `nil` when it was deleted meanwhile.
    package func source(organizationID: OrganizationID, documentID: DocumentID) async throws -> IndexSource? {
        let document = try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM documents WHERE id = \(bind: documentID.rawValue)
                AND org_id = \(bind: organizationID.rawValue)
                """).first().map(DocumentRepository.document)
        }
        guard let document else { return nil }
        guard let data = try blobs.get(document.sha256) else {
            throw StoredValueError(column: "sha256", value: "\(document.sha256) (no such blob)")
        }
        return IndexSource(document: document, data: data)
    }

    /// Records progress of the version being indexed.
    package func updateProgress(organizationID: OrganizationID, documentID: DocumentID, version: Int,
                                state: DocumentIndexState, progress: Double, startedAttempt: Bool = false) async throws {
        let now = clock.now()
        try await database.write { sql in
            try await sql.raw("""
                INSERT INTO document_index (document_id, org_id, version, state, progress, chunk_count, embedded_chunks,
                                            attempts, queued_at, started_at)
                VALUES (\(bind: documentID.rawValue), \(bind: organizationID.rawValue), \(bind: version),
                        \(bind: state.rawValue), \(bind: progress), 0, 0, 1, \(bind: now), \(bind: now))
                ON CONFLICT (document_id) DO UPDATE SET version = excluded.version, state = excluded.state,
                  progress = excluded.progress,
                  attempts = document_index.attempts + \(bind: startedAttempt ? 1 : 0),
                  started_at = COALESCE(document_index.started_at, excluded.started_at)
                """).run()
        }
    }

    /// Records that indexing `version` failed; earlier chunks (if any) stay searchable.
    package func markFailed(organizationID: OrganizationID, documentID: DocumentID, version: Int, code: String,
                            message: String, method: String? = nil) async throws {
        let now = clock.now()
        try await database.write { sql in
            try await sql.raw("""
                UPDATE document_index SET state = 'failed', progress = 1, error_code = \(bind: code),
                  error_message = \(bind: String(message.prefix(1000))), method = \(bind: method),
                  finished_at = \(bind: now)
                WHERE document_id = \(bind: documentID.rawValue) AND org_id = \(bind: organizationID.rawValue)
                  AND version = \(bind: version)
                """).run()
        }
    }

    /// Replaces the document's chunks with those of `version`, refreshes its access keys and marks it
    /// indexed, in one transaction: a search sees either the old chunks or the new ones.
    package func replaceChunks(_ document: Document, version: Int, chunks: [ChunkRecord], result: IndexResult)
        async throws
    {
        let now = clock.now()
        let (org, id) = (document.organizationID.rawValue, document.id.rawValue)
        let dialect = database.dialect
        try await database.write { sql in
            // The document may have been deleted or moved on to a newer version meanwhile.
            guard let row = try await sql.raw("""
                SELECT current_version FROM documents WHERE id = \(bind: id) AND org_id = \(bind: org)
                """).first(), try row.int("current_version") == version else { return }
            try await Self.deleteChunks(sql, dialect: dialect, documentID: document.id)
            for chunk in chunks {
                let chunkID = "\(id):\(version):\(chunk.ordinal)"
                let folded = SearchText.fold(chunk.heading + "\n" + chunk.body)
                let embedding = chunk.embedding.map(VectorCoding.encode)
                let model = chunk.embedding == nil ? nil : result.embeddingModel
                var insert: SQLQueryString = """
                    INSERT INTO document_chunks (id, org_id, document_id, version, ordinal, page, heading, body,
                                                 token_count, embedding, embedding_model, created_at
                    """
                insert += dialect == .postgres ? ", search_vector) " : ") "
                insert += """
                    VALUES (\(bind: chunkID), \(bind: org), \(bind: id), \(bind: version), \(bind: chunk.ordinal),
                            \(bind: chunk.page), \(bind: chunk.heading), \(bind: chunk.body), \(bind: chunk.tokenCount),
                            \(bind: embedding), \(bind: model), \(bind: now)
                    """
                insert += dialect == .postgres ? ", to_tsvector('simple', \(bind: folded)))" : ")"
                try await sql.raw(insert).run()
                if dialect == .sqlite {
                    try await sql.raw("""
                        INSERT INTO document_chunks_fts (rowid, content)
                        VALUES ((SELECT rowid FROM document_chunks WHERE id = \(bind: chunkID)), \(bind: folded))
                        """).run()
                }
            }
            try await Self.writeAccessKeys(sql, document)
            try await sql.raw("""
                UPDATE document_index SET version = \(bind: version), state = 'indexed', progress = 1,
                  method = \(bind: result.method), language = \(bind: result.language?.rawValue),
                  page_count = \(bind: result.pageCount), chunk_count = \(bind: chunks.count),
                  embedded_chunks = \(bind: chunks.count { $0.embedding != nil }),
                  embedding_model = \(bind: result.embeddingModel), error_code = NULL, error_message = NULL,
                  warning = \(bind: result.warning), finished_at = \(bind: now)
                WHERE document_id = \(bind: id) AND org_id = \(bind: org)
                """).run()
        }
    }

    /// Documents that need indexing and may have no job to do it, across organizations (the backfill
    /// scan), at most `limit`: never indexed (stored before search existed), or pending since before
    /// `staleBefore` (their job was lost or dead-lettered).
    package func documentsNeedingIndex(staleBefore: Date, limit: Int = 500) async throws
        -> [(OrganizationID, DocumentID, Int)]
    {
        try await database.read { sql in
            try await sql.raw("""
                SELECT d.org_id, d.id, d.current_version FROM documents d
                LEFT JOIN document_index i ON i.document_id = d.id
                WHERE i.document_id IS NULL OR (i.state IN ('pending', 'extracting', 'embedding')
                  AND i.queued_at < \(bind: staleBefore))
                ORDER BY d.created_at LIMIT \(bind: limit)
                """).all().map { row in
                (try row.id("org_id"), try row.id("id"), try row.int("current_version"))
            }
        }
    }

    // MARK: Shared with DocumentRepository

    /// Rewrites the keys a document is filed under, in the transaction that changes its access or its
    /// chunks, and bumps the organization's index generation: in-memory indexes hold the keys too.
    static func writeAccessKeys(_ sql: any SQLDatabase, _ document: Document) async throws {
        try await sql.raw("""
            DELETE FROM document_access_keys WHERE document_id = \(bind: document.id.rawValue)
            AND org_id = \(bind: document.organizationID.rawValue)
            """).run()
        for key in document.access.accessKeys(uploadedBy: document.uploadedBy).sorted() {
            try await sql.raw("""
                INSERT INTO document_access_keys (document_id, org_id, access_key)
                VALUES (\(bind: document.id.rawValue), \(bind: document.organizationID.rawValue), \(bind: key))
                """).run()
        }
        try await bumpGeneration(sql, org: document.organizationID, document: document.id)
    }

    /// Removes a document from the index entirely (the document is being deleted).
    static func removeDocument(_ sql: any SQLDatabase, dialect: DatabaseDialect, _ id: DocumentID,
                               org: OrganizationID) async throws {
        try await deleteChunks(sql, dialect: dialect, documentID: id)
        try await sql.raw("DELETE FROM document_access_keys WHERE document_id = \(bind: id.rawValue)").run()
        try await sql.raw("DELETE FROM document_index WHERE document_id = \(bind: id.rawValue)").run()
        try await bumpGeneration(sql, org: org, document: id)
    }

    private static func deleteChunks(_ sql: any SQLDatabase, dialect: DatabaseDialect, documentID: DocumentID)
        async throws
    {
        if dialect == .sqlite {
            try await sql.raw("""
                DELETE FROM document_chunks_fts WHERE rowid IN
                  (SELECT rowid FROM document_chunks WHERE document_id = \(bind: documentID.rawValue))
                """).run()
        }
        try await sql.raw("DELETE FROM document_chunks WHERE document_id = \(bind: documentID.rawValue)").run()
    }

    /// Generations of changes kept per organization (see `changedDocuments`).
    package static let keptChanges: Int64 = 10_000

    /// Moves the organization's index generation on and records that `document` changed in it.
    private static func bumpGeneration(_ sql: any SQLDatabase, org: OrganizationID, document: DocumentID)
        async throws
    {
        guard let row = try await sql.raw("""
            INSERT INTO search_generations (org_id, generation) VALUES (\(bind: org.rawValue), 1)
            ON CONFLICT (org_id) DO UPDATE SET generation = search_generations.generation + 1
            RETURNING generation
            """).first() else { return }
        let generation = try row.int64("generation")
        try await sql.raw("""
            INSERT INTO search_changes (org_id, generation, document_id)
            VALUES (\(bind: org.rawValue), \(bind: generation), \(bind: document.rawValue))
            """).run()
        try await sql.raw("""
            DELETE FROM search_changes WHERE org_id = \(bind: org.rawValue)
            AND generation <= \(bind: generation - keptChanges)
            """).run()
    }
}

/// What indexing found, stored with the chunks.
package struct IndexResult: Sendable {
    package var method: String
    package var language: AppLocale?
    package var pageCount: Int?
    package var embeddingModel: String?
    package var warning: String?

    package init(method: String, language: AppLocale?, pageCount: Int?, embeddingModel: String?, warning: String?) {
        self.method = method
        self.language = language
        self.pageCount = pageCount
        self.embeddingModel = embeddingModel
        self.warning = warning
    }
}

/// The organization's index at a glance.
package struct SearchIndexOverview: Codable, Sendable {
    /// Documents per state (`pending`, `extracting`, `embedding`, `indexed`, `failed`).
    package var states: [String: Int]
    package var chunkCount: Int
    package var embeddedChunks: Int
    /// The most recent failures.
    package var failed: [DocumentIndexStatus]
}

/// Embeddings as little-endian 32-bit floats.
package enum VectorCoding {
    package static func encode(_ vector: [Float]) -> Data {
        var data = Data(capacity: vector.count * 4)
        for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// Appends the floats of `data` to `buffer`; returns how many it appended.
    @discardableResult
    package static func decode(_ data: Data, into buffer: inout [Float]) -> Int {
        let count = data.count / 4
        data.withUnsafeBytes { raw in
            for index in 0..<count {
                buffer.append(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4,
                                                                                         as: UInt32.self))))
            }
        }
        return count
    }
}
