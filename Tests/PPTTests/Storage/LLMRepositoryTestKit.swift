import Foundation
import PPTDomain
import PPTStorage
import SQLKit

/// Helpers for the LLM repository contract tests.
enum LLMRepositoryTestKit {
    /// A repository over `database` with a fresh key ring.
    static func repository(_ database: any Database, keyRing: KeyRing = KeyRing.generate(),
                           clock: any WallClock = SystemWallClock()) -> LLMRepository {
        LLMRepository(database: database, secrets: SecretStore(database: database, keyRing: keyRing),
                      notifications: NotificationRepository(database: database, clock: clock), clock: clock)
    }

    /// A member of the fixture's organization with `role`.
    static func member(_ database: any Database, _ f: Fixture, role: Role, name: String) async throws -> OrgScope {
        let accounts = AccountRepository(database: database)
        let user = try await accounts.createUser(email: "\(name)@llm.test", name: name, passwordHash: "x", locale: .en)
        _ = try await accounts.setMember(f.admin, email: user.email, role: role)
        return try await accounts.scope(userID: user.id, organizationID: f.organization.id)!
    }

    /// The instant `seconds` after midnight UTC of `day` (`YYYY-MM-DD`).
    static func at(_ day: String, seconds: TimeInterval = 12 * 3600) -> Date {
        CalendarDate(day)!.startOfDay.addingTimeInterval(seconds)
    }

    /// One ledger entry.
    static func entry(_ org: OrganizationID, user: UserID? = nil, at time: Date, feature: LLMFeature = .chat,
                      provider: LLMProviderKind = .openai, model: String = "gpt-4o-mini", input: Int = 100,
                      output: Int = 50, costMicros: Int64 = 1_000, currency: Currency = .EUR,
                      outcome: LLMCallOutcome = .ok) -> LLMUsageEntry {
        LLMUsageEntry(organizationID: org, userID: user, feature: feature, provider: provider, model: model,
                      inputTokens: input, outputTokens: output, usageEstimated: false, costMicros: costMicros,
                      currency: currency, latencyMilliseconds: 420, timeToFirstTokenMilliseconds: 80,
                      outcome: outcome, errorCode: outcome == .ok ? nil : "llm.provider_unavailable", attempts: 1,
                      createdAt: time)
    }

    /// Settings with an OpenAI primary and the given limits and budget.
    static func settings(limits: LLMRateLimits = LLMRateLimits(), budget: LLMBudget? = nil) -> LLMSettings {
        LLMSettings(primary: LLMEndpoint(provider: .openai, model: "gpt-4o-mini"), rateLimits: limits, budget: budget,
                    currency: budget?.monthlyLimit.currency ?? .EUR)
    }

    /// Runs `body` with a second handle on the same database, as a second PPT instance would have:
    /// on PostgreSQL another connection pool to the same database. SQLite deployments run one
    /// instance (one writer), so there both repositories share the handle; a second handle in the
    /// same process would tie up SQLiteNIO's small thread pool in busy waits.
    static func withSecondHandle(
        _ database: any Database, _ body: @escaping @Sendable (any Database) async throws -> Void
    ) async throws {
        switch database.dialect {
        case .postgres:
            let name = try await database.read { sql in
                try await sql.raw("SELECT current_database() AS name").first()!.string("name")
            }
            let url = TestDatabase.replacingDatabase(in: TestDatabase.postgresURL!, with: name)
            let other = try PostgresDatabase(url: url, logger: TestDatabase.logger)
            try await other.withRunning { try await body(other) }
        case .sqlite:
            try await body(database)
        }
    }

    /// Every column of every row of `table`, as text.
    static func rawText(_ database: any Database, table: String, columns: [String]) async throws -> String {
        try await database.read { sql in
            let list = columns.map { "COALESCE(CAST(\($0) AS TEXT), '')" }.joined(separator: " || '|' || ")
            return try await sql.raw("SELECT \(unsafeRaw: list) AS v FROM \(unsafeRaw: table)").all()
                .map { try $0.string("v") }.joined(separator: "\n")
        }
    }
}
