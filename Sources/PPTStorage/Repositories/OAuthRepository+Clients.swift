import Crypto
import Foundation
import PPTDomain
import SQLKit

/// Client registration by platform administrators, and client authentication at the token endpoint.
extension OAuthRepository {
    static func client(_ row: any SQLRow) throws -> OAuthClient {
        OAuthClient(id: try row.string("id"), name: try row.string("name"), platform: try row.enumValue("platform"),
                    redirectURIs: try row.json("redirect_uris"), scopes: try row.json("scopes"),
                    createdAt: try row.date("created_at"))
    }

    /// Registers a client (input already validated); returns it with its secret, which is shown once
    /// and stored only as a hash.
    package func createClient(name: String, platform: VoicePlatform, redirectURIs: [String], scopes: [String],
                              createdBy: UserID) async throws -> (client: OAuthClient, secret: String) {
        let client = OAuthClient(id: "ppt-\(platform.rawValue)-\(Self.newID())", name: name, platform: platform,
                                 redirectURIs: redirectURIs, scopes: scopes, createdAt: clock.now())
        let secret = Self.newSecret()
        try await database.write { sql in
            try await sql.raw("""
                INSERT INTO oauth_clients (id, name, platform, secret_hash, redirect_uris, scopes, created_by, created_at,
                  deleted_at)
                VALUES (\(bind: client.id), \(bind: client.name), \(bind: platform.rawValue), \(bind: Self.hash(secret)),
                  \(bind: jsonText(redirectURIs)), \(bind: jsonText(scopes)), \(bind: createdBy.rawValue),
                  \(bind: client.createdAt), NULL)
                """).run()
        }
        return (client, secret)
    }

    /// Every registered client, oldest first.
    package func clients() async throws -> [OAuthClient] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM oauth_clients WHERE deleted_at IS NULL ORDER BY created_at, id").all()
                .map(Self.client)
        }
    }

    /// A registered client, `nil` when unknown or deleted.
    package func client(id: String) async throws -> OAuthClient? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM oauth_clients WHERE id = \(bind: id) AND deleted_at IS NULL").first()
                .map(Self.client)
        }
    }

    /// Deletes a client and revokes every link and token issued to it; `notFound` when unknown.
    package func deleteClient(id: String) async throws {
        let now = clock.now()
        try await database.write { sql in
            guard try await sql.raw("SELECT id FROM oauth_clients WHERE id = \(bind: id) AND deleted_at IS NULL")
                .first() != nil
            else { throw DomainError.notFound("oauth client") }
            try await sql.raw("UPDATE oauth_clients SET deleted_at = \(bind: now) WHERE id = \(bind: id)").run()
            let links = try await sql.raw("SELECT id FROM oauth_links WHERE client_id = \(bind: id) AND revoked_at IS NULL")
                .all().map { try $0.string("id") }
            for link in links { try await Self.revokeLink(sql, linkID: link, now: now) }
        }
    }

    /// The client when `secret` is its secret (compared as hashes in constant time), else `nil`.
    package func authenticateClient(id: String, secret: String) async throws -> OAuthClient? {
        let row = try await database.read { sql in
            try await sql.raw("SELECT * FROM oauth_clients WHERE id = \(bind: id) AND deleted_at IS NULL").first()
        }
        let presented = Self.hash(secret)
        guard let row else { return nil }
        let stored = try row.string("secret_hash")
        var difference = UInt8(stored.utf8.count == presented.utf8.count ? 0 : 1)
        for (a, b) in zip(stored.utf8, presented.utf8) { difference |= a ^ b }
        return difference == 0 ? try Self.client(row) : nil
    }
}
