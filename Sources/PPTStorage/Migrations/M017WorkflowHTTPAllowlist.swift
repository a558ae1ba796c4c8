/// The per-organization allow-list of the workflow `http` action (issue #5, DESIGN §4): hosts that
/// may resolve to private, loopback, link-local or unique-local addresses (on-premises systems).
/// `port` 0 means any port. The organization's request-signing secret is not here: it lives in
/// `secrets` (name `workflow.http_signing_secret`), encrypted with the key ring like every secret,
/// so `ppt keys rotate` re-encrypts it.
let m017WorkflowHTTPAllowlist = Migration(version: 17, name: "workflow_http_allowlist", statements: [
    """
    CREATE TABLE workflow_http_allowlist (org_id TEXT NOT NULL REFERENCES organizations(id), host TEXT NOT NULL,
      port INTEGER NOT NULL, created_by TEXT NOT NULL REFERENCES users(id), created_at {TIMESTAMP} NOT NULL,
      PRIMARY KEY (org_id, host, port))
    """,
])
