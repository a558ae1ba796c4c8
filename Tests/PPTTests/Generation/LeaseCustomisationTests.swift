import Foundation
import HTTPTypes
import PPTDomain
import PPTStorage
import Testing

@Suite("Lease clause customisation and templates")
struct LeaseCustomisationTests {
    @Test("Organizations reword library clauses, add their own and save templates; mandatory clauses stay",
          arguments: TestDatabase.dialects)
    func customisation(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await LeaseWorld.make(app)
            let clauses = "\(world.org)/ai/lease-clauses"
            let library = try await app.request(.get, "\(clauses)?country=SK", token: world.manager)
            #expect(library.status == .ok, "\(library.text)")
            let rent = try #require(library.array?.compactMap { $0 as? [String: Any] }.first { $0["key"] as? String == "rent" })
            #expect(rent["source"] as? String == "library")
            #expect((rent["placeholders"] as? [String])?.contains("rent") == true)
            #expect(try await app.request(.get, "\(clauses)?country=SK", token: world.tenant).status == .forbidden)

            // A mandatory clause's new wording must keep its figures; its mandatory flag cannot change.
            var override: [String: Any] = ["country": "SK", "language": "sk", "key": "rent", "title": "Nájomné",
                                           "text": "Nájomné je dohodnuté osobitne.", "mandatory": false]
            let lost = try await app.request(.put, clauses, token: world.manager, body: override)
            #expect(lost.status == .unprocessableContent, "\(lost.text)")
            #expect(lost.text.contains("{rent}"))
            override["text"] = "Mesačné nájomné je {rent}, splatné do {dueDay}. dňa v mesiaci na účet prenajímateľa."
            let saved = try await app.request(.put, clauses, token: world.manager, body: override)
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.json?["source"] as? String == "override" && saved.json?["mandatory"] as? Bool == true)
            let own: [String: Any] = ["country": "SK", "language": "sk", "key": "parking",
                                      "title": "Parkovanie", "text": "Nájomca smie parkovať 1 auto do 3,5 t za 30,00 EUR mesačne.",
                                      "legalBasis": "dohoda zmluvných strán"]
            #expect(try await app.request(.put, clauses, token: world.manager, body: own).status == .ok)
            let unknown = try await app.request(.put, clauses, token: world.manager, body: [
                "country": "SK", "language": "sk", "key": "garden", "title": "Záhrada", "text": "Pre {gardener}."])
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("{gardener}"))

            let withOwn = try await world.generate(world.skLeaseID, ["clauses": ["parking", "pets"]])
            #expect(withOwn.status == .created, "\(withOwn.text)")
            let sections = leaseSections(withOwn.json)
            let keys = sections.compactMap { $0["key"] as? String }
            #expect(keys == ["parties", "flat", "term", "rent", "deposit", "maintenance", "use", "subletting", "pets",
                             "termination", "handover", "parking", "governing_law", "signatures"])
            #expect(leaseText(sections, "rent") == "Mesačné nájomné je 620,00 EUR, splatné do 5. dňa v mesiaci na účet "
                + "prenajímateľa.")
            let parking = try #require(sections.first { $0["key"] as? String == "parking" })
            #expect(parking["mandatory"] as? Bool == false && parking["legalBasis"] as? String == "dohoda zmluvných strán")
            // The organization's own amount is its term, not a figure the verifier rejects.
            #expect(parking["text"] as? String == "Nájomca smie parkovať 1 auto do 3,5 t za 30,00 EUR mesačne.")
            // A bilingual version needs every clause in the companion language.
            let noTranslation = try await world.generate(world.skLeaseID, ["clauses": ["parking"], "bilingual": "de"])
            #expect(noTranslation.status == .unprocessableContent)
            #expect(noTranslation.json?["code"] as? String == "lease.missing_translation")

            // Templates: every mandatory clause, in the template's order, with its own clauses.
            let templates = "\(world.org)/ai/lease-templates"
            var template: [String: Any] = [
                "name": "Štandard s garážou", "country": "SK",
                "clauseKeys": ["parties", "flat", "garage", "term", "rent", "maintenance", "use", "subletting",
                               "termination", "handover", "smoking", "governing_law", "signatures"],
                "clauses": [["key": "garage", "title": "Garáž", "text": "Súčasťou nájmu je garáž pri dome {building.address}."]],
            ]
            let incomplete = try await app.request(.put, templates, token: world.manager, body: template)
            #expect(incomplete.status == .unprocessableContent)
            #expect(incomplete.text.contains("'deposit'"))
            var keys2 = template["clauseKeys"] as! [String]
            keys2.insert("deposit", at: 5)
            template["clauseKeys"] = keys2
            let created = try await app.request(.put, templates, token: world.manager, body: template)
            #expect(created.status == .ok, "\(created.text)")
            let templateID = try #require(created.json?["id"] as? String)
            let fromTemplate = try await world.generate(world.skLeaseID, ["templateID": templateID])
            #expect(fromTemplate.status == .created, "\(fromTemplate.text)")
            let templated = leaseSections(fromTemplate.json)
            #expect(templated.compactMap { $0["key"] as? String } == keys2)
            #expect(leaseText(templated, "garage").contains("Mlynské nivy"))
            let list = try await app.request(.get, templates, token: world.manager)
            #expect(list.array?.count == 1)
            #expect(try await app.request(.delete, "\(templates)?id=\(templateID)", token: world.manager).status == .noContent)
            #expect(try await world.generate(world.skLeaseID, ["templateID": templateID]).status == .notFound)

            // Removing the organization's wording returns to the library's.
            let reverted = try await app.request(.delete, "\(clauses)?country=SK&language=sk&key=rent", token: world.manager)
            #expect(reverted.status == .noContent)
            let again = try await world.generate(world.skLeaseID)
            #expect(leaseText(leaseSections(again.json), "rent").hasPrefix("Nájomné je 620,00 EUR mesačne"))
            // Free-text requests need a model; the built-in provider refuses them rather than ignoring them.
            let requests = try await world.generate(world.skLeaseID, ["requests": ["add a clause allowing one cat"]])
            #expect(requests.status == .unprocessableContent && requests.text.contains("/requests"))
        }
    }
}
