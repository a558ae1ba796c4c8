import Foundation
import PPTDomain
import PPTStorage
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("migrations apply once and report status", arguments: TestDatabase.dialects)
    func applyOnce(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect, migrate: false) { database in
            let migrator = Migrator(database: database, logger: TestDatabase.logger)
            #expect(try await migrator.status().applied == 0)
            let applied = try await migrator.migrate()
            #expect(applied == Migrations.all.map(\.version))
            #expect(try await migrator.migrate().isEmpty)
            try await migrator.requireCurrent()
        }
    }

    @Test("a database newer than the binary is refused with a clear message", arguments: TestDatabase.dialects)
    func newerDatabaseIsRefused(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            try await database.write { sql in
                try await sql.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', \(bind: Date()))")
                    .run()
            }
            let migrator = Migrator(database: database, logger: TestDatabase.logger)
            let latest = Migrations.all.last!.version
            await #expect(throws: MigrationError.databaseNewer(database: 999, binary: latest)) {
                try await migrator.migrate()
            }
            await #expect(throws: MigrationError.databaseNewer(database: 999, binary: latest)) {
                try await migrator.requireCurrent()
            }
            #expect(MigrationError.databaseNewer(database: 999, binary: latest).description.contains("newer"))
        }
    }
}
