import Foundation
import PPTDomain
import PPTLLM
import PPTStorage
import PPTWorkflow
import SQLKit
import Testing

/// Recipient resolution and the `notify` action, on the run's transaction.
@Suite("Workflow actions: recipients and notify")
struct WorkflowActionTests {
    @Test("users, roles, a building and a unit resolve to current members, without duplicates",
          arguments: TestDatabase.dialects)
    func recipientsResolve(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let w = try await ActionWorld.make(database)
            try await database.write { sql in
                func resolve(_ input: [String: JSONValue]) async throws -> [UserID] {
                    try await Recipients.resolve(ActionTesting.call(input, scope: w.admin, sql: sql))
                }
                let tenantID = w.fixture.tenantUser.id
                #expect(try await resolve(["users": .id(tenantID), "roles": ["manager", "technician"]])
                        == [tenantID, w.manager.id, w.technician.id])
                // The former tenant's residency has ended; the guest has no account.
                #expect(try await resolve(["building": .id(w.building.id)]) == [tenantID])
                #expect(try await resolve(["unit": .id(w.secondUnit.id)]) == [])
                #expect(try await resolve(["users": [.id(tenantID), ""], "unit": .id(w.unit.id)]) == [tenantID])
                #expect(try await resolve(["roles": "admin"]) == [w.admin.userID])
                let emails = try await Recipients.resolveEmails(
                    ActionTesting.call(["building": .id(w.building.id), "users": .id(w.manager.id)], scope: w.admin, sql: sql))
                #expect(emails.map(\.address) == [w.manager.email, w.fixture.tenantUser.email, w.guestEmail])
                #expect(emails.map(\.userID) == [w.manager.id, tenantID, nil])
                #expect(emails.last?.name == "Guest A")
            }
        }
    }

    @Test("another organization's users, buildings and units are not found; bad ids and roles are invalid",
          arguments: TestDatabase.dialects)
    func recipientsIsolation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await ActionWorld.make(database, name: "A")
            let b = try await ActionWorld.make(database, name: "B")
            try await database.write { sql in
                func code(_ input: [String: JSONValue], as scope: OrgScope? = nil) async -> String? {
                    let failure = await ActionTesting.failure {
                        _ = try await Recipients.resolve(ActionTesting.call(input, scope: scope ?? a.admin, sql: sql))
                    }
                    return failure.map { "\($0.code) retryable=\($0.retryable)" }
                }
                #expect(await code(["users": .id(b.fixture.tenantUser.id)]) == "user.not_found retryable=false")
                #expect(await code(["building": .id(b.building.id)]) == "building.not_found retryable=false")
                #expect(await code(["unit": .id(b.unit.id)]) == "unit.not_found retryable=false")
                #expect(await code(["users": "not-an-id"]) == "action.invalid_input retryable=false")
                #expect(await code(["roles": "janitor"]) == "action.invalid_input retryable=false")
                #expect(await code(["unit": 42]) == "action.invalid_input retryable=false")
                // A tenant author reaches only their own unit and may not list members.
                #expect(await code(["roles": "manager"], as: a.tenant) == "permission.denied retryable=false")
                #expect(await code(["unit": .id(a.secondUnit.id)], as: a.tenant) == "unit.not_found retryable=false")
                let own = try await Recipients.resolve(ActionTesting.call(["building": .id(a.building.id)], scope: a.tenant, sql: sql))
                #expect(own == [a.fixture.tenantUser.id])
            }
        }
    }

    @Test("notify writes one workflow notification per recipient, and a repeat with the same key adds none",
          arguments: TestDatabase.dialects)
    func notifyOnce(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let w = try await ActionWorld.make(database)
            let input: [String: JSONValue] = [
                "roles": "manager", "unit": .id(w.unit.id), "title": "Water off on Friday",
                "body": "From 9 to 12.", "link": "/announcements",
            ]
            let action = NotifyAction()
            let first = try await database.write { sql in
                try await action.perform(ActionTesting.call(input, scope: w.admin, sql: sql))
            }
            #expect(ActionTesting.field(first, "recipients") == 2)
            #expect(ActionTesting.matchesDeclaredOutput(first, of: action))
            #expect(ActionTesting.field(first, "created") == 2)
            #expect(ActionTesting.field(first, "userIDs") == [.id(w.manager.id), .id(w.fixture.tenantUser.id)])
            let again = try await database.write { sql in
                try await action.perform(ActionTesting.call(input, scope: w.admin, sql: sql, attempt: 2))
            }
            #expect(ActionTesting.field(again, "created") == 0)
            let notifications = NotificationRepository(database: database)
            let inbox = try await notifications.notifications(userID: w.fixture.tenantUser.id, unreadOnly: false,
                                                              page: PageRequest())
            #expect(inbox.items.count == 1)
            let note = try #require(inbox.items.first)
            #expect(note.kind == "workflow" && note.title == "Water off on Friday" && note.body == "From 9 to 12.")
            #expect(note.organizationID == w.fixture.organization.id)
            #expect(note.data == ["workflowID": "wf-1", "runID": "run-1", "link": "/announcements"])
            // Another step (another key) notifies again.
            _ = try await database.write { sql in
                try await action.perform(ActionTesting.call(input, scope: w.admin, sql: sql, key: "run-1:step-2"))
            }
            let after = try await notifications.notifications(userID: w.manager.id, unreadOnly: false, page: PageRequest())
            #expect(after.items.count == 2)
        }
    }

    @Test("a notify rolled back with its run leaves nothing, and simulate writes nothing",
          arguments: TestDatabase.dialects)
    func notifyRollbackAndSimulate(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let w = try await ActionWorld.make(database)
            let input: [String: JSONValue] = ["users": .id(w.manager.id), "title": "Hello", "body": "Text"]
            await #expect(throws: RollbackRequested.self) {
                try await database.write { sql in
                    _ = try await NotifyAction().perform(ActionTesting.call(input, scope: w.admin, sql: sql))
                    throw RollbackRequested()
                }
            }
            let preview = try await database.write { sql in
                try await NotifyAction().simulate(ActionTesting.call(input, scope: w.admin, sql: sql))
            }
            #expect(ActionTesting.field(preview, "recipients") == 1)
            let inbox = try await NotificationRepository(database: database)
                .notifications(userID: w.manager.id, unreadOnly: false, page: PageRequest())
            #expect(inbox.items.isEmpty)
        }
    }

    @Test("notify refuses input without recipients or title, and links that are not in-app paths",
          arguments: TestDatabase.dialects)
    func notifyInput(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let w = try await ActionWorld.make(database)
            try await database.write { sql in
                for input: [String: JSONValue] in [
                    ["title": "Hi", "body": "x"],
                    ["users": .id(w.manager.id), "body": "x"],
                    ["users": .id(w.manager.id), "title": "Hi", "body": "x", "link": "https://evil.example"],
                    ["users": .id(w.manager.id), "title": .string(String(repeating: "a", count: 201)), "body": "x"],
                ] {
                    let failure = await ActionTesting.failure {
                        _ = try await NotifyAction().perform(ActionTesting.call(input, scope: w.admin, sql: sql))
                    }
                    #expect(failure?.code == "action.invalid_input" && failure?.retryable == false)
                }
                let noSQL = await ActionTesting.failure {
                    _ = try await NotifyAction().perform(ActionTesting.call(
                        ["users": .id(w.manager.id), "title": "Hi", "body": "x"], scope: w.admin, sql: nil))
                }
                #expect(noSQL?.code == "action.no_transaction")
            }
        }
    }
}

/// The set of internal actions offered to the runtime.
@Suite("Workflow actions: internal action set")
struct InternalActionSetTests {
    @Test("the internal actions are registered under their step types, each with fields and an output")
    func registry() async throws {
        try await LLMGatewayHarness.run { h in
            let registry = WorkflowActionRegistry(InternalActions.all(gateway: h.gateway))
            #expect(registry.all.map(\.name) == ["assign_fault", "create_announcement_draft", "create_fault",
                                                 "get_fault", "llm", "notify", "update_fault_status"])
            for action in registry.all {
                #expect(!action.fields.isEmpty && !action.output.isEmpty, "\(action.name)")
                #expect(Set(action.fields.map(\.name)).count == action.fields.count, "\(action.name) repeats a field")
            }
            #expect(registry.action(named: "llm")?.effect == .external)
            #expect(registry.action(named: "notify")?.effect == .database)
        }
    }
}
