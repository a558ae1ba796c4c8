import Foundation
import HTTPTypes
import PPTDomain
import PPTStorage
import PPTWorkflow
import Testing

/// The allow-list endpoints, and the `http` action inside real workflow runs started through the
/// API: a signed call to an allow-listed loopback server, and a refused call to the metadata address.
@Suite struct HTTPAllowlistAPITests {
    @Test("administrators read and replace the allow-list and rotate the signing secret; others may not",
          arguments: TestDatabase.dialects)
    func endpoints(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let other = try await World.make(app, name: "B")
            let token = try await app.login(world.adminEmail)
            let path = "/api/v1/orgs/\(world.ids["orgID"]!)/workflow-http-allowlist"
            let empty = try await app.request(.get, path, token: token)
            #expect(empty.status == .ok, "\(empty.text)")
            #expect((empty.json?["hosts"] as? [String]) == [])
            #expect(empty.json?["signingSecretConfigured"] as? Bool == false)

            let saved = try await app.request(.put, path, token: token, body: ["hosts": ["ERP.example.internal:8443", "10.0.0.5"]])
            #expect(saved.status == .ok, "\(saved.text)")
            #expect((saved.json?["hosts"] as? [String]) == ["10.0.0.5", "erp.example.internal:8443"])
            let invalid = try await app.request(.put, path, token: token, body: ["hosts": ["ok.example", "10.0.0.0/8"]])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(invalid.text.contains("/hosts/1"))

            let rotated = try await app.request(.post, "\(path)/signing-secret", token: token)
            #expect(rotated.status == .ok, "\(rotated.text)")
            #expect(rotated.headers[.cacheControl] == "no-store")
            let secret = try #require(rotated.json?["secret"] as? String)
            #expect(secret.hasPrefix("ppt_whsec_"))
            let after = try await app.request(.get, path, token: token)
            #expect(after.json?["signingSecretConfigured"] as? Bool == true)
            #expect(!after.text.contains(secret))

            let tenant = try await app.login(world.tenantEmail)
            #expect(try await app.request(.get, path, token: tenant).status == .forbidden)
            #expect(try await app.request(.put, path, token: tenant, body: ["hosts": ["x.example"]]).status == .forbidden)
            #expect(try await app.request(.post, "\(path)/signing-secret", token: tenant).status == .forbidden)
            // Another organization's administrator cannot reach this organization's list.
            let stranger = try await app.login(other.adminEmail)
            let foreign = try await app.request(.get, path, token: stranger)
            #expect(foreign.status == .forbidden || foreign.status == .notFound)
            #expect(!foreign.text.contains("erp.example.internal"))
        }
    }

    @Test("a run calls the allow-listed server with a valid signature and uses its answer; a metadata call fails the run",
          arguments: TestDatabase.dialects)
    func workflowRuns(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            let rotated = try await app.request(.post, "\(org)/workflow-http-allowlist/signing-secret", token: token)
            let secret = try #require(rotated.json?["secret"] as? String)
            try await FakeLLMServer.run(script: HTTPActionTests.echo(secret: secret)) { server in
                let saved = try await app.request(.put, "\(org)/workflow-http-allowlist", token: token,
                                                  body: ["hosts": ["127.0.0.1:\(server.port)"]])
                #expect(saved.status == .ok)
                let definition: [String: Any] = [
                    "trigger": ["type": "manual", "inputs": [["name": "unit", "type": "string", "required": true]]],
                    "variables": ["verified": false],
                    "steps": [
                        ["id": "call", "type": "http",
                         "input": ["method": "POST", "url": "\(server.baseURL)/hooks/{{ trigger.unit }}",
                                   "headers": ["Content-Type": "application/json"],
                                   "body": "{\"unit\": \"{{ trigger.unit }}\"}", "sign": true]],
                        ["id": "check", "type": "if", "condition": "steps.call.output.body.signatureValid == true",
                         "then": [["id": "ok", "type": "set", "values": ["verified": "true"]]]],
                    ],
                ]
                let created = try await app.request(.post, "\(org)/workflows", token: token,
                                                    body: ["name": "Webhook", "definition": definition])
                #expect(created.status == .created, "\(created.text)")
                let id = try #require(created.json?["id"] as? String)
                let started = try await app.request(.post, "\(org)/workflows/\(id)/runs", token: token,
                                                    body: ["input": ["unit": "12"]])
                let runID = try #require(started.json?["id"] as? String, "\(started.text)")
                try await WorkflowJobDriver.drain(app.runtime)
                let run = try await app.request(.get, "\(org)/workflow-runs/\(runID)", token: token)
                #expect(run.json?["status"] as? String == "succeeded", "\(run.text)")
                let state = run.json?["state"] as? [String: Any]
                #expect(((state?["vars"] as? [String: Any])?["verified"] as? Bool) == true, "\(run.text)")
                let requests = await server.requests()
                #expect(requests.count == 1)
                #expect(requests.first?.path == "/hooks/12")
                #expect(requests.first?.text == #"{"unit": "12"}"#)
                #expect(requests.first?.header("Idempotency-Key") == "wf:\(runID):call")

                let metadata: [String: Any] = [
                    "trigger": ["type": "manual", "inputs": [[String: Any]]()],
                    "steps": [["id": "steal", "type": "http", "input": ["url": "http://169.254.169.254/latest/meta-data"]]],
                ]
                let bad = try await app.request(.post, "\(org)/workflows", token: token,
                                                body: ["name": "Metadata", "definition": metadata])
                let badID = try #require(bad.json?["id"] as? String, "\(bad.text)")
                let badRun = try await app.request(.post, "\(org)/workflows/\(badID)/runs", token: token,
                                                   body: ["input": [String: Any]()])
                let badRunID = try #require(badRun.json?["id"] as? String, "\(badRun.text)")
                try await WorkflowJobDriver.drain(app.runtime)
                let failed = try await app.request(.get, "\(org)/workflow-runs/\(badRunID)", token: token)
                #expect(failed.json?["status"] as? String == "failed", "\(failed.text)")
                #expect(failed.json?["errorCode"] as? String == "http.blocked_address", "\(failed.text)")
                #expect(failed.json?["failedStep"] as? String == "steal")
            }
        }
    }
}
