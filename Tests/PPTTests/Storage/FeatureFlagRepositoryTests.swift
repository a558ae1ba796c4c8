import Foundation
import PPTDomain
import PPTStorage
import SQLKit
import Testing

@Suite("Feature flag repository contract")
struct FeatureFlagRepositoryTests {
    static let clock = FixedClock("2025-03-01")

    @Test("every flag has a platform default, which configuration may override", arguments: TestDatabase.dialects)
    func defaults(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let flags = FeatureFlagRepository(database: database, clock: Self.clock)
            let listed = try await flags.list(f.tenant)
            #expect(listed.map(\.flag) == FeatureFlag.allCases.map(\.rawValue))
            #expect(listed.allSatisfy { $0.enabled && $0.source == "platform" && $0.updatedAt == nil })
            #expect(try await flags.isEnabled(organizationID: f.organization.id, flag: .voiceAssistant))

            let configured = FeatureFlagRepository(database: database, clock: Self.clock,
                                                   platformDefaults: [.voiceAssistant: false])
            #expect(try await !configured.isEnabled(organizationID: f.organization.id, flag: .voiceAssistant))
            let voice = try await configured.list(f.admin).first { $0.flag == "llm.voice_assistant" }
            #expect(voice?.enabled == false && voice?.source == "platform")
            #expect(try await configured.isEnabled(organizationID: f.organization.id, flag: .chat))
        }
    }

    @Test("an administrator's choice overrides the default for that organization only, audited and announced",
          arguments: TestDatabase.dialects)
    func override(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let flags = FeatureFlagRepository(database: database, clock: Self.clock)
            let set = try await flags.set(a.admin, flag: .chat, enabled: false)
            #expect(set == FeatureFlagValue(flag: "llm.chat_enabled", enabled: false, source: "organization",
                                            updatedAt: Self.clock.instant, updatedBy: a.admin.userID))
            #expect(try await flags.list(a.tenant).first { $0.flag == "llm.chat_enabled" } == set)
            #expect(try await !flags.isEnabled(organizationID: a.organization.id, flag: .chat))
            #expect(try await flags.isEnabled(organizationID: b.organization.id, flag: .chat))
            #expect(try await flags.list(b.admin).allSatisfy { $0.enabled && $0.source == "platform" })

            // Configuration defaults never beat an organization's own choice.
            let configured = FeatureFlagRepository(database: database, clock: Self.clock,
                                                   platformDefaults: [.chat: true])
            #expect(try await !configured.isEnabled(organizationID: a.organization.id, flag: .chat))
            _ = try await flags.set(a.admin, flag: .chat, enabled: true)
            #expect(try await flags.isEnabled(organizationID: a.organization.id, flag: .chat))

            let audit = try await database.read { sql in
                try await sql.raw("""
                    SELECT actor_id, target, details FROM audit_log
                    WHERE org_id = \(bind: a.organization.id.rawValue) AND action = 'feature_flag.set' ORDER BY created_at
                    """).all().map { row in
                    (try row.string("actor_id"), try row.string("target"),
                     try row.json("details", as: [String: JSONValue].self))
                }
            }
            #expect(audit.count == 2)
            #expect(audit.allSatisfy { $0.0 == a.admin.userID.rawValue && $0.1 == "llm.chat_enabled" })
            #expect(Set(audit.map { $0.2["enabled"] }) == [.bool(false), .bool(true)])
            let otherAudit = try await database.read { sql in
                try await sql.raw("""
                    SELECT COUNT(*) AS n FROM audit_log
                    WHERE org_id = \(bind: b.organization.id.rawValue) AND action = 'feature_flag.set'
                    """).first()?.int("n")
            }
            #expect(otherAudit == 0)

            let events = try await OutboxStore(database: database).events(organizationID: a.organization.id)
                .map(\.event).filter { $0.type == .featureFlagChanged }
            #expect(events.map { $0.payload["enabled"] } == [.bool(false), .bool(true)])
            #expect(events.allSatisfy { $0.aggregateID == "llm.chat_enabled" && $0.payload["flag"] == "llm.chat_enabled" })
            #expect(try await OutboxStore(database: database).events(organizationID: b.organization.id)
                .allSatisfy { $0.event.type != .featureFlagChanged })
        }
    }

    @Test("only administrators change flags; every member may read them", arguments: TestDatabase.dialects)
    func permissions(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let accounts = AccountRepository(database: database)
            let managerUser = try await accounts.createUser(email: "manager@example.com", name: "Manager",
                                                            passwordHash: "x", locale: .sk)
            _ = try await accounts.setMember(f.admin, email: managerUser.email, role: .manager)
            let manager = try await accounts.scope(userID: managerUser.id, organizationID: f.organization.id)!
            let flags = FeatureFlagRepository(database: database, clock: Self.clock)
            await expectError("permission.denied") { try await flags.set(manager, flag: .chat, enabled: false) }
            await expectError("permission.denied") { try await flags.set(f.tenant, flag: .chat, enabled: false) }
            #expect(try await flags.list(manager).count == FeatureFlag.allCases.count)
            #expect(try await flags.isEnabled(organizationID: f.organization.id, flag: .chat))
        }
    }
}
