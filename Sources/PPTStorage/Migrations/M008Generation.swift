/// Document generation requests (leases, listing descriptions, summaries, announcement drafts): the
/// inputs, the usage and cost, the latency, the status and result, and who finalized it as what.
let m008Generation = Migration(version: 8, name: "generation", statements: [
    """
    CREATE TABLE generations (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      kind TEXT NOT NULL, subject TEXT, inputs TEXT NOT NULL, provider TEXT, model TEXT, calls INTEGER NOT NULL,
      input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost_micros BIGINT NOT NULL,
      latency_ms INTEGER NOT NULL, status TEXT NOT NULL, result TEXT, error_code TEXT, error_message TEXT,
      created_by TEXT NOT NULL REFERENCES users(id), created_at {TIMESTAMP} NOT NULL,
      finalized_by TEXT REFERENCES users(id), finalized_at {TIMESTAMP}, finalized_as TEXT)
    """,
    "CREATE INDEX generations_org ON generations (org_id, created_at)",
    "CREATE INDEX generations_subject ON generations (org_id, subject, created_at)",
])
