/// One forward-only schema change, written once for both engines.
///
/// The SQL may use these placeholders, rendered per dialect: `{TIMESTAMP}` (TIMESTAMPTZ / REAL seconds),
/// `{SERIAL_PK}` (auto-increment primary key), `{BOOL}`, `{DOUBLE}`, `{BLOB}`.
package struct Migration: Sendable {
    /// Position in the sequence, starting at 1, without gaps.
    package let version: Int
    /// Short description, stored with the applied version.
    package let name: String
    /// Statements run in order in one transaction.
    package let statements: [String]
    /// Statements for one engine only (full-text indexes differ), run after `statements`.
    package let dialectStatements: [DatabaseDialect: [String]]

    package init(version: Int, name: String, statements: [String], dialectStatements: [DatabaseDialect: [String]] = [:]) {
        self.version = version
        self.name = name
        self.statements = statements
        self.dialectStatements = dialectStatements
    }

    /// The statements rendered for `dialect`.
    package func render(for dialect: DatabaseDialect) -> [String] {
        (statements + (dialectStatements[dialect] ?? [])).map { statement in
            var sql = statement
            let replacements: [(String, String)] =
                switch dialect {
                case .postgres:
                    [("{TIMESTAMP}", "TIMESTAMPTZ"), ("{SERIAL_PK}", "BIGSERIAL PRIMARY KEY"), ("{BOOL}", "BOOLEAN"),
                     ("{DOUBLE}", "DOUBLE PRECISION"), ("{BLOB}", "BYTEA")]
                case .sqlite:
                    [("{TIMESTAMP}", "REAL"), ("{SERIAL_PK}", "INTEGER PRIMARY KEY AUTOINCREMENT"),
                     ("{BOOL}", "INTEGER"), ("{DOUBLE}", "REAL"), ("{BLOB}", "BLOB")]
                }
            for (placeholder, value) in replacements {
                sql = sql.replacingOccurrences(of: placeholder, with: value)
            }
            return sql
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
