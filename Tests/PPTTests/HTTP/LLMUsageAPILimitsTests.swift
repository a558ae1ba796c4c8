import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTStorage
import SQLKit
import Testing

/// Per-minute rate limits of the organization and of each user, as HTTP callers meet them.
@Suite("LLM usage API limits")
struct LLMUsageAPILimitsTests {
    @Test("the organization's requests per minute: the call over the limit gets 429 with Retry-After",
          arguments: TestDatabase.dialects)
    func organizationLimit(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let saved = try await app.request(.put, "\(org.path)/llm/config", token: org.adminToken,
                                              body: LLMAPI.builtinConfig(["rateLimits": ["requestsPerMinute": 2]]))
            #expect(saved.status == .ok, "\(saved.text)")
            try await LLMAPI.waitForFreshMinute()
            let path = "\(org.path)/llm/chat/completions"
            #expect(try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat()).status == .ok)
            #expect(try await app.request(.post, path, token: org.managerToken,
                                          body: LLMAPI.chat(stream: true)).status == .ok)
            for token in [org.adminToken, org.managerToken] {
                let limited = try await app.request(.post, path, token: token, body: LLMAPI.chat())
                #expect(limited.status == .tooManyRequests, "\(limited.text)")
                #expect(limited.problemCode == "llm.rate_limited")
                #expect(limited.header("Content-Type") == "application/problem+json")
                let retryAfter = try #require(Int(limited.header("Retry-After") ?? ""))
                #expect((1...60).contains(retryAfter))
            }
            // Refused calls are neither billed nor counted against the window.
            #expect(try await app.request(.get, "\(org.path)/llm/usage/entries", token: org.adminToken).items.count == 2)
            let windows = try await app.runtime.database.read { sql in
                try await sql.raw("SELECT requests FROM llm_rate_windows WHERE scope_key = \(bind: "org:\(org.id.rawValue)")")
                    .all().map { try $0.decode(column: "requests", as: Int.self) }
            }
            #expect(windows.reduce(0, +) == 2)
            // Raising the limit applies at once in this process.
            let raised = try await app.request(.put, "\(org.path)/llm/config", token: org.adminToken,
                                               body: LLMAPI.builtinConfig(["rateLimits": ["requestsPerMinute": 3]]))
            #expect(raised.status == .ok)
            #expect(try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat()).status == .ok)
        }
    }

    @Test("requests per user count each user apart", arguments: TestDatabase.dialects)
    func userLimit(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let saved = try await app.request(.put, "\(org.path)/llm/config", token: org.adminToken,
                                              body: LLMAPI.builtinConfig(["rateLimits": ["userRequestsPerMinute": 2]]))
            #expect(saved.status == .ok, "\(saved.text)")
            try await LLMAPI.waitForFreshMinute()
            let path = "\(org.path)/llm/chat/completions"
            for _ in 0..<2 {
                #expect(try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat()).status == .ok)
            }
            let limited = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat())
            #expect(limited.status == .tooManyRequests)
            #expect(limited.problemCode == "llm.rate_limited")
            #expect((1...60).contains(Int(limited.header("Retry-After") ?? "") ?? 0))
            // The manager has a window of their own.
            for _ in 0..<2 {
                #expect(try await app.request(.post, path, token: org.managerToken, body: LLMAPI.chat()).status == .ok)
            }
            #expect(try await app.request(.post, path, token: org.managerToken, body: LLMAPI.chat()).status
                    == .tooManyRequests)
            let entries = try await app.request(.get, "\(org.path)/llm/usage/entries", token: org.adminToken).items
            #expect(entries.count == 4)
        }
    }

    @Test("a token limit blocks the next call once the minute's tokens are used", arguments: TestDatabase.dialects)
    func tokenLimit(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            try await FakeLLMServer.run(script: LLMAPI.openAIScript(pieces: ["Long answer"], usage: (600, 500))) { server in
                let saved = try await app.request(.put, "\(org.path)/llm/config", token: org.adminToken,
                                                  body: LLMAPI.openAIConfig(server.baseURL + "/v1", extra: [
                                                      "rateLimits": ["tokensPerMinute": 1_000]]))
                #expect(saved.status == .ok, "\(saved.text)")
                try await LLMAPI.waitForFreshMinute()
                let path = "\(org.path)/llm/chat/completions"
                #expect(try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat()).status == .ok)
                let limited = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat())
                #expect(limited.status == .tooManyRequests, "\(limited.text)")
                #expect(limited.problemCode == "llm.rate_limited")
                #expect(await server.requests().count == 2) // the probe and the first call
            }
        }
    }
}
