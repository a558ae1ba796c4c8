/// The outbox, the job queue, idempotency records and encrypted secrets.
let m002Operations = Migration(version: 2, name: "operations", statements: [
    """
    CREATE TABLE outbox (id {SERIAL_PK}, org_id TEXT NOT NULL, event_type TEXT NOT NULL, aggregate_type TEXT NOT NULL,
      aggregate_id TEXT NOT NULL, payload TEXT NOT NULL, dedupe_key TEXT UNIQUE, occurred_at {TIMESTAMP} NOT NULL,
      dispatched_at {TIMESTAMP})
    """,
    "CREATE INDEX outbox_pending ON outbox (dispatched_at, id)",
    """
    CREATE TABLE jobs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL,
      priority INTEGER NOT NULL, run_at {TIMESTAMP} NOT NULL, attempts INTEGER NOT NULL, max_attempts INTEGER NOT NULL,
      lease_expires_at {TIMESTAMP}, locked_by TEXT, idempotency_key TEXT UNIQUE, last_error TEXT,
      created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL, finished_at {TIMESTAMP})
    """,
    "CREATE INDEX jobs_ready ON jobs (status, run_at)",
    """
    CREATE TABLE idempotency_keys (scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
      status INTEGER NOT NULL, content_type TEXT NOT NULL, body TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL,
      PRIMARY KEY (scope, key))
    """,
    """
    CREATE TABLE secrets (id TEXT PRIMARY KEY, org_id TEXT, name TEXT NOT NULL, ciphertext TEXT NOT NULL,
      key_id TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE UNIQUE INDEX secrets_name ON secrets (COALESCE(org_id, ''), name)",
])
