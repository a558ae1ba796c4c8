import Foundation
import PPTDomain
import SQLKit

/// One indexed chunk of a document version, in reading order.
package struct SummarySourceChunk: Sendable, Hashable {
    /// The section heading the chunk is under (empty when none).
    package var heading: String
    /// The chunk's text.
    package var body: String
    /// 1-based page for paged formats.
    package var page: Int?

    /// A chunk as stored by the indexer.
    package init(heading: String, body: String, page: Int?) {
        self.heading = heading
        self.body = body
        self.page = page
    }
}

/// What a summary is made from: the readable document, its organization's default language, and the
/// search index's chunks of the current version when that version is indexed (else `nil`: extract).
package struct SummarySource: Sendable {
    /// The document (the member may read it).
    package var document: Document
    /// The organization's default locale: the summary language when the request names none.
    package var organizationLocale: AppLocale
    /// The current version's chunks, or `nil` when the index does not hold that version yet.
    package var chunks: [SummarySourceChunk]?
    /// The language the indexer detected for the current version.
    package var indexedLanguage: AppLocale?
}

/// A stored summary of one document version.
package struct StoredDocumentSummary: Sendable, Hashable {
    /// The stored row id.
    package var id: String
    /// The summarised document.
    package var documentID: DocumentID
    /// The document version summarised.
    package var version: Int
    /// The language the summary is written in.
    package var language: AppLocale
    /// `short`, `medium`, `long` or `words:<n>`.
    package var lengthKey: String
    /// `model` or `extractive`.
    package var method: String
    /// The generation request that wrote it.
    package var generationID: GenerationID
    /// The summary as the API returns it.
    package var result: JSONValue
    /// Who asked for it.
    package var createdBy: UserID
    /// When it was stored.
    package var createdAt: Date

    /// A summary to store.
    package init(id: String = UUID().uuidString.lowercased(), documentID: DocumentID, version: Int,
                 language: AppLocale, lengthKey: String, method: String, generationID: GenerationID,
                 result: JSONValue, createdBy: UserID, createdAt: Date) {
        self.id = id
        self.documentID = documentID
        self.version = version
        self.language = language
        self.lengthKey = lengthKey
        self.method = method
        self.generationID = generationID
        self.result = result
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// Document summaries: the text they are made from (the search index's chunks of the current version)
/// and the stored summaries per version and options. Every read goes through the document's access
/// check: a document the member may not read is `document.not_found`.
package struct DocumentSummaryRepository: Sendable {
    private let database: any Database

    /// The repository over `database`.
    package init(database: any Database) { self.database = database }

    /// The document if the member may read it, with the organization's locale and the indexed chunks
    /// of its current version (when indexed).
    package func source(_ scope: OrgScope, documentID: DocumentID) async throws -> SummarySource {
        try scope.require(.documentsRead)
        let org = scope.organizationID.rawValue
        return try await database.read { sql in
            let document = try await DocumentRepository.readable(sql, scope, documentID)
            let localeText = try await sql.raw("SELECT default_locale FROM organizations WHERE id = \(bind: org)")
                .first()?.string("default_locale")
            guard let locale = localeText.flatMap(AppLocale.init(rawValue:)) else {
                throw DomainError.notFound("organization")
            }
            let index = try await sql.raw("""
                SELECT state, version, language FROM document_index WHERE document_id = \(bind: documentID.rawValue)
                AND org_id = \(bind: org)
                """).first()
            var chunks: [SummarySourceChunk]?
            var language: AppLocale?
            if let index, try index.string("state") == "indexed", try index.int("version") == document.currentVersion {
                language = try index.optionalString("language").flatMap(AppLocale.init(rawValue:))
                chunks = try await sql.raw("""
                    SELECT heading, body, page FROM document_chunks WHERE document_id = \(bind: documentID.rawValue)
                    AND org_id = \(bind: org) AND version = \(bind: document.currentVersion) ORDER BY ordinal
                    """).all().map { row in
                        SummarySourceChunk(heading: try row.string("heading"), body: try row.string("body"),
                                           page: try row.decode(column: "page", as: Int?.self))
                    }
                if chunks?.isEmpty == true { chunks = nil }
            }
            return SummarySource(document: document, organizationLocale: locale, chunks: chunks,
                                 indexedLanguage: language)
        }
    }

    /// The stored summary of `version` with these options, if any (the caller checked read access).
    package func stored(_ scope: OrgScope, documentID: DocumentID, version: Int, language: AppLocale,
                        lengthKey: String, method: String?) async throws -> StoredDocumentSummary? {
        try await database.read { sql in
            var query: SQLQueryString = """
                SELECT * FROM document_summaries WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND document_id = \(bind: documentID.rawValue) AND version = \(bind: version)
                AND language = \(bind: language.rawValue) AND length_key = \(bind: lengthKey)
                """
            if let method { query += " AND method = \(bind: method)" }
            query += " ORDER BY \(Paging.millis(sql, "created_at")) DESC LIMIT 1"
            return try await sql.raw(query).first().map(Self.summary)
        }
    }

    /// Stores a summary, replacing one with the same version and options (a regeneration).
    package func save(_ scope: OrgScope, _ summary: StoredDocumentSummary) async throws {
        guard summary.createdBy == scope.userID else { throw DomainError.forbidden("A summary is stored by its author.") }
        try await database.write { sql in
            try await sql.raw("""
                INSERT INTO document_summaries (id, org_id, document_id, version, language, length_key, method,
                  generation_id, result, created_by, created_at)
                VALUES (\(bind: summary.id), \(bind: scope.organizationID.rawValue),
                  \(bind: summary.documentID.rawValue), \(bind: summary.version), \(bind: summary.language.rawValue),
                  \(bind: summary.lengthKey), \(bind: summary.method), \(bind: summary.generationID.rawValue),
                  \(bind: jsonText(summary.result)), \(bind: summary.createdBy.rawValue), \(bind: summary.createdAt))
                ON CONFLICT (org_id, document_id, version, language, length_key, method) DO UPDATE SET
                  id = excluded.id, generation_id = excluded.generation_id, result = excluded.result,
                  created_by = excluded.created_by, created_at = excluded.created_at
                """).run()
        }
    }

    /// Deletes a document's summaries inside the caller's transaction (the document is being deleted).
    package static func removeDocument(_ sql: any SQLDatabase, _ id: DocumentID, org: OrganizationID) async throws {
        try await sql.raw("""
            DELETE FROM document_summaries WHERE document_id = \(bind: id.rawValue) AND org_id = \(bind: org.rawValue)
            """).run()
    }

    private static func summary(_ row: any SQLRow) throws -> StoredDocumentSummary {
        let language = try row.string("language")
        guard let locale = AppLocale(rawValue: language) else {
            throw StoredValueError(column: "language", value: language)
        }
        return StoredDocumentSummary(
            id: try row.string("id"), documentID: try row.id("document_id"), version: try row.int("version"),
            language: locale, lengthKey: try row.string("length_key"), method: try row.string("method"),
            generationID: try row.id("generation_id"), result: try row.json("result"),
            createdBy: try row.id("created_by"), createdAt: try row.date("created_at"))
    }
}
