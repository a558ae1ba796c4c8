/// The LLM gateway's storage: per-organization settings (API keys live in `secrets`), the usage
/// ledger, the per-minute rate windows shared by every instance, the monthly spend and the budget
/// thresholds crossed.
let m005LLM = Migration(version: 5, name: "llm", statements: [
    """
    CREATE TABLE llm_configs (org_id TEXT PRIMARY KEY REFERENCES organizations(id), settings TEXT NOT NULL,
      updated_at {TIMESTAMP} NOT NULL, updated_by TEXT)
    """,
    """
    CREATE TABLE llm_usage (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id), user_id TEXT,
      feature TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL, input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL, usage_estimated {BOOL} NOT NULL, cost_micros BIGINT NOT NULL,
      currency TEXT NOT NULL, latency_ms INTEGER NOT NULL, ttft_ms INTEGER, outcome TEXT NOT NULL, error_code TEXT,
      attempts INTEGER NOT NULL, day TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX llm_usage_org_day ON llm_usage (org_id, day)",
    "CREATE INDEX llm_usage_org_created ON llm_usage (org_id, created_at)",
    """
    CREATE TABLE llm_rate_windows (scope_key TEXT NOT NULL, window_start BIGINT NOT NULL, requests INTEGER NOT NULL,
      tokens INTEGER NOT NULL, PRIMARY KEY (scope_key, window_start))
    """,
    """
    CREATE TABLE llm_monthly_spend (org_id TEXT NOT NULL REFERENCES organizations(id), month TEXT NOT NULL,
      currency TEXT NOT NULL, cost_micros BIGINT NOT NULL, PRIMARY KEY (org_id, month))
    """,
    """
    CREATE TABLE llm_budget_events (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      kind TEXT NOT NULL, month TEXT NOT NULL, spent_micros BIGINT NOT NULL, limit_minor BIGINT NOT NULL,
      currency TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL, UNIQUE (org_id, kind, month))
    """,
    "CREATE INDEX llm_budget_events_org_created ON llm_budget_events (org_id, created_at)",
])
