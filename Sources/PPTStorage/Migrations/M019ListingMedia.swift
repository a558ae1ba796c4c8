/// Photos of listings and their texts in further languages (issue #9: the Reality Portal's pages show
/// photos and the description in the visitor's language when one exists).
let m019ListingMedia = Migration(version: 19, name: "listing_media", statements: [
    """
    CREATE TABLE listing_photos (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organizations(id),
      listing_id TEXT NOT NULL REFERENCES listings(id), position INTEGER NOT NULL, content_type TEXT NOT NULL,
      sha256 TEXT NOT NULL, byte_size INTEGER NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,
      alt TEXT NOT NULL, created_at {TIMESTAMP} NOT NULL)
    """,
    "CREATE INDEX listing_photos_listing ON listing_photos (listing_id, position)",
    """
    CREATE TABLE listing_texts (listing_id TEXT NOT NULL REFERENCES listings(id),
      org_id TEXT NOT NULL REFERENCES organizations(id), language TEXT NOT NULL, title TEXT NOT NULL,
      description TEXT NOT NULL, updated_at {TIMESTAMP} NOT NULL, PRIMARY KEY (listing_id, language))
    """,
])
