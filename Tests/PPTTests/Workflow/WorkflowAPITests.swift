import Foundation
import HTTPTypes
import PPTApp
import PPTDomain
import PPTStorage
import PPTWorkflow
import Testing

/// The workflow HTTP API over the real runtime: definitions and versions, validation, dry runs,
/// YAML, manual and event-started runs driven by the engine's jobs, cancel, retry and the live feed.
/// Templates, the action catalogue and permissions: `WorkflowAPITemplateTests`.
@Suite("Workflow API")
struct WorkflowAPITests {
    @Test("create, read, list, change (new version), versions, export and import, delete", arguments: TestDatabase.dialects)
    func crud(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            let created = try await app.request(.post, "\(org)/workflows", token: token, body: [
                "name": "Greeter", "description": "Says hello", "definition": WorkflowSamples.notifyUser,
            ])
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json?["id"] as? String)
            #expect(created.json?["currentVersion"] as? Int == 1)
            #expect(created.json?["enabled"] as? Bool == true)
            #expect(created.json?["triggerType"] as? String == "manual")
            #expect((created.json?["definition"] as? [String: Any])?["steps"] is [Any])

            let list = try await app.request(.get, "\(org)/workflows", token: token)
            #expect(list.items.contains { $0["id"] as? String == id })
            #expect(try await app.request(.get, "\(org)/workflows/\(id)", token: token).json?["name"] as? String == "Greeter")

            // Renaming keeps the version; a new definition makes version 2.
            let renamed = try await app.request(.patch, "\(org)/workflows/\(id)", token: token, body: ["name": "Greeter 2"])
            #expect(renamed.json?["currentVersion"] as? Int == 1)
            var changed = WorkflowSamples.notifyUser
            changed["variables"] = ["greeted": 10]
            let patched = try await app.request(.patch, "\(org)/workflows/\(id)", token: token,
                                                body: ["definition": changed, "enabled": false])
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(patched.json?["currentVersion"] as? Int == 2)
            #expect(patched.json?["enabled"] as? Bool == false)
            let versions = try await app.request(.get, "\(org)/workflows/\(id)/versions", token: token)
            #expect(versions.items.map { $0["version"] as? Int } == [2, 1])
            let first = try await app.request(.get, "\(org)/workflows/\(id)/versions/1", token: token)
            #expect(((first.json?["definition"] as? [String: Any])?["variables"] as? [String: Any])?["greeted"] as? Int == 0)
            #expect(try await app.request(.get, "\(org)/workflows/\(id)/versions/3", token: token).status == .notFound)

            // Export as JSON and YAML; the YAML imports back as a new workflow with the same definition.
            let exported = try await app.request(.get, "\(org)/workflows/\(id)/export", token: token)
            #expect(exported.json?["name"] as? String == "Greeter 2")
            let yaml = try await app.request(.get, "\(org)/workflows/\(id)/export?format=yaml", token: token)
            #expect(yaml.status == .ok)
            #expect(yaml.headers[.contentType]?.hasPrefix("text/yaml") == true)
            #expect(yaml.text.contains("notify"))
            let imported = try await app.request(.post, "\(org)/workflows/import", token: token,
                                                 body: ["name": "Imported", "yaml": yaml.text])
            #expect(imported.status == .created, "\(imported.text)")
            let importedDefinition = imported.json?["definition"] as? [String: Any]
            let patchedDefinition = patched.json?["definition"] as? [String: Any]
            #expect(importedDefinition.map { NSDictionary(dictionary: $0) } == patchedDefinition.map { NSDictionary(dictionary: $0) })
            let badYAML = try await app.request(.post, "\(org)/workflows/import", token: token,
                                                body: ["name": "Bad", "yaml": "trigger:\n  type: manual\nsteps: []\nextra: 1\n"])
            #expect(badYAML.status == .unprocessableContent)
            let badPointers = (badYAML.json?["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
            #expect(badPointers.contains("/yaml/extra"), "\(badYAML.text)")
            #expect(try await app.request(.get, "\(org)/workflows/\(id)/export?format=xml", token: token).status
                    == .unprocessableContent)

            #expect(try await app.request(.delete, "\(org)/workflows/\(id)", token: token).status == .noContent)
            #expect(try await app.request(.get, "\(org)/workflows/\(id)", token: token).status == .notFound)
        }
    }

    @Test("validation reports each problem with its pointer; saving an invalid definition is refused",
          arguments: TestDatabase.dialects)
    func validation(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            let notify: [String: Any] = ["roles": ["manager"], "title": "t", "body": "b"]
            let definition: [String: Any] = [
                "trigger": ["type": "event", "event": "fault_created"],
                "variables": ["x": ""],
                "steps": [
                    ["id": "s", "type": "set", "values": ["x": "trigger.nope"]],
                    ["id": "c", "type": "if", "condition": "trigger.title * 2 > 1",
                     "then": [["id": "n1", "type": "notify", "input": notify]]],
                    ["id": "t", "type": "teleport", "input": [String: Any]()],
                    ["id": "e", "type": "stop", "status": "failed", "reason": "done"],
                    ["id": "after", "type": "notify", "input": notify],
                ],
            ]
            let checked = try await app.request(.post, "\(org)/workflows/validate", token: token, body: ["definition": definition])
            #expect(checked.status == .ok)
            #expect(checked.json?["valid"] as? Bool == false)
            let problems = (checked.json?["problems"] as? [[String: Any]]) ?? []
            let pointers = Set(problems.compactMap { $0["pointer"] as? String })
            for expected in ["/steps/0/values/x", "/steps/1/condition", "/steps/2/type", "/steps/4"] {
                #expect(pointers.contains(expected), "no problem at \(expected): \(checked.text)")
            }
            let good = try await app.request(.post, "\(org)/workflows/validate", token: token,
                                             body: ["definition": WorkflowSamples.faultAlert])
            #expect(good.json?["valid"] as? Bool == true, "\(good.text)")
            #expect((good.json?["problems"] as? [Any])?.isEmpty == true)
            // An error workflow that does not exist is found on validation, as it would be on save.
            var handled = WorkflowSamples.faultAlert
            handled["steps"] = [["id": "tell", "type": "notify", "onFailure": ["workflow": UUID().uuidString.lowercased()],
                                 "input": ["roles": ["manager"], "title": "New fault", "body": "{{ trigger.category }}"]]]
            let missing = try await app.request(.post, "\(org)/workflows/validate", token: token, body: ["definition": handled])
            #expect(missing.json?["valid"] as? Bool == false, "\(missing.text)")
            let missingPointers = ((missing.json?["problems"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String }
            #expect(missingPointers == ["/steps/0/onFailure/workflow"], "\(missing.text)")

            let refused = try await app.request(.post, "\(org)/workflows", token: token,
                                                body: ["name": "Broken", "definition": definition])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json?["code"] as? String == "workflow.invalid_definition")
            let nameless = try await app.request(.post, "\(org)/workflows", token: token,
                                                 body: ["name": " ", "definition": WorkflowSamples.faultAlert])
            #expect(nameless.status == .unprocessableContent)
        }
    }

    @Test("a manual run goes to completion, repeats of its Idempotency-Key return it, the feed streams it; dry runs do nothing",
          arguments: TestDatabase.dialects)
    func manualRun(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            let tenantID = world.ids["userID"]!
            let created = try await app.request(.post, "\(org)/workflows", token: token,
                                                body: ["name": "Greeter", "definition": WorkflowSamples.notifyUser])
            let id = try #require(created.json?["id"] as? String)

            // Dry run: the trace of a real run, nothing written.
            let dry = try await app.request(.post, "\(org)/workflows/\(id)/test", token: token,
                                            body: ["trigger": ["userID": tenantID]])
            #expect(dry.status == .ok, "\(dry.text)")
            #expect(dry.json?["status"] as? String == "succeeded")
            #expect(((dry.json?["vars"] as? [String: Any])?["greeted"] as? Int) == 1)
            let draft = try await app.request(.post, "\(org)/workflows/test", token: token,
                                              body: ["definition": WorkflowSamples.notifyUser, "trigger": ["userID": tenantID]])
            #expect(draft.json?["status"] as? String == "succeeded", "\(draft.text)")
            let tenantToken = try await app.login(world.tenantEmail)
            let before = try await app.request(.get, "/api/v1/me/notifications", token: tenantToken)

            let missing = try await app.request(.post, "\(org)/workflows/\(id)/runs", token: token, body: ["input": [String: Any]()])
            #expect(missing.status == .unprocessableContent)
            let headers: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "greet-1"]
            let started = try await app.request(.post, "\(org)/workflows/\(id)/runs", token: token,
                                                body: ["input": ["userID": tenantID]], headers: headers)
            #expect(started.status == .accepted, "\(started.text)")
            let runID = try #require(started.json?["id"] as? String)
            let again = try await app.request(.post, "\(org)/workflows/\(id)/runs", token: token,
                                              body: ["input": ["userID": tenantID]], headers: headers)
            #expect(again.json?["id"] as? String == runID)

            // The feed of this run, streamed while a worker drives the run.
            let feedPath = "\(org)/workflow-runs/events?runID=\(runID)"
            async let stream = app.request(.get, feedPath, token: token,
                                           headers: [.accept: "text/event-stream"])
            try await Task.sleep(for: .milliseconds(300))
            try await WorkflowJobDriver.drain(app.runtime)
            let feed = try await stream
            #expect(feed.headers[.contentType] == "text/event-stream")
            #expect(feed.text.contains("event: update"), "\(feed.text)")
            #expect(feed.text.contains("\"status\":\"succeeded\""), "\(feed.text)")
            #expect(feed.text.contains("event: end"), "\(feed.text)")

            let run = try await app.request(.get, "\(org)/workflow-runs/\(runID)", token: token)
            #expect(run.json?["status"] as? String == "succeeded", "\(run.text)")
            #expect((run.json?["trace"] as? [Any])?.count == 2)
            #expect((run.json?["trigger"] as? [String: Any])?["userID"] as? String == tenantID)
            let after = try await app.request(.get, "/api/v1/me/notifications", token: tenantToken)
            #expect(before.status == .ok && after.status == .ok)
            #expect(after.items.count == before.items.count + 1, "\(after.text)")
            #expect(after.items.first?["title"] as? String == "Hello")

            // Lists, filters and the polling form of the feed (resumable by Last-Event-ID).
            let runs = try await app.request(.get, "\(org)/workflow-runs?workflowID=\(id)&status=succeeded", token: token)
            #expect(runs.items.map { $0["id"] as? String } == [runID])
            #expect(runs.items.first?["trace"] == nil)
            let polled = try await app.request(.get, "\(org)/workflow-runs/events?runID=\(runID)", token: token)
            let updates = (polled.json?["items"] as? [[String: Any]]) ?? []
            #expect(updates.last?["status"] as? String == "succeeded", "\(polled.text)")
            let last = try #require(polled.json?["lastEventID"] as? Int)
            let resumed = try await app.request(.get, "\(org)/workflow-runs/events", token: token,
                                                headers: [HTTPField.Name("Last-Event-ID")!: String(last)])
            #expect((resumed.json?["items"] as? [Any])?.isEmpty == true)
            let bad = try await app.request(.get, "\(org)/workflow-runs/events", token: token,
                                            headers: [HTTPField.Name("Last-Event-ID")!: "yesterday"])
            #expect(bad.status == .badRequest)
            // A streamed feed of a run that has ended closes at once.
            let ended = try await app.request(.get, feedPath, token: token, headers: [.accept: "text/event-stream"])
            #expect(ended.text.contains("event: end"))
            // A succeeded run cannot be retried.
            let retry = try await app.request(.post, "\(org)/workflow-runs/\(runID)/retry", token: token)
            #expect(retry.status == .conflict)
        }
    }

    @Test("a fault reported through the API starts its workflow's run", arguments: TestDatabase.dialects)
    func eventTrigger(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            // Events from before the workflow existed start nothing.
            try await WorkflowJobDriver.drain(app.runtime)
            let created = try await app.request(.post, "\(org)/workflows", token: token,
                                                body: ["name": "Fault alert", "definition": WorkflowSamples.faultAlert])
            let id = try #require(created.json?["id"] as? String)
            let fault = try await app.request(.post, "\(org)/faults", token: token, body: [
                "buildingID": world.ids["buildingID"]!, "title": "Broken lift", "description": "Stuck on 3", "category": "other",
            ])
            #expect(fault.status == .created)
            try await WorkflowJobDriver.drain(app.runtime)
            let runs = try await app.request(.get, "\(org)/workflow-runs?workflowID=\(id)", token: token)
            #expect(runs.items.count == 1, "\(runs.text)")
            #expect(runs.items.first?["status"] as? String == "succeeded")
            #expect(runs.items.first?["triggerType"] as? String == "event")
            let runID = try #require(runs.items.first?["id"] as? String)
            let run = try await app.request(.get, "\(org)/workflow-runs/\(runID)", token: token)
            #expect((run.json?["trigger"] as? [String: Any])?["title"] as? String == "Broken lift")
            #expect((run.json?["event"] as? [String: Any])?["type"] as? String == "fault_created")
        }
    }

    @Test("cancel a waiting run; retry a failed run after fixing its cause", arguments: TestDatabase.dialects)
    func cancelAndRetry(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            let waiting = try await app.request(.post, "\(org)/workflows", token: token,
                                                body: ["name": "Patient", "definition": WorkflowSamples.waitADay])
            let waitingID = try #require(waiting.json?["id"] as? String, "\(waiting.text)")
            let started = try await app.request(.post, "\(org)/workflows/\(waitingID)/runs", token: token, body: [String: Any]())
            let runID = try #require(started.json?["id"] as? String, "\(started.text)")
            try await WorkflowJobDriver.drain(app.runtime)
            #expect(try await app.request(.get, "\(org)/workflow-runs/\(runID)", token: token).json?["status"] as? String
                    == "waiting")
            let cancelled = try await app.request(.post, "\(org)/workflow-runs/\(runID)/cancel", token: token)
            #expect(cancelled.status == .ok)
            #expect(cancelled.json?["status"] as? String == "cancelled")
            #expect(try await app.request(.post, "\(org)/workflow-runs/\(runID)/cancel", token: token).status == .conflict)

            // Notifying someone who is not a member fails; once they join, the retried run succeeds.
            let outsider = try await app.user("outsider@world.test")
            let greeter = try await app.request(.post, "\(org)/workflows", token: token,
                                                body: ["name": "Greeter", "definition": WorkflowSamples.notifyUser])
            let greeterID = try #require(greeter.json?["id"] as? String)
            let failing = try await app.request(.post, "\(org)/workflows/\(greeterID)/runs", token: token,
                                                body: ["input": ["userID": outsider.id.rawValue]])
            let failingID = try #require(failing.json?["id"] as? String)
            try await WorkflowJobDriver.drain(app.runtime)
            let failed = try await app.request(.get, "\(org)/workflow-runs/\(failingID)", token: token)
            #expect(failed.json?["status"] as? String == "failed", "\(failed.text)")
            #expect(failed.json?["failedStep"] as? String == "n")
            let joined = try await app.request(.put, "\(org)/members", token: token,
                                               body: ["email": "outsider@world.test", "role": "manager"])
            #expect(joined.status == .ok || joined.status == .created, "\(joined.text)")
            let retried = try await app.request(.post, "\(org)/workflow-runs/\(failingID)/retry", token: token)
            #expect(retried.status == .accepted, "\(retried.text)")
            #expect(retried.json?["status"] as? String == "running")
            try await WorkflowJobDriver.drain(app.runtime)
            let succeeded = try await app.request(.get, "\(org)/workflow-runs/\(failingID)", token: token)
            #expect(succeeded.json?["status"] as? String == "succeeded", "\(succeeded.text)")
        }
    }
}
