import Foundation
import HTTPTypes
import PPTApp
import PPTDomain
import PPTStorage
import Testing

@Suite("Listing descriptions written by a model")
struct ListingDescriptionModelTests {
    @Test("Keyword stuffing is caught and retried once with the problem; the schema is the answer format",
          arguments: TestDatabase.dialects)
    func stuffingRetried(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let listing = try await ListingWorld.make(app, name: "LdStuff")
            let stuffed = ListingModelText.descriptions["de"]! + " Žilina, Žilina, Žilina: Wohnen in Žilina."
            let script = ListingModelText.server { request in
                let retry = request.text.contains("That answer is not valid")
                return ListingModelText.answer(["sk", "cs", "de", "en"], override: retry ? [:] : ["de": stuffed])
            }
            try await FakeLLMServer.run(script: script) { server in
                try await listing.useModel(server)
                let response = try await listing.generate(["tone": "professional"])
                #expect(response.status == .created, "\(response.text)")
                let version = ListingVersionReader(json: response.json ?? [:])
                #expect(version.item("de")?.description == ListingModelText.descriptions["de"])
                version.expectWithinLimits("model")
                let usage = (version.json["usage"] as? [String: Any]) ?? [:]
                #expect(usage["calls"] as? Int == 2 && usage["provider"] as? String == "openai")

                let calls = await ListingModelText.calls(server)
                #expect(calls.count == 2)
                let format = (calls.first?.json?["response_format"] as? [String: Any]) ?? [:]
                #expect(format["type"] as? String == "json_schema")
                #expect((format["json_schema"] as? [String: Any])?["name"] as? String == "listing_descriptions")
                let prompt = ListingModelText.messages(calls[0]).last?.content ?? ""
                #expect(prompt.contains("Hlavná 5") && prompt.contains("rooms: 3") && prompt.contains("185,000"),
                        "the facts are in the prompt: \(prompt)")
                #expect(prompt.contains("title at most 100 characters, description at most 4000 characters"))
                let correction = calls.count == 2 ? ListingModelText.messages(calls[1]).last?.content ?? "" : ""
                #expect(correction.contains("/items/2/description") && correction.contains("keyword stuffing"),
                        "\(correction)")
            }
        }
    }

    @Test("A description in the wrong language twice is generation.invalid_output and stored as failed",
          arguments: TestDatabase.dialects)
    func wrongLanguage(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let listing = try await ListingWorld.make(app, name: "LdLang")
            let script = ListingModelText.server { _ in
                ListingModelText.answer(["sk"], override: ["sk": ListingModelText.descriptions["cs"]!])
            }
            try await FakeLLMServer.run(script: script) { server in
                try await listing.useModel(server)
                let response = try await listing.generate(["languages": ["sk"]])
                #expect(response.status == .serviceUnavailable, "\(response.text)")
                #expect(response.json?["code"] as? String == "generation.invalid_output")
                let calls = await ListingModelText.calls(server)
                #expect(calls.count == 2, "retried once")
                let correction = calls.count == 2 ? ListingModelText.messages(calls[1]).last?.content ?? "" : ""
                #expect(correction.contains("is written in cs, not sk"), "\(correction)")
                let versions = try await app.request(.get, listing.descriptions, token: listing.realtorToken)
                #expect(versions.items.count == 1 && versions.items.first?["status"] as? String == "failed")
                #expect(versions.items.first?["errorCode"] as? String == "generation.invalid_output")
            }
        }
    }

    @Test("Regenerating with feedback sends the feedback and the previous text and keeps both versions",
          arguments: TestDatabase.dialects)
    func regenerateWithFeedback(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let listing = try await ListingWorld.make(app, name: "LdFeedback")
            let shorter = "Ponúkame na predaj 3-izbový byt s balkónom v obľúbenej lokalite Žilina. Pre ďalšie "
                + "informácie nás neváhajte kontaktovať."
            let script = ListingModelText.server { request in
                ListingModelText.answer(["sk", "en"], override: request.text.contains("mention the balcony") ? ["sk": shorter] : [:])
            }
            try await FakeLLMServer.run(script: script) { server in
                try await listing.useModel(server)
                let first = try await listing.generate(["languages": ["sk", "en"]])
                #expect(first.status == .created, "\(first.text)")
                let v1 = ListingVersionReader(json: first.json ?? [:])
                let second = try await listing.generate(["languages": ["sk", "en"], "basedOn": v1.id,
                                                         "feedback": "shorter, mention the balcony"])
                #expect(second.status == .created, "\(second.text)")
                let v2 = ListingVersionReader(json: second.json ?? [:])
                #expect(v2.item("sk")?.description == shorter)
                #expect((v2.json["request"] as? [String: Any])?["basedOn"] as? String == v1.id)

                let calls = await ListingModelText.calls(server)
                #expect(calls.count == 2)
                let prompt = calls.count == 2 ? ListingModelText.messages(calls[1]).last?.content ?? "" : ""
                #expect(prompt.contains("shorter, mention the balcony"), "\(prompt)")
                #expect(prompt.contains(ListingModelText.descriptions["sk"]!), "the previous text is sent")
                #expect(prompt.contains(ListingModelText.descriptions["en"]!))
                let firstPrompt = ListingModelText.messages(calls[0]).last?.content ?? ""
                #expect(!firstPrompt.contains("Previous version") && !firstPrompt.contains("Feedback"))

                let versions = try await app.request(.get, listing.descriptions, token: listing.realtorToken)
                #expect(versions.items.compactMap { $0["id"] as? String } == [v2.id, v1.id])
                let foreign = try await listing.generate(["basedOn": "00000000-0000-4000-8000-000000000000"])
                #expect(foreign.status == .notFound, "\(foreign.text)")
            }
        }
    }

    @Test("A model's text longer than the portal allows is shortened to whole sentences")
    func modelTextShortened() async throws {
        try await TestApp.with(.sqlite) { app in
            let listing = try await ListingWorld.make(app, name: "LdShort")
            let saved = try await app.request(.put, listing.portals, token: listing.adminToken, body: [
                "key": "tiny.sk", "titleMaxLength": 30, "descriptionMaxLength": 200])
            #expect(saved.status == .ok)
            let script = ListingModelText.server { _ in ListingModelText.answer(["sk", "cs", "de", "en"]) }
            try await FakeLLMServer.run(script: script) { server in
                try await listing.useModel(server)
                let response = try await listing.generate(["portal": "tiny.sk"])
                #expect(response.status == .created, "\(response.text)")
                let version = ListingVersionReader(json: response.json ?? [:])
                version.expectWithinLimits("tiny")
                for language in ["sk", "cs", "de", "en"] {
                    let item = try #require(version.item(language))
                    let original = ListingModelText.descriptions[language]!
                    #expect(original.hasPrefix(item.description), "\(language): whole leading sentences kept")
                    #expect(item.description.count > 80, "\(language): \(item.description)")
                    #expect(item.title.count <= 30 && !item.title.hasSuffix("…"), "\(language): \(item.title)")
                }
            }
        }
    }
}
