import Crypto
import Foundation
import PPTDomain
import SQLKit

/// What administrators see of the workflow HTTP settings: the allow-list and whether a signing
/// secret exists (never the secret itself).
package struct HTTPAllowlistSettings: Sendable, Hashable, Codable {
    /// Entries as written (`host`, `host:port`, `[v6]:port`), sorted.
    package let hosts: [String]
    /// Whether the organization has a request-signing secret (one is made on first `sign: true`).
    package let signingSecretConfigured: Bool
    /// When the current signing secret was made.
    package let signingSecretCreatedAt: Date?

    /// The settings as shown.
    package init(hosts: [String], signingSecretConfigured: Bool, signingSecretCreatedAt: Date?) {
        self.hosts = hosts
        self.signingSecretConfigured = signingSecretConfigured
        self.signingSecretCreatedAt = signingSecretCreatedAt
    }
}

/// The per-organization allow-list of the workflow `http` action and its request-signing secret.
///
/// The signing secret is stored in `secrets` under `workflow.http_signing_secret`, encrypted with
/// the key ring in the format `SecretStore` uses (so `SecretStore.get` and `reencryptAll` read and
/// rotate it). It is made on first use with an insert that loses races harmlessly, and shown once
/// when rotated.
package struct HTTPAllowlistRepository: Sendable {
    /// The name of the signing secret in `secrets`.
    package static let signingSecretName = "workflow.http_signing_secret"
    /// The most entries an organization may list.
    package static let maxEntries = 100

    private let database: any Database
    private let keyRing: KeyRing
    private let clock: any WallClock

    /// A repository over `database`, encrypting the signing secret with `keyRing`.
    package init(database: any Database, keyRing: KeyRing, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.keyRing = keyRing
        self.clock = clock
    }

    /// The allow-list and the signing secret's status (`.organizationManage`).
    package func settings(_ scope: OrgScope) async throws -> HTTPAllowlistSettings {
        try scope.require(.organizationManage)
        return try await database.read { sql in try await Self.settings(sql, scope) }
    }

    /// Replaces the allow-list with `hosts` (`.organizationManage`); duplicates are merged.
    package func replace(_ scope: OrgScope, hosts: [String]) async throws -> HTTPAllowlistSettings {
        try scope.require(.organizationManage)
        guard hosts.count <= Self.maxEntries else {
            throw DomainError.invalid("/hosts", "lists more than \(Self.maxEntries) hosts")
        }
        var entries: [HTTPAllowlistEntry] = []
        var problems: [FieldError] = []
        for (index, text) in hosts.enumerated() {
            do {
                let entry = try HTTPAllowlistEntry(parsing: text, pointer: "/hosts/\(index)")
                if !entries.contains(entry) { entries.append(entry) }
            } catch {
                problems += error.fields
            }
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        let (now, unique) = (clock.now(), entries)
        return try await database.write { sql in
            try await sql.raw(
                "DELETE FROM workflow_http_allowlist WHERE org_id = \(bind: scope.organizationID.rawValue)"
            ).run()
            for entry in unique {
                try await sql.raw("""
                    INSERT INTO workflow_http_allowlist (org_id, host, port, created_by, created_at)
                    VALUES (\(bind: scope.organizationID.rawValue), \(bind: entry.host), \(bind: entry.port ?? 0),
                            \(bind: scope.userID.rawValue), \(bind: now))
                    """).run()
            }
            return try await Self.settings(sql, scope)
        }
    }

    /// The entries the SSRF guard applies to a run of the organization. No permission check: the
    /// list binds every workflow of the organization whoever wrote it.
    package func entries(forRunOf scope: OrgScope) async throws -> [HTTPAllowlistEntry] {
        try await database.read { sql in try await Self.entries(sql, scope.organizationID) }
    }

    /// The organization's signing secret, made on first use. No permission check (the `http`
    /// action signs with it); it is never returned by the API except by `rotateSigningSecret`.
    package func signingSecret(forRunOf scope: OrgScope) async throws -> String {
        let organizationID = scope.organizationID
        if let existing = try await database.read({ sql in try await self.storedSecret(sql, organizationID) }) {
            return existing
        }
        let secret = Self.generateSecret()
        let ciphertext = try keyRing.encrypt(secret, context: Self.context(organizationID))
        let (keyID, now) = (keyRing.activeKey.id, clock.now())
        return try await database.write { sql in
            // Two first uses at once: one insert wins, both read the winner.
            try await sql.raw("""
                INSERT INTO secrets (id, org_id, name, ciphertext, key_id, created_at, updated_at)
                VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: organizationID.rawValue),
                        \(bind: Self.signingSecretName), \(bind: ciphertext), \(bind: keyID), \(bind: now), \(bind: now))
                ON CONFLICT DO NOTHING
                """).run()
            guard let stored = try await self.storedSecret(sql, organizationID) else {
                throw DomainError(code: "workflow.signing_secret_missing", kind: .unavailable,
                                  message: "The signing secret could not be stored.")
            }
            return stored
        }
    }

    /// Replaces the signing secret with a new one and returns it: the only time it is shown
    /// (`.organizationManage`). Receivers must switch to it; requests signed before keep the old one.
    package func rotateSigningSecret(_ scope: OrgScope) async throws -> String {
        try scope.require(.organizationManage)
        let secret = Self.generateSecret()
        let organizationID = scope.organizationID
        let ciphertext = try keyRing.encrypt(secret, context: Self.context(organizationID))
        let (keyID, now) = (keyRing.activeKey.id, clock.now())
        try await database.write { sql in
            try await sql.raw("""
                DELETE FROM secrets WHERE org_id = \(bind: organizationID.rawValue)
                AND name = \(bind: Self.signingSecretName)
                """).run()
            try await sql.raw("""
                INSERT INTO secrets (id, org_id, name, ciphertext, key_id, created_at, updated_at)
                VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: organizationID.rawValue),
                        \(bind: Self.signingSecretName), \(bind: ciphertext), \(bind: keyID), \(bind: now), \(bind: now))
                """).run()
        }
        return secret
    }

    // MARK: Internals

    static func entries(_ sql: any SQLDatabase, _ organizationID: OrganizationID) async throws -> [HTTPAllowlistEntry] {
        try await sql.raw("""
            SELECT host, port FROM workflow_http_allowlist WHERE org_id = \(bind: organizationID.rawValue)
            ORDER BY host, port
            """).all().map { row in
            let port = try row.int("port")
            return HTTPAllowlistEntry(host: try row.string("host"), port: port == 0 ? nil : port)
        }
    }

    static func settings(_ sql: any SQLDatabase, _ scope: OrgScope) async throws -> HTTPAllowlistSettings {
        let entries = try await entries(sql, scope.organizationID)
        let secret = try await sql.raw("""
            SELECT created_at FROM secrets WHERE org_id = \(bind: scope.organizationID.rawValue)
            AND name = \(bind: signingSecretName)
            """).first()
        return HTTPAllowlistSettings(
            hosts: entries.map(\.description), signingSecretConfigured: secret != nil,
            signingSecretCreatedAt: try secret?.date("created_at"))
    }

    private func storedSecret(_ sql: any SQLDatabase, _ organizationID: OrganizationID) async throws -> String? {
        guard let row = try await sql.raw("""
            SELECT ciphertext FROM secrets WHERE org_id = \(bind: organizationID.rawValue)
            AND name = \(bind: Self.signingSecretName)
            """).first() else { return nil }
        return try keyRing.decrypt(try row.string("ciphertext"), context: Self.context(organizationID))
    }

    /// The associated data `SecretStore` binds an organization's secret to.
    private static func context(_ organizationID: OrganizationID) -> String {
        "secret:\(organizationID.rawValue):\(signingSecretName)"
    }

    /// `ppt_whsec_` and 32 random bytes in hex; receivers use the whole text as the HMAC key.
    private static func generateSecret() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return "ppt_whsec_" + bytes.map { String(format: "%02x", $0) }.joined()
    }
}
