/// Organizations, users, auth, and the property data model.
let m001Core = Migration(version: 1, name: "core", statements: [
    """
    CREATE TABLE organizations (id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL,
      default_locale TEXT NOT NULL, currency TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL)
    """,
    """
    CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, locale TEXT NOT NULL,
      is_superadmin {BOOL} NOT NULL DEFAULT FALSE, password_hash TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL)
    """,
    """
    CREATE TABLE memberships (org_id TEXT NOT NULL REFERENCES organizations(id), user_id TEXT NOT NULL REFERENCES users(id),
      role TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL, PRIMARY KEY (org_id, user_id))
    """,
    "CREATE INDEX memberships_user ON memberships (user_id)",
    """
    CREATE TABLE refresh_tokens (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), family_id TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE, expires_at {TIMESTAMP} NOT NULL, used_at {TIMESTAMP}, revoked_at {TIMESTAMP},
      created_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)",
    """
    CREATE TABLE login_attempts (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, first_failure_at {TIMESTAMP} NOT NULL,
      locked_until {TIMESTAMP})
    """,
    """
    CREATE TABLE buildings (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id), name TEXT NOT NULL,
      street TEXT NOT NULL, city TEXT NOT NULL, postal_code TEXT NOT NULL, country TEXT NOT NULL, year_built INTEGER,
      created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX buildings_org ON buildings (org_id)",
    """
    CREATE TABLE units (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      building_id TEXT NOT NULL REFERENCES buildings(id), number TEXT NOT NULL, type TEXT NOT NULL, floor INTEGER NOT NULL,
      size_sqm {DOUBLE} NOT NULL, rooms INTEGER NOT NULL, share_numerator BIGINT NOT NULL, share_denominator BIGINT NOT NULL,
      created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL, UNIQUE (building_id, number))
    """,
    "CREATE INDEX units_org ON units (org_id)",
    """
    CREATE TABLE unit_residents (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      unit_id TEXT NOT NULL REFERENCES units(id), user_id TEXT REFERENCES users(id), name TEXT NOT NULL, email TEXT,
      relation TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT, created_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX unit_residents_unit ON unit_residents (unit_id)",
    "CREATE INDEX unit_residents_user ON unit_residents (user_id)",
    """
    CREATE TABLE faults (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      building_id TEXT NOT NULL REFERENCES buildings(id), unit_id TEXT REFERENCES units(id), title TEXT NOT NULL,
      description TEXT NOT NULL, category TEXT NOT NULL, priority TEXT NOT NULL, status TEXT NOT NULL,
      reported_by TEXT NOT NULL REFERENCES users(id), assignee_id TEXT REFERENCES users(id),
      photo_document_ids TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL,
      resolved_at {TIMESTAMP})
    """,
    "CREATE INDEX faults_org_created ON faults (org_id, created_at)",
    """
    CREATE TABLE fault_timeline (id TEXT PRIMARY KEY, org_id TEXT NOT NULL, fault_id TEXT NOT NULL REFERENCES faults(id),
      kind TEXT NOT NULL, actor_id TEXT NOT NULL, from_status TEXT, to_status TEXT, assignee_id TEXT, comment TEXT,
      created_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX fault_timeline_fault ON fault_timeline (fault_id, created_at)",
    """
    CREATE TABLE announcements (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      title TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL, target TEXT NOT NULL, pinned {BOOL} NOT NULL,
      publish_at {TIMESTAMP}, published_at {TIMESTAMP}, author_id TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL,
      updated_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX announcements_org ON announcements (org_id, created_at)",
    """
    CREATE TABLE announcement_reads (announcement_id TEXT NOT NULL REFERENCES announcements(id), user_id TEXT NOT NULL,
      org_id TEXT NOT NULL, read_at {TIMESTAMP} NOT NULL, PRIMARY KEY (announcement_id, user_id))
    """,
    """
    CREATE TABLE documents (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id), title TEXT NOT NULL,
      category TEXT NOT NULL, folder TEXT NOT NULL, language TEXT, access TEXT NOT NULL, current_version INTEGER NOT NULL,
      file_name TEXT NOT NULL, content_type TEXT NOT NULL, size_bytes BIGINT NOT NULL, sha256 TEXT NOT NULL,
      uploaded_by TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX documents_org ON documents (org_id, created_at)",
    """
    CREATE TABLE document_versions (document_id TEXT NOT NULL REFERENCES documents(id), org_id TEXT NOT NULL,
      version INTEGER NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL, size_bytes BIGINT NOT NULL,
      sha256 TEXT NOT NULL, uploaded_by TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL, PRIMARY KEY (document_id, version))
    """,
    """
    CREATE TABLE votes (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id), building_id TEXT,
      title TEXT NOT NULL, description TEXT NOT NULL, questions TEXT NOT NULL, status TEXT NOT NULL,
      starts_at {TIMESTAMP}, ends_at {TIMESTAMP}, created_by TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL,
      updated_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX votes_org ON votes (org_id, created_at)",
    """
    CREATE TABLE vote_responses (vote_id TEXT NOT NULL REFERENCES votes(id), org_id TEXT NOT NULL,
      question_id TEXT NOT NULL, unit_id TEXT NOT NULL, user_id TEXT NOT NULL, option TEXT NOT NULL,
      weight {DOUBLE} NOT NULL, created_at {TIMESTAMP} NOT NULL, PRIMARY KEY (vote_id, question_id, unit_id))
    """,
    """
    CREATE TABLE invoices (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      unit_id TEXT NOT NULL REFERENCES units(id), number TEXT NOT NULL, description TEXT NOT NULL,
      amount_minor BIGINT NOT NULL, currency TEXT NOT NULL, paid_minor BIGINT NOT NULL, issue_date TEXT NOT NULL,
      due_date TEXT NOT NULL, status TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL,
      UNIQUE (org_id, number))
    """,
    "CREATE INDEX invoices_unit ON invoices (unit_id)",
    "CREATE INDEX invoices_due ON invoices (status, due_date)",
    """
    CREATE TABLE payments (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      unit_id TEXT NOT NULL REFERENCES units(id), invoice_id TEXT REFERENCES invoices(id), amount_minor BIGINT NOT NULL,
      currency TEXT NOT NULL, received_on TEXT NOT NULL, reference TEXT, created_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX payments_unit ON payments (unit_id)",
    """
    CREATE TABLE meters (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      unit_id TEXT NOT NULL REFERENCES units(id), kind TEXT NOT NULL, serial_number TEXT NOT NULL,
      measure_unit TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL)
    """,
    """
    CREATE TABLE reading_windows (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      building_id TEXT REFERENCES buildings(id), title TEXT NOT NULL, opens_on TEXT NOT NULL, closes_on TEXT NOT NULL,
      opened_at {TIMESTAMP}, created_at {TIMESTAMP} NOT NULL)
    """,
    """
    CREATE TABLE meter_readings (id TEXT PRIMARY KEY, org_id TEXT NOT NULL, meter_id TEXT NOT NULL REFERENCES meters(id),
      value {DOUBLE} NOT NULL, read_on TEXT NOT NULL, submitted_by TEXT NOT NULL, window_id TEXT,
      created_at {TIMESTAMP} NOT NULL)
    """,
    """
    CREATE TABLE leases (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      unit_id TEXT NOT NULL REFERENCES units(id), landlord TEXT NOT NULL, tenants TEXT NOT NULL, start_date TEXT NOT NULL,
      end_date TEXT, rent_minor BIGINT NOT NULL, deposit_minor BIGINT NOT NULL, currency TEXT NOT NULL,
      status TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL)
    """,
    """
    CREATE TABLE listings (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id), unit_id TEXT,
      type TEXT NOT NULL, status TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,
      price_minor BIGINT NOT NULL, currency TEXT NOT NULL, size_sqm {DOUBLE} NOT NULL, rooms INTEGER NOT NULL,
      street TEXT NOT NULL, city TEXT NOT NULL, postal_code TEXT NOT NULL, country TEXT NOT NULL, features TEXT NOT NULL,
      search_text TEXT NOT NULL, published_at {TIMESTAMP}, created_at {TIMESTAMP} NOT NULL,
      updated_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX listings_status ON listings (status, published_at)",
    """
    CREATE TABLE inquiries (id TEXT PRIMARY KEY, org_id TEXT NOT NULL, listing_id TEXT NOT NULL REFERENCES listings(id),
      name TEXT NOT NULL, email TEXT NOT NULL, phone TEXT, message TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL)
    """,
    """
    CREATE TABLE feature_flags (org_id TEXT NOT NULL REFERENCES organizations(id), flag TEXT NOT NULL,
      enabled {BOOL} NOT NULL, updated_by TEXT NOT NULL, updated_at {TIMESTAMP} NOT NULL, PRIMARY KEY (org_id, flag))
    """,
    """
    CREATE TABLE audit_log (id TEXT PRIMARY KEY, org_id TEXT, actor_id TEXT, action TEXT NOT NULL, target TEXT NOT NULL,
      details TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX audit_log_org ON audit_log (org_id, created_at)",
])
