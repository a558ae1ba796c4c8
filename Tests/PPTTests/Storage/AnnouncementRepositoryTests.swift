import Foundation
import PPTDomain
import PPTStorage
import Testing

@Suite("Announcement repository contract")
struct AnnouncementRepositoryTests {
    static let start = FixedClock("2025-03-01")

    static func repository(_ database: any Database, minutes: Double = 0) -> AnnouncementRepository {
        AnnouncementRepository(database: database, clock: FixedClock(start.instant.addingTimeInterval(minutes * 60)))
    }

    static func events(_ database: any Database, _ org: OrganizationID) async throws -> [DomainEvent] {
        try await OutboxStore(database: database).events(organizationID: org).map(\.event)
            .filter { $0.type == .announcementPublished }
    }


    @Test("an announcement goes draft → scheduled → published → archived, and other moves are conflicts",
          arguments: TestDatabase.dialects)
    func lifecycle(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let repo = Self.repository(database)
            let draft = try await repo.create(f.admin, AnnouncementInput(title: "Water outage", body: "On Monday."))
            #expect(draft.status == .draft && draft.readCount == 0 && draft.target.all)
            await expectError("validation.failed", fields: ["/publishAt"]) {
                try await repo.schedule(f.admin, id: draft.id, AnnouncementSchedule(
                    publishAt: Self.start.instant.addingTimeInterval(-60)))
            }
            let scheduled = try await repo.schedule(f.admin, id: draft.id, AnnouncementSchedule(
                publishAt: Self.start.instant.addingTimeInterval(3600)))
            #expect(scheduled.status == .scheduled)
            let edited = try await repo.update(f.admin, id: draft.id, AnnouncementInput(
                title: "Water outage (updated)", body: "On Monday 8-12.", pinned: true))
            #expect(edited.status == .scheduled && edited.pinned)
            let published = try await Self.repository(database, minutes: 5).publish(f.admin, id: draft.id)
            #expect(published.status == .published)
            #expect(published.publishedAt == Self.start.instant.addingTimeInterval(300))
            await #expect(throws: DomainError.invalidTransition("announcement", from: "published", to: "published")) {
                try await repo.publish(f.admin, id: draft.id)
            }
            #expect(try await repo.archive(f.admin, id: draft.id).status == .archived)
            await #expect(throws: DomainError.invalidTransition("announcement", from: "archived", to: "published")) {
                try await repo.publish(f.admin, id: draft.id)
            }
            await expectError("announcement.invalid_transition") {
                try await repo.archive(f.admin, id: draft.id)
            }
            await expectError("announcement.not_editable") {
                try await repo.update(f.admin, id: draft.id, AnnouncementInput(title: "x", body: "y"))
            }
            let events = try await Self.events(database, f.organization.id)
            #expect(events.count == 1)
            #expect(events.first?.payload["announcementID"] == .id(draft.id))
            #expect(events.first?.payload["title"] == "Water outage (updated)")
            #expect(events.first?.payload["target"] == .object(
                ["all": true, "buildingIDs": .array([]), "roles": .array([]), "unitIDs": .array([])]))
        }
    }

    @Test("bad input is rejected with field pointers", arguments: TestDatabase.dialects)
    func validation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let repo = Self.repository(database)
            await expectError("validation.failed", fields: ["/title", "/body"]) {
                try await repo.create(a.admin, AnnouncementInput(title: " ", body: ""))
            }
            let foreign = AnnouncementTarget(all: false, buildingIDs: [b.building.id])
            await expectError("validation.failed", fields: ["/target/buildingIDs"]) {
                try await repo.create(a.admin, AnnouncementInput(title: "t", body: "b", target: foreign))
            }
            await expectError("validation.failed", fields: ["/target"]) {
                try await repo.create(a.admin, AnnouncementInput(
                    title: "t", body: "b", target: AnnouncementTarget(all: false)))
            }
        }
    }

    @Test("tenants may not manage announcements and see only published ones addressed to them",
          arguments: TestDatabase.dialects)
    func tenantVisibility(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database, name: "A")
            let other = try await Fixture.make(database, name: "B")
            let second = try await PropertyRepository(database: database).createBuilding(f.admin, BuildingInput(
                name: "Second", street: "Dlhá 2", city: "Trnava", postalCode: "91701", country: "SK"))
            await expectError("permission.denied") {
                try await Self.repository(database).create(f.tenant, AnnouncementInput(title: "t", body: "b"))
            }
            func published(_ title: String, _ target: AnnouncementTarget, pinned: Bool = false, minute: Double)
                async throws -> Announcement
            {
                let repo = Self.repository(database, minutes: minute)
                let a = try await repo.create(f.admin, AnnouncementInput(
                    title: title, body: "text", target: target, pinned: pinned))
                return try await repo.publish(f.admin, id: a.id)
            }
            let everyone = try await published("everyone", AnnouncementTarget(), minute: 1)
            let mine = try await published("my building", AnnouncementTarget(all: false, buildingIDs: [f.building.id]),
                                           minute: 2)
            let elsewhere = try await published("second building",
                                                AnnouncementTarget(all: false, buildingIDs: [second.id]), minute: 3)
            let owners = try await published("owners only", AnnouncementTarget(all: false, roles: [.owner]), minute: 4)
            let myUnit = try await published("my unit", AnnouncementTarget(all: false, unitIDs: [f.unit.id]),
                                             pinned: true, minute: 0)
            let draft = try await Self.repository(database).create(f.admin, AnnouncementInput(title: "d", body: "d"))
            await expectError("permission.denied") {
                try await Self.repository(database).publish(f.tenant, id: draft.id)
            }

            let repo = Self.repository(database, minutes: 10)
            let seen = try await repo.announcements(f.tenant, page: PageRequest())
            #expect(seen.items.map(\.id) == [myUnit.id, mine.id, everyone.id])
            #expect(seen.items.allSatisfy { $0.readByMe == false && $0.readCount == nil })
            for hidden in [elsewhere.id, owners.id, draft.id] {
                await #expect(throws: DomainError.notFound("announcement")) {
                    try await repo.announcement(f.tenant, id: hidden)
                }
            }
            let all = try await repo.announcements(f.admin, page: PageRequest())
            #expect(all.items.count == 6)
            #expect(all.items.first?.id == myUnit.id)
            await #expect(throws: DomainError.notFound("announcement")) {
                try await repo.announcement(other.admin, id: everyone.id)
            }
            #expect(try await repo.announcements(other.tenant, page: PageRequest()).items.isEmpty)
        }
    }

    @Test("read receipts are idempotent, and staff see how many members read", arguments: TestDatabase.dialects)
    func readReceipts(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let repo = Self.repository(database)
            let draft = try await repo.create(f.admin, AnnouncementInput(title: "Meeting", body: "Tuesday"))
            await #expect(throws: DomainError.notFound("announcement")) {
                try await repo.markRead(f.tenant, id: draft.id)
            }
            _ = try await repo.publish(f.admin, id: draft.id)
            #expect(try await repo.markRead(f.tenant, id: draft.id).readByMe == true)
            #expect(try await repo.markRead(f.tenant, id: draft.id).readByMe == true)
            #expect(try await repo.announcement(f.tenant, id: draft.id).readByMe == true)
            let staffView = try await repo.announcement(f.admin, id: draft.id)
            #expect(staffView.readCount == 1 && staffView.readByMe == false)
        }
    }

    @Test("the scanner publishes due announcements exactly once", arguments: TestDatabase.dialects)
    func scanner(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let repo = Self.repository(database)
            let a = try await repo.create(f.admin, AnnouncementInput(title: "Later", body: "soon"))
            _ = try await repo.schedule(f.admin, id: a.id, AnnouncementSchedule(
                publishAt: Self.start.instant.addingTimeInterval(3600)))
            #expect(try await repo.scanScheduledAnnouncements(now: Self.start.instant) == 0)
            await #expect(throws: DomainError.notFound("announcement")) {
                try await repo.announcement(f.tenant, id: a.id)
            }
            let later = Self.start.instant.addingTimeInterval(7200)
            #expect(try await repo.scanScheduledAnnouncements(now: later) == 1)
            #expect(try await repo.scanScheduledAnnouncements(now: later) == 0)
            let seen = try await repo.announcement(f.tenant, id: a.id)
            #expect(seen.status == .published && seen.publishedAt == later)
            #expect(try await Self.events(database, f.organization.id).count == 1)
        }
    }

    @Test("pagination walks the visible announcements once, pinned first", arguments: TestDatabase.dialects)
    func pagination(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let second = try await PropertyRepository(database: database).createBuilding(f.admin, BuildingInput(
                name: "Second", street: "Dlhá 2", city: "Trnava", postalCode: "91701", country: "SK"))
            var visible: Set<AnnouncementID> = []
            for index in 0..<10 {
                let repo = Self.repository(database, minutes: Double(index))
                let target = index % 3 == 0 ? AnnouncementTarget(all: false, buildingIDs: [second.id]) : nil
                let a = try await repo.create(f.admin, AnnouncementInput(
                    title: "A\(index)", body: "b", target: target, pinned: index % 4 == 1))
                _ = try await repo.publish(f.admin, id: a.id)
                if target == nil { visible.insert(a.id) }
            }
            var seen: [Announcement] = []
            var cursor: Cursor?
            repeat {
                let page = try await Self.repository(database).announcements(
                    f.tenant, page: PageRequest(limit: 2, cursor: cursor))
                seen += page.items
                cursor = page.nextCursor.flatMap(Cursor.init(token:))
            } while cursor != nil
            #expect(seen.count == visible.count && Set(seen.map(\.id)) == visible)
            #expect(seen.map(\.title) == ["A5", "A1", "A8", "A7", "A4", "A2"])
        }
    }
}
