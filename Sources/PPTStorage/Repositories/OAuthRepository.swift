import Crypto
import Foundation
import PPTDomain
import SQLKit

/// The OAuth 2.0 authorization server's storage: clients, account links, single-use codes and
/// access/refresh tokens. Every secret (client secrets, codes, tokens) is a 256-bit random value
/// stored only as its SHA-256: with that much entropy a fast hash cannot be brute-forced, and a
/// leaked table reveals nothing usable (a slow password hash would add nothing but latency on every
/// voice request).
package struct OAuthRepository: Sendable {
    let database: any Database
    let clock: any WallClock
    /// Access token lifetime.
    package var accessLifetime: TimeInterval = 3600
    /// Refresh token lifetime.
    package var refreshLifetime: TimeInterval = 60 * 24 * 3600
    /// Authorization code lifetime.
    package var codeLifetime: TimeInterval = 60
    /// How stale `last_used_at` may get before a verified token updates it.
    package var lastUsedGranularity: TimeInterval = 60

    /// A repository over `database`.
    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// The hex SHA-256 of a token, code or secret: how it is stored and looked up.
    package static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A new 256-bit random token, base64url without padding.
    package static func newSecret() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func newID() -> String { UUID().uuidString.lowercased() }

    /// What a verified access token stands for; `nil` for unknown, expired or revoked tokens, or when
    /// the link or its client is gone. Records the use on the link at most once a minute.
    package func grant(forAccessToken token: String) async throws -> VoiceGrant? {
        let now = clock.now()
        let row = try await database.read { sql in
            try await sql.raw("""
                SELECT l.id AS link_id, l.user_id, l.org_id, l.unit_id, l.client_id, l.scopes, l.last_used_at,
                       c.platform
                FROM oauth_tokens t JOIN oauth_links l ON l.id = t.link_id JOIN oauth_clients c ON c.id = l.client_id
                WHERE t.token_hash = \(bind: Self.hash(token)) AND t.kind = 'access' AND t.revoked_at IS NULL
                  AND t.expires_at > \(bind: now) AND l.revoked_at IS NULL AND c.deleted_at IS NULL
                """).first()
        }
        guard let row else { return nil }
        let grant = VoiceGrant(
            linkID: try row.string("link_id"), userID: try row.id("user_id"), organizationID: try row.id("org_id"),
            unitID: try row.optionalID("unit_id"), clientID: try row.string("client_id"),
            platform: try row.enumValue("platform"), scopes: try row.json("scopes"))
        if let last = try row.optionalDate("last_used_at"), now.timeIntervalSince(last) < lastUsedGranularity {
            return grant
        }
        let threshold = now.addingTimeInterval(-lastUsedGranularity)
        try await database.write { sql in
            try await sql.raw("""
                UPDATE oauth_links SET last_used_at = \(bind: now)
                WHERE id = \(bind: grant.linkID) AND (last_used_at IS NULL OR last_used_at < \(bind: threshold))
                """).run()
        }
        return grant
    }

    /// Unlinks: revokes the link and every token issued for it. Unknown links are ignored.
    package func revokeLink(linkID: String) async throws {
        let now = clock.now()
        try await database.write { sql in
            try await Self.revokeLink(sql, linkID: linkID, now: now)
        }
    }

    static func revokeLink(_ sql: any SQLDatabase, linkID: String, now: Date) async throws {
        try await sql.raw("""
            UPDATE oauth_links SET revoked_at = \(bind: now) WHERE id = \(bind: linkID) AND revoked_at IS NULL
            """).run()
        try await sql.raw("""
            UPDATE oauth_tokens SET revoked_at = \(bind: now) WHERE link_id = \(bind: linkID) AND revoked_at IS NULL
            """).run()
    }

    /// Scheduled clean-up, idempotent across instances: deletes codes and tokens that expired more than
    /// a day before `now` (a spent refresh token stays until it expires, for reuse detection). Returns
    /// how many rows went.
    package func scanExpiredOAuth(now: Date) async throws -> Int {
        let cutoff = now.addingTimeInterval(-24 * 3600)
        return try await database.write { sql in
            let codes = try await sql.raw("DELETE FROM oauth_codes WHERE expires_at < \(bind: cutoff) RETURNING code_hash")
                .all().count
            let tokens = try await sql.raw("DELETE FROM oauth_tokens WHERE expires_at < \(bind: cutoff) RETURNING id")
                .all().count
            return codes + tokens
        }
    }

    /// Stores a single-use authorization code for the consent in `grant`; returns the code.
    package func createCode(_ grant: OAuthCodeGrant) async throws -> String {
        let code = Self.newSecret()
        let now = clock.now()
        let expires = now.addingTimeInterval(codeLifetime)
        try await database.write { sql in
            try await sql.raw("""
                INSERT INTO oauth_codes (code_hash, client_id, redirect_uri, code_challenge, user_id, org_id, unit_id,
                  scopes, link_id, expires_at, used_at, created_at)
                VALUES (\(bind: Self.hash(code)), \(bind: grant.clientID), \(bind: grant.redirectURI),
                  \(bind: grant.codeChallenge), \(bind: grant.userID.rawValue), \(bind: grant.organizationID.rawValue),
                  \(bind: grant.unitID?.rawValue), \(bind: jsonText(grant.scopes)), NULL, \(bind: expires), NULL,
                  \(bind: now))
                """).run()
        }
        return code
    }

    /// Creates a link with its first token pair directly: the consent already happened (used by the
    /// code exchange, and by tests and tools that link a user without a browser).
    package func link(clientID: String, userID: UserID, organizationID: OrganizationID, unitID: UnitID?,
                      scopes: [String]) async throws -> OAuthTokenPair {
        let now = clock.now()
        let linkID = Self.newID()
        let (access, refresh) = (Self.newSecret(), Self.newSecret())
        let (accessLifetime, refreshLifetime) = (self.accessLifetime, self.refreshLifetime)
        try await database.write { sql in
            try await Self.insertLink(sql, id: linkID, clientID: clientID, userID: userID,
                                      organizationID: organizationID, unitID: unitID, scopes: scopes, now: now)
            try await Self.insertToken(sql, access, kind: "access", linkID: linkID, now: now,
                                       expires: now.addingTimeInterval(accessLifetime))
            try await Self.insertToken(sql, refresh, kind: "refresh", linkID: linkID, now: now,
                                       expires: now.addingTimeInterval(refreshLifetime))
        }
        return OAuthTokenPair(accessToken: access, refreshToken: refresh, expiresIn: Int(accessLifetime),
                              scopes: scopes, linkID: linkID)
    }

    static func insertLink(_ sql: any SQLDatabase, id: String, clientID: String, userID: UserID,
                           organizationID: OrganizationID, unitID: UnitID?, scopes: [String], now: Date) async throws {
        try await sql.raw("""
            INSERT INTO oauth_links (id, client_id, user_id, org_id, unit_id, scopes, created_at, last_used_at, revoked_at)
            VALUES (\(bind: id), \(bind: clientID), \(bind: userID.rawValue), \(bind: organizationID.rawValue),
              \(bind: unitID?.rawValue), \(bind: jsonText(scopes)), \(bind: now), NULL, NULL)
            """).run()
    }

    static func insertToken(_ sql: any SQLDatabase, _ token: String, kind: String, linkID: String, now: Date,
                            expires: Date) async throws {
        try await sql.raw("""
            INSERT INTO oauth_tokens (id, token_hash, kind, link_id, expires_at, used_at, revoked_at, created_at)
            VALUES (\(bind: newID()), \(bind: hash(token)), \(bind: kind), \(bind: linkID), \(bind: expires), NULL,
              NULL, \(bind: now))
            """).run()
    }
}
