/// Stored document summaries: one per document version, language, length and method (model or
/// extractive), with the generation request that produced it. A new document version makes the
/// stored ones stale (they are looked up by the current version); the document itself is never
/// modified. No foreign key to `documents`, so deleting a document is not blocked by its summaries
/// (`DocumentSummaryRepository.removeDocument` deletes them with it).
let m009Summaries = Migration(version: 9, name: "summaries", statements: [
    """
    CREATE TABLE document_summaries (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      document_id TEXT NOT NULL, version INTEGER NOT NULL, language TEXT NOT NULL, length_key TEXT NOT NULL,
      method TEXT NOT NULL, generation_id TEXT NOT NULL REFERENCES generations(id), result TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), created_at {TIMESTAMP} NOT NULL,
      UNIQUE (org_id, document_id, version, language, length_key, method))
    """,
])
