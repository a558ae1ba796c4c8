import Foundation
import Logging
import PPTDomain
import PostgresKit
import PostgresNIO
import SQLKit
import ServiceLifecycle

/// PostgreSQL through PostgresNIO's connection pool, for scale-out deployments (DESIGN §2).
package struct PostgresDatabase: Database {
    package let dialect = DatabaseDialect.postgres
    /// The pool; exposed for LISTEN/NOTIFY.
    package let client: PostgresClient
    private let logger: Logger

    /// Connects lazily to the database named by a `postgres://` URL.
    package init(url: String, logger: Logger, maximumConnections: Int = 20) throws {
        guard let parsed = try? SQLPostgresConfiguration(url: url) else {
            throw DatabaseConfigurationError.invalidURL
        }
        let core = parsed.coreConfiguration
        let tls: PostgresClient.Configuration.TLS =
            switch (core.tls.isEnforced, core.tls.isAllowed) {
            case (true, _): .require(core.tls.sslContext!.configuration)
            case (_, true): .prefer(core.tls.sslContext!.configuration)
            default: .disable
            }
        var configuration: PostgresClient.Configuration
        if let host = core.host, let port = core.port {
            configuration = .init(
                host: host, port: port, username: core.username, password: core.password,
                database: core.database, tls: tls)
        } else if let socket = core.unixSocketPath {
            configuration = .init(
                unixSocketPath: socket, username: core.username, password: core.password, database: core.database)
        } else {
            throw DatabaseConfigurationError.invalidURL
        }
        configuration.options.maximumConnections = maximumConnections
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    package func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(TracedSQLDatabase(connection.sql(queryLogLevel: .trace), dialect: .postgres))
        }
    }

    package func write<T: Sendable>(
        isolation: TransactionIsolation, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let begin =
            isolation == .serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN ISOLATION LEVEL READ COMMITTED"
        var attempt = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    let sql = connection.sql(queryLogLevel: .trace)
                    try await sql.control(begin)
                    do {
                        let value = try await body(TracedSQLDatabase(sql, dialect: .postgres))
                        try await sql.control("COMMIT")
                        return value
                    } catch {
                        try? await sql.control("ROLLBACK")
                        throw error
                    }
                }
            } catch where ConstraintViolation.isRetryable(error) && attempt < Self.maxAttempts {
                // Another transaction won a race; run again on the state it left. The wait doubles
                // (with jitter, up to 400 ms) so that on a busy machine the rivals spread out instead
                // of colliding again in the same few milliseconds.
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...min(400, 3 << attempt))))
            } catch where ConstraintViolation.isRetryable(error) {
                throw DomainError(code: "conflict.concurrent_update", kind: .conflict,
                                  message: "The record was changed by someone else at the same time; try again.")
            } catch {
                throw ConstraintViolation.translate(error)
            }
        }
    }

    /// Runs of a serializable transaction before giving up.
    private static let maxAttempts = 10

    package func run() async throws {
        await client.run()
    }
}

/// A database URL or path that cannot be used.
package enum DatabaseConfigurationError: Error, CustomStringConvertible {
    case invalidURL

    package var description: String {
        "PPT_DATABASE_URL is not a valid postgres:// URL (postgres://user:password@host:port/database)"
    }
}
