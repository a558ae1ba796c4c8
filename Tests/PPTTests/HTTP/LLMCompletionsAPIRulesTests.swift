import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTStorage
import SQLKit
import Testing

/// What `POST llm/chat/completions` refuses: roles without `llmUse`, a switched-off feature, bad bodies.
@Suite("LLM completions API rules")
struct LLMCompletionsAPIRulesTests {
    @Test("tenants are refused, bad bodies get pointers, and nothing refused is billed", arguments: TestDatabase.dialects)
    func refusals(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let path = "\(org.path)/llm/chat/completions"
            let tenant = try await app.request(.post, path, token: org.tenantToken, body: LLMAPI.chat())
            #expect(tenant.status == .forbidden)
            #expect(tenant.problemCode == "permission.denied")
            #expect(try await app.request(.post, path, token: nil, body: LLMAPI.chat()).status == .unauthorized)

            let cases: [([String: Any], [String])] = [
                (["messages": [] as [Any]], ["/messages"]),
                (["messages": [["role": "robot", "content": "hi"]]], ["/messages/0/role"]),
                (LLMAPI.chat(extra: ["temperature": 5]), ["/temperature"]),
                (LLMAPI.chat(extra: ["max_tokens": 0]), ["/max_tokens"]),
                (["messages": [["role": "tool", "content": "42"]]], ["/messages/0/tool_call_id"]),
                (LLMAPI.chat(extra: ["response_format": ["type": "xml"]]), ["/response_format/type"]),
                (["messages": [] as [Any], "temperature": 5], ["/messages", "/temperature"]),
            ]
            for (body, pointers) in cases {
                let response = try await app.request(.post, path, token: org.adminToken, body: body)
                #expect(response.status == .unprocessableContent, "\(pointers): \(response.text)")
                #expect(response.problemCode == "validation.failed")
                #expect(response.pointers == pointers)
            }
            let missing = try await app.request(.post, path, token: org.adminToken, body: ["stream": true])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.pointers == ["/messages"])
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            let garbage = try await app.raw(.post, path, token: org.adminToken, body: ByteBuffer(string: "{\"messages\": ["),
                                            headers: headers)
            #expect(garbage.status == .badRequest, "\(garbage.text)")
            #expect(garbage.problemCode == "request.malformed_json")

            let entries = try await app.request(.get, "\(org.path)/llm/usage/entries", token: org.adminToken)
            #expect(entries.items.isEmpty)
            let ok = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat())
            #expect(ok.status == .ok)
            #expect(try await app.request(.get, "\(org.path)/llm/usage/entries", token: org.adminToken).items.count == 1)
        }
    }

    @Test("switching llm.chat_enabled off refuses chat with llm.feature_disabled", arguments: TestDatabase.dialects)
    func featureFlag(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let path = "\(org.path)/llm/chat/completions"
            let flag = "\(org.path)/feature-flags/llm.chat_enabled"
            #expect(try await app.request(.put, flag, token: org.adminToken, body: ["enabled": false]).status == .ok)
            let refused = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat())
            #expect(refused.status == .forbidden, "\(refused.text)")
            #expect(refused.problemCode == "llm.feature_disabled")
            // Other features keep working.
            let summary = try await app.request(.post, path, token: org.adminToken,
                                                body: LLMAPI.chat(extra: ["feature": "summarization"]))
            #expect(summary.status == .ok, "\(summary.text)")
            #expect(try await app.request(.get, "\(org.path)/llm/usage/entries", token: org.adminToken).items.count == 1)
        }
    }

    @Test("an answer that breaks off after output began ends the stream with an error object, billed as an error",
          arguments: TestDatabase.dialects)
    func interrupted(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            try await FakeLLMServer.run(responses: [FakeOpenAI.midStreamError(pieces: ["Hel"])]) { server in
                let saved = try await app.request(.put, "\(org.path)/llm/config", token: org.adminToken,
                                                  body: LLMAPI.openAIConfig(server.baseURL + "/v1", extra: ["force": true]))
                #expect(saved.status == .ok, "\(saved.text)")
                let path = "\(org.path)/llm/chat/completions"
                let streamed = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat(stream: true))
                #expect(streamed.status == .ok) // the status was sent with the first output
                let (chunks, done) = LLMAPI.events(streamed.text)
                #expect(!done)
                let text = chunks.compactMap {
                    (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String
                }.joined()
                #expect(text == "Hel")
                let error = chunks.last?["error"] as? [String: Any]
                #expect(error?["code"] as? String == "llm.stream_interrupted")
                #expect(error?["type"] as? String == "server_error")
                // Not streamed, the same failure is a problem response.
                let whole = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat())
                #expect(whole.status == .serviceUnavailable, "\(whole.text)")
                #expect(whole.problemCode == "llm.stream_interrupted")
                let entries = try await app.request(.get, "\(org.path)/llm/usage/entries", token: org.adminToken).items
                #expect(entries.count == 2)
                #expect(entries.allSatisfy { $0["outcome"] as? String == "error" })
                #expect(entries.allSatisfy { $0["errorCode"] as? String == "llm.provider_stream_error" })
            }
        }
    }

    // Regression: the gateway's store caches flag values for 5 s; `PUT feature-flags/:flag` must drop this
    // process's cached values (it once did not, and a switched-off flag kept working for up to 5 s).
    @Test("a flag switched off after a call applies at once in the same process", arguments: TestDatabase.dialects)
    func featureFlagAppliesAtOnce(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let path = "\(org.path)/llm/chat/completions"
            let flag = "\(org.path)/feature-flags/llm.chat_enabled"
            #expect(try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat()).status == .ok)
            #expect(try await app.request(.put, flag, token: org.adminToken, body: ["enabled": false]).status == .ok)
            let refused = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat())
            #expect(refused.status == .forbidden, "flag change not applied at once: \(refused.status)")
            #expect(refused.problemCode == "llm.feature_disabled")
            #expect(try await app.request(.put, flag, token: org.adminToken, body: ["enabled": true]).status == .ok)
            #expect(try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat()).status == .ok)
        }
    }
}
