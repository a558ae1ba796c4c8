import Foundation
import HTTPTypes
import PPTDomain
import PPTStorage
import PPTWorkflow
import Testing

/// The mailbox endpoints over the real runtime: a manual workflow run with an `email` step, driven
/// by the engine's and the mail job; without `PPT_SMTP_URL` the message is captured and listed.
@Suite struct MailboxAPITests {
    @Test("a workflow e-mail is captured and shown in the mailbox; tenants and other organizations see nothing",
          arguments: TestDatabase.dialects)
    func mailbox(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let other = try await World.make(app, name: "B")
            let token = try await app.login(world.adminEmail)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            let created = try await app.request(.post, "\(org)/workflows", token: token, body: [
                "name": "Reminder", "definition": [
                    "trigger": ["type": "manual", "inputs": [["name": "amount", "type": "string", "required": true]]],
                    "steps": [["id": "mail", "type": "email", "input": [
                        "to": "Anna Nováková <anna@example.sk>",
                        "subject": "Pripomienka: nedoplatok č. 12",
                        "text": "Dlžná suma: {{ trigger.amount }} €",
                    ]]],
                ] as [String: Any],
            ])
            #expect(created.status == .created, "\(created.text)")
            let workflowID = try #require(created.json?["id"] as? String)
            let started = try await app.request(.post, "\(org)/workflows/\(workflowID)/runs", token: token,
                                                body: ["input": ["amount": "45,20"]])
            #expect(started.status == .accepted, "\(started.text)")
            try await WorkflowJobDriver.drain(app.runtime)

            let list = try await app.request(.get, "\(org)/mailbox", token: token)
            #expect(list.status == .ok, "\(list.text)")
            let item = try #require(list.items.first)
            #expect(list.items.count == 1)
            #expect(item["status"] as? String == "captured")
            #expect(item["subject"] as? String == "Pripomienka: nedoplatok č. 12")
            #expect(item["textBody"] as? String == "Dlžná suma: 45,20 €")
            #expect(item["recipients"] as? [String] == ["Anna Nováková <anna@example.sk>"])
            #expect(item["workflowID"] as? String == workflowID)
            let id = try #require(item["id"] as? String)

            #expect(try await app.request(.get, "\(org)/mailbox?status=sent", token: token).items.isEmpty)
            #expect(try await app.request(.get, "\(org)/mailbox?status=captured", token: token).items.count == 1)
            let badFilter = try await app.request(.get, "\(org)/mailbox?status=lost", token: token)
            #expect(badFilter.status == .unprocessableContent)
            #expect(badFilter.headers[.contentType]?.hasPrefix("application/problem+json") == true)

            let one = try await app.request(.get, "\(org)/mailbox/\(id)", token: token)
            #expect(one.status == .ok, "\(one.text)")
            #expect(one.json?["messageID"] as? String == item["messageID"] as? String)
            #expect(try await app.request(.get, "\(org)/mailbox/not-a-uuid", token: token).status == .notFound)

            let tenant = try await app.login(world.tenantEmail)
            #expect(try await app.request(.get, "\(org)/mailbox", token: tenant).status == .forbidden)
            #expect(try await app.request(.get, "\(org)/mailbox/\(id)", token: tenant).status == .forbidden)

            let otherToken = try await app.login(other.adminEmail)
            let otherOrg = "/api/v1/orgs/\(other.ids["orgID"]!)"
            #expect(try await app.request(.get, "\(otherOrg)/mailbox/\(id)", token: otherToken).status == .notFound)
            #expect(try await app.request(.get, "\(otherOrg)/mailbox", token: otherToken).items.isEmpty)
        }
    }
}
