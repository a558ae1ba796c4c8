import Foundation
import SQLKit

/// Remembers the responses to creating POSTs by `Idempotency-Key`, so a retried request gets the
/// first response instead of a second resource (DESIGN §5).
package struct IdempotencyStore: Sendable {
    private let database: any Database

    package init(database: any Database) { self.database = database }

    /// A stored response.
    package struct StoredResponse: Sendable {
        package let status: Int
        package let contentType: String
        package let body: String

        package init(status: Int, contentType: String, body: String) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    /// What to do with a keyed request.
    package enum Claim: Sendable {
        /// First time: run it, then `finish`.
        case proceed
        /// Seen with the same body: replay this.
        case replay(StoredResponse)
        /// Seen with a different body.
        case mismatch
        /// The first request is still running.
        case inProgress
    }

    /// How long a stored response is replayed.
    package static let retention: TimeInterval = 24 * 3600
    /// After this long an unfinished claim is taken to be abandoned (its process died).
    package static let abandonAfter: TimeInterval = 5 * 60

    /// Claims `key` within `scope` (user and route) for a request whose body hashes to `requestHash`.
    package func claim(scope: String, key: String, requestHash: String) async throws -> Claim {
        let now = Date()
        return try await database.write { sql in
            try await sql.raw("""
                DELETE FROM idempotency_keys WHERE scope = \(bind: scope) AND key = \(bind: key)
                AND (created_at < \(bind: now.addingTimeInterval(-Self.retention))
                     OR (status = 0 AND created_at < \(bind: now.addingTimeInterval(-Self.abandonAfter))))
                """).run()
            let inserted = try await sql.raw("""
                INSERT INTO idempotency_keys (scope, key, request_hash, status, content_type, body, created_at)
                VALUES (\(bind: scope), \(bind: key), \(bind: requestHash), 0, '', '', \(bind: now))
                ON CONFLICT DO NOTHING RETURNING key
                """).all()
            if !inserted.isEmpty { return .proceed }
            guard let row = try await sql.raw(
                "SELECT * FROM idempotency_keys WHERE scope = \(bind: scope) AND key = \(bind: key)"
            ).first() else { return .inProgress }
            guard try row.string("request_hash") == requestHash else { return .mismatch }
            let status = try row.int("status")
            if status == 0 { return .inProgress }
            return .replay(StoredResponse(status: status, contentType: try row.string("content_type"),
                                          body: try row.string("body")))
        }
    }

    /// Deletes records older than the retention period; returns how many.
    package func purgeExpired(now: Date = Date()) async throws -> Int {
        try await database.write { sql in
            try await sql.raw("""
                DELETE FROM idempotency_keys WHERE created_at < \(bind: now.addingTimeInterval(-Self.retention))
                RETURNING key
                """).all().count
        }
    }

    /// Stores the response of a claimed request (2xx), or forgets the claim so it may be retried.
    package func finish(scope: String, key: String, response: StoredResponse?) async throws {
        try await database.write { sql in
            if let response {
                try await sql.raw("""
                    UPDATE idempotency_keys SET status = \(bind: response.status), content_type = \(bind: response.contentType),
                      body = \(bind: response.body) WHERE scope = \(bind: scope) AND key = \(bind: key)
                    """).run()
            } else {
                try await sql.raw("DELETE FROM idempotency_keys WHERE scope = \(bind: scope) AND key = \(bind: key)").run()
            }
        }
    }
}
