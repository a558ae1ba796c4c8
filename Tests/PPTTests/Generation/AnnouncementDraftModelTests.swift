import Foundation
import HTTPTypes
import PPTApp
import PPTAssistant
import PPTDomain
import PPTStorage
import Testing

/// Announcement drafts written by a model (a fake OpenAI `gpt-4o-mini`, which takes a JSON schema)
/// and checked by PPT, and choosing a draft, which becomes a draft announcement.
@Suite("Announcement drafts with a model, and choosing")
struct AnnouncementDraftModelTests {
    /// A model answer: `count` alternatives in `languages`, each stating the water-outage sample's values
    /// unless `date` is given instead of 5. 3. 2026.
    static func answer(count: Int, languages: [String] = ["sk", "en"], date: String = "5. 3. 2026") -> String {
        let styles = ["short_notice", "detailed", "friendly_reminder"]
        let drafts: [[String: Any]] = (0..<count).map { index in
            ["style": styles[index], "versions": languages.map { language -> [String: Any] in
                let body = language == "sk"
                    ? "Verzia \(index + 1). Dňa \(date) od 8:00 do 12:30 nepôjde teplá voda pre Blok A, vchody 1–3. "
                        + "Kontakt 0905 111 222."
                    : "Version \(index + 1). On \(date) there is no hot water from 8:00 to 12:30 in Blok A, vchody 1–3. "
                        + "Contact 0905 111 222."
                return ["language": language, "title": language == "sk" ? "Odstávka vody" : "Water outage", "body": body]
            }]
        }
        let data = try! JSONSerialization.data(withJSONObject: ["drafts": drafts])
        return String(decoding: data, as: UTF8.self)
    }

    static func withModel(_ answers: [String], _ body: @escaping @Sendable (AnnouncementDraftWorld, FakeLLMServer) async throws -> Void)
        async throws
    {
        try await TestApp.with(.sqlite) { app in
            let ann = try await AnnouncementDraftWorld.make(app)
            try await FakeLLMServer.run(script: GenerationEngineTests.script(answers)) { server in
                try await GenerationEngineTests.configure(app, ann.world, LLMAPI.openAIConfig(server.baseURL + "/v1"))
                try await body(ann, server)
            }
        }
    }

    static var request: [String: Any] { AnnouncementSamples.request("water_outage", languages: ["sk", "en"]) }

    @Test("a model answer with every value in every version is accepted as asked, in one JSON-schema call")
    func correctAnswer() async throws {
        try await Self.withModel([Self.answer(count: 3)]) { ann, server in
            let response = try await ann.generate(Self.request)
            #expect(response.status == .created, "\(response.text)")
            #expect(response.json?["provider"] as? String == "openai" && response.json?["model"] as? String == "gpt-4o-mini")
            let alternatives = AnnouncementSamples.alternatives(response)
            #expect(alternatives.count == 3 && alternatives.allSatisfy { $0.map(\.language) == ["sk", "en"] })
            #expect(alternatives[1][0].body.hasPrefix("Verzia 2."))
            let requests = await GenerationEngineTests.generationRequests(server)
            #expect(requests.count == 1)
            let format = try #require(requests.first?.json?["response_format"] as? [String: Any])
            #expect(format["type"] as? String == "json_schema")
            let schema = (format["json_schema"] as? [String: Any])?["name"] as? String
            #expect(schema == "announcement_drafts")
            #expect(requests.first?.text.contains("5. 3. 2026") == true && requests.first?.text.contains("5 March 2026") == true)
        }
    }

    @Test("too few alternatives, a dropped date or an unmarked critical title: retried once, then invalid_output",
          arguments: ["count", "date", "urgent"])
    func invalidAnswers(problem: String) async throws {
        let wrong = problem == "count" ? Self.answer(count: 2)
            : problem == "date" ? Self.answer(count: 3, date: "next Thursday") : Self.answer(count: 3)
        try await Self.withModel([wrong]) { ann, server in
            var request = Self.request
            if problem == "urgent" { request["urgency"] = "critical" }
            let response = try await ann.generate(request)
            #expect(response.status == .serviceUnavailable && response.problemCode == "generation.invalid_output",
                    "\(response.text)")
            let requests = await GenerationEngineTests.generationRequests(server)
            #expect(requests.count == 2)
            let retry = requests.last?.text ?? ""
            let expected = ["count": "must hold exactly 3 alternatives, not 2", "date": "does not state the date 5. 3. 2026",
                            "urgent": "/drafts/0/versions/1/title must start with URGENT:"][problem]!
            #expect(retry.contains(expected), "\(retry)")
            let failed = try await ann.app.request(.get, "\(ann.org)/ai/generations?kind=announcement_drafts&status=failed",
                                                   token: ann.adminToken)
            #expect(failed.items.count == 1 && failed.items.first?["errorCode"] as? String == "generation.invalid_output",
                    "\(failed.text)")
            #expect(failed.items.first?["subject"] as? String == "scenario:water_outage")
        }
    }

    @Test("a wrong first answer corrected on the retry passes")
    func correctedOnRetry() async throws {
        try await Self.withModel([Self.answer(count: 2), Self.answer(count: 3)]) { ann, server in
            let response = try await ann.generate(Self.request)
            #expect(response.status == .created, "\(response.text)")
            #expect(AnnouncementSamples.alternatives(response).count == 3)
            #expect(await GenerationEngineTests.generationRequests(server).count == 2)
        }
    }

    @Test("choosing makes an editable draft announcement for the audience and finalizes the generation once",
          arguments: TestDatabase.dialects)
    func choose(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let ann = try await AnnouncementDraftWorld.make(app)
            let building = ann.world.ids["buildingID"]!
            let made = try await ann.generate(AnnouncementSamples.request(
                "annual_meeting", languages: ["sk", "en"], extra: ["audience": ["buildingIDs": [building], "roles": ["owner"]]]))
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(made.json?["generationID"] as? String)
            let english = AnnouncementSamples.alternatives(made)[1][1]
            let wrongIndex = try await app.request(.post, "\(ann.drafts)/\(id)/choose", token: ann.adminToken,
                                                   body: ["index": 3, "language": "en"])
            #expect(wrongIndex.pointers == ["/index"], "\(wrongIndex.text)")
            let wrongLanguage = try await app.request(.post, "\(ann.drafts)/\(id)/choose", token: ann.adminToken,
                                                      body: ["index": 1, "language": "de"])
            #expect(wrongLanguage.pointers == ["/language"], "\(wrongLanguage.text)")
            let edited = english.body + "\n\nP.S. Coffee will be served."
            let chosen = try await app.request(.post, "\(ann.drafts)/\(id)/choose", token: ann.adminToken,
                                               body: ["index": 1, "language": "en", "body": edited])
            #expect(chosen.status == .created, "\(chosen.text)")
            let announcement = try #require(chosen.json)
            let announcementID = try #require(announcement["id"] as? String)
            #expect(announcement["status"] as? String == "draft" && announcement["title"] as? String == english.title)
            #expect(announcement["body"] as? String == edited)
            let target = try #require(announcement["target"] as? [String: Any])
            #expect(target["all"] as? Bool == false && target["buildingIDs"] as? [String] == [building])
            #expect(target["roles"] as? [String] == ["owner"])
            let generation = try await app.request(.get, "\(ann.org)/ai/generations/\(id)", token: ann.adminToken).json
            #expect(generation?["status"] as? String == "finalized")
            #expect(generation?["finalizedAs"] as? String == "announcement:\(announcementID)")
            let again = try await app.request(.post, "\(ann.drafts)/\(id)/choose", token: ann.adminToken,
                                              body: ["index": 0, "language": "sk"])
            #expect(again.status == .conflict, "\(again.text)")
            let list = try await app.request(.get, "\(ann.org)/announcements?limit=50", token: ann.adminToken)
            #expect(list.items.filter { ($0["body"] as? String)?.contains("Coffee") == true }.count == 1)
            // Still a draft: editable before publishing.
            let update = try await app.request(.put, "\(ann.org)/announcements/\(announcementID)", token: ann.adminToken,
                                               body: ["title": "Pozvánka", "body": edited,
                                                      "target": ["all": false, "buildingIDs": [building], "unitIDs": [String](),
                                                                 "roles": ["owner"]]])
            #expect(update.status == .ok && update.json?["title"] as? String == "Pozvánka", "\(update.text)")
            // Another kind of generation cannot be chosen as an announcement.
            let summary = try await app.request(.post, "\(ann.drafts)/\(ann.world.ids["generationID"]!)/choose",
                                                token: ann.adminToken, body: ["index": 0, "language": "sk"])
            #expect(summary.status == .notFound, "\(summary.text)")
        }
    }
}
