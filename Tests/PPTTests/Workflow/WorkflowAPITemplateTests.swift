import Foundation
import HTTPTypes
import PPTApp
import PPTDomain
import PPTStorage
import PPTWorkflow
import Testing

/// The workflow API's template library and action catalogue, and who may use the workflow API.
@Suite("Workflow API: templates and permissions")
struct WorkflowAPITemplateTests {
    @Test("templates: library and org templates, preview, import, save as template, delete; the action catalogue",
          arguments: TestDatabase.dialects)
    func templates(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            let list = try await app.request(.get, "\(org)/workflow-templates", token: token)
            let ids = list.items.compactMap { $0["id"] as? String }
            #expect(ids.contains("builtin.payment_reminder"), "\(list.text)")
            #expect(ids.contains(world.ids["templateID"]!))
            let onboarding = try await app.request(.get, "\(org)/workflow-templates?category=onboarding", token: token)
            #expect(!onboarding.items.isEmpty && onboarding.items.allSatisfy { $0["category"] as? String == "onboarding" })
            let builtIn = try await app.request(.get, "\(org)/workflow-templates/builtin.new_resident_welcome", token: token)
            #expect(builtIn.json?["builtIn"] as? Bool == true)
            #expect(try await app.request(.get, "\(org)/workflow-templates/builtin.nothing", token: token).status == .notFound)

            let preview = try await app.request(.post, "\(org)/workflow-templates/builtin.new_resident_welcome/preview",
                                                token: token, body: [
                                                    "parameters": ["language": "en"],
                                                    "trigger": ["unitID": world.ids["unitID"]!, "name": "Eva"],
                                                ])
            #expect(preview.status == .ok, "\(preview.text)")
            #expect((preview.json?["problems"] as? [Any])?.isEmpty == true, "\(preview.text)")
            #expect((preview.json?["dryRun"] as? [String: Any])?["status"] as? String == "succeeded", "\(preview.text)")
            #expect(preview.text.contains("Eva") || preview.text.contains("{{ trigger.name }}"))
            let wrong = try await app.request(.post, "\(org)/workflow-templates/builtin.new_resident_welcome/preview",
                                              token: token, body: ["parameters": ["language": "fr"]])
            #expect(wrong.status == .unprocessableContent, "\(wrong.text)")

            let imported = try await app.request(.post, "\(org)/workflow-templates/builtin.new_resident_welcome/import",
                                                 token: token, body: ["name": "Welcome", "parameters": ["language": "sk"]])
            #expect(imported.status == .created, "\(imported.text)")
            let workflowID = try #require(imported.json?["id"] as? String)

            // Save the workflow as a template with its language as a parameter.
            let saved = try await app.request(.post, "\(org)/workflow-templates", token: token, body: [
                "name": "Our welcome", "description": "Ours", "category": "onboarding", "workflowID": workflowID,
                "parameters": [["name": "heading", "type": "string", "required": false]],
                "bindings": [["pointer": "/steps/0/input/title", "parameter": "heading"]],
            ])
            #expect(saved.status == .created, "\(saved.text)")
            let templateID = try #require(saved.json?["id"] as? String)
            #expect(saved.json?["builtIn"] as? Bool == false)
            let fromOurs = try await app.request(.post, "\(org)/workflow-templates/\(templateID)/import", token: token,
                                                 body: ["name": "Welcome 2", "parameters": ["heading": "Ahoj!"]])
            #expect(fromOurs.status == .created, "\(fromOurs.text)")
            #expect(fromOurs.text.contains("Ahoj!"))
            let both = try await app.request(.post, "\(org)/workflow-templates", token: token, body: [
                "name": "Both", "category": "onboarding", "workflowID": workflowID, "definition": WorkflowSamples.faultAlert,
            ])
            #expect(both.status == .unprocessableContent)

            let builtInDelete = try await app.request(.delete, "\(org)/workflow-templates/builtin.payment_reminder", token: token)
            #expect(builtInDelete.status == .conflict)
            #expect(builtInDelete.json?["code"] as? String == "workflow_template.built_in")
            #expect(try await app.request(.delete, "\(org)/workflow-templates/\(templateID)", token: token).status == .noContent)
            #expect(try await app.request(.get, "\(org)/workflow-templates/\(templateID)", token: token).status == .notFound)

            let actions = try await app.request(.get, "\(org)/workflow-actions", token: token)
            let names = actions.items.compactMap { $0["name"] as? String }
            for name in ["notify", "email", "http", "create_fault", "get_fault"] { #expect(names.contains(name), "\(names)") }
            let notify = try #require(actions.items.first { $0["name"] as? String == "notify" })
            #expect(notify["effect"] as? String == "database")
            #expect((notify["fields"] as? [[String: Any]])?.contains { $0["name"] as? String == "title" && $0["required"] as? Bool == true }
                    == true)
        }
    }

    @Test("tenants may not read or manage workflows; with the feature off manual runs are refused",
          arguments: TestDatabase.dialects)
    func permissionsAndFlag(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let admin = try await app.login(world.adminEmail)
            let tenant = try await app.login(world.tenantEmail)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            let workflowID = world.ids["workflowID"]!
            let runID = world.ids["runID"]!
            let attempts: [(HTTPRequest.Method, String, Any?)] = [
                (.get, "workflows", nil),
                (.post, "workflows", ["name": "x", "definition": WorkflowSamples.faultAlert]),
                (.get, "workflows/\(workflowID)", nil),
                (.patch, "workflows/\(workflowID)", ["name": "mine"]),
                (.delete, "workflows/\(workflowID)", nil),
                (.post, "workflows/\(workflowID)/runs", ["input": [String: Any]()]),
                (.post, "workflows/validate", ["definition": WorkflowSamples.faultAlert]),
                (.get, "workflow-runs", nil),
                (.get, "workflow-runs/\(runID)", nil),
                (.post, "workflow-runs/\(runID)/cancel", nil),
                (.get, "workflow-runs/events", nil),
                (.get, "workflow-templates", nil),
                (.post, "workflow-templates/builtin.payment_reminder/import", ["name": "x"]),
                (.get, "workflow-actions", nil),
            ]
            for (method, path, body) in attempts {
                let response = try await app.request(method, "\(org)/\(path)", token: tenant, body: body)
                #expect(response.status == .forbidden, "\(method) \(path) answered \(response.status.code): \(response.text)")
            }
            #expect(try await app.request(.get, "\(org)/workflows/\(workflowID)", token: admin).status == .ok)

            // Another organization's admin cannot reach A's workflow and run through queries or bodies.
            let b = try await World.make(app, name: "B")
            let adminB = try await app.login(b.adminEmail)
            let orgB = "/api/v1/orgs/\(b.ids["orgID"]!)"
            #expect(try await app.request(.get, "\(orgB)/workflow-runs/events?runID=\(runID)", token: adminB).status == .notFound)
            #expect(try await app.request(.get, "\(orgB)/workflow-runs/events?runID=\(runID)", token: adminB,
                                          headers: [.accept: "text/event-stream"]).status == .notFound)
            let foreignRuns = try await app.request(.get, "\(orgB)/workflow-runs?workflowID=\(workflowID)", token: adminB)
            #expect(foreignRuns.status == .ok && foreignRuns.items.isEmpty)
            let foreignTemplate = try await app.request(.post, "\(orgB)/workflow-templates", token: adminB, body: [
                "name": "Stolen", "category": "alerts", "workflowID": workflowID,
            ])
            #expect(foreignTemplate.status == .notFound)
            let feedB = try await app.request(.get, "\(orgB)/workflow-runs/events", token: adminB)
            #expect(!feedB.text.contains(runID) && feedB.text.contains(b.ids["runID"]!))

            let off = try await app.request(.put, "\(org)/feature-flags/llm.workflow_automation", token: admin,
                                            body: ["enabled": false])
            #expect(off.status == .ok, "\(off.text)")
            let refused = try await app.request(.post, "\(org)/workflows/\(workflowID)/runs", token: admin,
                                                body: ["input": [String: Any]()])
            #expect(refused.status == .forbidden)
            #expect(refused.json?["code"] as? String == "llm.feature_disabled", "\(refused.text)")
        }
    }
}
