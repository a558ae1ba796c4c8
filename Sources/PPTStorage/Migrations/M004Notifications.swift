/// In-app notifications, and the uniqueness of meter serial numbers that the repository checks.
let m004Notifications = Migration(version: 4, name: "notifications", statements: [
    """
    CREATE TABLE notifications (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), org_id TEXT,
      kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, data TEXT NOT NULL, dedupe_key TEXT,
      created_at {TIMESTAMP} NOT NULL, read_at {TIMESTAMP}, UNIQUE (user_id, dedupe_key))
    """,
    "CREATE INDEX notifications_user ON notifications (user_id, created_at)",
    "CREATE UNIQUE INDEX meters_serial ON meters (org_id, kind, serial_number)",
])
