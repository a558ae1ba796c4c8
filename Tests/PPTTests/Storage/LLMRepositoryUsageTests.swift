import Foundation
import PPTDomain
import PPTStorage
import SQLKit
import Testing

private typealias Kit = LLMRepositoryTestKit

@Suite("LLM repository: usage ledger")
struct LLMRepositoryUsageTests {
    static let from = CalendarDate("2025-03-01")!
    static let to = CalendarDate("2025-03-31")!

    /// Five calls over two days in org A and one in org B.
    static func seed(_ llm: LLMRepository, _ a: Fixture, _ b: Fixture) async throws {
        let org = a.organization.id
        let settings = Kit.settings()
        let entries = [
            Kit.entry(org, user: a.admin.userID, at: Kit.at("2025-03-02", seconds: 100), feature: .chat,
                      input: 100, output: 50, costMicros: 1_000),
            Kit.entry(org, user: a.admin.userID, at: Kit.at("2025-03-02", seconds: 200), feature: .summarization,
                      provider: .anthropic, model: "claude-3-5-haiku", input: 1_000, output: 300, costMicros: 9_000),
            Kit.entry(org, user: a.tenantUser.id, at: Kit.at("2025-03-05", seconds: 300), feature: .chat,
                      input: 10, output: 0, costMicros: 0, outcome: .error),
            Kit.entry(org, user: nil, at: Kit.at("2025-03-05", seconds: 400), feature: .workflow,
                      input: 200, output: 100, costMicros: 2_000),
            Kit.entry(org, user: nil, at: Kit.at("2025-03-05", seconds: 500), feature: .chat, input: 5, output: 1,
                      costMicros: 500, currency: .CZK, outcome: .cancelled),
            // Outside the range.
            Kit.entry(org, user: a.admin.userID, at: Kit.at("2025-04-01", seconds: 10), input: 7, output: 7,
                      costMicros: 7_000),
        ]
        for entry in entries { _ = try await llm.record(entry, settings: settings) }
        _ = try await llm.record(Kit.entry(b.organization.id, user: b.admin.userID, at: Kit.at("2025-03-02"),
                                           input: 99, output: 99, costMicros: 99_000), settings: settings)
    }

    @Test("the report groups by day, feature, model and user with correct sums", arguments: TestDatabase.dialects)
    func report(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let llm = Kit.repository(database)
            try await Self.seed(llm, a, b)
            let manager = try await Kit.member(database, a, role: .manager, name: "usage-manager")

            let byDay = try await llm.usage(manager, from: Self.from, to: Self.to, groupBy: .day, currency: .EUR)
            #expect(byDay.groups == [
                LLMUsageAggregate(key: "2025-03-02", requests: 2, failures: 0, inputTokens: 1_100, outputTokens: 350,
                                  costMicros: 10_000),
                LLMUsageAggregate(key: "2025-03-05", requests: 3, failures: 2, inputTokens: 215, outputTokens: 101,
                                  costMicros: 2_000),
            ])
            #expect(byDay.total == LLMUsageAggregate(key: "total", requests: 5, failures: 2, inputTokens: 1_315,
                                                     outputTokens: 451, costMicros: 12_000))
            #expect(byDay.from == Self.from && byDay.to == Self.to && byDay.currency == .EUR && byDay.groupBy == .day)

            let byFeature = try await llm.usage(a.admin, from: Self.from, to: Self.to, groupBy: .feature, currency: .EUR)
            #expect(byFeature.groups.map(\.key) == ["summarization", "workflow", "chat"])
            #expect(byFeature.groups.last == LLMUsageAggregate(key: "chat", requests: 3, failures: 2, inputTokens: 115,
                                                               outputTokens: 51, costMicros: 1_000))

            let byModel = try await llm.usage(a.admin, from: Self.from, to: Self.to, groupBy: .model, currency: .EUR)
            #expect(byModel.groups.map(\.key) == ["anthropic/claude-3-5-haiku", "openai/gpt-4o-mini"])
            #expect(byModel.groups.map(\.requests) == [1, 4])
            #expect(byModel.groups.map(\.costMicros) == [9_000, 3_000])

            let byUser = try await llm.usage(a.admin, from: Self.from, to: Self.to, groupBy: .user, currency: .EUR)
            #expect(byUser.groups.map(\.key) == [a.admin.userID.rawValue, "system", a.tenantUser.id.rawValue])
            #expect(byUser.groups.map(\.costMicros) == [10_000, 2_000, 0])

            let czk = try await llm.usage(a.admin, from: Self.from, to: Self.to, groupBy: .day, currency: .CZK)
            #expect(czk.total.costMicros == 500 && czk.total.requests == 5)

            let oneDay = try await llm.usage(a.admin, from: CalendarDate("2025-03-05")!, to: CalendarDate("2025-03-05")!,
                                             groupBy: .day, currency: .EUR)
            #expect(oneDay.groups.map(\.key) == ["2025-03-05"])
        }
    }

    @Test("report ranges are checked, and tenants and other organizations see nothing",
          arguments: TestDatabase.dialects)
    func rangesAndTenancy(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let llm = Kit.repository(database)
            try await Self.seed(llm, a, b)
            await expectError("validation.failed", fields: ["/from"]) {
                try await llm.usage(a.admin, from: Self.to, to: Self.from, groupBy: .day, currency: .EUR)
            }
            await expectError("validation.failed", fields: ["/from"]) {
                try await llm.usage(a.admin, from: Self.from, to: Self.from.adding(days: 366), groupBy: .day,
                                    currency: .EUR)
            }
            _ = try await llm.usage(a.admin, from: Self.from, to: Self.from.adding(days: 365), groupBy: .day,
                                    currency: .EUR)
            await expectError("permission.denied") {
                try await llm.usage(a.tenant, from: Self.from, to: Self.to, groupBy: .day, currency: .EUR)
            }
            await expectError("permission.denied") { try await llm.entries(a.tenant, page: PageRequest()) }
            await expectError("permission.denied") { try await llm.budgetEvents(a.tenant, page: PageRequest()) }
            await expectError("permission.denied") {
                try await llm.budgetStatus(a.tenant, settings: nil, now: Kit.at("2025-03-05"))
            }

            let other = try await llm.usage(b.admin, from: Self.from, to: Self.to, groupBy: .user, currency: .EUR)
            #expect(other.groups.map(\.key) == [b.admin.userID.rawValue])
            #expect(other.total.costMicros == 99_000)
            let otherEntries = try await llm.entries(b.admin, page: PageRequest())
            #expect(otherEntries.items.map(\.organizationID) == [b.organization.id])
        }
    }

    @Test("entries come newest first, page by page", arguments: TestDatabase.dialects)
    func entries(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let llm = Kit.repository(database)
            try await Self.seed(llm, a, b)
            let first = try await llm.entries(a.admin, page: PageRequest(limit: 4))
            #expect(first.items.map(\.createdAt) == [
                Kit.at("2025-04-01", seconds: 10), Kit.at("2025-03-05", seconds: 500), Kit.at("2025-03-05", seconds: 400),
                Kit.at("2025-03-05", seconds: 300),
            ])
            let cursor = try #require(first.nextCursor.flatMap(Cursor.init(token:)))
            let second = try await llm.entries(a.admin, page: PageRequest(limit: 4, cursor: cursor))
            #expect(second.items.count == 2 && second.nextCursor == nil)
            let stored = try #require(second.items.last)
            #expect(stored == Kit.entry(a.organization.id, user: a.admin.userID, at: Kit.at("2025-03-02", seconds: 100),
                                        feature: .chat, input: 100, output: 50, costMicros: 1_000)
                .with(id: stored.id))
            let failed = try #require(first.items.first { $0.outcome == .error })
            #expect(failed.errorCode == "llm.provider_unavailable" && failed.timeToFirstTokenMilliseconds == 80)
        }
    }
}

extension LLMUsageEntry {
    /// The same entry with another id.
    fileprivate func with(id: String) -> LLMUsageEntry {
        var copy = self
        copy.id = id
        return copy
    }
}
