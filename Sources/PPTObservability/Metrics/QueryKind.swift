import Synchronization

/// A kind of database query — its operation and main table, as `SQLStatementSummary` reads them —
/// numbered once per process.
///
/// `TracedSQLDatabase` keeps the kind with each statement it has summarised, so recording a query's
/// duration finds the metric series and the performance window's slot by number (an array index)
/// rather than hashing the two names on every query.
package struct QueryKind: Sendable, Hashable {
    /// The statement's leading keyword, as `SQLStatementSummary.operation`.
    package let operation: String
    /// The main table, `none` when the statement has none.
    package let table: String
    /// Dense from 0, in order of first use: an index into per-kind arrays.
    package let number: Int

    private struct Name: Hashable {
        let operation: String
        let table: String
    }

    private static let numbers = Mutex<[Name: Int]>([:])

    /// The kind of queries of `operation` on `table` (numbered the first time it is asked for).
    /// Kinds come from the application's statements, so there are a few hundred at most.
    package static func named(operation: String, table: String) -> QueryKind {
        let name = Name(operation: operation, table: table)
        let number = numbers.withLock { numbers in
            if let number = numbers[name] { return number }
            numbers[name] = numbers.count
            return numbers.count - 1
        }
        return QueryKind(operation: operation, table: table, number: number)
    }
}

/// Values by `QueryKind.number`, filled on first use and read under one lock: a query's metric series.
final class QueryKindTable<Value: Sendable>: Sendable {
    private let values = Mutex<[Value?]>([])

    /// The value for `kind`, made by `make` the first time.
    func value(for kind: QueryKind, make: () -> Value) -> Value {
        if let existing = values.withLock({ kind.number < $0.count ? $0[kind.number] : nil }) { return existing }
        let made = make()
        return values.withLock { values in
            var kept = made
            values.update(at: kind.number, empty: made) { kept = $0 }
            return kept
        }
    }
}
