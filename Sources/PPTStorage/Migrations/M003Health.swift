/// Health probe history (seed 95.3): one row per check per probe, kept for the retention period.
let m003Health = Migration(version: 3, name: "health", statements: [
    """
    CREATE TABLE health_checks (id {SERIAL_PK}, check_name TEXT NOT NULL, status TEXT NOT NULL,
      latency_ms {DOUBLE} NOT NULL, message TEXT, checked_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX health_checks_name_time ON health_checks (check_name, checked_at)",
    "CREATE INDEX health_checks_time ON health_checks (checked_at)",
])
