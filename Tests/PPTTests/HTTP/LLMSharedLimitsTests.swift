import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTLLM
import PPTStorage
import SQLKit
import Testing

/// Rate limits and budgets are counted in the database, so several instances of PPT (each with its own
/// gateway and configuration cache) together admit no more than the organization's limit.
@Suite("LLM shared limits")
struct LLMSharedLimitsTests {
    /// Two runtimes over one database. On PostgreSQL the second opens its own connection pool on the same
    /// database, as a second instance would; on SQLite (one process per file) both share the file's handle,
    /// so only the two gateways and their caches are separate.
    static func withTwoInstances(
        _ dialect: DatabaseDialect, clock: any WallClock,
        _ body: @escaping @Sendable (Runtime, Runtime, OrgScope) async throws -> Void
    ) async throws {
        try await TestDatabase.with(dialect) { database in
            let configuration = try AppConfiguration.forTests(overrides: [:])
            let keyRing = KeyRing.generate()
            let first = try Runtime.make(configuration, database: database, keyRing: keyRing,
                                         logger: TestDatabase.logger, clock: clock)
            let accounts = AccountRepository(database: database)
            let admin = try await accounts.createUser(email: "admin@shared.test", name: "Admin", passwordHash: "x",
                                                      locale: .en)
            let organization = try await accounts.createOrganization(
                name: "Shared", country: "SK", locale: .sk, currency: .EUR, admin: admin.id)
            let scope = try #require(try await accounts.scope(userID: admin.id, organizationID: organization.id))
            switch dialect {
            case .sqlite:
                let second = try Runtime.make(configuration, database: database, keyRing: keyRing,
                                              logger: TestDatabase.logger, clock: clock)
                try await body(first, second, scope)
            case .postgres:
                let name = try await database.read { sql in
                    try await sql.raw("SELECT current_database() AS name").first()?.decode(column: "name", as: String.self)
                }
                let adminURL = try #require(TestDatabase.postgresURL)
                let url = TestDatabase.replacingDatabase(in: adminURL, with: try #require(name))
                let other = try PostgresDatabase(url: url, logger: TestDatabase.logger)
                try await other.withRunning {
                    let second = try Runtime.make(configuration, database: other, keyRing: keyRing,
                                                  logger: TestDatabase.logger, clock: clock)
                    try await body(first, second, scope)
                }
            }
        }
    }

    /// Runs `count` calls at once, alternating between the two gateways; the outcome of each is `ok` or
    /// the `DomainError` code it failed with.
    static func fire(_ count: Int, _ gateways: [LLMGateway], user: @escaping @Sendable (Int) -> UserID,
                     organization: OrganizationID) async throws -> [String] {
        try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<count {
                let gateway = gateways[index % gateways.count]
                group.addTask {
                    do {
                        _ = try await gateway.complete(LLMCall(
                            organizationID: organization, userID: user(index), feature: .chat,
                            request: LLMChatRequest(model: "", messages: [.user("Call \(index)")])))
                        return "ok"
                    } catch let error as DomainError {
                        return error.code
                    }
                }
            }
            var outcomes: [String] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
    }

    @Test("12 concurrent calls over two instances with a limit of 5 per minute: exactly 5 are served",
          arguments: TestDatabase.dialects)
    func organizationLimitAcrossInstances(dialect: DatabaseDialect) async throws {
        try await Self.withTwoInstances(dialect, clock: FixedClock(Date())) { first, second, scope in
            _ = try await first.llm.repository.save(scope, input: LLMSettingsInput(settings: LLMSettings(
                primary: LLMSettings.builtinDefault.primary, rateLimits: LLMRateLimits(requestsPerMinute: 5))))
            let outcomes = try await Self.fire(12, [first.llm.gateway, second.llm.gateway], user: { _ in scope.userID },
                                               organization: scope.organizationID)
            #expect(outcomes.filter { $0 == "ok" }.count == 5, "\(outcomes)")
            #expect(outcomes.filter { $0 == "llm.rate_limited" }.count == 7, "\(outcomes)")
            let ledger = try await second.llm.repository.entries(scope, page: PageRequest(limit: 50))
            #expect(ledger.items.count == 5)
            let counted = try await first.database.read { sql in
                try await sql.raw("""
                    SELECT requests FROM llm_rate_windows WHERE scope_key = \(bind: "org:\(scope.organizationID.rawValue)")
                    """).all().map { try $0.decode(column: "requests", as: Int.self) }
            }
            #expect(counted == [5])
        }
    }

    @Test("a per-user limit holds across instances and leaves other users alone", arguments: TestDatabase.dialects)
    func userLimitAcrossInstances(dialect: DatabaseDialect) async throws {
        try await Self.withTwoInstances(dialect, clock: FixedClock(Date())) { first, second, scope in
            let accounts = AccountRepository(database: first.database)
            let other = try await accounts.createUser(email: "other@shared.test", name: "Other", passwordHash: "x",
                                                      locale: .en)
            _ = try await accounts.setMember(scope, email: other.email, role: .manager)
            _ = try await second.llm.repository.save(scope, input: LLMSettingsInput(settings: LLMSettings(
                primary: LLMSettings.builtinDefault.primary, rateLimits: LLMRateLimits(userRequestsPerMinute: 3))))
            let admin = scope.userID
            let outcomes = try await Self.fire(16, [first.llm.gateway, second.llm.gateway],
                                               user: { $0 < 8 ? admin : other.id }, organization: scope.organizationID)
            #expect(outcomes.filter { $0 == "ok" }.count == 6, "\(outcomes)")
            #expect(outcomes.filter { $0 == "llm.rate_limited" }.count == 10, "\(outcomes)")
            let ledger = try await first.llm.repository.entries(scope, page: PageRequest(limit: 50)).items
            #expect(ledger.filter { $0.userID == admin }.count == 3)
            #expect(ledger.filter { $0.userID == other.id }.count == 3)
        }
    }

    @Test("a budget spent through one instance stops the other, with each threshold recorded once",
          arguments: TestDatabase.dialects)
    func budgetAcrossInstances(dialect: DatabaseDialect) async throws {
        try await Self.withTwoInstances(dialect, clock: FixedClock(Date())) { first, second, scope in
            let model = LLMSettings.builtinDefault.primary.model
            _ = try await first.llm.repository.save(scope, input: LLMSettingsInput(settings: LLMSettings(
                primary: LLMSettings.builtinDefault.primary,
                budget: LLMBudget(monthlyLimit: Money(amountMinor: 1, currency: .EUR), softAlertPercent: 50),
                prices: [LLMModelPrice(model: model, inputPerMillion: 1_000_000, outputPerMillion: 1_000_000)])))
            let call = LLMCall(organizationID: scope.organizationID, userID: scope.userID, feature: .chat,
                               request: LLMChatRequest(model: "", messages: [.user("Hello")]))
            _ = try await first.llm.gateway.complete(call)
            await expectError("llm.budget_exhausted") { try await second.llm.gateway.complete(call) }
            await expectError("llm.budget_exhausted") { try await first.llm.gateway.complete(call) }
            let status = try await second.llm.repository.budgetStatus(
                scope, settings: try await second.llm.repository.resolvedSettings(
                    organizationID: scope.organizationID)?.settings, now: Date())
            #expect(status.hardStopReached)
            #expect(status.spentMicros > 10_000)
            let events = try await first.llm.repository.budgetEvents(scope, page: PageRequest(limit: 50)).items
            #expect(events.map(\.kind.rawValue).sorted() == ["hard_stop", "soft_alert"])
            let notified = try await first.database.read { sql in
                try await sql.raw("""
                    SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: scope.userID.rawValue)
                    """).first()?.decode(column: "n", as: Int.self)
            }
            #expect(notified == 2)
        }
    }
}
