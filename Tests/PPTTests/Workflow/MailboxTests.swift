import Foundation
import PPTDomain
import PPTStorage
import PPTWorkflow
import SQLKit
import Testing

/// Queueing through the `email` action and reading the mailbox: exactly once per key, tenancy,
/// permissions, recipients, invalid input.
@Suite("Mailbox and email action")
struct MailboxTests {
    static let config = MailConfiguration.captureOnly

    static func perform(_ database: any Database, _ scope: OrgScope, _ input: [String: JSONValue],
                        key: String = "run-1:step-1") async throws -> JSONValue {
        try await database.write { sql in
            try await EmailAction(configuration: config).perform(ActionTesting.call(input, scope: scope, sql: sql, key: key))
        }
    }

    static func count(_ database: any Database, _ query: SQLQueryString) async throws -> Int {
        try await database.read { sql in try await sql.raw(query).first()!.int("n") }
    }

    @Test("a repeated enqueue with the same key queues one message and one job", arguments: TestDatabase.dialects)
    func idempotent(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let input: [String: JSONValue] = ["to": .string("anna@example.sk"), "subject": .string("s"), "text": .string("t")]
            let first = try await Self.perform(database, world.admin, input)
            let second = try await Self.perform(database, world.admin, input)
            #expect(ActionTesting.text(first, "messageID") == ActionTesting.text(second, "messageID"))
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM mail_messages") == 1)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'mail.deliver'") == 1)
            _ = try await Self.perform(database, world.admin, input, key: "run-1:step-2")
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM mail_messages") == 2)
        }
    }

    @Test("a rolled-back run leaves neither a message nor a job", arguments: TestDatabase.dialects)
    func rollback(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            await #expect(throws: RollbackRequested.self) {
                try await database.write { sql in
                    _ = try await EmailAction(configuration: Self.config).perform(ActionTesting.call(
                        ["to": .string("anna@example.sk"), "subject": .string("s"), "text": .string("t")],
                        scope: world.admin, sql: sql))
                    throw RollbackRequested()
                }
            }
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM mail_messages") == 0)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM jobs") == 0)
        }
    }

    @Test("recipients from roles, units and buildings; duplicates once; simulate writes nothing",
          arguments: TestDatabase.dialects)
    func recipients(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let input: [String: JSONValue] = [
                "to": .string(world.manager.email.uppercased()), "roles": .string("manager"),
                "building": .string(world.building.id.rawValue), "subject": .string("s"), "text": .string("t"),
            ]
            let simulated = try await database.write { sql in
                try await EmailAction(configuration: Self.config).simulate(ActionTesting.call(input, scope: world.admin, sql: sql))
            }
            #expect(ActionTesting.field(simulated, "messageID") == .null)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM mail_messages") == 0)
            let output = try await Self.perform(database, world.admin, input)
            let expected: [JSONValue] = [world.manager.email.uppercased(), world.fixture.tenantUser.email, world.guestEmail]
                .map(JSONValue.string)
            #expect(ActionTesting.field(output, "recipients") == .array(expected))
            #expect(ActionTesting.text(output, "status") == "queued")
            let id = try #require(ActionTesting.text(output, "messageID"))
            let stored = try await MailRepository(database: database).message(world.admin, id: id)
            #expect(stored.recipients.count == 3)
            #expect(stored.recipients[1] == "Tenant A <\(world.fixture.tenantUser.email)>")
            #expect(stored.workflowID == "wf-1" && stored.runID == "run-1")
        }
    }

    @Test("invalid input: a bad address, nobody, a missing subject", arguments: TestDatabase.dialects)
    func invalidInput(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let bad = await ActionTesting.failure {
                _ = try await Self.perform(database, world.admin, [
                    "to": .array([.string("anna@example.sk"), .string("not-an-address")]),
                    "subject": .string("s"), "text": .string("t")])
            }
            #expect(bad?.code == "email.invalid_recipient")
            #expect(bad?.retryable == false)
            let header = await ActionTesting.failure {
                _ = try await Self.perform(database, world.admin, [
                    "to": .string("anna@example.sk\r\nBcc: x@example.sk"), "subject": .string("s"), "text": .string("t")])
            }
            #expect(header?.code == "email.invalid_recipient")
            let nobody = await ActionTesting.failure {
                _ = try await Self.perform(database, world.admin, ["to": .array([]), "subject": .string("s"), "text": .string("t")])
            }
            #expect(nobody?.code == "email.no_recipients")
            let subject = await ActionTesting.failure {
                _ = try await Self.perform(database, world.admin, ["to": .string("anna@example.sk"), "text": .string("t")])
            }
            #expect(subject?.code == "action.invalid_input")
            let foreign = await ActionTesting.failure {
                _ = try await Self.perform(database, world.admin, [
                    "unit": .string(UnitID().rawValue), "subject": .string("s"), "text": .string("t")])
            }
            #expect(foreign?.code == "unit.not_found")
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM mail_messages") == 0)
        }
    }

    @Test("the mailbox: newest first, paged, filtered, scoped to the organization, admins and managers only",
          arguments: TestDatabase.dialects)
    func mailbox(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let other = try await ActionWorld.make(database, name: "B")
            var ids: [String] = []
            for index in 0..<3 {
                let output = try await Self.perform(database, world.admin, [
                    "to": .string("anna@example.sk"), "subject": .string("s\(index)"), "text": .string("t")],
                    key: "run-1:\(index)")
                ids.append(try #require(ActionTesting.text(output, "messageID")))
                try await Task.sleep(for: .milliseconds(5))
            }
            let mail = MailRepository(database: database)
            let first = try await mail.messages(world.admin, page: PageRequest(limit: 2))
            #expect(first.items.map(\.id) == [ids[2], ids[1]])
            let cursor = try #require(first.nextCursor.flatMap(Cursor.init(token:)))
            let second = try await mail.messages(world.admin, page: PageRequest(limit: 2, cursor: cursor))
            #expect(second.items.map(\.id) == [ids[0]])
            #expect(second.nextCursor == nil)
            #expect(try await mail.messages(world.admin, status: .sent, page: PageRequest()).items.isEmpty)
            #expect(try await mail.messages(world.admin, status: .queued, page: PageRequest()).items.count == 3)

            let managerScope = try #require(try await AccountRepository(database: database)
                .scope(userID: world.manager.id, organizationID: world.fixture.organization.id))
            #expect(try await mail.message(managerScope, id: ids[0]).subject == "s0")
            await #expect(throws: DomainError.forbidden("Your role (tenant) may not do this.")) {
                _ = try await mail.messages(world.tenant, page: PageRequest())
            }
            await #expect(throws: DomainError.notFound("mail_message")) {
                _ = try await mail.message(other.admin, id: ids[0])
            }
            #expect(try await mail.messages(other.admin, page: PageRequest()).items.isEmpty)
        }
    }
}
