import Foundation
import Logging
import PPTDomain
import PPTStorage
import PPTWorkflow
import PostgresNIO
import SQLKit
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real `ppt serve worker` process killed with SIGKILL while runs are mid-flight, then restarted:
/// every run completes, each workflow e-mail is queued once and reaches a real SMTP server, and no
/// notification is written twice.
@Suite("Workflow crash recovery", .serialized)
struct WorkflowCrashRecoveryTests {
    static let runs = 120

    @Test("SIGKILL mid-flight, restart: every run completes, nothing lost, nothing sent twice", arguments: TestDatabase.dialects)
    func killedWorkerRecovers(dialect: DatabaseDialect) async throws {
        let smtp = try await MailTestServer.start(.init(mode: "starttls", mechanisms: ["PLAIN"], user: "mailer", password: "crash-pass"))
        defer { smtp.stop() }
        try await CrashTarget.with(dialect) { database, environment in
            let world = try await ActionWorld.make(database)
            let actions = WorkflowActionRegistry([NotifyAction(), EmailAction(configuration: .captureOnly)])
            let service = WorkflowService(database: database, clock: SystemWallClock(), actions: actions, programs: ProgramCache(),
                                          flags: FeatureFlagRepository(database: database), timeZone: TimeZone(identifier: "UTC")!)
            let definition = try JSONDecoder().decode(JSONValue.self, from: Data("""
                {"trigger": {"type": "event", "event": "fault_created"},
                 "steps": [
                   {"id": "first", "type": "email", "input": {"to": "desk@example.org", "subject": "Fault {{ trigger.title }}", "text": "Reported."}},
                   {"id": "pause", "type": "delay", "duration": "1s"},
                   {"id": "tell", "type": "notify", "input": {"roles": ["admin"], "title": "{{ trigger.title }}", "body": "x"}},
                   {"id": "second", "type": "email", "input": {"to": "desk@example.org", "subject": "Still {{ trigger.title }}", "text": "Later."}}
                 ]}
                """.utf8))
            let workflow = try await service.create(world.admin, name: "crash", description: "", enabled: true, definition: definition)
            try await database.write { sql in
                for index in 0..<Self.runs {
                    let id = UUID().uuidString.lowercased()
                    _ = try await Outbox.append(DomainEvent(
                        type: .faultCreated, organizationID: world.fixture.organization.id, aggregateType: "fault", aggregateID: id,
                        payload: ["faultID": .string(id), "buildingID": .string(world.building.id.rawValue), "unitID": .null,
                                  "title": .string("F\(index)"), "category": "other", "priority": "high", "status": "new",
                                  "reportedBy": "u", "assigneeID": .null]), at: Date(), on: sql)
                }
            }
            var worker = environment
            worker["PPT_SMTP_URL"] = "smtp://mailer:crash-pass@127.0.0.1:\(smtp.port)?starttls=required&cafile=\(smtp.certificateFile)"
            worker["PPT_MAIL_FROM"] = "PPT <ppt@example.org>"
            worker["PPT_JOB_LEASE_SECONDS"] = "3"
            worker["PPT_LOG_LEVEL"] = "error"
            worker["PPT_PORT"] = "0"

            func count(_ query: SQLQueryString) async throws -> Int {
                try await database.read { sql in try await sql.raw(query).first()?.int("n") ?? 0 }
            }
            let succeeded: SQLQueryString = "SELECT COUNT(*) AS n FROM workflow_runs WHERE workflow_id = \(bind: workflow.id.rawValue) AND status = 'succeeded'"
            let first = try CrashTarget.spawnWorker(environment: worker)
            var progress = 0
            for _ in 0..<600 {
                progress = try await count(succeeded)
                if progress >= Self.runs / 4 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            kill(first, SIGKILL)
            var status: Int32 = 0
            waitpid(first, &status, 0)
            #expect(progress >= Self.runs / 4, "the worker made progress before it was killed")
            #expect(progress < Self.runs, "runs were still in flight when it was killed")
            // Messages being handed to the SMTP server at the kill: the only ones that may arrive twice
            // (the server accepted them, the worker died before recording it).
            let inFlight = Set(try await database.read { sql in
                try await sql.raw("SELECT message_id FROM mail_messages WHERE status = 'sending'").all().map { try $0.string("message_id") }
            })

            let second = try CrashTarget.spawnWorker(environment: worker)
            defer {
                kill(second, SIGKILL)
                waitpid(second, &status, 0)
            }
            let sent: SQLQueryString = "SELECT COUNT(*) AS n FROM mail_messages WHERE status = 'sent'"
            for _ in 0..<1200 {
                if try await count(succeeded) == Self.runs, try await count(sent) == 2 * Self.runs { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try await count(succeeded) == Self.runs)
            #expect(try await count("SELECT COUNT(*) AS n FROM workflow_runs WHERE workflow_id = \(bind: workflow.id.rawValue)") == Self.runs)
            #expect(try await count("SELECT COUNT(*) AS n FROM mail_messages") == 2 * Self.runs, "each email step queued exactly one message")
            #expect(try await count(sent) == 2 * Self.runs)
            #expect(try await count("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'workflow'") == Self.runs)

            let received = try smtp.received()
            let byID = Dictionary(grouping: received, by: \.messageID)
            #expect(byID.count == 2 * Self.runs, "every message reached the SMTP server")
            let repeated = Set(byID.filter { $0.value.count > 1 }.keys)
            #expect(repeated.isSubset(of: inFlight), "only a message in the SMTP hand-over at the kill may repeat: \(repeated)")
        }
    }
}

/// A database that a child process can open too: a SQLite data directory or a PostgreSQL URL.
enum CrashTarget {
    static func with(_ dialect: DatabaseDialect,
                     _ body: @escaping @Sendable (any Database, [String: String]) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PPT_") }
        environment["PPT_DATA_DIR"] = directory.path
        switch dialect {
        case .sqlite:
            let database = try await SQLiteDatabase.open(path: directory.appendingPathComponent("ppt.sqlite").path,
                                                         logger: TestDatabase.logger)
            let childEnvironment = environment
            try await database.withRunning {
                try await Migrator(database: database, logger: TestDatabase.logger).migrate()
                try await body(database, childEnvironment)
            }
        case .postgres:
            guard let adminURL = TestDatabase.postgresURL else { throw TestSetupError.noPostgres }
            let name = "ppt_crash_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
            let admin = try PostgresDatabase(url: adminURL, logger: TestDatabase.logger, maximumConnections: 2)
            try await admin.withRunning {
                try await admin.read { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            }
            let url = TestDatabase.replacingDatabase(in: adminURL, with: name)
            environment["PPT_DATABASE_URL"] = url
            let database = try PostgresDatabase(url: url, logger: TestDatabase.logger)
            let childEnvironment = environment
            do {
                try await database.withRunning {
                    try await Migrator(database: database, logger: TestDatabase.logger).migrate()
                    try await body(database, childEnvironment)
                }
                try await TestDatabase.drop(name, adminURL: adminURL)
            } catch {
                try? await TestDatabase.drop(name, adminURL: adminURL)
                throw error
            }
        }
    }

    /// Starts `ppt serve worker` with `environment`.
    static func spawnWorker(environment: [String: String]) throws -> pid_t {
        try ChildProcess.spawn([ChildProcess.pptExecutable, "serve", "worker"], environment: environment)
    }
}
