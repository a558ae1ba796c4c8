/// An index in the order workers claim jobs (priority, then due time), so a claim reads the first
/// due rows instead of sorting every pending job: with a backlog of 100,000 jobs the old plan sorted
/// them all on each claim and the queue slowed to a crawl.
let m018JobClaimIndex = Migration(version: 18, name: "job_claim_index", statements: [
    "CREATE INDEX jobs_claim ON jobs (status, priority DESC, run_at)",
    "CREATE INDEX jobs_lease ON jobs (status, lease_expires_at)",
])
