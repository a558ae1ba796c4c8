import Foundation
import PPTDomain
import PPTStorage
import SQLKit
import Testing

private typealias Kit = LLMRepositoryTestKit

@Suite("LLM repository: settings and keys")
struct LLMRepositoryTests {
    static let openAIKey = "sk-proj-4b1d0c7e9a2f44e1b8c3f3a9"
    static let anthropicKey = "sk-ant-api03-zz99Qw7Ke1y"

    static func input(keys: [String: String?] = [:]) -> LLMSettingsInput {
        var settings = LLMSettings(primary: LLMEndpoint(provider: .openai, model: "gpt-4o-mini"), temperature: 0.3,
                                   maxTokens: 800)
        settings.featureOverrides = [.summarization: LLMFeatureOverride(provider: .anthropic, model: "claude-3-5-haiku")]
        settings.fallbacks = [LLMEndpoint(provider: .anthropic, model: "claude-3-5-haiku")]
        settings.rateLimits = LLMRateLimits(requestsPerMinute: 60, tokensPerMinute: 100_000, userRequestsPerMinute: 10)
        settings.budget = LLMBudget(monthlyLimit: Money(amountMinor: 5_000, currency: .EUR), softAlertPercent: 80)
        settings.prices = [LLMModelPrice(model: "gpt-4o-mini", inputPerMillion: 0.15, outputPerMillion: 0.6)]
        return LLMSettingsInput(settings: settings, apiKeys: keys)
    }

    @Test("saved settings read back with masked keys; the keys are stored only encrypted",
          arguments: TestDatabase.dialects)
    func roundTrip(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let clock = FixedClock("2025-03-10")
            let llm = Kit.repository(database, clock: clock)
            #expect(try await llm.storedSettings(a.admin) == nil)
            #expect(try await llm.resolvedSettings(organizationID: a.organization.id) == nil)

            let input = Self.input(keys: ["openai": Self.openAIKey, "anthropic": "  \(Self.anthropicKey) "])
            let saved = try await llm.save(a.admin, input: input)
            #expect(saved.settings == input.settings)
            #expect(saved.keys == ["openai": "sk-…f3a9", "anthropic": "sk-…Ke1y"])
            #expect(saved.updatedAt == clock.instant && saved.updatedBy == a.admin.userID)
            #expect(try await llm.storedSettings(a.admin) == saved)
            #expect(try await llm.storedKeyProviders(a.admin) == [.openai, .anthropic])

            let resolved = try #require(try await llm.resolvedSettings(organizationID: a.organization.id))
            #expect(resolved.settings == input.settings)
            #expect(resolved.keys == [.openai: Self.openAIKey, .anthropic: Self.anthropicKey])

            for (table, columns) in [
                ("llm_configs", ["org_id", "settings", "updated_at", "updated_by"]),
                ("secrets", ["id", "org_id", "name", "ciphertext", "key_id", "created_at", "updated_at"]),
                ("audit_log", ["id", "org_id", "actor_id", "action", "target", "details", "created_at"]),
            ] {
                let text = try await Kit.rawText(database, table: table, columns: columns)
                #expect(!text.isEmpty)
                for secret in [Self.openAIKey, Self.anthropicKey, "4b1d0c7e9a2f", "zz99Qw7Ke1y"] {
                    #expect(!text.contains(secret), "\(table) holds a plaintext key")
                }
            }

            // Saving again without keys keeps them; the settings are replaced.
            var changed = input
            changed.apiKeys = [:]
            changed.settings.temperature = 1.1
            let again = try await llm.save(a.admin, input: changed)
            #expect(again.settings.temperature == 1.1)
            #expect(again.keys.keys.sorted() == ["anthropic", "openai"])
        }
    }

    @Test("a null key removes it; deleting the settings removes the row and every key",
          arguments: TestDatabase.dialects)
    func removal(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let llm = Kit.repository(database)
            _ = try await llm.save(a.admin, input: Self.input(keys: ["openai": Self.openAIKey,
                                                                    "anthropic": Self.anthropicKey]))
            let removed = try await llm.save(a.admin, input: Self.input(keys: ["anthropic": String?.none]))
            #expect(removed.keys == ["openai": "sk-…f3a9"])
            #expect(try await llm.resolvedSettings(organizationID: a.organization.id)?.keys == [.openai: Self.openAIKey])

            try await llm.deleteSettings(a.admin)
            #expect(try await llm.storedSettings(a.admin) == nil)
            #expect(try await llm.resolvedSettings(organizationID: a.organization.id) == nil)
            #expect(try await llm.storedKeyProviders(a.admin).isEmpty)
            let secrets = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM secrets").first()!.int("n")
            }
            #expect(secrets == 0)
            // Deleting what is not there is harmless.
            try await llm.deleteSettings(a.admin)
        }
    }

    @Test("masks show at most the first 3 and last 4 characters")
    func masks() {
        #expect(LLMRepository.mask("sk-abcdefghijklf3a9") == "sk-…f3a9")
        #expect(LLMRepository.mask("abcdefghijk") == "…hijk")
        #expect(LLMRepository.mask("short") == "…")
    }

    @Test("invalid settings and keys are rejected with pointers and nothing is stored",
          arguments: TestDatabase.dialects)
    func validation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let llm = Kit.repository(database)
            var bad = Self.input(keys: ["builtin": "sk-whatever-123456"])
            bad.settings.temperature = 3
            bad.settings.budget = LLMBudget(monthlyLimit: Money(amountMinor: 0, currency: .CZK), softAlertPercent: 0)
            await expectError("validation.failed", fields: [
                "/temperature", "/budget/monthlyLimit/amountMinor", "/budget/monthlyLimit/currency",
                "/budget/softAlertPercent", "/apiKeys/builtin",
            ]) { try await llm.save(a.admin, input: bad) }
            await expectError("validation.failed", fields: ["/apiKeys/openai"]) {
                try await llm.save(a.admin, input: Self.input(keys: ["openai": "two\nlines"]))
            }
            #expect(try await llm.storedSettings(a.admin) == nil)
            #expect(try await llm.storedKeyProviders(a.admin).isEmpty)
        }
    }

    @Test("organizations never see each other's settings or keys, and only administrators manage them",
          arguments: TestDatabase.dialects)
    func tenancy(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let llm = Kit.repository(database)
            _ = try await llm.save(a.admin, input: Self.input(keys: ["openai": Self.openAIKey]))
            #expect(try await llm.storedSettings(b.admin) == nil)
            #expect(try await llm.storedKeyProviders(b.admin).isEmpty)
            #expect(try await llm.resolvedSettings(organizationID: b.organization.id) == nil)
            try await llm.deleteSettings(b.admin)
            #expect(try await llm.storedSettings(a.admin) != nil)

            let manager = try await Kit.member(database, a, role: .manager, name: "manager-a")
            for scope in [manager, a.tenant] {
                await expectError("permission.denied") { try await llm.storedSettings(scope) }
                await expectError("permission.denied") { try await llm.storedKeyProviders(scope) }
                await expectError("permission.denied") { try await llm.save(scope, input: Self.input()) }
                await expectError("permission.denied") { try await llm.deleteSettings(scope) }
            }
            #expect(try await llm.resolvedSettings(organizationID: a.organization.id)?.keys == [.openai: Self.openAIKey])
        }
    }
}
