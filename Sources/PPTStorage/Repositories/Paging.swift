import Foundation
import PPTDomain
import SQLKit

/// Keyset pagination over `(time column, id)` descending, shared by every list endpoint.
///
/// Times compare as whole milliseconds (`SystemWallClock` stores nothing finer): SQLite keeps
/// timestamps as REAL seconds, whose round trip through `Date` can move the last bit, so comparing
/// the raw values would repeat or skip rows at page boundaries.
enum Paging {
    /// The column as integer milliseconds since 1970, in the database's dialect.
    static func millis(_ sql: any SQLDatabase, _ column: String) -> SQLQueryString {
        if sql.dialect.name == "postgresql" {
            return "CAST(ROUND(EXTRACT(EPOCH FROM \(ident: column)) * 1000) AS BIGINT)"
        }
        return "CAST(ROUND(\(ident: column) * 1000) AS INTEGER)"
    }

    /// The `AND (...)` condition that starts after the request's cursor (empty for the first page).
    static func after(_ sql: any SQLDatabase, _ request: PageRequest, timeColumn: String, idColumn: String = "id")
        -> SQLQueryString
    {
        guard let cursor = request.cursor else { return "" }
        let key = millis(sql, timeColumn)
        return """
             AND (\(key) < \(bind: cursor.milliseconds) OR (\(key) = \(bind: cursor.milliseconds) \
            AND \(ident: idColumn) < \(bind: cursor.id)))
            """
    }

    /// `ORDER BY ... LIMIT n+1`, to detect whether another page exists.
    static func order(_ sql: any SQLDatabase, _ request: PageRequest, timeColumn: String, idColumn: String = "id")
        -> SQLQueryString
    {
        " ORDER BY \(millis(sql, timeColumn)) DESC, \(ident: idColumn) DESC LIMIT \(bind: request.limit + 1)"
    }

    /// Cuts the extra row and computes the next cursor.
    static func page<T>(_ items: [T], _ request: PageRequest, key: (T) -> (Date, String)) -> Page<T> {
        guard items.count > request.limit else { return Page(items: items, nextCursor: nil) }
        let kept = Array(items.prefix(request.limit))
        let (time, id) = key(kept[kept.count - 1])
        return Page(items: kept, nextCursor: Cursor(time: time, id: id).token)
    }
}
