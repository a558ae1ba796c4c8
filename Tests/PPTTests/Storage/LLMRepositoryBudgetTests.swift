import Foundation
import PPTDomain
import PPTStorage
import SQLKit
import Testing

private typealias Kit = LLMRepositoryTestKit

@Suite("LLM repository: budget")
struct LLMRepositoryBudgetTests {
    /// 50.00 EUR a month, alert at 80 %, hard stop.
    static let budget = LLMBudget(monthlyLimit: Money(amountMinor: 5_000, currency: .EUR), softAlertPercent: 80)

    @Test("the soft alert fires once a month and reaches every administrator; the hard stop refuses calls",
          arguments: TestDatabase.dialects)
    func thresholds(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let secondAdmin = try await Kit.member(database, a, role: .admin, name: "second-admin")
            let clock = FixedClock("2025-03-20")
            let llm = Kit.repository(database, clock: clock)
            let org = a.organization.id
            let settings = Kit.settings(budget: Self.budget)
            let march = { (day: Int) in Kit.at(String(format: "2025-03-%02d", day)) }

            #expect(try await llm.record(Kit.entry(org, at: march(2), costMicros: 30_000_000), settings: settings)
                .isEmpty)
            try await llm.checkBudget(organizationID: org, settings: settings, now: march(3))
            let soft = try await llm.record(Kit.entry(org, at: march(4), costMicros: 11_200_000), settings: settings)
            #expect(soft.map(\.kind) == [.softAlert])
            #expect(soft.first?.spentMicros == 41_200_000 && soft.first?.month == "2025-03")
            #expect(soft.first?.limit == Self.budget.monthlyLimit)
            // Crossing again (and again) adds no event.
            #expect(try await llm.record(Kit.entry(org, at: march(5), costMicros: 1_000_000), settings: settings)
                .isEmpty)
            try await llm.checkBudget(organizationID: org, settings: settings, now: march(5))

            let notifications = NotificationRepository(database: database)
            for admin in [a.admin.userID, secondAdmin.userID] {
                let received = try await notifications.notifications(userID: admin, unreadOnly: false, page: PageRequest())
                #expect(received.items.map(\.kind) == ["llm.budget_soft_alert"])
                #expect(received.items.first?.body.contains("41.20 EUR of 50.00 EUR") == true)
                #expect(received.items.first?.organizationID == org)
            }
            #expect(try await notifications.notifications(userID: a.tenantUser.id, unreadOnly: false,
                                                          page: PageRequest()).items.isEmpty)

            let hard = try await llm.record(Kit.entry(org, at: march(6), costMicros: 10_000_000), settings: settings)
            #expect(hard.map(\.kind) == [.hardStop])
            let now = march(7)
            let error = await #expect(throws: DomainError.self) {
                try await llm.checkBudget(organizationID: org, settings: settings, now: now)
            }
            #expect(error?.code == "llm.budget_exhausted" && error?.kind == .tooManyRequests)
            let untilApril = Int(Kit.at("2025-04-01", seconds: 0).timeIntervalSince(now))
            #expect(error?.retryAfterSeconds == untilApril)
            let admins = try await notifications.notifications(userID: a.admin.userID, unreadOnly: false,
                                                               page: PageRequest())
            #expect(Set(admins.items.map(\.kind)) == ["llm.budget_hard_stop", "llm.budget_soft_alert"])
            #expect(admins.items.first { $0.kind == "llm.budget_hard_stop" }?.body.contains("52.20 EUR of 50.00 EUR")
                    == true)

            // Without the hard stop, in another organization, or next month, calls go on.
            var soft80 = settings
            soft80.budget?.hardStop = false
            try await llm.checkBudget(organizationID: org, settings: soft80, now: now)
            try await llm.checkBudget(organizationID: b.organization.id, settings: settings, now: now)
            try await llm.checkBudget(organizationID: org, settings: settings, now: Kit.at("2025-04-01", seconds: 1))

            let events = try await llm.budgetEvents(a.admin, page: PageRequest())
            #expect(events.items.map(\.kind) == [.hardStop, .softAlert])
            #expect(events.items.map(\.spentMicros) == [52_200_000, 41_200_000])
            #expect(try await llm.budgetEvents(b.admin, page: PageRequest()).items.isEmpty)
        }
    }

    @Test("the status reports spend, remaining, share used and the thresholds of the month",
          arguments: TestDatabase.dialects)
    func status(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let llm = Kit.repository(database)
            let org = a.organization.id
            let settings = Kit.settings(budget: Self.budget)
            let manager = try await Kit.member(database, a, role: .manager, name: "budget-manager")

            let empty = try await llm.budgetStatus(manager, settings: settings, now: Kit.at("2025-03-10"))
            #expect(empty == LLMBudgetStatus(month: "2025-03", spentMicros: 0, currency: .EUR, budget: Self.budget,
                                             remainingMicros: 50_000_000, percentUsed: 0, softAlertReached: false,
                                             hardStopReached: false))
            _ = try await llm.record(Kit.entry(org, at: Kit.at("2025-03-02"), costMicros: 42_500_000), settings: settings)
            let alerted = try await llm.budgetStatus(manager, settings: settings, now: Kit.at("2025-03-10"))
            #expect(alerted == LLMBudgetStatus(month: "2025-03", spentMicros: 42_500_000, currency: .EUR,
                                               budget: Self.budget, remainingMicros: 7_500_000, percentUsed: 85,
                                               softAlertReached: true, hardStopReached: false))
            _ = try await llm.record(Kit.entry(org, at: Kit.at("2025-03-03"), costMicros: 10_000_000), settings: settings)
            let stopped = try await llm.budgetStatus(manager, settings: settings, now: Kit.at("2025-03-10"))
            #expect(stopped.spentMicros == 52_500_000 && stopped.remainingMicros == 0 && stopped.percentUsed == 105)
            #expect(stopped.softAlertReached && stopped.hardStopReached)

            // Raising the budget lifts the stop at once.
            var raised = settings
            raised.budget?.monthlyLimit.amountMinor = 10_000
            let lifted = try await llm.budgetStatus(manager, settings: raised, now: Kit.at("2025-03-10"))
            #expect(!lifted.hardStopReached && lifted.remainingMicros == 47_500_000 && lifted.percentUsed == 52.5)
            try await llm.checkBudget(organizationID: org, settings: raised, now: Kit.at("2025-03-10"))

            let april = try await llm.budgetStatus(manager, settings: settings, now: Kit.at("2025-04-02"))
            #expect(april.month == "2025-04" && april.spentMicros == 0 && !april.softAlertReached
                    && !april.hardStopReached)
            let platform = try await llm.budgetStatus(manager, settings: nil, now: Kit.at("2025-03-10"))
            #expect(platform == LLMBudgetStatus(month: "2025-03", spentMicros: 52_500_000, currency: .EUR, budget: nil,
                                                remainingMicros: nil, percentUsed: nil, softAlertReached: true,
                                                hardStopReached: false))
        }
    }

    @Test("concurrent recordings from two instances add up and alert once", arguments: TestDatabase.dialects)
    func concurrentRecording(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let org = a.organization.id
            let settings = Kit.settings(limits: LLMRateLimits(tokensPerMinute: 1_000_000), budget: Self.budget)
            try await Kit.withSecondHandle(database) { other in
                let instances = [Kit.repository(database), Kit.repository(other)]
                let events = try await withThrowingTaskGroup(of: [LLMBudgetEvent].self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            try await instances[index % 2].record(
                                Kit.entry(org, at: Kit.at("2025-03-02"), input: 10, output: 5, costMicros: 3_000_000),
                                settings: settings)
                        }
                    }
                    return try await group.reduce(into: [LLMBudgetEvent]()) { $0 += $1 }
                }
                #expect(events.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.hardStop, .softAlert])
                let status = try await instances[1].budgetStatus(a.admin, settings: settings, now: Kit.at("2025-03-02"))
                #expect(status.spentMicros == 60_000_000)
                let tokens = try await database.read { sql in
                    try await sql.raw("SELECT SUM(tokens) AS n FROM llm_rate_windows").first()!.int("n")
                }
                #expect(tokens == 300)
                let notices = try await NotificationRepository(database: database)
                    .notifications(userID: a.admin.userID, unreadOnly: false, page: PageRequest())
                #expect(notices.items.count == 2)
            }
        }
    }
}
