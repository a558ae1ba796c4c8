/// Workflows (issue #5): the workflow header with its trigger columns (so the event dispatcher and the
/// schedule scanner find candidates by index), immutable versions, runs (unique per workflow version
/// and trigger key: exactly one run per event), the per-organization feed of run changes that the SSE
/// endpoint follows, and organization templates.
let m015Workflows = Migration(version: 15, name: "workflows", statements: [
    """
    CREATE TABLE workflows (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      name TEXT NOT NULL, description TEXT NOT NULL, enabled {BOOL} NOT NULL, current_version INTEGER NOT NULL,
      trigger_type TEXT NOT NULL, trigger_event TEXT, mode TEXT NOT NULL, max_active INTEGER,
      next_fire_at {TIMESTAMP}, created_by TEXT NOT NULL REFERENCES users(id),
      updated_by TEXT NOT NULL REFERENCES users(id), created_at {TIMESTAMP} NOT NULL,
      updated_at {TIMESTAMP} NOT NULL, deleted_at {TIMESTAMP})
    """,
    "CREATE INDEX workflows_org ON workflows (org_id, created_at)",
    "CREATE INDEX workflows_event ON workflows (org_id, trigger_event)",
    "CREATE INDEX workflows_schedule ON workflows (next_fire_at)",
    """
    CREATE TABLE workflow_versions (workflow_id TEXT NOT NULL REFERENCES workflows(id), version INTEGER NOT NULL,
      org_id TEXT NOT NULL REFERENCES organizations(id), definition TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), created_at {TIMESTAMP} NOT NULL,
      PRIMARY KEY (workflow_id, version))
    """,
    """
    CREATE TABLE workflow_runs (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      workflow_id TEXT NOT NULL REFERENCES workflows(id), version INTEGER NOT NULL, trigger_key TEXT NOT NULL,
      trigger_type TEXT NOT NULL, status TEXT NOT NULL, trigger_data TEXT NOT NULL, event_data TEXT NOT NULL,
      state TEXT NOT NULL, trace TEXT NOT NULL, current_step TEXT, failed_step TEXT, error_code TEXT,
      error_message TEXT, wake_at {TIMESTAMP}, revision INTEGER NOT NULL, parent_run_id TEXT, started_by TEXT,
      created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL, finished_at {TIMESTAMP})
    """,
    "CREATE UNIQUE INDEX workflow_runs_trigger ON workflow_runs (workflow_id, version, trigger_key)",
    "CREATE INDEX workflow_runs_org ON workflow_runs (org_id, created_at)",
    "CREATE INDEX workflow_runs_workflow ON workflow_runs (workflow_id, status, created_at)",
    "CREATE INDEX workflow_runs_finished ON workflow_runs (finished_at)",
    """
    CREATE TABLE workflow_run_updates (seq {SERIAL_PK}, org_id TEXT NOT NULL, run_id TEXT NOT NULL,
      workflow_id TEXT NOT NULL, status TEXT NOT NULL, step_id TEXT, at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX workflow_run_updates_org ON workflow_run_updates (org_id, seq)",
    "CREATE INDEX workflow_run_updates_run ON workflow_run_updates (run_id)",
    """
    CREATE TABLE workflow_templates (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      name TEXT NOT NULL, description TEXT NOT NULL, category TEXT NOT NULL, parameters TEXT NOT NULL,
      definition TEXT NOT NULL, created_by TEXT NOT NULL REFERENCES users(id), created_at {TIMESTAMP} NOT NULL,
      updated_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX workflow_templates_org ON workflow_templates (org_id, name)",
])
