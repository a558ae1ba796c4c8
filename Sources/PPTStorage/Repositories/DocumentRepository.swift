import Foundation
import PPTDomain
import SQLKit

/// Documents: metadata, versions and access scope in the database, bytes in the content-addressed
/// `BlobStore`. Every read checks `DocumentAccess.allows`; a document the user may not read is `notFound`.
package struct DocumentRepository: Sendable {
    /// The default upload limit: 25 MB.
    package static let defaultMaxUploadBytes = 25 * 1024 * 1024

    private let database: any Database
    private let blobs: BlobStore
    private let clock: any WallClock
    /// The largest file accepted, in bytes; the HTTP layer reads request bodies up to about this size.
    package let maxUploadBytes: Int

    package init(database: any Database, blobs: BlobStore, clock: any WallClock = SystemWallClock(),
                 maxUploadBytes: Int = DocumentRepository.defaultMaxUploadBytes) {
        self.database = database
        self.blobs = blobs
        self.clock = clock
        self.maxUploadBytes = maxUploadBytes
    }

    static func document(_ r: any SQLRow) throws -> Document {
        let language: AppLocale? = try r.optionalString("language").map { raw in
            guard let locale = AppLocale(rawValue: raw) else { throw StoredValueError(column: "language", value: raw) }
            return locale
        }
        return Document(
            id: try r.id("id"), organizationID: try r.id("org_id"), title: try r.string("title"),
            category: try r.string("category"), folder: try r.string("folder"), language: language,
            access: try r.json("access"), currentVersion: try r.int("current_version"),
            fileName: try r.string("file_name"), contentType: try r.string("content_type"),
            sizeBytes: try r.int64("size_bytes"), sha256: try r.string("sha256"), uploadedBy: try r.id("uploaded_by"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }

    static func version(_ r: any SQLRow) throws -> DocumentVersion {
        DocumentVersion(
            documentID: try r.id("document_id"), version: try r.int("version"), fileName: try r.string("file_name"),
            contentType: try r.string("content_type"), sizeBytes: try r.int64("size_bytes"),
            sha256: try r.string("sha256"), uploadedBy: try r.id("uploaded_by"), createdAt: try r.date("created_at"))
    }

    // MARK: Reads

    /// Documents the user may read, newest first, optionally narrowed by folder, category and title words.
    ///
    /// Access scopes are JSON, which SQL cannot filter portably, so candidate rows are read in batches
    /// after the cursor and filtered here until the page is full or the rows run out.
    package func documents(_ scope: OrgScope, filter: DocumentFilter = DocumentFilter(), page: PageRequest)
        async throws -> Page<Document>
    {
        try scope.require(.documentsRead)
        let terms = SearchText.terms(filter.text)
        let batch = max(page.limit + 1, 100)
        return try await database.read { sql in
            var visible: [Document] = []
            var position = page.cursor
            while visible.count <= page.limit {
                var q: SQLQueryString = "SELECT * FROM documents WHERE org_id = \(bind: scope.organizationID.rawValue)"
                if let folder = filter.folder {
                    q += " AND folder = \(bind: DocumentMetadataInput.normalize(folder: folder))"
                }
                if let category = filter.category { q += " AND category = \(bind: category)" }
                q += Paging.after(sql, PageRequest(cursor: position), timeColumn: "created_at")
                q += " ORDER BY \(Paging.millis(sql, "created_at")) DESC, id DESC LIMIT \(bind: batch)"
                let rows = try await sql.raw(q).all().map(Self.document)
                visible += rows.filter { document in
                    let title = SearchText.fold(document.title)
                    return document.access.allows(scope, uploadedBy: document.uploadedBy)
                        && terms.allSatisfy { title.contains($0) }
                }
                guard rows.count == batch, let last = rows.last else { break }
                position = Cursor(time: last.createdAt, id: last.id.rawValue)
            }
            return Paging.page(visible, page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// One document.
    package func document(_ scope: OrgScope, id: DocumentID) async throws -> Document {
        try scope.require(.documentsRead)
        return try await database.read { sql in try await Self.readable(sql, scope, id) }
    }

    /// The document if it is in the organization and the user may read it; otherwise `notFound`.
    static func readable(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: DocumentID) async throws -> Document {
        guard let row = try await sql.raw("""
            SELECT * FROM documents WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """).first() else { throw DomainError.notFound("document") }
        let document = try Self.document(row)
        guard document.access.allows(scope, uploadedBy: document.uploadedBy) else {
            throw DomainError.notFound("document")
        }
        return document
    }

    /// Whether document `id` exists in the organization and `scope` may read it.
    package static func exists(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: DocumentID) async throws -> Bool {
        do {
            _ = try await readable(sql, scope, id)
            return true
        } catch let error as DomainError where error.kind == .notFound {
            return false
        }
    }

    /// Every version of a document, newest first.
    package func versions(_ scope: OrgScope, id: DocumentID) async throws -> [DocumentVersion] {
        try scope.require(.documentsRead)
        return try await database.read { sql in
            _ = try await Self.readable(sql, scope, id)
            return try await sql.raw("""
                SELECT * FROM document_versions WHERE document_id = \(bind: id.rawValue)
                AND org_id = \(bind: scope.organizationID.rawValue) ORDER BY version DESC
                """).all().map(Self.version)
        }
    }

    /// The bytes of the current version, or of `version`.
    package func download(_ scope: OrgScope, id: DocumentID, version: Int? = nil) async throws -> DocumentDownload {
        try scope.require(.documentsRead)
        let stored = try await database.read { sql in
            let document = try await Self.readable(sql, scope, id)
            guard let version, version != document.currentVersion else {
                return DocumentVersion(
                    documentID: id, version: document.currentVersion, fileName: document.fileName,
                    contentType: document.contentType, sizeBytes: document.sizeBytes, sha256: document.sha256,
                    uploadedBy: document.uploadedBy, createdAt: document.updatedAt)
            }
            guard let row = try await sql.raw("""
                SELECT * FROM document_versions WHERE document_id = \(bind: id.rawValue) AND version = \(bind: version)
                AND org_id = \(bind: scope.organizationID.rawValue)
                """).first() else { throw DomainError.notFound("document_version") }
            return try Self.version(row)
        }
        guard let data = try blobs.get(stored.sha256) else {
            throw StoredValueError(column: "sha256", value: "\(stored.sha256) (no such blob)")
        }
        return DocumentDownload(data: data, contentType: stored.contentType, fileName: stored.fileName,
                                version: stored.version, sha256: stored.sha256)
    }

    // MARK: Writes

    /// Stores a new document (version 1) and emits `document_uploaded`.
    package func upload(_ scope: OrgScope, _ metadata: DocumentMetadataInput, file: DocumentFile) async throws
        -> Document
    {
        try scope.require(.documentsUpload)
        try metadata.validate()
        let stored = try store(file)
        let now = clock.now()
        return try await database.write { sql in try await Self.insert(sql, scope, metadata, stored, at: now) }
    }

    /// Stores new bytes as the next version (by the uploader or a document manager) and emits
    /// `document_uploaded` with the new version number.
    package func uploadVersion(_ scope: OrgScope, id: DocumentID, file: DocumentFile) async throws -> Document {
        try scope.require(.documentsUpload)
        let stored = try store(file)
        let now = clock.now()
        return try await database.write { sql in try await Self.insertVersion(sql, scope, id: id, stored, at: now) }
    }

    /// Validates `file` and puts its bytes in the blob store, ready for `insert` or `insertVersion`
    /// inside a caller's transaction. Blobs are content-addressed, so bytes stored for a transaction
    /// that then rolls back are harmless.
    package func store(_ file: DocumentFile) throws -> StoredDocumentFile {
        let format = try file.validate(maxBytes: maxUploadBytes)
        let sha = try blobs.put(file.data)
        return StoredDocumentFile(fileName: file.fileName, contentType: format.rawValue,
                                  sizeBytes: Int64(file.data.count), sha256: sha)
    }

    /// Records a new document of stored bytes on `sql` (inside a caller's transaction).
    package static func insert(_ sql: any SQLDatabase, _ scope: OrgScope, _ metadata: DocumentMetadataInput,
                               _ file: StoredDocumentFile, at now: Date) async throws -> Document {
        try scope.require(.documentsUpload)
        try metadata.validate()
        let document = Document(
            id: .init(), organizationID: scope.organizationID, title: metadata.title, category: metadata.category,
            folder: metadata.normalizedFolder, language: metadata.language, access: metadata.effectiveAccess,
            currentVersion: 1, fileName: file.fileName, contentType: file.contentType,
            sizeBytes: file.sizeBytes, sha256: file.sha256, uploadedBy: scope.userID, createdAt: now, updatedAt: now)
        try await checkTargets(sql, scope, document.access)
        try await sql.raw("""
            INSERT INTO documents (id, org_id, title, category, folder, language, access, current_version,
                                   file_name, content_type, size_bytes, sha256, uploaded_by, created_at, updated_at)
            VALUES (\(bind: document.id.rawValue), \(bind: document.organizationID.rawValue),
                    \(bind: document.title), \(bind: document.category), \(bind: document.folder),
                    \(bind: document.language?.rawValue), \(bind: jsonText(document.access)), 1,
                    \(bind: document.fileName), \(bind: document.contentType), \(bind: document.sizeBytes),
                    \(bind: file.sha256), \(bind: scope.userID.rawValue), \(bind: now), \(bind: now))
            """).run()
        try await recordVersion(sql, document, by: scope.userID, at: now)
        try await SearchIndexRepository.writeAccessKeys(sql, document)
        return document
    }

    /// Records stored bytes as the next version of document `id` on `sql` (inside a caller's transaction).
    package static func insertVersion(_ sql: any SQLDatabase, _ scope: OrgScope, id: DocumentID,
                                      _ file: StoredDocumentFile, at now: Date) async throws -> Document {
        try scope.require(.documentsUpload)
        var document = try await readable(sql, scope, id)
        try requireOwnerOrManager(scope, document)
        // Incrementing in SQL serialises concurrent uploads on the row lock (PostgreSQL) instead of
        // letting two of them claim the same version number.
        guard let row = try await sql.raw("""
            UPDATE documents SET current_version = current_version + 1, file_name = \(bind: file.fileName),
              content_type = \(bind: file.contentType), size_bytes = \(bind: file.sizeBytes),
              sha256 = \(bind: file.sha256), updated_at = \(bind: now)
            WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            RETURNING current_version
            """).first() else { throw DomainError.notFound("document") }
        document.currentVersion = try row.int("current_version")
        (document.fileName, document.contentType, document.sizeBytes) = (file.fileName, file.contentType, file.sizeBytes)
        (document.sha256, document.updatedAt) = (file.sha256, now)
        try await recordVersion(sql, document, by: scope.userID, at: now)
        return document
    }

    /// Replaces title, category, folder, language and access (by the uploader or a document manager).
    package func updateMetadata(_ scope: OrgScope, id: DocumentID, _ input: DocumentMetadataInput) async throws
        -> Document
    {
        try scope.require(.documentsRead)
        try input.validate()
        let now = clock.now()
        return try await database.write { sql in
            var document = try await Self.readable(sql, scope, id)
            try Self.requireOwnerOrManager(scope, document)
            try await Self.checkTargets(sql, scope, input.effectiveAccess)
            (document.title, document.category, document.folder) = (input.title, input.category, input.normalizedFolder)
            (document.language, document.access, document.updatedAt) = (input.language, input.effectiveAccess, now)
            try await sql.raw("""
                UPDATE documents SET title = \(bind: document.title), category = \(bind: document.category),
                  folder = \(bind: document.folder), language = \(bind: document.language?.rawValue),
                  access = \(bind: jsonText(document.access)), updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            // Search filters by these keys, so the new access applies to retrieval at once.
            try await SearchIndexRepository.writeAccessKeys(sql, document)
            return document
        }
    }

    /// Deletes a document, its version rows, its search index entries and its stored summaries. Blobs
    /// stay: they are content-addressed and may be shared.
    package func delete(_ scope: OrgScope, id: DocumentID) async throws {
        try scope.require(.documentsManage)
        let dialect = database.dialect
        try await database.write { sql in
            _ = try await Self.readable(sql, scope, id)
            try await SearchIndexRepository.removeDocument(sql, dialect: dialect, id, org: scope.organizationID)
            try await DocumentSummaryRepository.removeDocument(sql, id, org: scope.organizationID)
            try await sql.raw("""
                DELETE FROM document_versions WHERE document_id = \(bind: id.rawValue)
                AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            try await sql.raw("""
                DELETE FROM documents WHERE id = \(bind: id.rawValue)
                AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
        }
    }

    // MARK: Helpers

    private static func requireOwnerOrManager(_ scope: OrgScope, _ document: Document) throws {
        guard scope.can(.documentsManage) || (scope.userID == document.uploadedBy && scope.can(.documentsUpload))
        else { throw DomainError.forbidden("Only the uploader or a document manager may change this document.") }
    }

    /// Writes the version row of `document.currentVersion` and its `document_uploaded` event.
    private static func recordVersion(_ sql: any SQLDatabase, _ document: Document, by user: UserID, at now: Date)
        async throws
    {
        try await sql.raw("""
            INSERT INTO document_versions (document_id, org_id, version, file_name, content_type, size_bytes, sha256,
                                           uploaded_by, created_at)
            VALUES (\(bind: document.id.rawValue), \(bind: document.organizationID.rawValue),
                    \(bind: document.currentVersion), \(bind: document.fileName), \(bind: document.contentType),
                    \(bind: document.sizeBytes), \(bind: document.sha256), \(bind: user.rawValue), \(bind: now))
            """).run()
        let event = DomainEvent(
            type: .documentUploaded, organizationID: document.organizationID, aggregateType: "document",
            aggregateID: document.id.rawValue,
            payload: ["documentID": .id(document.id), "title": .string(document.title),
                      "version": .int(Int64(document.currentVersion)), "contentType": .string(document.contentType),
                      "sizeBytes": .int(document.sizeBytes), "category": .string(document.category)])
        try await Outbox.append(event, at: now, on: sql)
        // Searchable state is "pending" from the moment the version exists; the indexer's job follows the event.
        try await SearchIndexRepository.markQueued(sql, organizationID: document.organizationID, documentID: document.id,
                                                   version: document.currentVersion, at: now)
    }

    /// Checks that the buildings, units and users an access scope names belong to the organization.
    private static func checkTargets(_ sql: any SQLDatabase, _ scope: OrgScope, _ access: DocumentAccess)
        async throws
    {
        let org = scope.organizationID.rawValue
        let checks: [(ids: [String], table: String, column: String, pointer: String)] = [
            (access.buildingIDs.map(\.rawValue), "buildings", "id", "/access/buildingIDs"),
            (access.unitIDs.map(\.rawValue), "units", "id", "/access/unitIDs"),
            (access.userIDs.map(\.rawValue), "memberships", "user_id", "/access/userIDs"),
        ]
        for check in checks where !check.ids.isEmpty {
            let found = try await sql.raw("""
                SELECT COUNT(*) AS n FROM \(ident: check.table) WHERE org_id = \(bind: org)
                AND \(ident: check.column) IN (\(binds: check.ids))
                """).first()?.int("n") ?? 0
            if found != check.ids.count {
                throw DomainError.invalid(check.pointer, "names an id that is not in this organization")
            }
        }
    }
}

/// A validated file whose bytes are in the blob store: what `DocumentRepository.insert` and
/// `insertVersion` record.
package struct StoredDocumentFile: Sendable, Hashable {
    package let fileName: String
    package let contentType: String
    package let sizeBytes: Int64
    package let sha256: String
}
