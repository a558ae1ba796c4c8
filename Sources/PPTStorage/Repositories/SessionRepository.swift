import Crypto
import Foundation
import PPTDomain
import SQLKit

/// Refresh tokens (opaque, stored as SHA-256, rotated on use, reuse revokes the family) and login
/// throttling (5 failures in 15 minutes lock an account or an address for 15 minutes), both in the
/// database so that every instance agrees (DESIGN §4).
package struct SessionRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock
    /// Refresh token lifetime.
    package var refreshLifetime: TimeInterval = 30 * 24 * 3600
    /// Failures before a lockout.
    package var maxFailures = 5
    /// Lockout length, and the window in which failures count.
    package var lockout: TimeInterval = 15 * 60

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    private static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func newToken() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Starts a new token family for a fresh login; returns the opaque token.
    package func issue(userID: UserID) async throws -> String {
        let token = Self.newToken()
        let now = clock.now()
        let expires = now.addingTimeInterval(refreshLifetime)
        try await database.write { sql in
            try await Self.insert(sql, token: token, userID: userID, family: UUID().uuidString.lowercased(), now: now,
                                  expires: expires)
        }
        return token
    }

    private static func insert(_ sql: any SQLDatabase, token: String, userID: UserID, family: String, now: Date,
                               expires: Date) async throws {
        try await sql.raw("""
            INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, created_at)
            VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: userID.rawValue), \(bind: family),
                    \(bind: hash(token)), \(bind: expires), \(bind: now))
            """).run()
    }

    /// Exchanges a refresh token for a new one. A token used twice revokes its whole family.
    package func rotate(_ token: String) async throws -> (userID: UserID, token: String) {
        let now = clock.now()
        let next = Self.newToken()
        let lifetime = refreshLifetime
        let outcome: Result<UserID, DomainError> = try await database.write { sql in
            guard let row = try await sql.raw(
                "SELECT * FROM refresh_tokens WHERE token_hash = \(bind: Self.hash(token))"
            ).first() else { return .failure(Self.invalid) }
            let family = try row.string("family_id")
            if try row.optionalDate("used_at") != nil || row.optionalDate("revoked_at") != nil {
                // Reuse of a rotated token: someone else may hold the family. Revoke all of it.
                try await sql.raw("""
                    UPDATE refresh_tokens SET revoked_at = \(bind: now)
                    WHERE family_id = \(bind: family) AND revoked_at IS NULL
                    """).run()
                return .failure(Self.invalid)
            }
            guard try row.date("expires_at") > now else { return .failure(Self.invalid) }
            let userID: UserID = try row.id("user_id")
            try await sql.raw("UPDATE refresh_tokens SET used_at = \(bind: now) WHERE id = \(bind: try row.string("id"))")
                .run()
            try await Self.insert(sql, token: next, userID: userID, family: family, now: now,
                                  expires: now.addingTimeInterval(lifetime))
            return .success(userID)
        }
        return (try outcome.get(), next)
    }

    private static let invalid = DomainError(
        code: "auth.invalid_refresh_token", kind: .unauthorized, message: "The refresh token is not valid.")

    /// Logout: revokes the token's family. Unknown tokens are ignored.
    package func revoke(_ token: String) async throws {
        let now = clock.now()
        try await database.write { sql in
            try await sql.raw("""
                UPDATE refresh_tokens SET revoked_at = \(bind: now)
                WHERE revoked_at IS NULL AND family_id IN
                  (SELECT family_id FROM refresh_tokens WHERE token_hash = \(bind: Self.hash(token)))
                """).run()
        }
    }

    /// Revokes every refresh token of a user (password change): other devices must sign in again.
    package func revokeAll(userID: UserID) async throws {
        let now = clock.now()
        try await database.write { sql in
            try await sql.raw("""
                UPDATE refresh_tokens SET revoked_at = \(bind: now)
                WHERE user_id = \(bind: userID.rawValue) AND revoked_at IS NULL
                """).run()
        }
    }

    /// Counts a sign-in attempt against each key (e.g. `email:…`, `ip:…`) *before* the password is
    /// checked, so that parallel guesses cannot slip past the limit; throws `auth.locked` (with
    /// `Retry-After`) when a key is locked or has used up its attempts in the current window. A
    /// successful sign-in clears the count (`recordSuccess`).
    package func reserveAttempt(_ keys: [String]) async throws {
        let now = clock.now()
        let (maxFailures, lockout) = (self.maxFailures, self.lockout)
        // Row locks rather than a serializable transaction: a throttle on hot keys (one address for
        // many accounts) needs no predicate locks, and under load PostgreSQL's serializable mode
        // cancels such transactions on summarized old ones again and again.
        let forUpdate: SQLQueryString = database.dialect == .postgres ? " FOR UPDATE" : ""
        let lockedUntil: Date? = try await database.write(isolation: .readCommitted) { sql in
            var locked: Date?
            // A fixed order, so two attempts sharing keys lock them in the same order.
            for key in Set(keys).sorted() {
                // The row exists from here on, so the lock below queues concurrent attempts on one key.
                try await sql.raw("""
                    INSERT INTO login_attempts (key, failures, first_failure_at, locked_until)
                    VALUES (\(bind: key), 0, \(bind: now), NULL) ON CONFLICT (key) DO NOTHING
                    """).run()
                let select: SQLQueryString = "SELECT * FROM login_attempts WHERE key = \(bind: key)"
                guard let row = try await sql.raw(select + forUpdate).first() else { continue }
                if let until = try row.optionalDate("locked_until"), until > now {
                    locked = max(locked ?? until, until)
                    continue
                }
                var failures = 0
                var first = now
                if try row.date("first_failure_at") > now.addingTimeInterval(-lockout) {
                    failures = try row.int("failures")
                    first = try row.date("first_failure_at")
                }
                if failures >= maxFailures {
                    let until = now.addingTimeInterval(lockout)
                    try await sql.raw("""
                        UPDATE login_attempts SET locked_until = \(bind: until), failures = 0 WHERE key = \(bind: key)
                        """).run()
                    locked = max(locked ?? until, until)
                    continue
                }
                try await sql.raw("""
                    UPDATE login_attempts SET failures = \(bind: failures + 1), first_failure_at = \(bind: first),
                      locked_until = NULL WHERE key = \(bind: key)
                    """).run()
            }
            return locked
        }
        if let lockedUntil {
            throw DomainError(
                code: "auth.locked", kind: .tooManyRequests,
                message: "Too many failed sign-in attempts. Try again later.",
                retryAfterSeconds: Int(lockedUntil.timeIntervalSince(now).rounded(.up)))
        }
    }

    /// Clears the failure count after a successful login.
    package func recordSuccess(_ keys: [String]) async throws {
        try await database.write(isolation: .readCommitted) { sql in
            try await sql.raw("DELETE FROM login_attempts WHERE key IN (\(binds: keys)) AND locked_until IS NULL").run()
        }
    }
}
