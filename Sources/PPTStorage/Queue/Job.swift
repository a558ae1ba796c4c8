import Foundation
import PPTDomain
import SQLKit

/// Where a job is in its life.
package enum JobStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for `runAt`.
    case pending
    /// Claimed by a worker whose lease has not expired.
    case running
    case succeeded
    /// Failed `maxAttempts` times; kept for inspection.
    case dead
}

/// Work to enqueue.
package struct JobRequest: Sendable, Hashable {
    /// Handler name, e.g. `outbox.deliver` or `scan.payment_overdue`.
    package var kind: String
    /// Handler input as JSON text.
    package var payload: String
    package var runAt: Date?
    /// Higher runs first among due jobs.
    package var priority: Int
    package var maxAttempts: Int
    /// A second request with the same key is dropped, forever: this is how N schedulers produce one run.
    package var idempotencyKey: String?

    package init(kind: String, payload: String = "{}", runAt: Date? = nil, priority: Int = 0, maxAttempts: Int = 8,
                 idempotencyKey: String? = nil) {
        self.kind = kind; self.payload = payload; self.runAt = runAt; self.priority = priority
        self.maxAttempts = maxAttempts; self.idempotencyKey = idempotencyKey
    }
}

/// A job as stored.
package struct Job: Sendable, Hashable, Codable {
    package let id: String
    package let kind: String
    package let payload: String
    package let status: JobStatus
    package let priority: Int
    package let runAt: Date
    /// Attempts started so far, including the current one for a running job.
    package let attempts: Int
    package let maxAttempts: Int
    package let leaseExpiresAt: Date?
    package let lockedBy: String?
    package let idempotencyKey: String?
    package let lastError: String?
    package let createdAt: Date
    package let finishedAt: Date?

    init(row: any SQLRow) throws {
        id = try row.string("id")
        kind = try row.string("kind")
        payload = try row.string("payload")
        status = try row.enumValue("status")
        priority = try row.int("priority")
        runAt = try row.date("run_at")
        attempts = try row.int("attempts")
        maxAttempts = try row.int("max_attempts")
        leaseExpiresAt = try row.optionalDate("lease_expires_at")
        lockedBy = try row.optionalString("locked_by")
        idempotencyKey = try row.optionalString("idempotency_key")
        lastError = try row.optionalString("last_error")
        createdAt = try row.date("created_at")
        finishedAt = try row.optionalDate("finished_at")
    }

    /// Decodes the payload.
    package func decodePayload<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(payload.utf8))
    }
}
