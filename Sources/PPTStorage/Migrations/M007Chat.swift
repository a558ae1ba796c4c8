/// The assistant's conversations: sessions owned by their user (with the rolling summary of older
/// turns), messages with their sources, tool activity, usage and status (a generation that is still
/// running keeps its partial text here so any instance can resume a stream), proposed actions
/// waiting for the user's confirmation, and feedback on answers.
let m007Chat = Migration(version: 7, name: "chat", statements: [
    """
    CREATE TABLE chat_sessions (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      user_id TEXT NOT NULL REFERENCES users(id), title TEXT NOT NULL, title_generated {BOOL} NOT NULL,
      summary TEXT NOT NULL, summarized_through INTEGER NOT NULL, message_count INTEGER NOT NULL,
      created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX chat_sessions_owner ON chat_sessions (org_id, user_id, updated_at)",
    """
    CREATE TABLE chat_messages (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES chat_sessions(id),
      org_id TEXT NOT NULL REFERENCES organizations(id), seq INTEGER NOT NULL, role TEXT NOT NULL,
      content TEXT NOT NULL, status TEXT NOT NULL, sources TEXT NOT NULL, tool_calls TEXT NOT NULL,
      provider TEXT, model TEXT, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
      cost_micros BIGINT NOT NULL, latency_ms INTEGER, error_code TEXT, error_message TEXT,
      created_at {TIMESTAMP} NOT NULL, heartbeat_at {TIMESTAMP}, completed_at {TIMESTAMP},
      UNIQUE (session_id, seq))
    """,
    "CREATE INDEX chat_messages_streaming ON chat_messages (status, heartbeat_at)",
    """
    CREATE TABLE chat_actions (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      user_id TEXT NOT NULL REFERENCES users(id), session_id TEXT NOT NULL REFERENCES chat_sessions(id),
      message_id TEXT NOT NULL REFERENCES chat_messages(id), tool TEXT NOT NULL, arguments TEXT NOT NULL,
      description TEXT NOT NULL, status TEXT NOT NULL, result TEXT, created_at {TIMESTAMP} NOT NULL,
      expires_at {TIMESTAMP} NOT NULL, decided_at {TIMESTAMP})
    """,
    "CREATE INDEX chat_actions_message ON chat_actions (message_id)",
    """
    CREATE TABLE chat_feedback (message_id TEXT PRIMARY KEY REFERENCES chat_messages(id),
      org_id TEXT NOT NULL REFERENCES organizations(id), user_id TEXT NOT NULL REFERENCES users(id),
      rating TEXT NOT NULL, comment TEXT, created_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX chat_feedback_org ON chat_feedback (org_id, created_at)",
])
