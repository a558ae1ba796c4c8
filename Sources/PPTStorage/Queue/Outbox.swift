import Foundation
import PPTDomain
import SQLKit

/// Writes domain events in the caller's transaction (DESIGN §3): the event exists iff the change does.
package enum Outbox {
    /// Appends `event` to the outbox inside the open transaction `sql`.
    /// Returns `false` when an event with the same dedupe key was already written.
    @discardableResult
    package static func append(_ event: DomainEvent, at time: Date, on sql: any SQLDatabase) async throws -> Bool {
        let rows = try await sql.raw("""
            INSERT INTO outbox (org_id, event_type, aggregate_type, aggregate_id, payload, dedupe_key, occurred_at)
            VALUES (\(bind: event.organizationID.rawValue), \(bind: event.type.rawValue), \(bind: event.aggregateType),
                    \(bind: event.aggregateID), \(bind: jsonText(event.payload)), \(bind: event.dedupeKey), \(bind: time))
            ON CONFLICT DO NOTHING RETURNING id
            """).all()
        if rows.isEmpty { return false }
        if sql.dialect.name == "postgresql" { try await sql.raw("NOTIFY ppt_outbox").run() }
        return true
    }
}

/// An event read back from the outbox.
package struct OutboxRecord: Sendable, Hashable {
    /// Monotonic position in the outbox.
    package let id: Int64
    package let event: DomainEvent
    package let occurredAt: Date
    package let dispatchedAt: Date?

    init(row: any SQLRow) throws {
        id = try row.int64("id")
        event = DomainEvent(
            type: try row.enumValue("event_type"), organizationID: try row.id("org_id"),
            aggregateType: try row.string("aggregate_type"), aggregateID: try row.string("aggregate_id"),
            payload: try row.json("payload"), dedupeKey: try row.optionalString("dedupe_key"))
        occurredAt = try row.date("occurred_at")
        dispatchedAt = try row.optionalDate("dispatched_at")
    }
}

/// Reads the outbox: for the dispatcher and for operators.
package struct OutboxStore: Sendable {
    private let database: any Database

    package init(database: any Database) { self.database = database }

    /// Events of one organization, oldest first.
    package func events(organizationID: OrganizationID, after: Int64 = 0, limit: Int = 500) async throws
        -> [OutboxRecord]
    {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM outbox WHERE org_id = \(bind: organizationID.rawValue) AND id > \(bind: after)
                ORDER BY id LIMIT \(bind: limit)
                """).all().map(OutboxRecord.init(row:))
        }
    }

    /// How many events wait for dispatch.
    package func pendingCount() async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM outbox WHERE dispatched_at IS NULL").first()?.int("n") ?? 0
        }
    }
}
