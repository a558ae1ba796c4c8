import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTStorage
import SQLKit
import Testing

/// `POST llm/chat/completions`: OpenAI-compatible answers, streamed or whole, from providers played by
/// loopback fakes or the built-in provider.
@Suite("LLM completions API")
struct LLMCompletionsAPITests {
    @Test("an OpenAI provider's stream is relayed as OpenAI chunks with its exact usage, and billed once per call",
          arguments: TestDatabase.dialects)
    func openAIStream(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let pieces = ["Dobrý ", "deň, ", "ako môžem pomôcť?"]
            try await FakeLLMServer.run(script: LLMAPI.openAIScript(pieces: pieces, usage: (12, 7))) { server in
                let saved = try await app.request(.put, "\(org.path)/llm/config", token: org.adminToken,
                                                  body: LLMAPI.openAIConfig(server.baseURL + "/v1"))
                #expect(saved.status == .ok, "\(saved.text)")
                let path = "\(org.path)/llm/chat/completions"

                let streamed = try await app.request(.post, path, token: org.adminToken,
                                                     body: LLMAPI.chat("Ahoj", stream: true))
                #expect(streamed.status == .ok, "\(streamed.text)")
                #expect(streamed.header("Content-Type")?.hasPrefix("text/event-stream") == true)
                #expect(streamed.header("X-PPT-LLM-Provider") == "openai")
                #expect(streamed.header("X-PPT-LLM-Model") == "gpt-4o-mini")
                #expect(streamed.header("X-PPT-LLM-Attempts") == "1")
                let (chunks, done) = LLMAPI.events(streamed.text)
                #expect(done)
                #expect(chunks.allSatisfy { $0["object"] as? String == "chat.completion.chunk" })
                #expect(Set(chunks.compactMap { $0["id"] as? String }).count == 1)
                #expect(chunks.allSatisfy { $0["system_fingerprint"] as? String == "ppt-gateway" })
                let choices = chunks.map { ($0["choices"] as? [[String: Any]]) ?? [] }
                let deltas = choices.compactMap { $0.first?["delta"] as? [String: Any] }
                #expect(deltas.first?["role"] as? String == "assistant")
                #expect(deltas.compactMap { $0["content"] as? String }.joined() == pieces.joined())
                let finishes = choices.compactMap { $0.first?["finish_reason"] as? String }
                #expect(finishes == ["stop"])
                let usageChunk = try #require(chunks.last)
                #expect((usageChunk["choices"] as? [Any])?.isEmpty == true)
                let usage = usageChunk["usage"] as? [String: Any]
                #expect(usage?["prompt_tokens"] as? Int == 12)
                #expect(usage?["completion_tokens"] as? Int == 7)
                #expect(usage?["total_tokens"] as? Int == 19)
                let sent = try #require(await server.requests().last)
                #expect(sent.path == "/v1/chat/completions")
                #expect(sent.json?["model"] as? String == "gpt-4o-mini")
                #expect(sent.json?["stream"] as? Bool == true)
                #expect((sent.json?["messages"] as? [[String: Any]])?.last?["content"] as? String == "Ahoj")

                let whole = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat("Ahoj"))
                #expect(whole.status == .ok, "\(whole.text)")
                #expect(whole.header("Content-Type")?.hasPrefix("application/json") == true)
                #expect(whole.json?["object"] as? String == "chat.completion")
                #expect(whole.json?["model"] as? String == "gpt-4o-mini")
                let choice = (whole.json?["choices"] as? [[String: Any]])?.first
                #expect((choice?["message"] as? [String: Any])?["content"] as? String == pieces.joined())
                #expect((choice?["message"] as? [String: Any])?["role"] as? String == "assistant")
                #expect(choice?["finish_reason"] as? String == "stop")
                #expect((whole.json?["usage"] as? [String: Any])?["prompt_tokens"] as? Int == 12)
                #expect(await server.requests().count == 3) // the probe and two calls

                let entries = try await app.request(.get, "\(org.path)/llm/usage/entries", token: org.adminToken)
                #expect(entries.status == .ok)
                #expect(entries.items.count == 2)
                for entry in entries.items {
                    #expect(entry["provider"] as? String == "openai")
                    #expect(entry["model"] as? String == "gpt-4o-mini")
                    #expect(entry["feature"] as? String == "chat")
                    #expect(entry["userID"] as? String == org.adminID.rawValue)
                    #expect(entry["inputTokens"] as? Int == 12)
                    #expect(entry["outputTokens"] as? Int == 7)
                    #expect(entry["usageEstimated"] as? Bool == false)
                    #expect(entry["outcome"] as? String == "ok")
                    #expect(entry["attempts"] as? Int == 1)
                }
            }
        }
    }

    @Test("without configuration the built-in provider answers offline", arguments: TestDatabase.dialects)
    func builtin(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let path = "\(org.path)/llm/chat/completions"
            let whole = try await app.request(.post, path, token: org.managerToken, body: LLMAPI.chat("Dobrý deň"))
            #expect(whole.status == .ok, "\(whole.text)")
            #expect(whole.header("X-PPT-LLM-Provider") == "builtin")
            #expect(whole.json?["system_fingerprint"] as? String == "ppt-builtin")
            #expect(whole.json?["model"] as? String == "ppt-builtin-1")
            let content = ((whole.json?["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"]
            #expect(((content as? String) ?? "").isEmpty == false)

            let streamed = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat("Hello", stream: true))
            #expect(streamed.status == .ok)
            #expect(streamed.header("X-PPT-LLM-Provider") == "builtin")
            let (chunks, done) = LLMAPI.events(streamed.text)
            #expect(done)
            #expect(chunks.allSatisfy { $0["system_fingerprint"] as? String == "ppt-builtin" })
            let text = chunks.compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"]
                as? String }.joined()
            #expect(!text.isEmpty)
            #expect(chunks.last?["usage"] is [String: Any])

            let entries = try await app.request(.get, "\(org.path)/llm/usage/entries", token: org.adminToken)
            #expect(entries.items.count == 2)
            #expect(entries.items.allSatisfy { $0["provider"] as? String == "builtin" && $0["outcome"] as? String == "ok" })
            #expect(Set(entries.items.compactMap { $0["userID"] as? String })
                    == [org.adminID.rawValue, org.managerID.rawValue])
        }
    }

    @Test("an Anthropic primary serves with its configured model, whatever model the caller names",
          arguments: TestDatabase.dialects)
    func anthropic(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let answer = FakeAnthropic.stream(model: "claude-sonnet-4-5", pieces: ["Hello", " from", " Claude"],
                                              inputTokens: 21, outputTokens: 4)
            try await FakeLLMServer.run(responses: [answer]) { server in
                let saved = try await app.request(.put, "\(org.path)/llm/config", token: org.adminToken, body: [
                    "primary": ["provider": "anthropic", "model": "claude-sonnet-4-5", "baseURL": server.baseURL + "/v1"],
                    "apiKeys": ["anthropic": "sk-ant-test-0000000000001111"],
                ])
                #expect(saved.status == .ok, "\(saved.text)")
                let response = try await app.request(.post, "\(org.path)/llm/chat/completions", token: org.adminToken,
                                                     body: LLMAPI.chat("Hi", extra: ["model": "gpt-4o"]))
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.header("X-PPT-LLM-Provider") == "anthropic")
                #expect(response.header("X-PPT-LLM-Model") == "claude-sonnet-4-5")
                #expect(response.json?["model"] as? String == "claude-sonnet-4-5")
                let message = (response.json?["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any]
                #expect(message?["content"] as? String == "Hello from Claude")
                let usage = response.json?["usage"] as? [String: Any]
                #expect(usage?["prompt_tokens"] as? Int == 21)
                #expect(usage?["completion_tokens"] as? Int == 4)
                let sent = try #require(await server.requests().last)
                #expect(sent.path == "/v1/messages")
                #expect(sent.header("x-api-key") == "sk-ant-test-0000000000001111")
                #expect(sent.json?["model"] as? String == "claude-sonnet-4-5")
            }
        }
    }

    @Test("a failing provider is retried, then 503; a fallback endpoint serves instead",
          arguments: TestDatabase.dialects)
    func failureAndFallback(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            // `retry-after-ms: 1` keeps the SDK-style retries fast; they are still made.
            let failing = FakeOpenAI.error(status: 500, type: "server_error", message: "The server had an error.",
                                           headers: [("retry-after-ms", "1")])
            try await FakeLLMServer.run(responses: [failing]) { bad in
                try await FakeLLMServer.run(script: LLMAPI.openAIScript(pieces: ["Fallback ", "here"])) { good in
                    let config = "\(org.path)/llm/config"
                    let path = "\(org.path)/llm/chat/completions"
                    let forced = try await app.request(.put, config, token: org.adminToken, body: LLMAPI.openAIConfig(
                        bad.baseURL + "/v1", extra: ["force": true]))
                    #expect(forced.status == .ok, "\(forced.text)")
                    let probes = await bad.requests().count

                    let failed = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat())
                    #expect(failed.status == .serviceUnavailable, "\(failed.text)")
                    #expect(failed.header("Content-Type") == "application/problem+json")
                    #expect(failed.problemCode == "llm.provider_unavailable")
                    #expect(await bad.requests().count - probes == 3) // the first try and two retries

                    let entries = try await app.request(.get, "\(org.path)/llm/usage/entries", token: org.adminToken)
                    #expect(entries.items.count == 1)
                    #expect(entries.items.first?["outcome"] as? String == "error")
                    #expect(entries.items.first?["errorCode"] as? String == "llm.provider_error")
                    #expect(entries.items.first?["attempts"] as? Int == 3)

                    let withFallback = try await app.request(.put, config, token: org.adminToken, body: LLMAPI.openAIConfig(
                        bad.baseURL + "/v1", extra: ["force": true, "fallbacks": [
                            ["provider": "openai", "model": "gpt-4o", "baseURL": good.baseURL + "/v1"]]]))
                    #expect(withFallback.status == .ok, "\(withFallback.text)")
                    let served = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat())
                    #expect(served.status == .ok, "\(served.text)")
                    #expect(served.header("X-PPT-LLM-Model") == "gpt-4o")
                    #expect((Int(served.header("X-PPT-LLM-Attempts") ?? "") ?? 0) > 1)
                    let message = (served.json?["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any]
                    #expect(message?["content"] as? String == "Fallback here")
                    #expect(await good.requests().last?.json?["model"] as? String == "gpt-4o")
                    let all = try await app.request(.get, "\(org.path)/llm/usage/entries", token: org.adminToken)
                    #expect(all.items.count == 2)
                    #expect(all.items.first?["outcome"] as? String == "ok")
                    #expect(all.items.first?["model"] as? String == "gpt-4o")
                }
            }
        }
    }
}
