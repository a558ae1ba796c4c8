import Foundation
import PPTDomain
import PPTStorage
import SQLKit
import Testing

private typealias Kit = LLMRepositoryTestKit

@Suite("LLM repository: rate limits")
struct LLMRepositoryLimitsTests {
    /// 25 seconds into a minute.
    static let now = Kit.at("2025-03-10", seconds: 12 * 3600 + 25)

    /// Whether `body` was admitted; any error other than a rate limit fails the test.
    static func admitted(_ body: () async throws -> Void) async -> Bool {
        do {
            try await body()
            return true
        } catch let error as DomainError where error.code == "llm.rate_limited" {
            return false
        } catch {
            Issue.record(error)
            return false
        }
    }

    static func requests(_ database: any Database, _ key: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COALESCE(SUM(requests), 0) AS n FROM llm_rate_windows WHERE scope_key = \(bind: key)")
                .first()!.int("n")
        }
    }

    @Test("an organization limit of N admits N requests a minute, then refuses until the next minute",
          arguments: TestDatabase.dialects)
    func organizationLimit(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let llm = Kit.repository(database)
            let org = a.organization.id
            let limits = LLMRateLimits(requestsPerMinute: 3)
            for _ in 0..<3 {
                try await llm.admit(organizationID: org, userID: a.admin.userID, limits: limits, now: Self.now)
            }
            let error = await #expect(throws: DomainError.self) {
                try await llm.admit(organizationID: org, userID: a.admin.userID, limits: limits, now: Self.now)
            }
            #expect(error?.code == "llm.rate_limited" && error?.kind == .tooManyRequests)
            #expect(error?.retryAfterSeconds == 35)
            #expect(error?.message.contains("organization") == true)
            #expect(try await Self.requests(database, "org:\(org.rawValue)") == 3)
            // Another organization has its own window; the next minute starts afresh.
            let b = try await Fixture.make(database, name: "B")
            try await llm.admit(organizationID: b.organization.id, userID: nil, limits: limits, now: Self.now)
            try await llm.admit(organizationID: org, userID: nil, limits: limits, now: Self.now.addingTimeInterval(35))
            // No limits: nothing is counted.
            for _ in 0..<10 {
                try await llm.admit(organizationID: org, userID: nil, limits: LLMRateLimits(), now: Self.now)
            }
        }
    }

    @Test("the retry delay is always between 1 and 60 seconds", arguments: [0.0, 0.4, 30, 59.2, 59.999])
    func retryRange(offset: Double) async throws {
        try await TestDatabase.with(.sqlite) { database in
            let a = try await Fixture.make(database)
            let llm = Kit.repository(database)
            let now = Kit.at("2025-03-10", seconds: 600 + offset)
            let limits = LLMRateLimits(requestsPerMinute: 1)
            try await llm.admit(organizationID: a.organization.id, userID: nil, limits: limits, now: now)
            let error = await #expect(throws: DomainError.self) {
                try await llm.admit(organizationID: a.organization.id, userID: nil, limits: limits, now: now)
            }
            #expect((1...60).contains(error?.retryAfterSeconds ?? 0))
        }
    }

    @Test("the per-user limit holds for each user separately, and refused requests are not counted",
          arguments: TestDatabase.dialects)
    func userLimit(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let llm = Kit.repository(database)
            let org = a.organization.id
            let limits = LLMRateLimits(requestsPerMinute: 100, userRequestsPerMinute: 2)
            for _ in 0..<2 { try await llm.admit(organizationID: org, userID: a.admin.userID, limits: limits, now: Self.now) }
            let error = await #expect(throws: DomainError.self) {
                try await llm.admit(organizationID: org, userID: a.admin.userID, limits: limits, now: Self.now)
            }
            #expect(error?.code == "llm.rate_limited" && error?.message.contains("user") == true)
            #expect((1...60).contains(error?.retryAfterSeconds ?? 0))
            for _ in 0..<2 {
                try await llm.admit(organizationID: org, userID: a.tenantUser.id, limits: limits, now: Self.now)
            }
            // System calls have no user and only the organization's limit.
            for _ in 0..<5 { try await llm.admit(organizationID: org, userID: nil, limits: limits, now: Self.now) }
            #expect(try await Self.requests(database, "org:\(org.rawValue)") == 9)
            #expect(try await Self.requests(database, "user:\(org.rawValue):\(a.admin.userID.rawValue)") == 2)
        }
    }

    @Test("the token limit refuses once the minute's recorded tokens reach it", arguments: TestDatabase.dialects)
    func tokenLimit(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let llm = Kit.repository(database)
            let org = a.organization.id
            let limits = LLMRateLimits(tokensPerMinute: 1_000)
            let settings = Kit.settings(limits: limits)
            try await llm.admit(organizationID: org, userID: nil, limits: limits, now: Self.now)
            _ = try await llm.record(Kit.entry(org, at: Self.now, input: 400, output: 500), settings: settings)
            try await llm.admit(organizationID: org, userID: nil, limits: limits, now: Self.now)
            _ = try await llm.record(Kit.entry(org, at: Self.now, input: 60, output: 40), settings: settings)
            let error = await #expect(throws: DomainError.self) {
                try await llm.admit(organizationID: org, userID: nil, limits: limits, now: Self.now)
            }
            #expect(error?.code == "llm.rate_limited" && error?.message.contains("token") == true)
            try await llm.admit(organizationID: org, userID: nil, limits: limits, now: Self.now.addingTimeInterval(60))
        }
    }

    @Test("old windows are deleted when a scope opens a new one", arguments: TestDatabase.dialects)
    func cleanup(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let llm = Kit.repository(database)
            let limits = LLMRateLimits(requestsPerMinute: 5)
            for minute in 0..<15 {
                try await llm.admit(organizationID: a.organization.id, userID: nil, limits: limits,
                                    now: Self.now.addingTimeInterval(Double(minute) * 60))
            }
            let windows = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM llm_rate_windows").first()!.int("n")
            }
            #expect(windows == 11)
        }
    }

    @Test("two instances admitting at once never exceed the limit in one window", arguments: TestDatabase.dialects)
    func twoInstances(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let org = a.organization.id
            try await Kit.withSecondHandle(database) { other in
                let instances = [Kit.repository(database), Kit.repository(other)]
                let limits = LLMRateLimits(requestsPerMinute: 7, userRequestsPerMinute: 5)
                let users = [a.admin.userID, a.tenantUser.id]
                let admitted = await withTaskGroup(of: (Int, Bool).self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            let ok = await Self.admitted {
                                try await instances[index % 2].admit(organizationID: org, userID: users[index / 10],
                                                                     limits: limits, now: Self.now)
                            }
                            return (index / 10, ok)
                        }
                    }
                    return await group.reduce(into: [0, 0]) { counts, result in if result.1 { counts[result.0] += 1 } }
                }
                #expect(admitted.reduce(0, +) == 7)
                #expect(admitted.allSatisfy { $0 <= 5 })
                let counted = try await Self.requests(database, "org:\(org.rawValue)")
                #expect(counted == 7)
            }
        }
    }
}
