import Foundation
import PPTDomain
import SQLKit

/// Encrypted secrets (provider keys, OAuth tokens) in the `secrets` table, by organization and name.
package struct SecretStore: Sendable {
    private let database: any Database
    private let keyRing: KeyRing

    package init(database: any Database, keyRing: KeyRing) {
        self.database = database
        self.keyRing = keyRing
    }

    private static func context(_ organizationID: OrganizationID?, _ name: String) -> String {
        "secret:\(organizationID?.rawValue ?? "platform"):\(name)"
    }

    /// Stores (or replaces) a secret.
    package func put(_ value: String, name: String, organizationID: OrganizationID?) async throws {
        let ciphertext = try keyRing.encrypt(value, context: Self.context(organizationID, name))
        let keyID = keyRing.activeKey.id
        let now = Date()
        try await database.write { sql in
            try await sql.raw("""
                DELETE FROM secrets WHERE COALESCE(org_id, '') = \(bind: organizationID?.rawValue ?? "")
                AND name = \(bind: name)
                """).run()
            try await sql.raw("""
                INSERT INTO secrets (id, org_id, name, ciphertext, key_id, created_at, updated_at)
                VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: organizationID?.rawValue), \(bind: name),
                        \(bind: ciphertext), \(bind: keyID), \(bind: now), \(bind: now))
                """).run()
        }
    }

    /// Reads a secret, or `nil` when none is stored.
    package func get(name: String, organizationID: OrganizationID?) async throws -> String? {
        let row = try await database.read { sql in
            try await sql.raw("""
                SELECT ciphertext FROM secrets WHERE COALESCE(org_id, '') = \(bind: organizationID?.rawValue ?? "")
                AND name = \(bind: name)
                """).first()
        }
        guard let row else { return nil }
        return try keyRing.decrypt(try row.string("ciphertext"), context: Self.context(organizationID, name))
    }

    /// Removes a secret; removing one that is not stored does nothing.
    package func delete(name: String, organizationID: OrganizationID?) async throws {
        try await database.write { sql in
            try await sql.raw("""
                DELETE FROM secrets WHERE COALESCE(org_id, '') = \(bind: organizationID?.rawValue ?? "")
                AND name = \(bind: name)
                """).run()
        }
    }

    /// Every secret of the organization (or the platform) whose name starts with `prefix`,
    /// decrypted, by name; one query for all of them.
    package func list(prefix: String, organizationID: OrganizationID?) async throws -> [String: String] {
        // LIKE with the pattern characters escaped; SQLite's LIKE ignores ASCII case, so the names
        // are checked again exactly below.
        let pattern = prefix.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        let rows = try await database.read { sql in
            try await sql.raw("""
                SELECT name, ciphertext FROM secrets WHERE COALESCE(org_id, '') = \(bind: organizationID?.rawValue ?? "")
                AND name LIKE \(bind: pattern) ESCAPE '\\'
                """).all()
        }
        var result: [String: String] = [:]
        for row in rows {
            let name = try row.string("name")
            guard name.hasPrefix(prefix) else { continue }
            result[name] = try keyRing.decrypt(try row.string("ciphertext"), context: Self.context(organizationID, name))
        }
        return result
    }

    /// Re-encrypts every secret not under the active key; returns how many changed.
    package func reencryptAll() async throws -> Int {
        let keyRing = self.keyRing
        return try await database.write { sql in
            let rows = try await sql.raw(
                "SELECT id, org_id, name, ciphertext FROM secrets WHERE key_id <> \(bind: keyRing.activeKey.id)"
            ).all()
            for row in rows {
                let organizationID: OrganizationID? = try row.optionalID("org_id")
                let context = Self.context(organizationID, try row.string("name"))
                let plaintext = try keyRing.decrypt(try row.string("ciphertext"), context: context)
                try await sql.raw("""
                    UPDATE secrets SET ciphertext = \(bind: try keyRing.encrypt(plaintext, context: context)),
                      key_id = \(bind: keyRing.activeKey.id), updated_at = \(bind: Date())
                    WHERE id = \(bind: try row.string("id"))
                    """).run()
            }
            return rows.count
        }
    }
}
