import Foundation
import PPTDomain
import SQLKit

/// A keyset position in the announcement order: pinned first, then newest (publication, else creation, in
/// whole milliseconds as `Paging` compares times), then id.
struct AnnouncementPosition: Sendable {
    let pinned: Bool
    let milliseconds: Int64
    let id: String

    init(_ a: Announcement) {
        let cursor = Cursor(time: a.publishedAt ?? a.createdAt, id: a.id.rawValue)
        (pinned, milliseconds, id) = (a.pinned, cursor.milliseconds, cursor.id)
    }

    /// Reads a cursor written by `cursor`; a cursor of another list is rejected.
    init(cursor: Cursor) throws(DomainError) {
        let parts = cursor.id.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "0" || parts[0] == "1", !parts[1].isEmpty else {
            throw DomainError.invalid("/cursor", "is not a cursor of this list")
        }
        (pinned, milliseconds, id) = (parts[0] == "1", cursor.milliseconds, parts[1])
    }

    /// The opaque cursor for this position.
    var cursor: Cursor {
        Cursor(time: Date(timeIntervalSince1970: Double(milliseconds) / 1000), id: "\(pinned ? 1 : 0):\(id)")
    }

    /// The sort time as integer milliseconds, in the database's dialect.
    static func sortKey(_ sql: any SQLDatabase) -> SQLQueryString {
        if sql.dialect.name == "postgresql" {
            return "CAST(ROUND(EXTRACT(EPOCH FROM COALESCE(published_at, created_at)) * 1000) AS BIGINT)"
        }
        return "CAST(ROUND(COALESCE(published_at, created_at) * 1000) AS INTEGER)"
    }

    /// The `AND (...)` condition selecting rows after this position.
    func after(_ sql: any SQLDatabase) -> SQLQueryString {
        let key = Self.sortKey(sql)
        let sooner: SQLQueryString = """
            (\(key) < \(bind: milliseconds) OR (\(key) = \(bind: milliseconds) AND id < \(bind: id)))
            """
        if pinned {
            return " AND (pinned = \(bind: false) OR (pinned = \(bind: true) AND \(sooner)))"
        }
        return " AND pinned = \(bind: false) AND \(sooner)"
    }
}
