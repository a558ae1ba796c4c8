/// Organizations' lease clauses (their wording of a library clause, or a clause of their own) per
/// country and language, and their named lease templates (ordered clause keys plus inline clauses).
let m010LeaseClauses = Migration(version: 10, name: "lease_clauses", statements: [
    """
    CREATE TABLE lease_clauses (org_id TEXT NOT NULL REFERENCES organizations(id), country TEXT NOT NULL,
      language TEXT NOT NULL, clause_key TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, legal_basis TEXT,
      mandatory {BOOL} NOT NULL, updated_by TEXT NOT NULL REFERENCES users(id), updated_at {TIMESTAMP} NOT NULL,
      PRIMARY KEY (org_id, country, language, clause_key))
    """,
    """
    CREATE TABLE lease_templates (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      name TEXT NOT NULL, country TEXT NOT NULL, language TEXT NOT NULL, clause_keys TEXT NOT NULL,
      clauses TEXT NOT NULL, created_by TEXT NOT NULL REFERENCES users(id), created_at {TIMESTAMP} NOT NULL,
      updated_at {TIMESTAMP} NOT NULL, UNIQUE (org_id, name))
    """,
])
