/// The portals an organization publishes listings to, with its own character limits: overrides of the
/// built-in presets (same key) and portals of its own (new key).
let m011ListingPortals = Migration(version: 11, name: "listing_portals", statements: [
    """
    CREATE TABLE listing_portals (org_id TEXT NOT NULL REFERENCES organizations(id), portal_key TEXT NOT NULL,
      name TEXT NOT NULL, title_max INTEGER NOT NULL, description_max INTEGER NOT NULL,
      updated_by TEXT NOT NULL REFERENCES users(id), updated_at {TIMESTAMP} NOT NULL,
      PRIMARY KEY (org_id, portal_key))
    """,
])
