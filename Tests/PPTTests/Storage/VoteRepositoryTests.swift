import Foundation
import PPTDomain
import PPTStorage
import Testing

@Suite("Vote repository contract")
struct VoteRepositoryTests {
    static let start = FixedClock("2025-03-01")

    static func repository(_ database: any Database, hours: Double = 0) -> VoteRepository {
        VoteRepository(database: database, clock: FixedClock(start.instant.addingTimeInterval(hours * 3600)))
    }

    static let question = VoteQuestionInput(id: "roof", text: "Repair the roof?", options: ["yes", "no"])

    static func input(building: BuildingID? = nil) -> VoteInput {
        VoteInput(buildingID: building, title: "Roof repair", description: "Quote attached.", questions: [question])
    }

    static func events(_ database: any Database, _ org: OrganizationID) async throws -> [DomainEvent] {
        try await OutboxStore(database: database).events(organizationID: org).map(\.event)
            .filter { $0.type == .voteStarted || $0.type == .voteEnded }
    }

    /// A new member with role `owner` who owns `unit`.
    static func owner(_ database: any Database, _ f: Fixture, units: [BuildingUnit], name: String) async throws
        -> OrgScope
    {
        let accounts = AccountRepository(database: database)
        let user = try await accounts.createUser(email: "\(name)@example.com", name: name, passwordHash: "x",
                                                 locale: .sk)
        _ = try await accounts.setMember(f.admin, email: user.email, role: .owner)
        for unit in units {
            _ = try await PropertyRepository(database: database).addResident(f.admin, unitID: unit.id, ResidentInput(
                userID: user.id, name: name, email: user.email, relation: .owner, startDate: CalendarDate("2024-01-01")!))
        }
        return try await accounts.scope(userID: user.id, organizationID: f.organization.id)!
    }

    static func unit(_ database: any Database, _ f: Fixture, building: BuildingID, number: String, share: Int64)
        async throws -> BuildingUnit
    {
        try await PropertyRepository(database: database).createUnit(f.admin, UnitInput(
            buildingID: building, number: number, type: .flat, floor: 2, sizeSqm: 80, rooms: 3,
            ownershipShareNumerator: share, ownershipShareDenominator: 10_000))
    }


    @Test("a vote goes draft → active → closed with one start and one end event; other moves are conflicts",
          arguments: TestDatabase.dialects)
    func lifecycle(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let repo = Self.repository(database)
            await expectError("validation.failed", fields: ["/title", "/questions/0/options"]) {
                try await repo.create(f.admin, VoteInput(title: "", description: "", questions: [
                    VoteQuestionInput(text: "Only one option?", options: ["yes"])]))
            }
            await expectError("permission.denied") { try await repo.create(f.tenant, Self.input()) }
            let draft = try await repo.create(f.admin, Self.input())
            #expect(draft.status == .draft && draft.questions.map(\.id) == ["roof"])
            await expectError("vote.not_found") { try await repo.vote(f.tenant, id: draft.id) }
            let edited = try await repo.update(f.admin, id: draft.id, VoteInput(
                title: "Roof", description: "", questions: [VoteQuestionInput(text: "Which?", options: ["A", "B"])]))
            #expect(edited.questions.map(\.id) == ["q1"])
            await expectError("vote.invalid_transition") { try await repo.close(f.admin, id: draft.id) }
            let active = try await repo.open(f.admin, id: draft.id)
            #expect(active.status == .active && active.startsAt == Self.start.instant && active.endsAt == nil)
            await expectError("vote.invalid_transition") { try await repo.open(f.admin, id: draft.id) }
            await expectError("vote.not_editable") { try await repo.update(f.admin, id: draft.id, Self.input()) }
            #expect(try await repo.vote(f.tenant, id: draft.id).status == .active)
            let closed = try await Self.repository(database, hours: 1).close(f.admin, id: draft.id)
            #expect(closed.status == .closed && closed.endsAt == Self.start.instant.addingTimeInterval(3600))
            await expectError("vote.invalid_transition") { try await repo.close(f.admin, id: draft.id) }
            await expectError("vote.invalid_transition") {
                try await repo.schedule(f.admin, id: draft.id, VoteSchedule(
                    startsAt: Self.start.instant.addingTimeInterval(60), endsAt: Self.start.instant.addingTimeInterval(120)))
            }
            let events = try await Self.events(database, f.organization.id)
            #expect(events.map(\.type) == [.voteStarted, .voteEnded])
            #expect(events.map(\.dedupeKey) == ["vote_started:\(draft.id)", "vote_ended:\(draft.id)"])
            #expect(events.last?.payload["results"] == .array([.object([
                "questionID": "q1", "weights": .object(["A": 0, "B": 0]), "counts": .object(["A": 0, "B": 0]),
                "participatingWeight": 0])]))
        }
    }

    @Test("owners' answers are weighted by their units' shares, replaced on re-voting, and tallied",
          arguments: TestDatabase.dialects)
    func weightedTally(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let other = try await Fixture.make(database, name: "B")
            let second = try await Self.unit(database, f, building: f.building.id, number: "2", share: 1_875)
            let small = try await Self.owner(database, f, units: [f.unit], name: "small")
            let large = try await Self.owner(database, f, units: [second], name: "large")
            let repo = Self.repository(database)
            let vote = try await repo.create(f.admin, Self.input(building: f.building.id))
            _ = try await repo.schedule(f.admin, id: vote.id, VoteSchedule(
                startsAt: Self.start.instant.addingTimeInterval(60), endsAt: Self.start.instant.addingTimeInterval(7200)))
            let yes = VoteBallot(unitID: f.unit.id, answers: [VoteAnswer(questionID: "roof", option: "yes")])
            await expectError("vote.not_active") { try await repo.respond(small, id: vote.id, yes) }
            _ = try await repo.open(f.admin, id: vote.id)
            await expectError("permission.denied") { try await repo.respond(f.tenant, id: vote.id, yes) }
            await expectError("unit.not_found") {
                try await repo.respond(small, id: vote.id, VoteBallot(unitID: second.id, answers: yes.answers))
            }
            await expectError("validation.failed", fields: ["/answers/0/option", "/answers/1/questionID"]) {
                try await repo.respond(small, id: vote.id, VoteBallot(unitID: f.unit.id, answers: [
                    VoteAnswer(questionID: "roof", option: "maybe"), VoteAnswer(questionID: "walls", option: "yes")]))
            }
            _ = try await repo.respond(small, id: vote.id, yes)
            let changed = try await repo.respond(small, id: vote.id, VoteBallot(
                unitID: f.unit.id, answers: [VoteAnswer(questionID: "roof", option: "no")]))
            #expect(changed.map(\.option) == ["no"] && changed.first?.weight == 0.0625)
            _ = try await repo.respond(large, id: vote.id, VoteBallot(
                unitID: second.id, answers: [VoteAnswer(questionID: "roof", option: "yes")]))

            let expected = [VoteQuestionResult(questionID: "roof", weights: ["yes": 0.1875, "no": 0.0625],
                                               counts: ["yes": 1, "no": 1], participatingWeight: 0.25)]
            #expect(try await repo.results(f.admin, id: vote.id) == expected)
            await expectError("vote.results_not_available") { try await repo.results(small, id: vote.id) }
            #expect(try await repo.responses(f.admin, id: vote.id).count == 2)
            #expect(try await repo.responses(small, id: vote.id).map(\.unitID) == [f.unit.id])
            await expectError("vote.not_found") { try await repo.results(other.admin, id: vote.id) }

            _ = try await repo.close(f.admin, id: vote.id)
            #expect(try await repo.results(small, id: vote.id) == expected)
            await expectError("vote.not_active") { try await repo.respond(large, id: vote.id, VoteBallot(
                unitID: second.id, answers: [VoteAnswer(questionID: "roof", option: "no")])) }
            let ended = try await Self.events(database, f.organization.id).last
            #expect(ended?.payload["results"] == .array([.object([
                "questionID": "roof", "weights": .object(["yes": .number(0.1875), "no": .number(0.0625)]),
                "counts": .object(["yes": 1, "no": 1]), "participatingWeight": .number(0.25)])]))
        }
    }

    @Test("a building's vote is hidden from other buildings and takes only that building's units",
          arguments: TestDatabase.dialects)
    func buildingScope(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let secondBuilding = try await PropertyRepository(database: database).createBuilding(f.admin, BuildingInput(
                name: "Second", street: "Dlhá 2", city: "Trnava", postalCode: "91701", country: "SK"))
            let elsewhere = try await Self.unit(database, f, building: secondBuilding.id, number: "7", share: 500)
            let local = try await Self.owner(database, f, units: [f.unit], name: "local")
            let both = try await Self.owner(database, f, units: [f.unit, elsewhere], name: "both")
            let repo = Self.repository(database)
            let vote = try await repo.open(f.admin, id: try await repo.create(f.admin, Self.input(
                building: secondBuilding.id)).id)
            await expectError("vote.not_found") { try await repo.vote(local, id: vote.id) }
            #expect(try await repo.votes(local, page: PageRequest()).items.isEmpty)
            #expect(try await repo.votes(both, page: PageRequest()).items.map(\.id) == [vote.id])
            await expectError("validation.failed", fields: ["/unitID"]) {
                try await repo.respond(both, id: vote.id, VoteBallot(
                    unitID: f.unit.id, answers: [VoteAnswer(questionID: "roof", option: "yes")]))
            }
            let ballot = try await repo.respond(both, id: vote.id, VoteBallot(
                unitID: elsewhere.id, answers: [VoteAnswer(questionID: "roof", option: "yes")]))
            #expect(ballot.first?.weight == 0.05)
        }
    }

    @Test("the scanner opens and closes scheduled votes once each", arguments: TestDatabase.dialects)
    func scanner(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let repo = Self.repository(database)
            let hour: TimeInterval = 3600
            await expectError("validation.failed", fields: ["/startsAt", "/endsAt"]) {
                try await repo.schedule(f.admin, id: VoteID(), VoteSchedule(
                    startsAt: Self.start.instant.addingTimeInterval(-hour), endsAt: Self.start.instant.addingTimeInterval(-2 * hour)))
            }
            let vote = try await repo.create(f.admin, Self.input())
            _ = try await repo.schedule(f.admin, id: vote.id, VoteSchedule(
                startsAt: Self.start.instant.addingTimeInterval(hour), endsAt: Self.start.instant.addingTimeInterval(3 * hour)))
            #expect(try await repo.scanVotes(now: Self.start.instant) == 0)
            #expect(try await repo.scanVotes(now: Self.start.instant.addingTimeInterval(2 * hour)) == 1)
            #expect(try await repo.scanVotes(now: Self.start.instant.addingTimeInterval(2 * hour)) == 0)
            #expect(try await repo.vote(f.admin, id: vote.id).status == .active)
            #expect(try await repo.scanVotes(now: Self.start.instant.addingTimeInterval(4 * hour)) == 1)
            #expect(try await repo.scanVotes(now: Self.start.instant.addingTimeInterval(5 * hour)) == 0)
            #expect(try await repo.vote(f.tenant, id: vote.id).status == .closed)

            let missed = try await repo.create(f.admin, Self.input())
            _ = try await repo.schedule(f.admin, id: missed.id, VoteSchedule(
                startsAt: Self.start.instant.addingTimeInterval(hour), endsAt: Self.start.instant.addingTimeInterval(2 * hour)))
            #expect(try await repo.scanVotes(now: Self.start.instant.addingTimeInterval(10 * hour)) == 2)
            let events = try await Self.events(database, f.organization.id)
            #expect(events.map(\.type) == [.voteStarted, .voteEnded, .voteStarted, .voteEnded])
            #expect(events.map(\.aggregateID) == [vote.id.rawValue, vote.id.rawValue, missed.id.rawValue,
                                                  missed.id.rawValue])
        }
    }
}
