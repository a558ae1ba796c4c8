import Foundation
import HTTPTypes
import NIOHTTP1
import PPTApp
import PPTDomain
import PPTStorage
import Testing

/// The chat's tools and limits over HTTP: native function calling through a fake OpenAI, proposals
/// confirmed or declined, and limits that end an answer with a clear error.
@Suite("Assistant chat tools and limits")
struct ChatStreamingToolTests {
    @Test("A native tool call is run, streamed as a tool event and sent back to the model as a tool message")
    func nativeToolCall() async throws {
        try await TestApp.withLive(.sqlite) { app in
            let live = try await LiveChat.make(app)
            let pieces = ["Zostáva ", "vám ", "uhradiť ", "100 €."]
            let script = LiveChat.openAI { request, _ in
                let messages = request.json?["messages"] as? [[String: Any]] ?? []
                if messages.contains(where: { $0["role"] as? String == "tool" }) {
                    return FakeOpenAI.stream(pieces: pieces, usage: (30, 6), interval: .milliseconds(20))
                }
                return FakeOpenAI.stream(pieces: [], usage: (20, 3), toolCalls: [
                    FakeOpenAI.ToolCall(name: "my_balance", argumentFragments: ["{", "}"]),
                ])
            }
            try await FakeLLMServer.run(script: script) { server in
                try await live.useOpenAI(server)
                let token = live.chat.tenantToken
                let session = try await live.chat.session(token)
                let events = try await LiveChat.withClient { client in
                    var reader = try await live.ask(client, session, "Koľko dlžím za byt?", token: token)
                    #expect(reader.status == .ok)
                    return try await reader.rest()
                }
                expectIncreasingIDs(events)
                let toolIndex = try #require(events.firstIndex { $0.name == "tool" })
                let tool = try #require(events[toolIndex].json)
                #expect(tool["name"] as? String == "my_balance" && tool["status"] as? String == "ok")
                #expect((tool["summary"] as? String)?.isEmpty == false)
                let firstDelta = try #require(events.firstIndex { $0.name == "delta" })
                #expect(toolIndex < firstDelta)
                #expect(events.filter { $0.name == "delta" }.map(\.text).joined() == pieces.joined())
                let done = try #require(events.last?.json)
                #expect(events.last?.name == "done" && done["content"] as? String == pieces.joined())
                #expect(done["inputTokens"] as? Int == 50 && done["outputTokens"] as? Int == 9)
                let activities = done["toolCalls"] as? [[String: Any]] ?? []
                #expect(activities.map { $0["name"] as? String } == ["my_balance"])

                let calls = await server.requests().filter {
                    $0.path.hasSuffix("/chat/completions") && !$0.text.contains("Reply with the word OK.")
                }
                #expect(calls.count == 2)
                let offered = (calls.first?.json?["tools"] as? [[String: Any]] ?? [])
                    .compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
                #expect(offered.contains("my_balance") && offered.contains("report_fault"))
                let messages = try #require(calls.last?.json?["messages"] as? [[String: Any]])
                let call = messages.first { $0["role"] as? String == "assistant" && $0["tool_calls"] != nil }
                let callID = ((call?["tool_calls"] as? [[String: Any]])?.first)
                #expect(callID?["id"] as? String == "call_fake_1")
                #expect((callID?["function"] as? [String: Any])?["name"] as? String == "my_balance")
                let result = try #require(messages.first { $0["role"] as? String == "tool" })
                #expect(result["tool_call_id"] as? String == "call_fake_1")
                let content = try #require((result["content"] as? String).map { Data($0.utf8) })
                let output = try #require(try JSONSerialization.jsonObject(with: content) as? [String: Any])
                #expect(output["summary"] as? String == tool["summary"] as? String)
                #expect(((output["data"] as? [String: Any])?["units"] as? [Any])?.count == 1)
            }
        }
    }

    @Test("report_fault only proposes; confirming reports the fault once as the member, cancelling reports nothing",
          arguments: TestDatabase.dialects)
    func proposalConfirmAndCancel(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let chat = try await ChatWorld.make(app)
            let org = "/api/v1/orgs/\(chat.world.ids["orgID"]!)"
            func faults() async throws -> [[String: Any]] {
                try await app.request(.get, "\(org)/faults?limit=100", token: chat.adminToken).items
            }
            let before = try await faults()
            let session = try await chat.session(chat.tenantToken)
            let answer = try await chat.ask(session, "Pokazený výťah v dome", token: chat.tenantToken)
            #expect(answer["status"] as? String == "complete" && answer["provider"] as? String == "builtin")
            let activity = try #require((answer["toolCalls"] as? [[String: Any]])?.first)
            #expect(activity["name"] as? String == "report_fault" && activity["status"] as? String == "proposed")
            let actionID = try #require(activity["actionID"] as? String)
            #expect(try await faults().count == before.count)
            let actions = "\(chat.path)/actions"
            let pending = try await app.request(.get, "\(actions)/\(actionID)", token: chat.tenantToken)
            #expect(pending.json?["status"] as? String == "proposed" && pending.json?["tool"] as? String == "report_fault")
            #expect(try await app.request(.post, "\(actions)/\(actionID)/confirm", token: chat.adminToken).status
                    == .notFound)

            let confirmed = try await app.request(.post, "\(actions)/\(actionID)/confirm", token: chat.tenantToken)
            #expect(confirmed.status == .ok, "\(confirmed.text)")
            #expect(confirmed.json?["status"] as? String == "confirmed")
            let after = try await faults()
            #expect(after.count == before.count + 1)
            let known = Set(before.compactMap { $0["id"] as? String })
            let created = try #require(after.first { !known.contains($0["id"] as? String ?? "") })
            #expect(created["reportedBy"] as? String == chat.world.fixture.tenantUser.id.rawValue)
            #expect(created["title"] as? String == "Pokazený výťah v dome")
            let result = confirmed.json?["result"] as? [String: Any]
            #expect((result?["data"] as? [String: Any])?["fault_id"] as? String == created["id"] as? String)
            for decision in ["confirm", "cancel"] {
                let again = try await app.request(.post, "\(actions)/\(actionID)/\(decision)", token: chat.tenantToken)
                #expect(again.status == .conflict && again.problemCode == "chat.action_decided", "\(decision)")
            }

            let second = try await chat.ask(session, "Nesvieti svetlo na chodbe", token: chat.tenantToken)
            let declinedID = try #require((second["toolCalls"] as? [[String: Any]])?.first?["actionID"] as? String)
            let declined = try await app.request(.post, "\(actions)/\(declinedID)/cancel", token: chat.tenantToken)
            #expect(declined.status == .ok && declined.json?["status"] as? String == "cancelled", "\(declined.text)")
            let late = try await app.request(.post, "\(actions)/\(declinedID)/confirm", token: chat.tenantToken)
            #expect(late.status == .conflict && late.problemCode == "chat.action_decided")
            #expect(try await faults().count == before.count + 1)
        }
    }

    @Test("Over the per-user rate limit a question fails at once: 429 as JSON, an error event as a stream")
    func rateLimited() async throws {
        try await TestApp.withLive(.sqlite) { app in
            let live = try await LiveChat.make(app)
            let chat = live.chat
            let saved = try await app.request(.put, "\(live.orgPath)/llm/config", token: chat.adminToken,
                                              body: LLMAPI.builtinConfig(["rateLimits": ["userRequestsPerMinute": 1]]))
            #expect(saved.status == .ok, "\(saved.text)")
            // A question is one request of the member: the query's embedding for retrieval is the organization's.
            // The three questions must fall in one minute of the limiter; on a loaded machine they may
            // not, and then the whole sequence runs again from the start of a minute.
            var attempt = 0
            var session = "", first: [String: Any] = [:], refused: TestApp.Result?, events: [SSEEvent] = []
            repeat {
                attempt += 1
                // A repeat starts with the next minute: the last attempt's requests that crossed into
                // this one were counted in it.
                try await LLMAPI.waitForFreshMinute(margin: attempt == 1 ? 20 : 60)
                let minute = Int(Date().timeIntervalSince1970 / 60)
                session = try await chat.session(chat.tenantToken)
                first = try await chat.ask(session, ChatStreamingTests.question, token: chat.tenantToken)
                refused = try await app.request(.post, "\(chat.path)/sessions/\(session)/messages",
                                                token: chat.tenantToken, body: ["content": "Kedy je nočný pokoj v nedeľu?"])
                events = try await LiveChat.withClient { client in
                    var reader = try await live.ask(client, session, "Kedy je nočný pokoj vo sviatok?",
                                                    token: chat.tenantToken)
                    #expect(reader.status == .ok)
                    return try await reader.rest()
                }
                if Int(Date().timeIntervalSince1970 / 60) == minute { break }
            } while attempt < 3
            #expect(first["status"] as? String == "complete")
            let messages = "\(chat.path)/sessions/\(session)/messages"
            let rejected = try #require(refused)
            #expect(rejected.status == .tooManyRequests && rejected.problemCode == "llm.rate_limited", "\(rejected.text)")
            #expect(Int(rejected.header("Retry-After") ?? "").map { $0 >= 1 } == true)
            let stored = try await app.request(.get, messages, token: chat.tenantToken).array as? [[String: Any]] ?? []
            #expect(stored.count == 6)
            let refusedAnswer = stored.dropFirst(3).first
            #expect(refusedAnswer?["status"] as? String == "failed"
                    && refusedAnswer?["errorCode"] as? String == "llm.rate_limited")

            #expect(events.first?.name == "start" && events.last?.name == "error")
            #expect(!events.contains { $0.name == "done" || $0.name == "delta" })
            let problem = try #require(events.last?.json)
            #expect(problem["code"] as? String == "llm.rate_limited" && problem["status"] as? Int == 429)
            let answerID = try #require(events.first?.json?["id"] as? String)
            let answer = try await live.message(session, answerID, token: chat.tenantToken)
            #expect(answer["status"] as? String == "failed" && answer["errorCode"] as? String == "llm.rate_limited")
        }
    }
}
