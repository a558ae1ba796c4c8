import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTStorage
import SQLKit
import Testing

/// `GET/PUT/DELETE llm/config`, `POST llm/probe` and `GET llm/models` through the HTTP API, with the
/// provider played by a loopback fake.
@Suite("LLM config API")
struct LLMConfigAPITests {
    @Test("saving an OpenAI config probes the provider once with the key, which is then shown masked and never leaks",
          arguments: TestDatabase.dialects)
    func saveProbesAndMasks(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            try await FakeLLMServer.run(script: LLMAPI.openAIScript(pieces: ["OK"])) { server in
                let baseURL = server.baseURL + "/v1"
                let saved = try await app.request(.put, "\(org.path)/llm/config", token: org.adminToken,
                                                  body: LLMAPI.openAIConfig(baseURL))
                #expect(saved.status == .ok, "\(saved.text)")
                let probe = try #require((saved.json?["probe"] as? [[String: Any]])?.first)
                #expect(probe["ok"] as? Bool == true)
                let requests = await server.requests()
                #expect(requests.count == 1)
                #expect(requests.first?.path == "/v1/chat/completions")
                #expect(requests.first?.header("authorization") == "Bearer \(LLMAPI.secretKey)")
                #expect(requests.first?.json?["model"] as? String == "gpt-4o-mini")

                let savedConfig = try #require(saved.json?["config"] as? [String: Any])
                Self.expectMasked(savedConfig)
                #expect(savedConfig["source"] as? String == "organization")
                let read = try await app.request(.get, "\(org.path)/llm/config", token: org.adminToken)
                #expect(read.status == .ok)
                let config = try #require(read.json)
                Self.expectMasked(config)
                #expect(config["source"] as? String == "organization")
                let primary = (config["settings"] as? [String: Any])?["primary"] as? [String: Any]
                #expect(primary?["provider"] as? String == "openai")
                #expect(primary?["model"] as? String == "gpt-4o-mini")
                #expect(primary?["baseURL"] as? String == baseURL)
                #expect(config["updatedBy"] as? String == org.adminID.rawValue)

                // An empty probe checks what is saved, with the stored key.
                let again = try await app.raw(.post, "\(org.path)/llm/probe", token: org.adminToken, body: .init())
                #expect(again.status == .ok, "\(again.text)")
                #expect(again.json?["ok"] as? Bool == true)
                #expect((again.json?["results"] as? [Any])?.count == 1)
                let afterProbe = await server.requests()
                #expect(afterProbe.count == 2)
                #expect(afterProbe.last?.header("authorization") == "Bearer \(LLMAPI.secretKey)")

                // The provider's own model list, then PPT's catalog when the provider cannot be reached.
                let models = try await app.request(.get, "\(org.path)/llm/models?provider=openai", token: org.adminToken)
                #expect(models.status == .ok, "\(models.text)")
                #expect(models.json?["source"] as? String == "provider")
                #expect(models.json?["error"] == nil || models.json?["error"] is NSNull)
                let ids = (models.json?["models"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
                #expect(ids == ["gpt-4o", "gpt-4o-mini"])
                let listed = await server.requests().last
                #expect(listed?.method == "GET")
                #expect(listed?.path == "/v1/models")
                #expect(listed?.header("authorization") == "Bearer \(LLMAPI.secretKey)")
                let offline = try await app.request(
                    .get, "\(org.path)/llm/models?provider=openai&baseURL=http://127.0.0.1:1/v1", token: org.adminToken)
                #expect(offline.status == .ok, "\(offline.text)")
                #expect(offline.json?["source"] as? String == "catalog")
                #expect((offline.json?["error"] as? String)?.hasPrefix("llm.") == true)
                let catalog = offline.json?["models"] as? [Any] ?? []
                #expect(!catalog.isEmpty)

                for response in [saved, read, again, models, offline] {
                    #expect(!response.text.contains(LLMAPI.secretKey))
                    #expect(!response.text.contains("1234567890abcd"))
                }
            }
            // Stored encrypted: no text column of the configuration, the secrets or the audit log holds it.
            let database = app.runtime.database
            let stored = try await LLMAPI.textValues(database, table: "llm_configs",
                                                     columns: ["org_id", "settings", "updated_by"])
                + LLMAPI.textValues(database, table: "secrets", columns: ["id", "org_id", "name", "ciphertext", "key_id"])
                + LLMAPI.textValues(database, table: "audit_log", columns: ["action", "target", "details"])
            #expect(stored.contains("llm.key.openai"))
            #expect(!stored.contains { $0.contains(LLMAPI.secretKey) || $0.contains("SECRET-1234567890") })
        }
    }

    static func expectMasked(_ config: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) {
        let masked = (config["keys"] as? [String: Any])?["openai"] as? String
        #expect(masked?.hasSuffix("abcd") == true, sourceLocation: sourceLocation)
        #expect(masked?.contains(LLMAPI.secretKey) == false, sourceLocation: sourceLocation)
        #expect((masked?.count ?? 99) < 12, sourceLocation: sourceLocation)
        // gpt-4o-mini's list price (0.15 / 0.60 USD per million) at the EUR reference rate.
        let prices = config["effectivePrices"] as? [[String: Any]] ?? []
        let price = prices.first { $0["model"] as? String == "gpt-4o-mini" }
        #expect(abs((price?["inputPerMillion"] as? Double ?? 0) - 0.15 * 0.86) < 1e-9, sourceLocation: sourceLocation)
        #expect(abs((price?["outputPerMillion"] as? Double ?? 0) - 0.60 * 0.86) < 1e-9, sourceLocation: sourceLocation)
        #expect(prices.contains { $0["model"] as? String == "text-embedding-3-small" }, sourceLocation: sourceLocation)
    }

    @Test("a failing probe saves nothing and names the endpoint; force saves anyway", arguments: TestDatabase.dialects)
    func failingProbe(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let unauthorized = FakeOpenAI.error(status: 401, type: "invalid_request_error",
                                                message: "Incorrect API key provided.", code: "invalid_api_key")
            try await FakeLLMServer.run(script: LLMAPI.openAIScript(pieces: ["OK"])) { good in
                try await FakeLLMServer.run(responses: [unauthorized]) { bad in
                    let path = "\(org.path)/llm/config"
                    let first = try await app.request(.put, path, token: org.adminToken,
                                                      body: LLMAPI.openAIConfig(good.baseURL + "/v1"))
                    #expect(first.status == .ok, "\(first.text)")

                    let refused = try await app.request(.put, path, token: org.adminToken,
                                                        body: LLMAPI.openAIConfig(bad.baseURL + "/v1", model: "gpt-4o"))
                    #expect(refused.status == .unprocessableContent, "\(refused.text)")
                    #expect(refused.problemCode == "llm.probe_failed")
                    #expect(refused.pointers == ["/primary"])
                    let detail = refused.problemFields.first?["detail"] as? String ?? ""
                    #expect(detail.contains("llm.provider_unauthorized"))
                    #expect(detail.contains("Incorrect API key provided."))
                    #expect(await bad.requests().count == 1) // a probe is never retried
                    #expect(Self.primary(try await app.request(.get, path, token: org.adminToken))?["model"] as? String
                            == "gpt-4o-mini")

                    // A failing fallback is named by its position.
                    let fallback = try await app.request(.put, path, token: org.adminToken, body: LLMAPI.openAIConfig(
                        good.baseURL + "/v1", extra: ["fallbacks": [["provider": "openai", "model": "gpt-4o",
                                                                      "baseURL": bad.baseURL + "/v1"]]]))
                    #expect(fallback.status == .unprocessableContent)
                    #expect(fallback.problemCode == "llm.probe_failed")
                    #expect(fallback.pointers == ["/fallbacks/0"])

                    let forced = try await app.request(.put, path, token: org.adminToken, body: LLMAPI.openAIConfig(
                        bad.baseURL + "/v1", model: "gpt-4o", extra: ["force": true]))
                    #expect(forced.status == .ok, "\(forced.text)")
                    #expect((forced.json?["probe"] as? [[String: Any]])?.first?["ok"] as? Bool == false)
                    let now = Self.primary(try await app.request(.get, path, token: org.adminToken))
                    #expect(now?["model"] as? String == "gpt-4o")
                    #expect(now?["baseURL"] as? String == bad.baseURL + "/v1")
                }
            }
        }
    }

    static func primary(_ response: TestApp.Result) -> [String: Any]? {
        (response.json?["settings"] as? [String: Any])?["primary"] as? [String: Any]
    }

    @Test("invalid settings are refused with pointers before any probe", arguments: TestDatabase.dialects)
    func validation(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let path = "\(org.path)/llm/config"
            let noKey = try await app.request(.put, path, token: org.adminToken,
                                              body: LLMAPI.openAIConfig("http://127.0.0.1:1/v1", key: nil))
            #expect(noKey.status == .unprocessableContent, "\(noKey.text)")
            #expect(noKey.problemCode == "validation.failed")
            #expect(noKey.pointers == ["/apiKeys/openai"])

            let cases: [([String: Any], String)] = [
                (LLMAPI.builtinConfig(["temperature": 3]), "/temperature"),
                (LLMAPI.openAIConfig("ftp://127.0.0.1/v1"), "/primary/baseURL"),
                (LLMAPI.openAIConfig("http://user:pw@127.0.0.1/v1"), "/primary/baseURL"),
                (LLMAPI.builtinConfig(["currency": "EUR", "budget": Self.budget(currency: "CZK")]),
                 "/budget/monthlyLimit/currency"),
                (LLMAPI.builtinConfig(["budget": ["monthlyLimit": ["amountMinor": 100, "currency": "EUR"],
                                                  "softAlertPercent": 150]]),
                 "/budget/softAlertPercent"),
                (LLMAPI.builtinConfig(["rateLimits": ["requestsPerMinute": 0]]), "/rateLimits/requestsPerMinute"),
                (LLMAPI.builtinConfig(["primary": ["provider": "builtin", "model": "gpt-4o"]]), "/primary/model"),
            ]
            for (body, pointer) in cases {
                let response = try await app.request(.put, path, token: org.adminToken, body: body)
                #expect(response.status == .unprocessableContent, "\(pointer): \(response.text)")
                #expect(response.problemCode == "validation.failed")
                #expect(response.pointers.contains(pointer), "\(response.pointers) lacks \(pointer)")
            }
            let all = try await app.request(.put, path, token: org.adminToken, body: LLMAPI.openAIConfig(
                "ftp://x/v1", extra: ["temperature": 3, "currency": "EUR", "budget": Self.budget(currency: "CZK")]))
            #expect(Set(all.pointers).isSuperset(of: ["/temperature", "/primary/baseURL", "/budget/monthlyLimit/currency"]))
            let unknownProvider = try await app.request(.put, path, token: org.adminToken,
                                                        body: ["primary": ["provider": "skynet", "model": "x"]])
            #expect(unknownProvider.status == .unprocessableContent)
            #expect(unknownProvider.pointers == ["/primary/provider"])
            // Nothing was saved.
            let read = try await app.request(.get, path, token: org.adminToken)
            #expect(read.json?["source"] as? String == "platform")
        }
    }

    static func budget(currency: String) -> [String: Any] {
        ["monthlyLimit": ["amountMinor": 100, "currency": currency], "softAlertPercent": 80, "hardStop": true]
    }

    @Test("only admins manage the configuration; deleting it returns to the platform default",
          arguments: TestDatabase.dialects)
    func permissionsAndReset(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let path = "\(org.path)/llm/config"
            for token in [org.managerToken, org.tenantToken] {
                #expect(try await app.request(.get, path, token: token).status == .forbidden)
                let put = try await app.request(.put, path, token: token, body: LLMAPI.builtinConfig())
                #expect(put.status == .forbidden)
                #expect(put.problemCode == "permission.denied")
                #expect(try await app.request(.delete, path, token: token).status == .forbidden)
                #expect(try await app.request(.post, "\(org.path)/llm/probe", token: token,
                                              body: LLMAPI.builtinConfig()).status == .forbidden)
                #expect(try await app.request(.get, "\(org.path)/llm/models", token: token).status == .forbidden)
            }
            #expect(try await app.request(.get, path, token: nil).status == .unauthorized)
            // Managers read usage and the budget; tenants do not.
            for suffix in ["llm/usage", "llm/usage/entries", "llm/budget", "llm/budget/events"] {
                #expect(try await app.request(.get, "\(org.path)/\(suffix)", token: org.managerToken).status == .ok)
                #expect(try await app.request(.get, "\(org.path)/\(suffix)", token: org.tenantToken).status == .forbidden)
            }

            let fresh = try await app.request(.get, path, token: org.adminToken)
            #expect(fresh.json?["source"] as? String == "platform")
            #expect(Self.primary(fresh)?["provider"] as? String == "builtin")
            let saved = try await app.request(.put, path, token: org.adminToken, body: LLMAPI.builtinConfig([
                "temperature": 0.2, "apiKeys": ["anthropic": "sk-ant-test-key-000000009876"]]))
            #expect(saved.status == .ok, "\(saved.text)")
            #expect((saved.json?["config"] as? [String: Any])?["source"] as? String == "organization")
            #expect(((saved.json?["config"] as? [String: Any])?["keys"] as? [String: String])?["anthropic"]?
                .hasSuffix("9876") == true)

            let deleted = try await app.request(.delete, path, token: org.adminToken)
            #expect(deleted.status == .noContent)
            let after = try await app.request(.get, path, token: org.adminToken)
            #expect(after.status == .ok)
            #expect(after.json?["source"] as? String == "platform")
            #expect((after.json?["keys"] as? [String: Any])?.isEmpty == true)
            #expect(after.json?["updatedAt"] == nil || after.json?["updatedAt"] is NSNull)
            let names = try await LLMAPI.textValues(app.runtime.database, table: "secrets", columns: ["name"])
            #expect(!names.contains { $0.hasPrefix("llm.key.") })
            // Deleting again is harmless.
            #expect(try await app.request(.delete, path, token: org.adminToken).status == .noContent)
        }
    }
}
