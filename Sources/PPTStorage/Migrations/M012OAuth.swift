/// The OAuth 2.0 authorization server for voice account linking: registered clients (Alexa skills,
/// Google smart-home projects), account links (one per user, client and consent), single-use
/// authorization codes and access/refresh tokens. Secrets, codes and tokens are stored only as their
/// SHA-256 hashes.
let m012OAuth = Migration(version: 12, name: "oauth", statements: [
    """
    CREATE TABLE oauth_clients (id TEXT PRIMARY KEY, name TEXT NOT NULL, platform TEXT NOT NULL,
      secret_hash TEXT NOT NULL, redirect_uris TEXT NOT NULL, scopes TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), created_at {TIMESTAMP} NOT NULL, deleted_at {TIMESTAMP})
    """,
    """
    CREATE TABLE oauth_links (id TEXT PRIMARY KEY, client_id TEXT NOT NULL REFERENCES oauth_clients(id),
      user_id TEXT NOT NULL REFERENCES users(id), org_id TEXT NOT NULL REFERENCES organizations(id),
      unit_id TEXT REFERENCES units(id), scopes TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL,
      last_used_at {TIMESTAMP}, revoked_at {TIMESTAMP})
    """,
    "CREATE INDEX oauth_links_user ON oauth_links (user_id)",
    "CREATE INDEX oauth_links_org ON oauth_links (org_id)",
    """
    CREATE TABLE oauth_codes (code_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL REFERENCES oauth_clients(id),
      redirect_uri TEXT NOT NULL, code_challenge TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users(id),
      org_id TEXT NOT NULL REFERENCES organizations(id), unit_id TEXT REFERENCES units(id), scopes TEXT NOT NULL,
      link_id TEXT, expires_at {TIMESTAMP} NOT NULL, used_at {TIMESTAMP}, created_at {TIMESTAMP} NOT NULL)
    """,
    """
    CREATE TABLE oauth_tokens (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
      link_id TEXT NOT NULL REFERENCES oauth_links(id), expires_at {TIMESTAMP} NOT NULL, used_at {TIMESTAMP},
      revoked_at {TIMESTAMP}, created_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX oauth_tokens_link ON oauth_tokens (link_id)",
])
