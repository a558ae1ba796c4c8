import Foundation
import HTTPTypes
import PPTDomain
import PPTStorage
import Testing

/// A fake OpenAI model that drafts leases: it echoes the clauses it is given, adds a clause for the
/// cat, and misbehaves as the requests' `scenario:` line says (dropping the deposit clause, raising
/// the rent), on every attempt or only the first.
enum FakeLeaseModel {
    static let script: FakeLLMServer.Script = { request, _ in
        if request.method == "GET", request.path.hasSuffix("/models") { return FakeOpenAI.models(["gpt-4o-mini"]) }
        if request.text.contains("Reply with the word OK.") { return FakeOpenAI.stream(pieces: ["OK"], usage: (5, 1)) }
        let messages = (request.json?["messages"] as? [[String: Any]]) ?? []
        let prompt = messages.compactMap { $0["content"] as? String }.first { $0.hasPrefix("Clauses:\n") } ?? ""
        let retry = messages.count > 2
        guard let start = prompt.range(of: "Clauses:\n"), let end = prompt.range(of: "\n\nRequests:"),
              let clauses = try? JSONSerialization.jsonObject(with: Data(prompt[start.upperBound..<end.lowerBound].utf8))
                as? [[String: Any]]
        else { return FakeOpenAI.stream(pieces: ["{}"]) }
        let scenario = prompt.components(separatedBy: "scenario: ").dropFirst().first?
            .prefix { $0 != "\n" } ?? "correct"
        let misbehave = scenario.hasSuffix("-always") || !retry
        var sections = clauses
        if scenario.hasPrefix("drop"), misbehave { sections.removeAll { $0["key"] as? String == "deposit" } }
        if scenario.hasPrefix("rent"), misbehave, let index = sections.firstIndex(where: { $0["key"] as? String == "rent" }) {
            sections[index]["text"] = (sections[index]["text"] as! String)
                .replacingOccurrences(of: "620,00 EUR", with: "720,00 EUR")
        }
        var cat: [String: Any] = ["key": "pets_cat", "title": "Mačka",
                                  "text": "Nájomca smie v byte chovať jednu mačku."]
        if clauses.first?["translation"] != nil {
            cat["translation"] = ["title": "Cat", "text": "The tenant may keep one cat in the flat."]
        }
        let closing = sections.firstIndex { $0["key"] as? String == "governing_law" } ?? sections.endIndex
        sections.insert(cat, at: closing)
        let body = try! JSONSerialization.data(withJSONObject: ["sections": sections])
        return FakeOpenAI.stream(pieces: [String(decoding: body, as: UTF8.self)], usage: (900, 700))
    }
}

@Suite("Lease generation with a model")
struct LeaseModelTests {
    @Test("The model's lease is verified: a dropped clause or a changed rent is retried once, then refused",
          arguments: TestDatabase.dialects)
    func verified(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await LeaseWorld.make(app)
            try await FakeLLMServer.run(script: FakeLeaseModel.script) { server in
                let config = try await app.request(.put, "\(world.org)/llm/config", token: world.admin,
                                                   body: LLMAPI.openAIConfig(server.baseURL + "/v1"))
                #expect(config.status == .ok, "\(config.text)")
                func chatRequests(_ scenario: String) async -> [RecordedLLMRequest] {
                    await server.requests().filter {
                        $0.path.hasSuffix("/chat/completions") && $0.text.contains("scenario: \(scenario)")
                    }
                }

                // A correct answer with the requested clause passes, with a bilingual version.
                let correct = try await world.generate(world.skLeaseID, [
                    "bilingual": "en", "requests": ["add a clause allowing one cat", "scenario: correct"]])
                #expect(correct.status == .created, "\(correct.text)")
                let sections = leaseSections(correct.json)
                #expect(sections.contains { $0["key"] as? String == "pets_cat" && $0["mandatory"] as? Bool == false })
                #expect(sections.allSatisfy { $0["translation"] is [String: Any] })
                #expect(leaseText(sections, "rent").contains("620,00 EUR"))
                let usage = try #require(correct.json?["usage"] as? [String: Any])
                #expect(usage["provider"] as? String == "openai" && usage["calls"] as? Int == 1)
                #expect(usage["inputTokens"] as? Int == 900 && usage["outputTokens"] as? Int == 700)
                let first = try #require(await chatRequests("correct").first?.json)
                let format = try #require(first["response_format"] as? [String: Any])
                #expect(format["type"] as? String == "json_schema")
                #expect((format["json_schema"] as? [String: Any])?["name"] as? String == "lease_sections")

                // Wrong once, right on the retry.
                let fixed = try await world.generate(world.skLeaseID, ["requests": ["scenario: rent-once"]])
                #expect(fixed.status == .created, "\(fixed.text)")
                #expect(await chatRequests("rent-once").count == 2)
                #expect((fixed.json?["usage"] as? [String: Any])?["calls"] as? Int == 2)

                for (scenario, problem) in [("drop-always", "the mandatory clause 'deposit'"),
                                            ("rent-always", #"must state the rent exactly as \"620,00 EUR\""#)] {
                    let refused = try await world.generate(world.skLeaseID, ["requests": ["scenario: \(scenario)"]])
                    #expect(refused.status == .serviceUnavailable, "\(scenario): \(refused.text)")
                    #expect(refused.json?["code"] as? String == "generation.invalid_output")
                    let calls = await chatRequests(scenario)
                    #expect(calls.count == 2, "\(scenario)")
                    #expect(calls.last?.text.contains(problem) == true, "\(scenario): \(calls.last?.text ?? "")")
                    #expect(calls.first?.text.contains(problem) == false)
                }
                let drafts = try await app.request(.get, "\(world.org)/leases/\(world.skLeaseID)/drafts",
                                                   token: world.manager)
                let failed = drafts.items.filter { $0["status"] as? String == "failed" }
                #expect(failed.count == 2)
                #expect(failed.allSatisfy { $0["errorCode"] as? String == "generation.invalid_output" })
                #expect(failed.allSatisfy { ($0["usage"] as? [String: Any])?["calls"] as? Int == 2 })
                let failedID = try #require(failed.first?["id"] as? String)
                let editFailed = try await app.request(
                    .put, "\(world.org)/leases/\(world.skLeaseID)/drafts/\(failedID)", token: world.manager,
                    body: ["sections": [[String: Any]]()])
                #expect(editFailed.status == .conflict, "\(editFailed.text)")
            }
        }
    }
}
