import Foundation
import PPTDomain
import SQLKit

extension VoteRepository {
    /// Records an owner's answers for one of their units while the vote is active, weighted by the unit's
    /// ownership share at this moment; answering a question again replaces the unit's earlier answer.
    package func respond(_ scope: OrgScope, id: VoteID, _ ballot: VoteBallot) async throws -> [VoteResponse] {
        try scope.require(.votesRespond)
        guard scope.unitIDs.contains(ballot.unitID) else { throw DomainError.notFound("unit") }
        let now = clock.now()
        let today = CalendarDate(now).description
        return try await database.write { sql in
            let vote = try await Self.load(sql, scope, id)
            guard vote.status == .active, vote.endsAt.map({ $0 > now }) ?? true else {
                throw DomainError(code: "vote.not_active", kind: .conflict, message: "The vote is not open for answers.")
            }
            try ballot.validate(for: vote)
            let org = scope.organizationID.rawValue
            guard let unit = try await sql.raw("""
                SELECT building_id, share_numerator, share_denominator FROM units
                WHERE id = \(bind: ballot.unitID.rawValue) AND org_id = \(bind: org)
                """).first() else { throw DomainError.notFound("unit") }
            if let building = vote.buildingID, try unit.string("building_id") != building.rawValue {
                throw DomainError.invalid("/unitID", "is not in the building this vote is for")
            }
            let owner = try await sql.raw("""
                SELECT id FROM unit_residents WHERE org_id = \(bind: org) AND unit_id = \(bind: ballot.unitID.rawValue)
                AND user_id = \(bind: scope.userID.rawValue) AND relation = \(bind: ResidentRelation.owner.rawValue)
                AND start_date <= \(bind: today) AND (end_date IS NULL OR end_date >= \(bind: today))
                """).first()
            guard owner != nil else {
                throw DomainError(code: "vote.not_owner", kind: .forbidden,
                                  message: "Only an owner of the unit may vote for it.")
            }
            let denominator = try unit.int64("share_denominator")
            let weight = denominator == 0 ? 0 : Double(try unit.int64("share_numerator")) / Double(denominator)
            for answer in ballot.answers {
                try await sql.raw("""
                    INSERT INTO vote_responses (vote_id, org_id, question_id, unit_id, user_id, option, weight, created_at)
                    VALUES (\(bind: id.rawValue), \(bind: org), \(bind: answer.questionID), \(bind: ballot.unitID.rawValue),
                            \(bind: scope.userID.rawValue), \(bind: answer.option), \(bind: weight), \(bind: now))
                    ON CONFLICT (vote_id, question_id, unit_id) DO UPDATE SET user_id = excluded.user_id,
                      option = excluded.option, weight = excluded.weight, created_at = excluded.created_at
                    """).run()
            }
            return try await sql.raw("""
                SELECT * FROM vote_responses WHERE vote_id = \(bind: id.rawValue) AND org_id = \(bind: org)
                AND unit_id = \(bind: ballot.unitID.rawValue) ORDER BY question_id
                """).all().map(Self.response)
        }
    }

    /// Opens scheduled votes whose start has passed and closes active votes whose end has passed, in all
    /// organizations; returns how many votes changed. Safe to run on several instances at once.
    package func scanVotes(now: Date) async throws -> Int {
        var changed = 0
        for id in try await due(.scheduled, column: "starts_at", now: now)
        where try await move(id, from: .scheduled, to: .active, now: now) {
            changed += 1
        }
        // Runs after the openings, so a vote whose whole window has passed opens and closes in one scan.
        for id in try await due(.active, column: "ends_at", now: now)
        where try await move(id, from: .active, to: .closed, now: now) {
            changed += 1
        }
        return changed
    }

    /// Ids of votes in `status` whose `column` time is at or before `now`.
    private func due(_ status: VoteStatus, column: String, now: Date) async throws -> [String] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id FROM votes WHERE status = \(bind: status.rawValue) AND \(ident: column) <= \(bind: now)
                ORDER BY \(ident: column), id
                """).all().map { try $0.string("id") }
        }
    }

    /// Moves one vote between states if it is still in `from` (another instance may have been first) and
    /// writes the matching event.
    private func move(_ id: String, from: VoteStatus, to: VoteStatus, now: Date) async throws -> Bool {
        try await database.write { sql in
            guard let row = try await sql.raw("""
                UPDATE votes SET status = \(bind: to.rawValue), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND status = \(bind: from.rawValue) RETURNING *
                """).first() else { return false }
            let vote = try Self.vote(row)
            let event = to == .active ? Self.startedEvent(vote) : try await Self.endedEvent(sql, vote)
            try await Outbox.append(event, at: now, on: sql)
            return true
        }
    }
}
