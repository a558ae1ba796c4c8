import Foundation
import HTTPTypes
import PPTApp
import PPTAssistant
import PPTDocuments
import PPTDomain
import PPTStorage
import Testing

/// Announcement drafts on the built-in provider: scenario templates with their fields, alternatives
/// in every requested language, audience checks, and choosing a draft.
@Suite("Announcement drafts")
struct AnnouncementDraftTests {
    @Test("every scenario gives count distinct alternatives with all required values in each requested language",
          arguments: AnnouncementScenarios.all.map(\.key))
    func builtinScenarios(scenario: String) async throws {
        try await TestApp.with(.sqlite) { app in
            let ann = try await AnnouncementDraftWorld.make(app)
            let started = ContinuousClock.now
            let response = try await ann.generate(AnnouncementSamples.request(scenario))
            let elapsed = ContinuousClock.now - started
            #expect(response.status == .created, "\(response.text)")
            #expect(response.json?["provider"] as? String == "builtin")
            let alternatives = AnnouncementSamples.alternatives(response)
            #expect(alternatives.count == 3)
            for language in AppLocale.allCases {
                var bodies = Set<String>()
                var titles = Set<String>()
                for (index, versions) in alternatives.enumerated() {
                    let version = try #require(versions.first { $0.language == language.rawValue },
                                               "alternative \(index) has no \(language)")
                    #expect(LanguageDetector.detect(version.body) == language,
                            "\(scenario) #\(index) \(language) reads as \(String(describing: LanguageDetector.detect(version.body))): \(version.body)")
                    #expect(!version.title.isEmpty && version.title.count <= 200)
                    for value in AnnouncementSamples.expected(scenario, language) + ["0905 111 222"] {
                        #expect(version.body.contains(value), "\(scenario) #\(index) \(language) lacks \(value): \(version.body)")
                    }
                    if scenario == "custom" { #expect(version.body.contains("Zber veľkoobjemového odpadu")) }
                    bodies.insert(version.body)
                    titles.insert(version.title)
                }
                #expect(bodies.count == 3 && titles.count == 3, "\(scenario) \(language): alternatives repeat")
            }
            // The three structures differ: only the detailed one lists the facts, the reminder thanks.
            let english = alternatives.map { $0.first { $0.language == "en" }?.body ?? "" }
            if scenario != "custom" { #expect(english[1].contains("Details:\n- ") && !english[0].contains("Details:")) }
            #expect(english[2].contains("Thank you for your cooperation.") && english[0].count < english[1].count)
            print("announcement drafts (\(scenario), builtin, 3 alternatives × 4 languages): \(elapsed)")
        }
    }

    @Test("count and languages: one alternative in the organization's language by default")
    func defaults() async throws {
        try await TestApp.with(.sqlite) { app in
            let ann = try await AnnouncementDraftWorld.make(app)
            var body = AnnouncementSamples.request("water_outage", count: 1)
            body["languages"] = nil
            let response = try await ann.generate(body)
            #expect(response.status == .created, "\(response.text)")
            let alternatives = AnnouncementSamples.alternatives(response)
            #expect(alternatives.count == 1 && alternatives[0].map(\.language) == ["sk"])
            let two = try await ann.generate(AnnouncementSamples.request("fee_change", languages: ["sk", "en"], count: 2))
            #expect(AnnouncementSamples.alternatives(two).map { $0.map(\.language) } == [["sk", "en"], ["sk", "en"]])
        }
    }

    @Test("critical urgency: the title is prefixed and the body opens with what to do now")
    func critical() async throws {
        try await TestApp.with(.sqlite) { app in
            let ann = try await AnnouncementDraftWorld.make(app)
            let response = try await ann.generate(AnnouncementSamples.request(
                "emergency", languages: ["sk", "en"], extra: ["urgency": "critical", "tone": "formal"]))
            #expect(response.status == .created, "\(response.text)")
            for versions in AnnouncementSamples.alternatives(response) {
                for version in versions {
                    #expect(version.title.hasPrefix(version.language == "sk" ? "NALIEHAVÉ: " : "URGENT: "), "\(version.title)")
                    let first = version.body.components(separatedBy: "\n").first ?? ""
                    #expect(first.contains("112"), "first sentence: \(first)")
                }
            }
        }
    }

    @Test("missing and invalid scenario fields are refused, each named by its pointer", arguments: TestDatabase.dialects)
    func missingFields(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let ann = try await AnnouncementDraftWorld.make(app)
            let response = try await ann.generate(["scenario": "water_outage", "fields": ["date": "2026-03-05"]])
            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(Set(response.pointers) == ["/fields/fromTime", "/fields/toTime", "/fields/affected", "/fields/reason"],
                    "\(response.text)")
            let invalid = try await ann.generate([
                "scenario": "fee_change", "count": 4, "languages": ["sk", "pl"],
                "fields": ["fee": "parking", "oldAmount": 12, "newAmount": ["amountMinor": 100], "effectiveDate": "2026-02-30",
                           "reason": "x", "colour": "red"]])
            #expect(Set(invalid.pointers) == ["/fields/fee", "/fields/oldAmount", "/fields/effectiveDate", "/fields/colour",
                                              "/count", "/languages"], "\(invalid.text)")
            let custom = try await ann.generate(["scenario": "custom"])
            #expect(custom.pointers == ["/topic"], "\(custom.text)")
            let unknown = try await ann.generate(["scenario": "party"])
            #expect(unknown.pointers == ["/scenario"], "\(unknown.text)")
            // Refused requests are not stored as generations.
            let stored = try await app.request(.get, "\(ann.org)/ai/generations?kind=announcement_drafts", token: ann.adminToken)
            #expect(stored.items.isEmpty, "\(stored.text)")
        }
    }

    @Test("another organization's building in the audience is not found, before the fields are judged",
          arguments: TestDatabase.dialects)
    func foreignBuilding(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let ann = try await AnnouncementDraftWorld.make(app, name: "A")
            let other = try await World.make(app, name: "B")
            let foreign = try await ann.generate(["scenario": "water_outage", "fields": [String: Any](),
                                                  "audience": ["buildingIDs": [other.ids["buildingID"]!]]])
            #expect(foreign.status == .notFound && foreign.problemCode == "building.not_found", "\(foreign.text)")
            #expect(!foreign.text.contains(other.ids["buildingID"]!))
            let own = try await ann.generate(AnnouncementSamples.request(
                "water_outage", extra: ["audience": ["buildingIDs": [ann.world.ids["buildingID"]!]]]))
            #expect(own.status == .created, "\(own.text)")
            let audience = own.json?["audience"] as? [String: Any]
            #expect(audience?["all"] as? Bool == false && audience?["buildingIDs"] as? [String] == [ann.world.ids["buildingID"]!])
        }
    }

    @Test("a tenant may not list scenarios, generate or choose")
    func tenantForbidden() async throws {
        try await TestApp.with(.sqlite) { app in
            let ann = try await AnnouncementDraftWorld.make(app)
            let scenarios = try await app.request(.get, "\(ann.org)/ai/announcement-scenarios", token: ann.tenantToken)
            #expect(scenarios.status == .forbidden, "\(scenarios.text)")
            let generated = try await ann.generate(AnnouncementSamples.request("water_outage"), token: ann.tenantToken)
            #expect(generated.status == .forbidden, "\(generated.text)")
            let made = try await ann.generate(AnnouncementSamples.request("water_outage"))
            let id = try #require(made.json?["generationID"] as? String)
            let chosen = try await app.request(.post, "\(ann.drafts)/\(id)/choose", token: ann.tenantToken,
                                               body: ["index": 0, "language": "sk"])
            #expect(chosen.status == .forbidden, "\(chosen.text)")
        }
    }

    @Test("scenarios list their fields with types, required flags and names in four languages")
    func scenarios() async throws {
        try await TestApp.with(.sqlite) { app in
            let ann = try await AnnouncementDraftWorld.make(app)
            let response = try await app.request(.get, "\(ann.org)/ai/announcement-scenarios", token: ann.adminToken)
            #expect(response.status == .ok, "\(response.text)")
            let items = response.items
            #expect(items.compactMap { $0["key"] as? String } == [
                "water_outage", "elevator_maintenance", "annual_meeting", "heating_season", "cleaning_schedule",
                "fee_change", "emergency", "custom"])
            let water = try #require(items.first)
            #expect((water["names"] as? [String: String]) == ["sk": "Odstávka vody", "cs": "Odstávka vody",
                                                              "de": "Wasserabschaltung", "en": "Water outage"])
            let fields = try #require(water["fields"] as? [[String: Any]])
            let date = try #require(fields.first { $0["name"] as? String == "date" })
            #expect(date["type"] as? String == "date" && date["required"] as? Bool == true)
            let reason = try #require(fields.first { $0["name"] as? String == "reason" })
            #expect((reason["options"] as? [[String: Any]])?.count == 4)
        }
    }
}
