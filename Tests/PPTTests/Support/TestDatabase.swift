import Foundation
import Logging
import PPTDomain
import PPTStorage
import PostgresNIO
import SQLKit

/// Real databases for tests: a fresh SQLite file, and (when `PPT_TEST_POSTGRES_URL` is set, as the
/// test script does) a fresh PostgreSQL database created for the test and dropped after it.
enum TestDatabase {
    /// The engines to run contract tests on.
    static var dialects: [DatabaseDialect] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["PPT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static let logger: Logger = {
        var logger = Logger(label: "ppt.test")
        logger.logLevel = .critical
        return logger
    }()

    /// Runs `body` with a migrated, empty database of `dialect`, running for the body's duration.
    static func with<T: Sendable>(
        _ dialect: DatabaseDialect, migrate: Bool = true, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        switch dialect {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("ppt-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let database = try await SQLiteDatabase.open(
                path: directory.appendingPathComponent("ppt.sqlite").path, logger: logger)
            return try await database.withRunning {
                if migrate { try await Migrator(database: database, logger: logger).migrate() }
                return try await body(database)
            }
        case .postgres:
            guard let adminURL = postgresURL else { throw TestSetupError.noPostgres }
            let name = "ppt_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
            let admin = try PostgresDatabase(url: adminURL, logger: logger, maximumConnections: 2)
            try await admin.withRunning {
                try await admin.read { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            }
            let database = try PostgresDatabase(url: replacingDatabase(in: adminURL, with: name), logger: logger)
            do {
                let value = try await database.withRunning {
                    if migrate { try await Migrator(database: database, logger: logger).migrate() }
                    return try await body(database)
                }
                try await drop(name, adminURL: adminURL)
                return value
            } catch let error as PSQLError {
                try? await drop(name, adminURL: adminURL)
                // PSQLError hides its details from `description`; tests want them.
                throw DescribedError(description: String(reflecting: error))
            } catch {
                try? await drop(name, adminURL: adminURL)
                throw error
            }
        }
    }

    static func drop(_ name: String, adminURL: String) async throws {
        let admin = try PostgresDatabase(url: adminURL, logger: logger, maximumConnections: 2)
        try await admin.withRunning {
            try await admin.read { sql in
                try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
            }
        }
    }

    /// The URL of another database on the same server.
    static func replacingDatabase(in url: String, with name: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + name
        return components.string ?? url
    }
}

enum TestSetupError: Error { case noPostgres }

/// An error whose full text is shown in test reports.
struct DescribedError: Error, CustomStringConvertible {
    let description: String
}
