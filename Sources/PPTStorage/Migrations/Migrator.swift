import Foundation
import Logging
import SQLKit

/// Applies the numbered migrations and refuses a database that is newer than this binary (DESIGN §3).
package struct Migrator: Sendable {
    private let database: any Database
    private let migrations: [Migration]
    private let logger: Logger

    package init(database: any Database, migrations: [Migration] = Migrations.all, logger: Logger) {
        self.database = database
        self.migrations = migrations
        self.logger = logger
    }

    /// The state of the schema.
    package struct Status: Sendable, Equatable {
        /// Highest version applied to the database (0 when empty).
        package let applied: Int
        /// Highest version this binary knows.
        package let latest: Int
        /// Versions known to the binary and not yet applied.
        package var pending: [Int] { applied < latest ? Array((applied + 1)...latest) : [] }
    }

    /// Reads the applied version without changing anything.
    package func status() async throws -> Status {
        let dialect = database.dialect
        // Read committed: the advisory lock already runs migrators one at a time, and DDL gains nothing
        // from serializable tracking, which would only hold PostgreSQL's bookkeeping for everyone else.
        return try await database.write(isolation: .readCommitted) { sql in
            if dialect == .postgres { try await sql.raw("SELECT pg_advisory_xact_lock(724001)").run() }
            try await Self.ensureTable(sql)
            return Status(applied: try await Self.appliedVersion(sql), latest: migrations.last?.version ?? 0)
        }
    }

    /// Applies every pending migration, each in its own transaction; returns the versions applied.
    @discardableResult
    package func migrate() async throws -> [Int] {
        let latest = migrations.last?.version ?? 0
        var applied: [Int] = []
        for migration in migrations {
            let didApply = try await database.write(isolation: .readCommitted) { sql -> Bool in
                if database.dialect == .postgres {
                    // Several instances may start at once: one migrates, the others wait and then skip.
                    // The lock comes first, since even CREATE TABLE IF NOT EXISTS races on PostgreSQL.
                    try await sql.raw("SELECT pg_advisory_xact_lock(724001)").run()
                }
                try await Self.ensureTable(sql)
                let current = try await Self.appliedVersion(sql)
                if current > latest { throw MigrationError.databaseNewer(database: current, binary: latest) }
                guard migration.version > current else { return false }
                for statement in migration.render(for: database.dialect) {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                try await sql.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date()))"
                ).run()
                return true
            }
            if didApply {
                logger.info("applied migration", metadata: ["ppt.migration": "\(migration.version) \(migration.name)"])
                applied.append(migration.version)
            }
        }
        let status = try await status()
        if status.applied > latest { throw MigrationError.databaseNewer(database: status.applied, binary: latest) }
        return applied
    }

    /// Throws unless the schema is exactly what this binary expects.
    package func requireCurrent() async throws {
        let status = try await status()
        if status.applied > status.latest {
            throw MigrationError.databaseNewer(database: status.applied, binary: status.latest)
        }
        if status.applied < status.latest { throw MigrationError.pending(status.pending) }
    }

    private static func ensureTable(_ sql: any SQLDatabase) async throws {
        try await sql.raw(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at \(unsafeRaw: sql.dialect.name == "sqlite" ? "REAL" : "TIMESTAMPTZ") NOT NULL)"
        ).run()
    }

    private static func appliedVersion(_ sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.raw("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").first()
        return try row?.decode(column: "v", as: Int.self) ?? 0
    }
}

/// Why the schema cannot be used.
package enum MigrationError: Error, CustomStringConvertible, Equatable {
    case databaseNewer(database: Int, binary: Int)
    case pending([Int])

    package var description: String {
        switch self {
        case .databaseNewer(let database, let binary):
            "The database schema is at version \(database), newer than this ppt binary knows (\(binary)). "
                + "Run a newer ppt, or restore a backup made for this version."
        case .pending(let versions):
            "The database needs migrations \(versions.map(String.init).joined(separator: ", ")); run `ppt migrate`."
        }
    }
}
