import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import ServiceLifecycle

/// The embedded default: one SQLite file in WAL mode with foreign keys on.
///
/// Writes go through one connection under an `AsyncLock` (SQLite has one writer anyway); reads use a
/// second connection, which in WAL mode sees the last committed state without waiting for writers.
package final class SQLiteDatabase: Database {
    package let dialect = DatabaseDialect.sqlite
    private let writer: SQLiteConnection
    private let reader: SQLiteConnection
    private let writeLock = AsyncLock()
    private let logger: Logger

    private init(writer: SQLiteConnection, reader: SQLiteConnection, logger: Logger) {
        self.writer = writer
        self.reader = reader
        self.logger = logger
    }

    /// Opens (creating if needed) the database file at `path`.
    package static func open(path: String, logger: Logger) async throws -> SQLiteDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL",
                           "PRAGMA busy_timeout=10000"] {
                _ = try await writer.query(pragma)
            }
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            // The reader serves searches over wide chunk rows: a 64 MB page cache and memory-mapped reads
            // halve a broad full-text query's time against the 2 MB default.
            for pragma in ["PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=10000", "PRAGMA query_only=ON",
                           "PRAGMA cache_size=-65536", "PRAGMA mmap_size=268435456"] {
                _ = try await reader.query(pragma)
            }
            return SQLiteDatabase(writer: writer, reader: reader, logger: logger)
        } catch {
            try? await writer.close().get()
            throw error
        }
    }

    package func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await body(TracedSQLDatabase(reader.sql(queryLogLevel: .trace), dialect: .sqlite))
    }

    package func write<T: Sendable>(
        isolation: TransactionIsolation, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let sql = writer.sql(queryLogLevel: .trace)
        return try await writeLock.withLock {
            try await sql.control("BEGIN IMMEDIATE")
            do {
                let value = try await body(TracedSQLDatabase(sql, dialect: .sqlite))
                try await sql.control("COMMIT")
                return value
            } catch {
                try? await sql.control("ROLLBACK")
                throw ConstraintViolation.translate(error)
            }
        }
    }

    package func run() async throws {
        try? await gracefulShutdown()
        // The future-returning close runs even though this task is being cancelled; the async
        // variant would give up at once and leave the file open.
        try? await writeLock.withLock {
            try? await self.reader.close().get()
            try? await self.writer.close().get()
        }
    }
}
