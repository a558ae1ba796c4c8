import Foundation
import PPTDomain
import SQLKit

/// Owners' votes: draft → scheduled → active → closed, ballots weighted by ownership share, and tallies.
/// Emits `vote_started` and `vote_ended` exactly once per vote.
package struct VoteRepository: Sendable {
    let database: any Database
    let clock: any WallClock

    /// A repository over `database` that reads the time from `clock`.
    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func vote(_ r: any SQLRow) throws -> Vote {
        Vote(id: try r.id("id"), organizationID: try r.id("org_id"), buildingID: try r.optionalID("building_id"),
             title: try r.string("title"), description: try r.string("description"), questions: try r.json("questions"),
             status: try r.enumValue("status"), startsAt: try r.optionalDate("starts_at"),
             endsAt: try r.optionalDate("ends_at"), createdBy: try r.id("created_by"),
             createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }

    static func response(_ r: any SQLRow) throws -> VoteResponse {
        VoteResponse(voteID: try r.id("vote_id"), questionID: try r.string("question_id"), unitID: try r.id("unit_id"),
                     userID: try r.id("user_id"), option: try r.string("option"), weight: try r.double("weight"),
                     createdAt: try r.date("created_at"))
    }

    /// Members see votes past the draft stage for the whole organization or for their buildings.
    private static func visibility(_ scope: OrgScope) -> SQLQueryString {
        if scope.can(.votesManage) { return "" }
        return """
             AND status <> \(bind: VoteStatus.draft.rawValue) AND (building_id IS NULL \
            OR building_id IN (\(binds: scope.buildingIDs.map(\.rawValue) + [""])))
            """
    }

    static func load(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: VoteID) async throws -> Vote {
        guard let row = try await sql.raw("""
            SELECT * FROM votes WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            \(Self.visibility(scope))
            """).first() else { throw DomainError.notFound("vote") }
        return try vote(row)
    }

    // MARK: Reads

    /// Votes visible to the member, newest first.
    package func votes(_ scope: OrgScope, page: PageRequest) async throws -> Page<Vote> {
        try scope.require(.votesRead)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM votes WHERE org_id = \(bind: scope.organizationID.rawValue)"
            q += Self.visibility(scope)
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.vote), page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// One vote.
    package func vote(_ scope: OrgScope, id: VoteID) async throws -> Vote {
        try scope.require(.votesRead)
        return try await database.read { sql in try await Self.load(sql, scope, id) }
    }

    /// The weighted tally per question: for managers at any time, for members once the vote is closed.
    package func results(_ scope: OrgScope, id: VoteID) async throws -> [VoteQuestionResult] {
        try scope.require(.votesRead)
        return try await database.read { sql in
            let vote = try await Self.load(sql, scope, id)
            guard scope.can(.votesManage) || vote.status == .closed else {
                throw DomainError(code: "vote.results_not_available", kind: .conflict,
                                  message: "Results are published when the vote closes.")
            }
            return try await Self.tally(sql, vote)
        }
    }

    /// Ballots cast: every unit's for managers, the member's own units' otherwise.
    package func responses(_ scope: OrgScope, id: VoteID) async throws -> [VoteResponse] {
        try scope.require(.votesRead)
        return try await database.read { sql in
            _ = try await Self.load(sql, scope, id)
            var q: SQLQueryString = """
                SELECT * FROM vote_responses WHERE vote_id = \(bind: id.rawValue)
                AND org_id = \(bind: scope.organizationID.rawValue)
                """
            if !scope.can(.votesManage) { q += " AND unit_id IN (\(binds: scope.unitIDs.map(\.rawValue) + [""]))" }
            q += " ORDER BY unit_id, question_id"
            return try await sql.raw(q).all().map(Self.response)
        }
    }

    static func tally(_ sql: any SQLDatabase, _ vote: Vote) async throws -> [VoteQuestionResult] {
        let rows = try await sql.raw("""
            SELECT question_id, option, SUM(weight) AS w, COUNT(*) AS n FROM vote_responses
            WHERE vote_id = \(bind: vote.id.rawValue) AND org_id = \(bind: vote.organizationID.rawValue)
            GROUP BY question_id, option
            """).all()
        var weights: [String: [String: Double]] = [:]
        var counts: [String: [String: Int]] = [:]
        for row in rows {
            let (question, option) = (try row.string("question_id"), try row.string("option"))
            weights[question, default: [:]][option] = try row.double("w")
            counts[question, default: [:]][option] = try row.int("n")
        }
        return vote.questions.map { question in
            var w: [String: Double] = [:]
            var c: [String: Int] = [:]
            for option in question.options {
                w[option] = weights[question.id]?[option] ?? 0
                c[option] = counts[question.id]?[option] ?? 0
            }
            return VoteQuestionResult(questionID: question.id, weights: w, counts: c,
                                      participatingWeight: w.values.reduce(0, +))
        }
    }

    // MARK: Lifecycle

    /// Creates a draft.
    package func create(_ scope: OrgScope, _ input: VoteInput) async throws -> Vote {
        try scope.require(.votesManage)
        try input.validate()
        let now = clock.now()
        let v = Vote(id: .init(), organizationID: scope.organizationID, buildingID: input.buildingID,
                     title: input.title, description: input.description, questions: input.normalizedQuestions,
                     status: .draft, createdBy: scope.userID, createdAt: now, updatedAt: now)
        try await database.write { sql in
            try await Self.checkBuilding(sql, scope, input.buildingID)
            try await sql.raw("""
                INSERT INTO votes (id, org_id, building_id, title, description, questions, status, starts_at, ends_at,
                                   created_by, created_at, updated_at)
                VALUES (\(bind: v.id.rawValue), \(bind: v.organizationID.rawValue), \(bind: v.buildingID?.rawValue),
                        \(bind: v.title), \(bind: v.description), \(bind: jsonText(v.questions)),
                        \(bind: v.status.rawValue), \(bind: v.startsAt), \(bind: v.endsAt),
                        \(bind: v.createdBy.rawValue), \(bind: now), \(bind: now))
                """).run()
        }
        return v
    }

    /// Replaces the building, text and questions of a draft or scheduled vote.
    package func update(_ scope: OrgScope, id: VoteID, _ input: VoteInput) async throws -> Vote {
        try scope.require(.votesManage)
        try input.validate()
        return try await change(scope, id) { v, sql in
            guard v.status == .draft || v.status == .scheduled else {
                throw DomainError(code: "vote.not_editable", kind: .conflict,
                                  message: "Only draft or scheduled votes can be edited.")
            }
            try await Self.checkBuilding(sql, scope, input.buildingID)
            (v.buildingID, v.title, v.description) = (input.buildingID, input.title, input.description)
            v.questions = input.normalizedQuestions
        }
    }

    /// Schedules a draft (or reschedules a scheduled vote) to open and close at the given times.
    package func schedule(_ scope: OrgScope, id: VoteID, _ input: VoteSchedule) async throws -> Vote {
        try scope.require(.votesManage)
        try input.validate(now: clock.now())
        return try await change(scope, id) { v, _ in
            try Self.requireTransition(v, to: .scheduled, from: [.draft, .scheduled])
            (v.status, v.startsAt, v.endsAt) = (.scheduled, input.startsAt, input.endsAt)
        }
    }

    /// Opens a draft or scheduled vote now and emits `vote_started`.
    package func open(_ scope: OrgScope, id: VoteID, _ input: VoteOpening = VoteOpening()) async throws -> Vote {
        try scope.require(.votesManage)
        let now = clock.now()
        try input.validate(now: now)
        return try await change(scope, id) { v, sql in
            try Self.requireTransition(v, to: .active, from: [.draft, .scheduled])
            v.status = .active
            v.startsAt = now
            v.endsAt = input.endsAt ?? v.endsAt.flatMap { $0 > now ? $0 : nil }
            try await Outbox.append(Self.startedEvent(v), at: now, on: sql)
        }
    }

    /// Closes an active vote and emits `vote_ended` with the results.
    package func close(_ scope: OrgScope, id: VoteID) async throws -> Vote {
        try scope.require(.votesManage)
        let now = clock.now()
        return try await change(scope, id) { v, sql in
            try Self.requireTransition(v, to: .closed, from: [.active])
            v.status = .closed
            v.endsAt = min(v.endsAt ?? now, now)
            try await Outbox.append(try await Self.endedEvent(sql, v), at: now, on: sql)
        }
    }

    // MARK: Helpers

    /// Loads, mutates and saves one vote in a transaction.
    private func change(
        _ scope: OrgScope, _ id: VoteID,
        _ mutate: @escaping @Sendable (inout Vote, any SQLDatabase) async throws -> Void
    ) async throws -> Vote {
        let now = clock.now()
        return try await database.write { sql in
            var v = try await Self.load(sql, scope, id)
            try await mutate(&v, sql)
            v.updatedAt = now
            try await sql.raw("""
                UPDATE votes SET building_id = \(bind: v.buildingID?.rawValue), title = \(bind: v.title),
                  description = \(bind: v.description), questions = \(bind: jsonText(v.questions)),
                  status = \(bind: v.status.rawValue), starts_at = \(bind: v.startsAt), ends_at = \(bind: v.endsAt),
                  updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            return v
        }
    }

    static func requireTransition(_ v: Vote, to status: VoteStatus, from allowed: Set<VoteStatus>) throws {
        guard allowed.contains(v.status) else {
            throw DomainError.invalidTransition("vote", from: v.status.rawValue, to: status.rawValue)
        }
    }

    private static func checkBuilding(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: BuildingID?) async throws {
        guard let id else { return }
        let found = try await sql.raw("""
            SELECT id FROM buildings WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """).first()
        if found == nil { throw DomainError.invalid("/buildingID", "no such building in this organization") }
    }

    static func startedEvent(_ v: Vote) -> DomainEvent {
        DomainEvent(type: .voteStarted, organizationID: v.organizationID, aggregateType: "vote",
                    aggregateID: v.id.rawValue,
                    payload: ["voteID": .id(v.id), "title": .string(v.title), "buildingID": .id(v.buildingID),
                              "endsAt": v.endsAt.map { .string($0.formatted(.iso8601)) } ?? .null],
                    dedupeKey: "vote_started:\(v.id.rawValue)")
    }

    static func endedEvent(_ sql: any SQLDatabase, _ v: Vote) async throws -> DomainEvent {
        DomainEvent(type: .voteEnded, organizationID: v.organizationID, aggregateType: "vote",
                    aggregateID: v.id.rawValue,
                    payload: ["voteID": .id(v.id), "title": .string(v.title), "buildingID": .id(v.buildingID),
                              "results": try EventJSON.value(try await tally(sql, v))],
                    dedupeKey: "vote_ended:\(v.id.rawValue)")
    }
}
