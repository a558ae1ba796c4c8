import Foundation
import PPTDomain
import SQLKit

/// Announcements with their draft → scheduled → published → archived lifecycle, audience targeting and
/// read receipts; emits `announcement_published` exactly once per announcement.
package struct AnnouncementRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    /// A repository over `database` that reads the time from `clock`.
    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func announcement(_ r: any SQLRow) throws -> Announcement {
        Announcement(id: try r.id("id"), organizationID: try r.id("org_id"), title: try r.string("title"),
                     body: try r.string("body"), status: try r.enumValue("status"), target: try r.json("target"),
                     pinned: try r.bool("pinned"), publishAt: try r.optionalDate("publish_at"),
                     publishedAt: try r.optionalDate("published_at"), authorID: try r.id("author_id"),
                     createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }

    /// Whether the member may see `announcement`: managers see every one, others only published ones
    /// addressed to them.
    private static func visible(_ announcement: Announcement, to scope: OrgScope) -> Bool {
        scope.can(.announcementsManage) || (announcement.status == .published && announcement.target.includes(scope))
    }

    // MARK: Reads

    /// Announcements visible to the member: pinned first, then newest (by publication, else creation).
    package func announcements(_ scope: OrgScope, page: PageRequest) async throws -> Page<Announcement> {
        try scope.require(.announcementsRead)
        let start = try page.cursor.map(AnnouncementPosition.init(cursor:))
        let manager = scope.can(.announcementsManage)
        let batch = manager ? page.limit + 1 : max(page.limit + 1, 50)
        return try await database.read { sql in
            var (kept, position): ([Announcement], AnnouncementPosition?) = ([], start)
            while kept.count <= page.limit {
                var q: SQLQueryString = "SELECT * FROM announcements WHERE org_id = \(bind: scope.organizationID.rawValue)"
                if !manager { q += " AND status = \(bind: AnnouncementStatus.published.rawValue)" }
                if let position { q += position.after(sql) }
                q += " ORDER BY pinned DESC, \(AnnouncementPosition.sortKey(sql)) DESC, id DESC LIMIT \(bind: batch)"
                let rows = try await sql.raw(q).all().map(Self.announcement)
                kept += rows.filter { Self.visible($0, to: scope) }
                guard rows.count == batch, let last = rows.last else { break }
                position = AnnouncementPosition(last)
            }
            let items = try await Self.enrich(sql, scope, Array(kept.prefix(page.limit)))
            let next = kept.count > page.limit ? items.last.map { AnnouncementPosition($0).cursor.token } : nil
            return Page(items: items, nextCursor: next)
        }
    }

    /// One announcement (others' drafts and announcements not addressed to the member are not found).
    package func announcement(_ scope: OrgScope, id: AnnouncementID) async throws -> Announcement {
        try scope.require(.announcementsRead)
        return try await database.read { sql in
            let a = try await Self.load(sql, scope, id)
            guard Self.visible(a, to: scope) else { throw DomainError.notFound("announcement") }
            return try await Self.enrich(sql, scope, [a])[0]
        }
    }

    /// Records that the member has read a published announcement; reading it again changes nothing.
    package func markRead(_ scope: OrgScope, id: AnnouncementID) async throws -> Announcement {
        try scope.require(.announcementsRead)
        let now = clock.now()
        return try await database.write { sql in
            let a = try await Self.load(sql, scope, id)
            guard Self.visible(a, to: scope) else { throw DomainError.notFound("announcement") }
            guard a.status == .published else {
                throw DomainError(code: "announcement.not_published", kind: .conflict,
                                  message: "Only published announcements can be marked as read.")
            }
            try await sql.raw("""
                INSERT INTO announcement_reads (announcement_id, user_id, org_id, read_at)
                VALUES (\(bind: id.rawValue), \(bind: scope.userID.rawValue), \(bind: scope.organizationID.rawValue),
                        \(bind: now))
                ON CONFLICT DO NOTHING
                """).run()
            return try await Self.enrich(sql, scope, [a])[0]
        }
    }

    static func load(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: AnnouncementID) async throws -> Announcement {
        guard let row = try await sql.raw("""
            SELECT * FROM announcements WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """).first() else { throw DomainError.notFound("announcement") }
        return try announcement(row)
    }

    /// Fills `readByMe` for everyone and `readCount` for managers.
    private static func enrich(_ sql: any SQLDatabase, _ scope: OrgScope, _ items: [Announcement]) async throws
        -> [Announcement]
    {
        guard !items.isEmpty else { return items }
        let ids = items.map(\.id.rawValue)
        let org = scope.organizationID.rawValue
        let mine = Set(try await sql.raw("""
            SELECT announcement_id FROM announcement_reads WHERE org_id = \(bind: org)
            AND user_id = \(bind: scope.userID.rawValue) AND announcement_id IN (\(binds: ids))
            """).all().map { try $0.string("announcement_id") })
        var counts: [String: Int] = [:]
        if scope.can(.announcementsManage) {
            for row in try await sql.raw("""
                SELECT announcement_id, COUNT(*) AS n FROM announcement_reads WHERE org_id = \(bind: org)
                AND announcement_id IN (\(binds: ids)) GROUP BY announcement_id
                """).all() {
                counts[try row.string("announcement_id")] = try row.int("n")
            }
        }
        return items.map { item in
            var a = item
            a.readByMe = mine.contains(a.id.rawValue)
            if scope.can(.announcementsManage) { a.readCount = counts[a.id.rawValue] ?? 0 }
            return a
        }
    }

    // MARK: Lifecycle

    /// Creates a draft.
    package func create(_ scope: OrgScope, _ input: AnnouncementInput) async throws -> Announcement {
        let now = clock.now()
        return try await database.write { sql in try await Self.create(sql, scope, input, at: now) }
    }

    /// Creates a draft on `sql`, inside a caller's transaction (a chosen generated draft and the
    /// generation's finalization land together).
    package static func create(_ sql: any SQLDatabase, _ scope: OrgScope, _ input: AnnouncementInput, at now: Date)
        async throws -> Announcement
    {
        try scope.require(.announcementsManage)
        try input.validate()
        let a = Announcement(id: .init(), organizationID: scope.organizationID, title: input.title, body: input.body,
                             status: .draft, target: input.effectiveTarget, pinned: input.pinned ?? false,
                             authorID: scope.userID, createdAt: now, updatedAt: now)
        try await checkTarget(sql, scope, a.target)
        try await sql.raw("""
            INSERT INTO announcements (id, org_id, title, body, status, target, pinned, publish_at, published_at,
                                       author_id, created_at, updated_at)
            VALUES (\(bind: a.id.rawValue), \(bind: a.organizationID.rawValue), \(bind: a.title), \(bind: a.body),
                    \(bind: a.status.rawValue), \(bind: jsonText(a.target)), \(bind: a.pinned),
                    \(bind: a.publishAt), \(bind: a.publishedAt), \(bind: a.authorID.rawValue), \(bind: now),
                    \(bind: now))
            """).run()
        return try await enrich(sql, scope, [a])[0]
    }

    /// Replaces the text, audience and pin of a draft or scheduled announcement.
    package func update(_ scope: OrgScope, id: AnnouncementID, _ input: AnnouncementInput) async throws
        -> Announcement
    {
        try scope.require(.announcementsManage)
        try input.validate()
        return try await change(scope, id) { a, sql in
            guard a.status == .draft || a.status == .scheduled else {
                throw DomainError(code: "announcement.not_editable", kind: .conflict,
                                  message: "Only draft or scheduled announcements can be edited.")
            }
            try await Self.checkTarget(sql, scope, input.effectiveTarget)
            (a.title, a.body, a.target) = (input.title, input.body, input.effectiveTarget)
            a.pinned = input.pinned ?? a.pinned
        }
    }

    /// Pins or unpins an announcement that is not archived.
    package func setPinned(_ scope: OrgScope, id: AnnouncementID, pinned: Bool) async throws -> Announcement {
        try scope.require(.announcementsManage)
        return try await change(scope, id) { a, _ in
            guard a.status != .archived else {
                throw DomainError(code: "announcement.not_editable", kind: .conflict,
                                  message: "An archived announcement cannot be changed.")
            }
            a.pinned = pinned
        }
    }

    /// Schedules a draft (or reschedules a scheduled announcement) for publication at a future time.
    package func schedule(_ scope: OrgScope, id: AnnouncementID, _ input: AnnouncementSchedule) async throws
        -> Announcement
    {
        try scope.require(.announcementsManage)
        try input.validate(now: clock.now())
        return try await change(scope, id) { a, _ in
            try Self.requireTransition(a, to: .scheduled, from: [.draft, .scheduled])
            (a.status, a.publishAt) = (.scheduled, input.publishAt)
        }
    }

    /// Publishes a draft or scheduled announcement now and emits `announcement_published`.
    package func publish(_ scope: OrgScope, id: AnnouncementID) async throws -> Announcement {
        try scope.require(.announcementsManage)
        let now = clock.now()
        return try await change(scope, id) { a, sql in
            try Self.requireTransition(a, to: .published, from: [.draft, .scheduled])
            (a.status, a.publishedAt) = (.published, now)
            try await Outbox.append(try Self.publishedEvent(a), at: now, on: sql)
        }
    }

    /// Archives an announcement (hidden from members from then on).
    package func archive(_ scope: OrgScope, id: AnnouncementID) async throws -> Announcement {
        try scope.require(.announcementsManage)
        return try await change(scope, id) { a, _ in
            try Self.requireTransition(a, to: .archived, from: [.draft, .scheduled, .published])
            a.status = .archived
        }
    }

    /// Publishes every scheduled announcement whose time has come, in all organizations; returns how many.
    /// Safe to run on several instances at once: each announcement is published and announced once.
    package func scanScheduledAnnouncements(now: Date) async throws -> Int {
        let due = try await database.read { sql in
            try await sql.raw("""
                SELECT id FROM announcements WHERE status = \(bind: AnnouncementStatus.scheduled.rawValue)
                AND publish_at <= \(bind: now) ORDER BY publish_at, id
                """).all().map { try $0.string("id") }
        }
        var published = 0
        for id in due {
            let done = try await database.write { sql in
                guard let row = try await sql.raw("""
                    UPDATE announcements SET status = \(bind: AnnouncementStatus.published.rawValue),
                      published_at = \(bind: now), updated_at = \(bind: now)
                    WHERE id = \(bind: id) AND status = \(bind: AnnouncementStatus.scheduled.rawValue)
                    AND publish_at <= \(bind: now) RETURNING *
                    """).first() else { return false }
                try await Outbox.append(try Self.publishedEvent(try Self.announcement(row)), at: now, on: sql)
                return true
            }
            if done { published += 1 }
        }
        return published
    }

    // MARK: Helpers

    /// Loads, mutates and saves one announcement in a transaction.
    private func change(
        _ scope: OrgScope, _ id: AnnouncementID,
        _ mutate: @escaping @Sendable (inout Announcement, any SQLDatabase) async throws -> Void
    ) async throws -> Announcement {
        let now = clock.now()
        return try await database.write { sql in
            var a = try await Self.load(sql, scope, id)
            try await mutate(&a, sql)
            a.updatedAt = now
            try await sql.raw("""
                UPDATE announcements SET title = \(bind: a.title), body = \(bind: a.body),
                  status = \(bind: a.status.rawValue), target = \(bind: jsonText(a.target)), pinned = \(bind: a.pinned),
                  publish_at = \(bind: a.publishAt), published_at = \(bind: a.publishedAt), updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            return try await Self.enrich(sql, scope, [a])[0]
        }
    }

    private static func requireTransition(_ a: Announcement, to status: AnnouncementStatus,
                                          from allowed: Set<AnnouncementStatus>) throws {
        guard allowed.contains(a.status) else {
            throw DomainError.invalidTransition("announcement", from: a.status.rawValue, to: status.rawValue)
        }
    }

    /// Checks that targeted buildings and units belong to the organization.
    private static func checkTarget(_ sql: any SQLDatabase, _ scope: OrgScope, _ target: AnnouncementTarget)
        async throws
    {
        let org = scope.organizationID.rawValue
        let buildings = Set(target.buildingIDs.map(\.rawValue))
        if !buildings.isEmpty {
            let found = try await sql.raw("""
                SELECT COUNT(*) AS n FROM buildings WHERE org_id = \(bind: org) AND id IN (\(binds: Array(buildings)))
                """).first()?.int("n") ?? 0
            if found != buildings.count {
                throw DomainError.invalid("/target/buildingIDs", "names a building not in this organization")
            }
        }
        let units = Set(target.unitIDs.map(\.rawValue))
        if !units.isEmpty {
            let found = try await sql.raw("""
                SELECT COUNT(*) AS n FROM units WHERE org_id = \(bind: org) AND id IN (\(binds: Array(units)))
                """).first()?.int("n") ?? 0
            if found != units.count {
                throw DomainError.invalid("/target/unitIDs", "names a unit not in this organization")
            }
        }
    }

    static func publishedEvent(_ a: Announcement) throws -> DomainEvent {
        DomainEvent(type: .announcementPublished, organizationID: a.organizationID, aggregateType: "announcement",
                    aggregateID: a.id.rawValue,
                    payload: ["announcementID": .id(a.id), "title": .string(a.title),
                              "target": try EventJSON.value(a.target), "pinned": .bool(a.pinned)],
                    dedupeKey: "announcement_published:\(a.id.rawValue)")
    }
}

/// Turns model values into event payload JSON.
enum EventJSON {
    static func value(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(jsonText(value).utf8))
    }
}
