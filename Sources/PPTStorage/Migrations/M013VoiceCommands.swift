/// The voice command log: every command a linked device sent (who, through which link, platform and
/// device), what was recognized (intent and slots), what was done (`fault:<id>`, …), the result, the
/// spoken reply and the latency. Listed by the member and by the organization's staff.
let m013VoiceCommands = Migration(version: 13, name: "voice_commands", statements: [
    """
    CREATE TABLE voice_commands (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      user_id TEXT NOT NULL REFERENCES users(id), link_id TEXT NOT NULL, platform TEXT NOT NULL, device_id TEXT,
      utterance TEXT, intent TEXT NOT NULL, slots TEXT NOT NULL, action TEXT, result TEXT NOT NULL,
      error_code TEXT, reply TEXT NOT NULL, latency_ms INTEGER NOT NULL, created_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX voice_commands_org ON voice_commands (org_id, created_at)",
    "CREATE INDEX voice_commands_user ON voice_commands (org_id, user_id, created_at)",
])
