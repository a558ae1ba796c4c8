import Foundation
import PPTDomain
import SQLKit

/// Keyset pagination over `(time column, id)` descending, shared by every list endpoint.
enum Paging {
    /// The `AND (...)` condition that starts after the request's cursor (empty for the first page).
    static func after(_ request: PageRequest, timeColumn: String, idColumn: String = "id") -> SQLQueryString {
        guard let cursor = request.cursor else { return "" }
        return """
             AND (\(ident: timeColumn) < \(bind: cursor.time) OR (\(ident: timeColumn) = \(bind: cursor.time) \
            AND \(ident: idColumn) < \(bind: cursor.id)))
            """
    }

    /// `ORDER BY ... LIMIT n+1`, to detect whether another page exists.
    static func order(_ request: PageRequest, timeColumn: String, idColumn: String = "id") -> SQLQueryString {
        " ORDER BY \(ident: timeColumn) DESC, \(ident: idColumn) DESC LIMIT \(bind: request.limit + 1)"
    }

    /// Cuts the extra row and computes the next cursor.
    static func page<T>(_ items: [T], _ request: PageRequest, key: (T) -> (Date, String)) -> Page<T> {
        guard items.count > request.limit else { return Page(items: items, nextCursor: nil) }
        let kept = Array(items.prefix(request.limit))
        let (time, id) = key(kept[kept.count - 1])
        return Page(items: kept, nextCursor: Cursor(time: time, id: id).token)
    }
}
