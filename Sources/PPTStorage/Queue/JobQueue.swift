import Foundation
import PPTDomain
import SQLKit

/// The durable job queue (DESIGN §3) over the `jobs` table, on SQLite or PostgreSQL.
///
/// Claims take a lease; a worker that dies leaves a lease that expires, and the job is claimed
/// again. On PostgreSQL claims use `FOR UPDATE SKIP LOCKED`, so any number of workers share the
/// table; on SQLite the single-writer transaction gives the same guarantee.
package struct JobQueue: Sendable {
    private let database: any Database
    private let clock: any WallClock
    /// Base of the exponential backoff after a failure.
    package var backoffBase: Duration
    /// Longest backoff.
    package var backoffCap: Duration

    package init(database: any Database, clock: any WallClock = SystemWallClock(),
                 backoffBase: Duration = .seconds(2), backoffCap: Duration = .seconds(3600)) {
        self.database = database
        self.clock = clock
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
    }

    /// Enqueues in its own transaction; returns `false` when the idempotency key was already used.
    @discardableResult
    package func enqueue(_ request: JobRequest) async throws -> Bool {
        let now = clock.now()
        return try await database.write(isolation: .readCommitted) { sql in try await Self.enqueue(request, now: now, on: sql) }
    }

    /// Enqueues inside the caller's open transaction.
    @discardableResult
    package static func enqueue(_ request: JobRequest, now: Date, on sql: any SQLDatabase) async throws -> Bool {
        let rows = try await sql.raw("""
            INSERT INTO jobs (id, kind, payload, status, priority, run_at, attempts, max_attempts, idempotency_key,
                              created_at, updated_at)
            VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: request.kind), \(bind: request.payload), 'pending',
                    \(bind: request.priority), \(bind: request.runAt ?? now), 0, \(bind: max(1, request.maxAttempts)),
                    \(bind: request.idempotencyKey), \(bind: now), \(bind: now))
            ON CONFLICT DO NOTHING RETURNING id
            """).all()
        if !rows.isEmpty && sql.dialect.name == "postgresql" { try await sql.raw("NOTIFY ppt_jobs").run() }
        return !rows.isEmpty
    }

    /// Claims up to `limit` due jobs (pending and due, or running with an expired lease) for `workerID`.
    package func claim(workerID: String, limit: Int, lease: Duration) async throws -> [Job] {
        let now = clock.now()
        let expires = now.addingTimeInterval(lease.seconds)
        let dialect = database.dialect
        return try await database.write(isolation: .readCommitted) { sql in
            let lock: SQLQueryString = dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
            // A job whose last attempt's worker died (a crash, an OOM kill) goes to the dead letters
            // instead of being re-run for ever.
            try await sql.raw("""
                UPDATE jobs SET status = 'dead', finished_at = \(bind: now), updated_at = \(bind: now),
                  last_error = COALESCE(last_error, 'the worker stopped during the last attempt'), locked_by = NULL
                WHERE status = 'running' AND lease_expires_at < \(bind: now) AND attempts >= max_attempts
                """).run()
            // Two index-ordered reads (migration 18) instead of one OR that sorts every pending job:
            // jobs whose worker died first (they are overdue), then due jobs by priority and age.
            var ids = try await sql.raw("""
                SELECT id FROM jobs WHERE status = 'running' AND lease_expires_at < \(bind: now)
                ORDER BY lease_expires_at LIMIT \(bind: limit) \(lock)
                """).all().map { try $0.string("id") }
            if ids.count < limit {
                // SQLite's planner, without statistics, prefers (status, run_at) and sorts; name the index.
                let index: SQLQueryString = dialect == .sqlite ? " INDEXED BY jobs_claim" : ""
                ids += try await sql.raw("""
                    SELECT id FROM jobs\(index) WHERE status = 'pending' AND run_at <= \(bind: now)
                    ORDER BY priority DESC, run_at LIMIT \(bind: limit - ids.count) \(lock)
                    """).all().map { try $0.string("id") }
            }
            guard !ids.isEmpty else { return [] }
            return try await sql.raw("""
                UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_expires_at = \(bind: expires),
                  locked_by = \(bind: workerID), updated_at = \(bind: now)
                WHERE id IN (\(binds: ids)) RETURNING *
                """).all().map(Job.init(row:))
        }
    }

    /// Extends the lease of a job still held by `workerID`; `false` when the worker lost it.
    package func heartbeat(_ job: Job, workerID: String, lease: Duration) async throws -> Bool {
        let now = clock.now()
        return try await database.write(isolation: .readCommitted) { sql in
            try await !sql.raw("""
                UPDATE jobs SET lease_expires_at = \(bind: now.addingTimeInterval(lease.seconds)), updated_at = \(bind: now)
                WHERE id = \(bind: job.id) AND status = 'running' AND locked_by = \(bind: workerID)
                  AND attempts = \(bind: job.attempts) RETURNING id
                """).all().isEmpty
        }
    }

    /// Marks a job done, unless another worker has since taken it over.
    package func complete(_ job: Job, workerID: String) async throws {
        let now = clock.now()
        try await database.write(isolation: .readCommitted) { sql in
            try await sql.raw("""
                UPDATE jobs SET status = 'succeeded', finished_at = \(bind: now), updated_at = \(bind: now),
                  lease_expires_at = NULL, last_error = NULL
                WHERE id = \(bind: job.id) AND status = 'running' AND locked_by = \(bind: workerID)
                  AND attempts = \(bind: job.attempts)
                """).run()
        }
    }

    /// Records a failure: back off and retry, or dead-letter after the last attempt.
    package func fail(_ job: Job, workerID: String, error: String) async throws {
        let now = clock.now()
        let isDead = job.attempts >= job.maxAttempts
        let retryAt = now.addingTimeInterval(backoff(afterAttempt: job.attempts).seconds)
        try await database.write(isolation: .readCommitted) { sql in
            try await sql.raw("""
                UPDATE jobs SET status = \(bind: isDead ? "dead" : "pending"), run_at = \(bind: isDead ? now : retryAt),
                  last_error = \(bind: String(error.prefix(2000))), lease_expires_at = NULL, locked_by = NULL,
                  updated_at = \(bind: now), finished_at = \(bind: isDead ? now : nil)
                WHERE id = \(bind: job.id) AND status = 'running' AND locked_by = \(bind: workerID)
                  AND attempts = \(bind: job.attempts)
                """).run()
        }
    }

    /// Hands a claimed job back untouched (graceful shutdown): it is due again at once and the
    /// attempt does not count.
    package func release(_ job: Job, workerID: String) async throws {
        let now = clock.now()
        try await database.write(isolation: .readCommitted) { sql in
            try await sql.raw("""
                UPDATE jobs SET status = 'pending', attempts = attempts - 1, lease_expires_at = NULL, locked_by = NULL,
                  updated_at = \(bind: now)
                WHERE id = \(bind: job.id) AND status = 'running' AND locked_by = \(bind: workerID)
                  AND attempts = \(bind: job.attempts)
                """).run()
        }
    }

    /// Exponential backoff with full jitter: a random delay up to `base * 2^(attempt-1)`, capped.
    package func backoff(afterAttempt attempt: Int) -> Duration {
        let ceiling = min(backoffCap.seconds, backoffBase.seconds * pow(2, Double(max(0, attempt - 1))))
        return .milliseconds(Int64(Double.random(in: (ceiling / 2)...ceiling) * 1000))
    }

    /// One job by id.
    package func job(id: String) async throws -> Job? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM jobs WHERE id = \(bind: id)").first().map(Job.init(row:))
        }
    }

    /// Jobs of a kind, newest first (operators, tests).
    package func jobs(kind: String? = nil, status: JobStatus? = nil, limit: Int = 100) async throws -> [Job] {
        try await database.read { sql in
            var query: SQLQueryString = "SELECT * FROM jobs WHERE 1 = 1"
            if let kind { query += " AND kind = \(bind: kind)" }
            if let status { query += " AND status = \(bind: status.rawValue)" }
            query += " ORDER BY created_at DESC LIMIT \(bind: limit)"
            return try await sql.raw(query).all().map(Job.init(row:))
        }
    }

    /// Counts per status.
    package func counts() async throws -> [JobStatus: Int] {
        try await database.read { sql in
            var result: [JobStatus: Int] = [:]
            for row in try await sql.raw("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status").all() {
                result[try row.enumValue("status")] = try row.int("n")
            }
            return result
        }
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    package var seconds: Double {
        let (s, attos) = components
        return Double(s) + Double(attos) / 1e18
    }
}
