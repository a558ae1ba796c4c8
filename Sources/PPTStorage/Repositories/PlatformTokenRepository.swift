import Foundation
import PPTDomain
import SQLKit

/// Client credentials and access tokens for calling voice platforms (platform-wide, not tenant data),
/// encrypted with the key ring; the platform user ids of account links; and the idempotency records of
/// outbound notifications. Several instances may use it at once: refreshes and deliveries are claimed
/// with a conditional update, so one instance does the work and the others skip.
package struct PlatformTokenRepository: Sendable {
    let database: any Database
    let keyRing: KeyRing
    let clock: any WallClock

    /// Stored credentials of a platform.
    package struct Credentials: Sendable, Hashable {
        /// The client id.
        package var clientID: String
        /// The decrypted client secret.
        package var clientSecret: String
    }

    /// A stored access token.
    package struct Token: Sendable, Hashable {
        /// The decrypted access token.
        package var accessToken: String
        /// When it expires.
        package var expiresAt: Date
    }

    /// A repository over `database`, encrypting with `keyRing`.
    package init(database: any Database, keyRing: KeyRing, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.keyRing = keyRing
        self.clock = clock
    }

    private static func context(_ platform: VoicePlatform, _ column: String) -> String {
        "platform_token:\(platform.rawValue):\(column)"
    }

    // MARK: Credentials and tokens

    /// Stores the client credentials; a changed client id or secret drops the token obtained with the old
    /// ones. Storing the same credentials again changes nothing (every instance calls this at start).
    package func configure(_ platform: VoicePlatform, clientID: String, clientSecret: String) async throws {
        if let current = try await credentials(platform), current.clientID == clientID,
            current.clientSecret == clientSecret
        { return }
        let secret = try keyRing.encrypt(clientSecret, context: Self.context(platform, "client_secret"))
        let (keyID, now) = (keyRing.activeKey.id, clock.now())
        try await database.write { sql in
            try await sql.raw("DELETE FROM platform_tokens WHERE provider = \(bind: platform.rawValue)").run()
            try await sql.raw("""
                INSERT INTO platform_tokens (provider, client_id, client_secret_ciphertext, access_token_ciphertext,
                  key_id, expires_at, refreshing_until, refreshed_at, last_error, updated_at)
                VALUES (\(bind: platform.rawValue), \(bind: clientID), \(bind: secret), NULL, \(bind: keyID), NULL,
                  NULL, NULL, NULL, \(bind: now))
                """).run()
        }
    }

    /// The stored credentials, or `nil` when the platform is not configured.
    package func credentials(_ platform: VoicePlatform) async throws -> Credentials? {
        let row = try await database.read { sql in
            try await sql.raw("""
                SELECT client_id, client_secret_ciphertext FROM platform_tokens WHERE provider = \(bind: platform.rawValue)
                """).first()
        }
        guard let row else { return nil }
        return Credentials(clientID: try row.string("client_id"), clientSecret: try keyRing.decrypt(
            try row.string("client_secret_ciphertext"), context: Self.context(platform, "client_secret")))
    }

    /// The stored access token, whatever its expiry (`nil`: none obtained yet).
    package func token(_ platform: VoicePlatform) async throws -> Token? {
        let row = try await database.read { sql in
            try await sql.raw("""
                SELECT access_token_ciphertext, expires_at FROM platform_tokens WHERE provider = \(bind: platform.rawValue)
                """).first()
        }
        guard let row, let ciphertext = try row.optionalString("access_token_ciphertext"),
            let expiresAt = try row.optionalDate("expires_at")
        else { return nil }
        return Token(accessToken: try keyRing.decrypt(ciphertext, context: Self.context(platform, "access_token")),
                     expiresAt: expiresAt)
    }

    /// Claims the refresh of a token that has none or expires before `dueBefore`, for `lease` seconds.
    /// Returns the credentials to refresh with, or `nil` when no refresh is due or another caller holds
    /// the claim.
    package func claimRefresh(_ platform: VoicePlatform, dueBefore: Date, lease: TimeInterval = 60) async throws
        -> Credentials?
    {
        let now = clock.now()
        let row = try await database.write { sql in
            try await sql.raw("""
                UPDATE platform_tokens SET refreshing_until = \(bind: now.addingTimeInterval(lease))
                WHERE provider = \(bind: platform.rawValue)
                  AND (access_token_ciphertext IS NULL OR expires_at IS NULL OR expires_at <= \(bind: dueBefore))
                  AND (refreshing_until IS NULL OR refreshing_until <= \(bind: now))
                RETURNING client_id, client_secret_ciphertext
                """).first()
        }
        guard let row else { return nil }
        return Credentials(clientID: try row.string("client_id"), clientSecret: try keyRing.decrypt(
            try row.string("client_secret_ciphertext"), context: Self.context(platform, "client_secret")))
    }

    /// Stores a freshly obtained token and releases the refresh claim.
    package func storeToken(_ platform: VoicePlatform, accessToken: String, expiresAt: Date) async throws {
        let ciphertext = try keyRing.encrypt(accessToken, context: Self.context(platform, "access_token"))
        let (keyID, now) = (keyRing.activeKey.id, clock.now())
        try await database.write { sql in
            try await sql.raw("""
                UPDATE platform_tokens SET access_token_ciphertext = \(bind: ciphertext), key_id = \(bind: keyID),
                  expires_at = \(bind: expiresAt), refreshing_until = NULL, refreshed_at = \(bind: now),
                  last_error = NULL, updated_at = \(bind: now)
                WHERE provider = \(bind: platform.rawValue)
                """).run()
        }
    }

    /// Releases a refresh claim after a failure, recording why (no secrets: the caller passes a summary).
    package func releaseRefresh(_ platform: VoicePlatform, error: String) async throws {
        let now = clock.now()
        try await database.write { sql in
            try await sql.raw("""
                UPDATE platform_tokens SET refreshing_until = NULL, last_error = \(bind: String(error.prefix(500))),
                  updated_at = \(bind: now)
                WHERE provider = \(bind: platform.rawValue)
                """).run()
        }
    }

    /// Re-encrypts every credential and token not under the active key (key rotation); returns how many rows.
    package func reencryptAll() async throws -> Int {
        let keyRing = self.keyRing
        let now = clock.now()
        return try await database.write { sql in
            let rows = try await sql.raw("""
                SELECT provider, client_secret_ciphertext, access_token_ciphertext FROM platform_tokens
                WHERE key_id <> \(bind: keyRing.activeKey.id)
                """).all()
            for row in rows {
                let platform: VoicePlatform = try row.enumValue("provider")
                let secretContext = Self.context(platform, "client_secret")
                let secret = try keyRing.encrypt(
                    try keyRing.decrypt(try row.string("client_secret_ciphertext"), context: secretContext),
                    context: secretContext)
                let tokenContext = Self.context(platform, "access_token")
                let token = try row.optionalString("access_token_ciphertext").map {
                    try keyRing.encrypt(try keyRing.decrypt($0, context: tokenContext), context: tokenContext)
                }
                try await sql.raw("""
                    UPDATE platform_tokens SET client_secret_ciphertext = \(bind: secret),
                      access_token_ciphertext = \(bind: token), key_id = \(bind: keyRing.activeKey.id),
                      updated_at = \(bind: now)
                    WHERE provider = \(bind: platform.rawValue)
                    """).run()
            }
            return rows.count
        }
    }
}

extension PlatformTokenRepository {
    // MARK: Platform users

    /// Remembers the platform's user id behind an account link (Alexa sends `context.System.user.userId`
    /// with every request of a linked user); a later id replaces it.
    package func rememberPlatformUser(_ grant: VoiceGrant, platformUserID: String) async throws {
        // Alexa sends the same id with every request: read first, so the usual case writes nothing.
        let stored = try await database.read { sql in
            try await sql.raw("SELECT platform_user_id FROM voice_platform_users WHERE link_id = \(bind: grant.linkID)")
                .first()?.string("platform_user_id")
        }
        guard stored != platformUserID else { return }
        let now = clock.now()
        try await database.write { sql in
            try await sql.raw("DELETE FROM voice_platform_users WHERE link_id = \(bind: grant.linkID)").run()
            try await sql.raw("""
                INSERT INTO voice_platform_users (link_id, platform, org_id, user_id, platform_user_id, updated_at)
                VALUES (\(bind: grant.linkID), \(bind: grant.platform.rawValue), \(bind: grant.organizationID.rawValue),
                  \(bind: grant.userID.rawValue), \(bind: platformUserID), \(bind: now))
                """).run()
        }
    }

    /// The platform user ids of the member's active (not revoked) links to `platform`.
    package func platformUserIDs(_ platform: VoicePlatform, organizationID: OrganizationID, userID: UserID)
        async throws -> [String]
    {
        try await database.read { sql in
            try await sql.raw("""
                SELECT p.platform_user_id FROM voice_platform_users p JOIN oauth_links l ON l.id = p.link_id
                WHERE p.platform = \(bind: platform.rawValue) AND p.org_id = \(bind: organizationID.rawValue)
                  AND p.user_id = \(bind: userID.rawValue) AND l.revoked_at IS NULL
                ORDER BY p.updated_at DESC, p.link_id
                """).all().map { try $0.string("platform_user_id") }
        }
    }

    // MARK: Deliveries

    /// Claims the outbound notification `key` for `lease` seconds. `true`: the caller sends now;
    /// `false`: it was sent already, or another caller is sending it.
    package func claimDelivery(_ key: String, platform: VoicePlatform, organizationID: OrganizationID,
                               lease: TimeInterval = 120) async throws -> Bool {
        let now = clock.now()
        return try await database.write { sql in
            let inserted = try await sql.raw("""
                INSERT INTO platform_deliveries (idempotency_key, provider, org_id, status, claimed_until, created_at,
                  sent_at)
                VALUES (\(bind: key), \(bind: platform.rawValue), \(bind: organizationID.rawValue), 'sending',
                  \(bind: now.addingTimeInterval(lease)), \(bind: now), NULL)
                ON CONFLICT DO NOTHING RETURNING idempotency_key
                """).all()
            if !inserted.isEmpty { return true }
            // A claim whose holder failed (released) or vanished (lease over) may be taken again.
            let reclaimed = try await sql.raw("""
                UPDATE platform_deliveries SET claimed_until = \(bind: now.addingTimeInterval(lease))
                WHERE idempotency_key = \(bind: key) AND status = 'sending'
                  AND (claimed_until IS NULL OR claimed_until <= \(bind: now))
                RETURNING idempotency_key
                """).all()
            return !reclaimed.isEmpty
        }
    }

    /// Records that the notification `key` was sent: it is never sent again.
    package func markDelivered(_ key: String) async throws {
        let now = clock.now()
        try await database.write { sql in
            try await sql.raw("""
                UPDATE platform_deliveries SET status = 'sent', sent_at = \(bind: now), claimed_until = NULL
                WHERE idempotency_key = \(bind: key)
                """).run()
        }
    }

    /// Gives a claim back after a failed send, so the job's retry may send.
    package func releaseDelivery(_ key: String) async throws {
        try await database.write { sql in
            try await sql.raw("""
                UPDATE platform_deliveries SET claimed_until = NULL WHERE idempotency_key = \(bind: key)
                  AND status = 'sending'
                """).run()
        }
    }

    /// Whether the notification `key` was sent.
    package func isDelivered(_ key: String) async throws -> Bool {
        try await database.read { sql in
            try await sql.raw("""
                SELECT status FROM platform_deliveries WHERE idempotency_key = \(bind: key)
                """).first().map { try $0.string("status") == "sent" } ?? false
        }
    }
}
