/// Platform tokens: the client credentials PPT uses to call a voice platform (Login with Amazon for
/// Alexa proactive events) and the access tokens obtained with them, both encrypted with the key ring
/// (`*_ciphertext`, AES-GCM bound to the provider and column); the platform's own user id of each
/// account link (Alexa's `amzn1.ask.account...`, learnt from the linked user's requests), needed to
/// address a notification; and one row per outbound notification, keyed by its idempotency key, so
/// a retried job never sends twice.
let m014PlatformTokens = Migration(version: 14, name: "platform_tokens", statements: [
    """
    CREATE TABLE platform_tokens (provider TEXT PRIMARY KEY, client_id TEXT NOT NULL,
      client_secret_ciphertext TEXT NOT NULL, access_token_ciphertext TEXT, key_id TEXT NOT NULL,
      expires_at {TIMESTAMP}, refreshing_until {TIMESTAMP}, refreshed_at {TIMESTAMP}, last_error TEXT,
      updated_at {TIMESTAMP} NOT NULL)
    """,
    """
    CREATE TABLE voice_platform_users (link_id TEXT PRIMARY KEY REFERENCES oauth_links(id),
      platform TEXT NOT NULL, org_id TEXT NOT NULL REFERENCES organizations(id),
      user_id TEXT NOT NULL REFERENCES users(id), platform_user_id TEXT NOT NULL, updated_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX voice_platform_users_user ON voice_platform_users (org_id, user_id)",
    """
    CREATE TABLE platform_deliveries (idempotency_key TEXT PRIMARY KEY, provider TEXT NOT NULL,
      org_id TEXT NOT NULL REFERENCES organizations(id), status TEXT NOT NULL, claimed_until {TIMESTAMP},
      created_at {TIMESTAMP} NOT NULL, sent_at {TIMESTAMP})
    """,
])
