import Logging
import NIOCore
import SQLKit
import ServiceLifecycle

/// Which SQL engine a `Database` talks to; used only where the two really differ.
package enum DatabaseDialect: String, Sendable {
    case sqlite, postgres
}

/// One handle on PPT's database, SQLite or PostgreSQL, behind the same SQLKit interface.
///
/// It is a `Service`: run it in the service group (or with `withRunning`) for its lifetime.
package protocol Database: Service {
    /// The engine.
    var dialect: DatabaseDialect { get }

    /// Runs read-only work on a connection (no transaction).
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// On PostgreSQL `.serializable` transactions that fail to serialize are retried, so `body` must
    /// have no effect outside the transaction that a second run would repeat harmfully.
    func write<T: Sendable>(
        isolation: TransactionIsolation, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T
}

/// How strictly concurrent transactions are kept apart (PostgreSQL; SQLite always serializes writers).
package enum TransactionIsolation: Sendable {
    /// The default for domain changes: read-check-write sequences behave as if run one at a time.
    case serializable
    /// For code built on row locks and conditional updates (job claims with SKIP LOCKED).
    case readCommitted
}

extension Database {
    /// A serializable transaction (the default for domain changes).
    package func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await write(isolation: .serializable, body)
    }
}

extension Database {
    /// Runs the database service around `body`, for commands and tests outside a service group.
    package func withRunning<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await self.run()
                return nil
            }
            group.addTask { try await body() }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let value = result { return value }
            }
            throw CancellationError()
        }
    }
}

extension Database {
    /// Runs a trivial query; throws when the database cannot be reached.
    package func ping() async throws {
        _ = try await read { sql in try await sql.raw("SELECT 1 AS ok").first() }
    }
}

extension SQLDatabase {
    /// Runs a transaction-control statement (BEGIN, COMMIT, ROLLBACK) even when the current task is
    /// cancelled: the drivers' async APIs give up at once in a cancelled task, which would leave the
    /// connection inside an open transaction for the next user. The future-based API does not.
    package func control(_ statement: String) async throws {
        try await execute(sql: SQLRaw(statement), { _ in }).get()
    }
}
