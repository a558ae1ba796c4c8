import Foundation
import PPTDomain
import SQLKit

/// Per-organization switches for the AI features over platform defaults; changes are audited and emit
/// `feature_flag_changed`.
package struct FeatureFlagRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock
    private let platformDefaults: [FeatureFlag: Bool]

    /// `platformDefaults` overrides `FeatureFlag.platformDefault` for the flags it names (from configuration).
    package init(database: any Database, clock: any WallClock = SystemWallClock(),
                 platformDefaults: [FeatureFlag: Bool] = [:]) {
        self.database = database
        self.clock = clock
        self.platformDefaults = platformDefaults
    }

    /// The value a flag has when the organization has not chosen.
    package func platformDefault(_ flag: FeatureFlag) -> Bool { platformDefaults[flag] ?? flag.platformDefault }

    /// Every flag's effective value for the organization and where it comes from.
    package func list(_ scope: OrgScope) async throws -> [FeatureFlagValue] {
        try scope.require(.featureFlagsRead)
        let stored = try await database.read { sql in try await Self.stored(sql, scope.organizationID) }
        return FeatureFlag.allCases.map { value($0, stored[$0]) }
    }

    /// Sets a flag for the organization (administrators only), with an audit record and an event.
    package func set(_ scope: OrgScope, flag: FeatureFlag, enabled: Bool) async throws -> FeatureFlagValue {
        try scope.require(.featureFlagsManage)
        let now = clock.now()
        let org = scope.organizationID.rawValue
        return try await database.write { sql in
            let previous = value(flag, try await Self.stored(sql, scope.organizationID)[flag])
            try await sql.raw("""
                INSERT INTO feature_flags (org_id, flag, enabled, updated_by, updated_at)
                VALUES (\(bind: org), \(bind: flag.rawValue), \(bind: enabled), \(bind: scope.userID.rawValue), \(bind: now))
                ON CONFLICT (org_id, flag) DO UPDATE SET enabled = excluded.enabled, updated_by = excluded.updated_by,
                  updated_at = excluded.updated_at
                """).run()
            try await Audit.record(sql, scope, action: "feature_flag.set", target: flag.rawValue,
                                   details: ["enabled": .bool(enabled), "previous": .bool(previous.enabled),
                                             "previousSource": .string(previous.source)], at: now)
            try await Outbox.append(DomainEvent(
                type: .featureFlagChanged, organizationID: scope.organizationID, aggregateType: "feature_flag",
                aggregateID: flag.rawValue,
                payload: ["flag": .string(flag.rawValue), "enabled": .bool(enabled),
                          "previous": .bool(previous.enabled), "changedBy": .id(scope.userID)]), at: now, on: sql)
            return FeatureFlagValue(flag: flag.rawValue, enabled: enabled, source: FeatureFlagValue.organizationSource,
                                    updatedAt: now, updatedBy: scope.userID)
        }
    }

    /// Whether `flag` is on for the organization, for other modules (the LLM gateway, voice, workflows).
    package func isEnabled(organizationID: OrganizationID, flag: FeatureFlag) async throws -> Bool {
        let stored = try await database.read { sql in try await Self.stored(sql, organizationID) }
        return value(flag, stored[flag]).enabled
    }

    private typealias StoredFlag = (enabled: Bool, updatedAt: Date, updatedBy: UserID)

    private func value(_ flag: FeatureFlag, _ stored: StoredFlag?) -> FeatureFlagValue {
        guard let stored else {
            return FeatureFlagValue(flag: flag.rawValue, enabled: platformDefault(flag),
                                    source: FeatureFlagValue.platformSource)
        }
        return FeatureFlagValue(flag: flag.rawValue, enabled: stored.enabled, source: FeatureFlagValue.organizationSource,
                                updatedAt: stored.updatedAt, updatedBy: stored.updatedBy)
    }

    /// The organization's own choices; rows of flags this binary does not know are ignored.
    private static func stored(_ sql: any SQLDatabase, _ org: OrganizationID) async throws -> [FeatureFlag: StoredFlag] {
        var result: [FeatureFlag: StoredFlag] = [:]
        for row in try await sql.raw("SELECT * FROM feature_flags WHERE org_id = \(bind: org.rawValue)").all() {
            guard let flag = FeatureFlag(rawValue: try row.string("flag")) else { continue }
            result[flag] = (try row.bool("enabled"), try row.date("updated_at"), try row.id("updated_by"))
        }
        return result
    }
}
