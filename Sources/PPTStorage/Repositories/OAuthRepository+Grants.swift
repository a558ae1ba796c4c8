import Foundation
import PPTDomain
import SQLKit

/// The token endpoint's grants (authorization code with PKCE, refresh with rotation and reuse
/// detection), revocation (RFC 7009) and introspection (RFC 7662).
extension OAuthRepository {
    /// Redeems a code for `clientID`: unused, unexpired, same redirect URI, and a PKCE verifier that
    /// `verify` accepts against the stored challenge. A code presented a second time revokes the link
    /// (every token) issued from it (RFC 6749 §4.1.2). Throws ``OAuthGrantFailure``.
    package func exchangeCode(_ code: String, clientID: String, redirectURI: String,
                              verify: @escaping @Sendable (_ challenge: String) -> Bool) async throws -> OAuthTokenPair {
        let now = clock.now()
        let linkID = Self.newID()
        let (access, refresh) = (Self.newSecret(), Self.newSecret())
        let (accessLifetime, refreshLifetime) = (self.accessLifetime, self.refreshLifetime)
        let outcome: Result<[String], OAuthGrantFailure> = try await database.write { sql in
            // Claim the code atomically: of two concurrent exchanges only one gets the row.
            guard let row = try await sql.raw("""
                UPDATE oauth_codes SET used_at = \(bind: now)
                WHERE code_hash = \(bind: Self.hash(code)) AND used_at IS NULL RETURNING *
                """).first()
            else {
                let spent = try await sql.raw("SELECT link_id FROM oauth_codes WHERE code_hash = \(bind: Self.hash(code))")
                    .first()
                guard let spent else { return .failure(.invalidGrant("The authorization code is not valid.")) }
                if let issued = try spent.optionalString("link_id") {
                    try await Self.revokeLink(sql, linkID: issued, now: now)
                }
                return .failure(.invalidGrant("The authorization code was already used."))
            }
            guard try row.date("expires_at") > now else {
                return .failure(.invalidGrant("The authorization code has expired."))
            }
            guard try row.string("client_id") == clientID else {
                return .failure(.invalidGrant("The authorization code was issued to another client."))
            }
            guard try row.string("redirect_uri") == redirectURI else {
                return .failure(.invalidGrant("The redirect URI does not match the authorization request."))
            }
            guard verify(try row.string("code_challenge")) else {
                return .failure(.invalidGrant("The PKCE code verifier does not match the challenge."))
            }
            let scopes: [String] = try row.json("scopes")
            try await Self.insertLink(sql, id: linkID, clientID: clientID, userID: try row.id("user_id"),
                                      organizationID: try row.id("org_id"), unitID: try row.optionalID("unit_id"),
                                      scopes: scopes, now: now)
            try await sql.raw("UPDATE oauth_codes SET link_id = \(bind: linkID) WHERE code_hash = \(bind: Self.hash(code))")
                .run()
            try await Self.insertToken(sql, access, kind: "access", linkID: linkID, now: now,
                                       expires: now.addingTimeInterval(accessLifetime))
            try await Self.insertToken(sql, refresh, kind: "refresh", linkID: linkID, now: now,
                                       expires: now.addingTimeInterval(refreshLifetime))
            return .success(scopes)
        }
        return OAuthTokenPair(accessToken: access, refreshToken: refresh, expiresIn: Int(accessLifetime),
                              scopes: try outcome.get(), linkID: linkID)
    }

    /// Rotates a refresh token of `clientID`: the old one is spent, a new pair is returned. A spent
    /// token presented again revokes the whole family (the link and all its tokens): someone else
    /// holds a copy. Throws ``OAuthGrantFailure``.
    package func refresh(_ token: String, clientID: String) async throws -> OAuthTokenPair {
        let now = clock.now()
        let (access, refresh) = (Self.newSecret(), Self.newSecret())
        let (accessLifetime, refreshLifetime) = (self.accessLifetime, self.refreshLifetime)
        let outcome: Result<(String, [String]), OAuthGrantFailure> = try await database.write { sql in
            // Claim the token atomically (only one of two concurrent refreshes gets the row).
            guard let claimed = try await sql.raw("""
                UPDATE oauth_tokens SET used_at = \(bind: now)
                WHERE token_hash = \(bind: Self.hash(token)) AND kind = 'refresh' AND used_at IS NULL
                  AND revoked_at IS NULL AND expires_at > \(bind: now)
                  AND link_id IN (SELECT id FROM oauth_links WHERE client_id = \(bind: clientID) AND revoked_at IS NULL)
                RETURNING link_id
                """).first()
            else {
                let spent = try await sql.raw("""
                    SELECT t.link_id FROM oauth_tokens t JOIN oauth_links l ON l.id = t.link_id
                    WHERE t.token_hash = \(bind: Self.hash(token)) AND t.kind = 'refresh' AND t.used_at IS NOT NULL
                      AND l.client_id = \(bind: clientID)
                    """).first()
                if let spent {
                    // A rotated token came back: someone else holds a copy. Revoke the whole family.
                    try await Self.revokeLink(sql, linkID: try spent.string("link_id"), now: now)
                    return .failure(.invalidGrant("The refresh token was already used; the link is revoked."))
                }
                return .failure(.invalidGrant("The refresh token is not valid."))
            }
            let linkID = try claimed.string("link_id")
            guard let row = try await sql.raw("SELECT scopes FROM oauth_links WHERE id = \(bind: linkID)").first() else {
                return .failure(.invalidGrant("The refresh token is not valid."))
            }
            try await Self.insertToken(sql, access, kind: "access", linkID: linkID, now: now,
                                       expires: now.addingTimeInterval(accessLifetime))
            try await Self.insertToken(sql, refresh, kind: "refresh", linkID: linkID, now: now,
                                       expires: now.addingTimeInterval(refreshLifetime))
            return .success((linkID, try row.json("scopes")))
        }
        let (linkID, scopes) = try outcome.get()
        return OAuthTokenPair(accessToken: access, refreshToken: refresh, expiresIn: Int(accessLifetime),
                              scopes: scopes, linkID: linkID)
    }

    /// RFC 7009: revokes a token of `clientID`. A refresh token takes the whole link with it (its
    /// access tokens would otherwise outlive it); an access token only itself. Unknown tokens and
    /// other clients' tokens are ignored.
    package func revoke(_ token: String, clientID: String) async throws {
        let now = clock.now()
        try await database.write { sql in
            guard let row = try await sql.raw("""
                SELECT t.id, t.kind, t.link_id FROM oauth_tokens t JOIN oauth_links l ON l.id = t.link_id
                WHERE t.token_hash = \(bind: Self.hash(token)) AND l.client_id = \(bind: clientID)
                """).first()
            else { return }
            if try row.string("kind") == "refresh" {
                try await Self.revokeLink(sql, linkID: try row.string("link_id"), now: now)
            } else {
                try await sql.raw("""
                    UPDATE oauth_tokens SET revoked_at = \(bind: now) WHERE id = \(bind: try row.string("id"))
                      AND revoked_at IS NULL
                    """).run()
            }
        }
    }

    /// RFC 7662: what an active token (unexpired, unrevoked, unspent refresh token, live link and
    /// client) stands for; `nil` when it is not active.
    package func introspect(_ token: String) async throws -> OAuthIntrospection? {
        let now = clock.now()
        return try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT t.kind, t.expires_at, l.client_id, l.user_id, l.org_id, l.scopes
                FROM oauth_tokens t JOIN oauth_links l ON l.id = t.link_id JOIN oauth_clients c ON c.id = l.client_id
                WHERE t.token_hash = \(bind: Self.hash(token)) AND t.revoked_at IS NULL AND t.used_at IS NULL
                  AND t.expires_at > \(bind: now) AND l.revoked_at IS NULL AND c.deleted_at IS NULL
                """).first()
            else { return nil }
            return OAuthIntrospection(
                clientID: try row.string("client_id"), userID: try row.id("user_id"), organizationID: try row.id("org_id"),
                scopes: try row.json("scopes"), expiresAt: try row.date("expires_at"),
                tokenType: try row.string("kind") == "refresh" ? "refresh_token" : "access_token")
        }
    }
}
