/// Outgoing e-mail (workflow `email` action): one row per message, keyed by the step's idempotency
/// key so a retried or recovered step queues it once. The `mail.deliver` job sends it; without an
/// SMTP server it stays `captured`, readable in the organization's mailbox.
let m016Mail = Migration(version: 16, name: "mail", statements: [
    """
    CREATE TABLE mail_messages (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      idempotency_key TEXT NOT NULL UNIQUE, sender TEXT NOT NULL, recipients TEXT NOT NULL, reply_to TEXT,
      subject TEXT NOT NULL, text_body TEXT NOT NULL, html_body TEXT, status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, message_id TEXT NOT NULL, workflow_id TEXT, run_id TEXT,
      created_at {TIMESTAMP} NOT NULL, sent_at {TIMESTAMP})
    """,
    "CREATE INDEX mail_messages_org ON mail_messages (org_id, created_at)",
    "CREATE INDEX mail_messages_org_status ON mail_messages (org_id, status, created_at)",
])
