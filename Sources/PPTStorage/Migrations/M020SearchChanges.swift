/// Which document each bump of an organization's search generation was for, so an instance holding
/// an in-memory index of generation g can bring it to g' by re-reading only the documents changed in
/// between instead of every chunk. Only the last `SearchIndexRepository.keptChanges` generations per
/// organization are kept; an index older than that is rebuilt whole.
let m020SearchChanges = Migration(version: 20, name: "search_changes", statements: [
    """
    CREATE TABLE search_changes (org_id TEXT NOT NULL REFERENCES organizations(id), generation BIGINT NOT NULL,
      document_id TEXT NOT NULL, PRIMARY KEY (org_id, generation))
    """,
])
