import Foundation
import PPTDomain
import SQLKit

/// An organization's saved LLM configuration as administrators see it: the settings, and for each
/// provider with a stored API key only a masked form of the key.
package struct StoredLLMSettings: Codable, Sendable, Hashable {
    /// The settings.
    package var settings: LLMSettings
    /// Provider (`openai`, `anthropic`, …) → masked key such as `sk-…f3a9`; never the key itself.
    package var keys: [String: String]
    /// When the settings were last saved.
    package var updatedAt: Date
    /// Who saved them.
    package var updatedBy: UserID?

    package init(settings: LLMSettings, keys: [String: String], updatedAt: Date, updatedBy: UserID?) {
        self.settings = settings
        self.keys = keys
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

/// Storage of the LLM gateway: per-organization settings with their API keys (encrypted in the
/// secrets table), the usage ledger, per-minute rate windows and the monthly spend shared by every
/// instance, and the budget thresholds crossed.
///
/// Administrative methods take an `OrgScope`; the system methods the gateway calls
/// (`resolvedSettings`, `checkBudget`, `admit`, `record`) take the organization's id.
package struct LLMRepository: Sendable {
    let database: any Database
    let secrets: SecretStore
    let notifications: NotificationRepository
    let clock: any WallClock

    package init(database: any Database, secrets: SecretStore, notifications: NotificationRepository,
                 clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.secrets = secrets
        self.notifications = notifications
        self.clock = clock
    }

    /// Name prefix of the organization's provider keys in the secrets table.
    static let keyPrefix = "llm.key."

    /// The secret name of a provider's API key.
    package static func keyName(_ provider: LLMProviderKind) -> String { keyPrefix + provider.rawValue }

    /// What administrators see of a key: the first 3 and last 4 characters of a key of at least 12,
    /// the last 4 of a key of at least 8, nothing of a shorter one.
    package static func mask(_ key: String) -> String {
        if key.count >= 12 { return String(key.prefix(3)) + "…" + String(key.suffix(4)) }
        if key.count >= 8 { return "…" + String(key.suffix(4)) }
        return "…"
    }

    // MARK: Administration

    /// The organization's saved configuration with masked keys, or `nil` when it uses the platform default.
    package func storedSettings(_ scope: OrgScope) async throws -> StoredLLMSettings? {
        try scope.require(.llmManage)
        guard let row = try await configRow(scope.organizationID) else { return nil }
        return StoredLLMSettings(settings: row.settings, keys: try await maskedKeys(scope.organizationID),
                                 updatedAt: row.updatedAt, updatedBy: row.updatedBy)
    }

    /// Providers that have an API key stored for the organization (whether or not settings are saved).
    package func storedKeyProviders(_ scope: OrgScope) async throws -> Set<LLMProviderKind> {
        try scope.require(.llmManage)
        return Set(try await decryptedKeys(scope.organizationID).keys)
    }

    /// Saves the organization's configuration: stores or removes the API keys the input names (a
    /// `null` key removes it, an absent provider keeps what is stored), then replaces the settings
    /// in one audited transaction. Nothing is written when the input is invalid.
    package func save(_ scope: OrgScope, input: LLMSettingsInput) async throws -> StoredLLMSettings {
        try scope.require(.llmManage)
        try input.validate()
        let org = scope.organizationID
        let now = clock.now()
        // Keys first: if the settings write then fails, the previous settings stay in force with keys
        // the administrator meant to store anyway, and saving again completes the change.
        var stored: [String] = []
        var removed: [String] = []
        for (name, key) in input.apiKeys.sorted(by: { $0.key < $1.key }) {
            guard let provider = LLMProviderKind(rawValue: name) else { continue }
            if let key {
                try await secrets.put(key.trimmingCharacters(in: .whitespacesAndNewlines),
                                      name: Self.keyName(provider), organizationID: org)
                stored.append(name)
            } else {
                try await secrets.delete(name: Self.keyName(provider), organizationID: org)
                removed.append(name)
            }
        }
        let settings = input.settings
        let details: [String: JSONValue] = [
            "primary": .string("\(settings.primary.provider.rawValue)/\(settings.primary.model)"),
            "keysStored": .array(stored.map(JSONValue.string)), "keysRemoved": .array(removed.map(JSONValue.string)),
            "force": .bool(input.force),
        ]
        try await database.write { sql in
            try await sql.raw("""
                INSERT INTO llm_configs (org_id, settings, updated_at, updated_by)
                VALUES (\(bind: org.rawValue), \(bind: jsonText(settings)), \(bind: now), \(bind: scope.userID.rawValue))
                ON CONFLICT (org_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at,
                  updated_by = excluded.updated_by
                """).run()
            try await Audit.record(sql, scope, action: "llm.config.save", target: "llm", details: details, at: now)
        }
        return StoredLLMSettings(settings: settings, keys: try await maskedKeys(org), updatedAt: now,
                                 updatedBy: scope.userID)
    }

    /// Removes the organization's configuration and its API keys: it falls back to the platform
    /// default. Removing a configuration that does not exist does nothing.
    package func deleteSettings(_ scope: OrgScope) async throws {
        try scope.require(.llmManage)
        let org = scope.organizationID
        let now = clock.now()
        // The row first: once it is gone the keys are no longer used, whatever happens next.
        try await database.write { sql in
            let deleted = try await sql.raw("DELETE FROM llm_configs WHERE org_id = \(bind: org.rawValue) RETURNING org_id")
                .all().count
            if deleted > 0 {
                try await Audit.record(sql, scope, action: "llm.config.delete", target: "llm", details: [:], at: now)
            }
        }
        for provider in try await decryptedKeys(org).keys {
            try await secrets.delete(name: Self.keyName(provider), organizationID: org)
        }
    }

    // MARK: For the gateway

    /// The organization's settings and decrypted API keys, or `nil` when it has saved none (the
    /// gateway then uses the platform default).
    package func resolvedSettings(organizationID: OrganizationID) async throws
        -> (settings: LLMSettings, keys: [LLMProviderKind: String])?
    {
        guard let row = try await configRow(organizationID) else { return nil }
        return (row.settings, try await decryptedKeys(organizationID))
    }

    // MARK: Helpers

    private struct ConfigRow: Sendable {
        let settings: LLMSettings
        let updatedAt: Date
        let updatedBy: UserID?
    }

    private func configRow(_ org: OrganizationID) async throws -> ConfigRow? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT settings, updated_at, updated_by FROM llm_configs WHERE org_id = \(bind: org.rawValue)
                """).first() else { return nil }
            return ConfigRow(settings: try row.json("settings"), updatedAt: try row.date("updated_at"),
                             updatedBy: try row.optionalID("updated_by"))
        }
    }

    /// The organization's provider keys, decrypted (names of providers this binary does not know are skipped).
    private func decryptedKeys(_ org: OrganizationID) async throws -> [LLMProviderKind: String] {
        var keys: [LLMProviderKind: String] = [:]
        for (name, value) in try await secrets.list(prefix: Self.keyPrefix, organizationID: org) {
            guard let provider = LLMProviderKind(rawValue: String(name.dropFirst(Self.keyPrefix.count))) else { continue }
            keys[provider] = value
        }
        return keys
    }

    private func maskedKeys(_ org: OrganizationID) async throws -> [String: String] {
        var masked: [String: String] = [:]
        for (provider, key) in try await decryptedKeys(org) { masked[provider.rawValue] = Self.mask(key) }
        return masked
    }
}
