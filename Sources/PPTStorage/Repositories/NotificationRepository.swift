import Foundation
import PPTDomain
import SQLKit

/// In-app notifications. Each user reads only their own; senders are system components (alert
/// evaluation now, workflows later), which address users by id.
package struct NotificationRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func notification(_ r: any SQLRow) throws -> UserNotification {
        UserNotification(id: try r.string("id"), userID: try r.id("user_id"), organizationID: try r.optionalID("org_id"),
                         kind: try r.string("kind"), title: try r.string("title"), body: try r.string("body"),
                         data: try r.json("data"), createdAt: try r.date("created_at"),
                         readAt: try r.optionalDate("read_at"))
    }

    /// Sends one notification to each of `userIDs`; a `dedupeKey` already used for a user is skipped.
    /// Returns how many were created.
    @discardableResult
    package func notify(_ userIDs: [UserID], organizationID: OrganizationID? = nil, kind: String, title: String,
                        body: String, data: [String: JSONValue] = [:], dedupeKey: String? = nil) async throws -> Int {
        let now = clock.now()
        return try await database.write { sql in
            try await Self.notify(sql, userIDs, organizationID: organizationID, kind: kind, title: title, body: body,
                                  data: data, dedupeKey: dedupeKey, at: now)
        }
    }

    /// `notify(_:organizationID:kind:title:body:data:dedupeKey:)` on an open transaction (workflow
    /// actions write on the run's transaction). Returns how many were created.
    @discardableResult
    package static func notify(_ sql: any SQLDatabase, _ userIDs: [UserID], organizationID: OrganizationID? = nil,
                               kind: String, title: String, body: String, data: [String: JSONValue] = [:],
                               dedupeKey: String? = nil, at now: Date) async throws -> Int {
        // One statement per 500 recipients rather than one per recipient (nine values a row stay far
        // below either engine's limit on bound values): a step notifying a whole building is one
        // round trip to the database, not hundreds.
        var seen: Set<UserID> = []
        let recipients = userIDs.filter { seen.insert($0).inserted }
        let payload = jsonText(data)
        var created = 0
        for start in stride(from: 0, to: recipients.count, by: 500) {
            var query: SQLQueryString = """
                INSERT INTO notifications (id, user_id, org_id, kind, title, body, data, dedupe_key, created_at) VALUES
                """
            for (index, userID) in recipients[start..<min(start + 500, recipients.count)].enumerated() {
                query += index == 0 ? " " : ", "
                query += """
                    (\(bind: UUID().uuidString.lowercased()), \(bind: userID.rawValue), \(bind: organizationID?.rawValue),
                     \(bind: kind), \(bind: title), \(bind: body), \(bind: payload), \(bind: dedupeKey), \(bind: now))
                    """
            }
            query += " ON CONFLICT DO NOTHING RETURNING id"
            created += try await sql.raw(query).all().count
        }
        return created
    }

    /// The user's notifications, newest first.
    package func notifications(userID: UserID, unreadOnly: Bool, page: PageRequest) async throws
        -> Page<UserNotification>
    {
        try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM notifications WHERE user_id = \(bind: userID.rawValue)"
            if unreadOnly { q += " AND read_at IS NULL" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.notification), page) { ($0.createdAt, $0.id) }
        }
    }

    /// Marks one of the user's notifications read; another user's id is not found.
    package func markRead(userID: UserID, id: String) async throws -> UserNotification {
        let now = clock.now()
        return try await database.write { sql in
            try await sql.raw("""
                UPDATE notifications SET read_at = COALESCE(read_at, \(bind: now))
                WHERE id = \(bind: id) AND user_id = \(bind: userID.rawValue)
                """).run()
            guard let row = try await sql.raw("""
                SELECT * FROM notifications WHERE id = \(bind: id) AND user_id = \(bind: userID.rawValue)
                """).first() else { throw DomainError.notFound("notification") }
            return try Self.notification(row)
        }
    }

    /// Marks all of the user's notifications read; returns how many changed.
    package func markAllRead(userID: UserID) async throws -> Int {
        let now = clock.now()
        return try await database.write { sql in
            try await sql.raw("""
                UPDATE notifications SET read_at = \(bind: now)
                WHERE user_id = \(bind: userID.rawValue) AND read_at IS NULL RETURNING id
                """).all().count
        }
    }

    /// Who operates the platform: superadmins and the administrators of every organization
    /// (on the embedded default the organization's admin is the operator).
    package func operatorIDs() async throws -> [UserID] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id FROM users WHERE is_superadmin = \(bind: true)
                UNION SELECT user_id AS id FROM memberships WHERE role = 'admin'
                """).all().map { try $0.id("id") }
        }
    }
}
