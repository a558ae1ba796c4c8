/// Document search: per-document indexing status, the chunks of extracted text with their optional
/// embeddings, the access keys each document is filed under (so retrieval filters by access in SQL,
/// before ranking), a per-organization generation counter that in-memory vector indexes compare
/// against, and the full-text index — FTS5 on SQLite, a `tsvector` with a GIN index on PostgreSQL,
/// both over text folded to lower case without diacritics. The FTS5 table is contentless (the text is
/// in `document_chunks.body`) and shares its rowids with `document_chunks`.
let m006Search = Migration(version: 6, name: "search", statements: [
    """
    CREATE TABLE document_index (document_id TEXT PRIMARY KEY REFERENCES documents(id),
      org_id TEXT NOT NULL REFERENCES organizations(id), version INTEGER NOT NULL, state TEXT NOT NULL,
      progress {DOUBLE} NOT NULL, method TEXT, language TEXT, page_count INTEGER, chunk_count INTEGER NOT NULL,
      embedded_chunks INTEGER NOT NULL, embedding_model TEXT, error_code TEXT, error_message TEXT, warning TEXT,
      attempts INTEGER NOT NULL, queued_at {TIMESTAMP} NOT NULL, started_at {TIMESTAMP}, finished_at {TIMESTAMP})
    """,
    "CREATE INDEX document_index_org_state ON document_index (org_id, state)",
    """
    CREATE TABLE document_chunks (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      document_id TEXT NOT NULL REFERENCES documents(id), version INTEGER NOT NULL, ordinal INTEGER NOT NULL,
      page INTEGER, heading TEXT NOT NULL, body TEXT NOT NULL, token_count INTEGER NOT NULL,
      embedding {BLOB}, embedding_model TEXT, created_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX document_chunks_document ON document_chunks (document_id, ordinal)",
    "CREATE INDEX document_chunks_org_model ON document_chunks (org_id, embedding_model)",
    """
    CREATE TABLE document_access_keys (document_id TEXT NOT NULL REFERENCES documents(id),
      org_id TEXT NOT NULL REFERENCES organizations(id), access_key TEXT NOT NULL,
      PRIMARY KEY (document_id, access_key))
    """,
    "CREATE INDEX document_access_keys_org_key ON document_access_keys (org_id, access_key, document_id)",
    """
    CREATE TABLE search_generations (org_id TEXT PRIMARY KEY REFERENCES organizations(id),
      generation BIGINT NOT NULL)
    """,
], dialectStatements: [
    .sqlite: [
        """
        CREATE VIRTUAL TABLE document_chunks_fts USING fts5(content, content = '', contentless_delete = 1,
          tokenize = 'unicode61 remove_diacritics 2')
        """,
    ],
    .postgres: [
        "ALTER TABLE document_chunks ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector",
        "CREATE INDEX document_chunks_search ON document_chunks USING GIN (search_vector)",
    ],
])
