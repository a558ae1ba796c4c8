import Foundation
import HTTPTypes
import PPTApp
import PPTAssistant
import PPTDomain
import PPTStorage
import Testing

@Suite("Listing descriptions over HTTP (built-in provider)")
struct ListingDescriptionTests {
    @Test("A realtor gets four languages within every portal's limits, each in its language; versions are listed",
          arguments: TestDatabase.dialects)
    func builtinWithinEveryPortal(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let listing = try await ListingWorld.make(app, name: "LdBuiltin")
            let portals = try await app.request(.get, listing.portals, token: listing.realtorToken)
            #expect(portals.status == .ok, "\(portals.text)")
            let keys = (portals.array as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
            #expect(keys.first == "reality-portal" && keys.contains("sreality.cz") && keys.contains("immobilienscout24.de"))
            var ids: [String] = []
            for key in keys {
                let response = try await listing.generate(["portal": key, "tone": "luxury"])
                #expect(response.status == .created, "\(key): \(response.text)")
                let version = ListingVersionReader(json: response.json ?? [:])
                #expect(version.items.map { $0["language"] as? String } == ["sk", "cs", "de", "en"])
                #expect(version.portal["key"] as? String == key)
                #expect(version.items.allSatisfy { $0["shortened"] as? Bool == true }, "50 features force shortening")
                #expect((version.json["usage"] as? [String: Any])?["calls"] as? Int == 0, "templates call no model")
                version.expectWithinLimits(key)
                ids.append(version.id)
                print("listing description builtin latency \(key): \(version.json["latencyMs"] ?? "?") ms")
            }
            let defaulted = try await listing.generate()
            #expect(ListingVersionReader(json: defaulted.json ?? [:]).portal["key"] as? String == "reality-portal")
            ids.append(ListingVersionReader(json: defaulted.json ?? [:]).id)
            let versions = try await app.request(.get, listing.descriptions + "?limit=100", token: listing.realtorToken)
            #expect(versions.items.compactMap { $0["id"] as? String } == ids.reversed(), "newest first")
            let generations = try await app.request(.get, "\(listing.org)/ai/generations?kind=listing_description",
                                                    token: listing.adminToken)
            #expect(generations.items.count == ids.count)
            #expect(generations.items.first?["subject"] as? String == "listing:\(listing.listingID)")
        }
    }

    @Test("Organizations override presets and add portals; limits are validated and permission-checked",
          arguments: TestDatabase.dialects)
    func organizationPortals(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let listing = try await ListingWorld.make(app, name: "LdPortals")
            let override = try await app.request(.put, listing.portals, token: listing.realtorToken, body: [
                "key": "sreality.cz", "titleMaxLength": 40, "descriptionMaxLength": 300])
            #expect(override.status == .ok, "\(override.text)")
            #expect(override.json?["name"] as? String == "Sreality.cz" && override.json?["source"] as? String == "organization")
            let own = try await app.request(.put, listing.portals, token: listing.adminToken, body: [
                "key": "mujweb.cz", "name": "Můj web", "titleMaxLength": 35, "descriptionMaxLength": 220])
            #expect(own.status == .ok, "\(own.text)")
            let list = try await app.request(.get, listing.portals, token: listing.realtorToken).array as? [[String: Any]] ?? []
            let sreality = list.first { $0["key"] as? String == "sreality.cz" }
            #expect(sreality?["titleMaxLength"] as? Int == 40 && sreality?["descriptionMaxLength"] as? Int == 300)
            #expect(list.last?["key"] as? String == "mujweb.cz")
            for key in ["sreality.cz", "mujweb.cz"] {
                let response = try await listing.generate(["portal": key, "languages": ["cs", "sk", "de", "en"]])
                #expect(response.status == .created, "\(response.text)")
                let version = ListingVersionReader(json: response.json ?? [:])
                #expect(version.items.map { $0["language"] as? String } == ["cs", "sk", "de", "en"])
                version.expectWithinLimits(key)
                #expect(version.items.allSatisfy { ($0["description"] as? String ?? "").count > 150 },
                        "the space is used, not emptied")
            }

            let invalid = try await app.request(.put, listing.portals, token: listing.adminToken, body: [
                "key": "Bad Key", "titleMaxLength": 5, "descriptionMaxLength": 50_000])
            #expect(invalid.status == .unprocessableContent)
            let pointers = Set(((invalid.json?["errors"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String })
            #expect(pointers == ["/key", "/titleMaxLength", "/descriptionMaxLength"], "\(invalid.text)")
            let unknown = try await listing.generate(["portal": "nowhere.example"])
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("/portal"), "\(unknown.text)")
            let badLanguages = try await listing.generate(["languages": ["sk", "sk"]])
            #expect(badLanguages.status == .unprocessableContent, "\(badLanguages.text)")

            for token in [listing.tenantToken, listing.residentToken] {
                let read = try await app.request(.get, listing.portals, token: token)
                let write = try await app.request(.put, listing.portals, token: token, body: [
                    "key": "sreality.cz", "titleMaxLength": 60, "descriptionMaxLength": 900])
                #expect(read.status == .forbidden && write.status == .forbidden, "\(read.text) \(write.text)")
            }
        }
    }

    @Test("Tenants and residents cannot generate or list; another organization's listing is not found",
          arguments: TestDatabase.dialects)
    func permissionsAndTenancy(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let listing = try await ListingWorld.make(app, name: "LdPerm")
            let other = try await World.make(app, name: "LdOther")
            for token in [listing.tenantToken, listing.residentToken] {
                let generate = try await listing.generate([:], token: token)
                #expect(generate.status == .forbidden && generate.json?["code"] as? String == "permission.denied",
                        "\(generate.text)")
                let versions = try await app.request(.get, listing.descriptions, token: token)
                #expect(versions.status == .forbidden)
            }
            let foreign = "\(listing.org)/listings/\(other.ids["listingID"]!)/descriptions"
            let generate = try await app.request(.post, foreign, token: listing.adminToken, body: [:])
            #expect(generate.status == .notFound && generate.json?["code"] as? String == "listing.not_found")
            let versions = try await app.request(.get, foreign, token: listing.adminToken)
            #expect(versions.status == .notFound)
            let publish = try await app.request(.post, "\(listing.descriptions)/\(other.ids["generationID"]!)/publish",
                                                token: listing.adminToken, body: ["language": "sk"])
            #expect(publish.status == .notFound, "\(publish.text)")
            let stored = try await GenerationRepository(database: app.runtime.database).generations(
                listing.world.fixture.admin, filter: GenerationFilter(kind: .listingDescription), page: PageRequest())
            #expect(stored.items.isEmpty, "refused requests generate nothing")
        }
    }

    @Test("Publishing copies one language to the listing and finalizes the version; a second publish conflicts",
          arguments: TestDatabase.dialects)
    func publish(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let listing = try await ListingWorld.make(app, name: "LdPublish")
            let created = try await listing.generate(["tone": "friendly"])
            let version = ListingVersionReader(json: created.json ?? [:])
            let sk = try #require(version.item("sk"))
            let path = "\(listing.descriptions)/\(version.id)/publish"
            let published = try await app.request(.post, path, token: listing.realtorToken, body: ["language": "sk"])
            #expect(published.status == .ok, "\(published.text)")
            let listed = (published.json?["listing"] as? [String: Any]) ?? [:]
            #expect(listed["title"] as? String == sk.title && listed["description"] as? String == sk.description)
            let fetched = try await app.request(.get, "\(listing.org)/listings/\(listing.listingID)", token: listing.adminToken)
            #expect(fetched.json?["title"] as? String == sk.title && fetched.json?["description"] as? String == sk.description)
            // Slovak is the organization's language: the text is the listing's own, not a translation.
            let texts = try await app.request(.get, "\(listing.org)/listings/\(listing.listingID)/texts",
                                              token: listing.adminToken)
            #expect(texts.array?.isEmpty == true, "\(texts.text)")
            let generation = try await app.request(.get, "\(listing.org)/ai/generations/\(version.id)",
                                                   token: listing.adminToken)
            #expect(generation.json?["status"] as? String == "finalized")
            #expect(generation.json?["finalizedAs"] as? String == "listing:\(listing.listingID)")
            #expect((generation.json?["result"] as? [String: Any])?["publishedLanguage"] as? String == "sk")

            let again = try await app.request(.post, path, token: listing.realtorToken, body: ["language": "de"])
            #expect(again.status == .conflict && again.json?["code"] as? String == "generation.invalid_transition",
                    "\(again.text)")
            let english = ListingVersionReader(json: try await listing.generate(["languages": ["en"]]).json ?? [:])
            let missing = try await app.request(.post, "\(listing.descriptions)/\(english.id)/publish",
                                                token: listing.realtorToken, body: ["language": "sk"])
            #expect(missing.status == .unprocessableContent && missing.text.contains("/language"), "\(missing.text)")
            let noLanguage = try await app.request(.post, "\(listing.descriptions)/\(english.id)/publish",
                                                   token: listing.realtorToken, body: [:])
            #expect(noLanguage.status == .unprocessableContent && noLanguage.text.contains("/language"))
            let tenant = try await app.request(.post, "\(listing.descriptions)/\(english.id)/publish",
                                               token: listing.tenantToken, body: ["language": "en"])
            #expect(tenant.status == .forbidden)
            // Another language is a translation: stored for the portal, the listing's own text stays.
            let second = ListingVersionReader(json: try await listing.generate(["languages": ["en"]]).json ?? [:])
            let en = try #require(second.item("en"))
            let translated = try await app.request(.post, "\(listing.descriptions)/\(second.id)/publish",
                                                   token: listing.realtorToken, body: ["language": "en"])
            #expect(translated.status == .ok, "\(translated.text)")
            let own = try await app.request(.get, "\(listing.org)/listings/\(listing.listingID)", token: listing.adminToken)
            #expect(own.json?["title"] as? String == sk.title, "the Slovak text stays the listing's own")
            let translations = try await app.request(.get, "\(listing.org)/listings/\(listing.listingID)/texts",
                                                     token: listing.adminToken).array as? [[String: Any]]
            #expect(translations?.count == 1 && translations?.first?["language"] as? String == "en")
            #expect(translations?.first?["title"] as? String == en.title)
            let closed = try await app.request(.post, "\(listing.org)/listings/\(listing.listingID)/close",
                                               token: listing.adminToken)
            #expect(closed.status == .ok)
            let onClosed = try await app.request(.post, "\(listing.descriptions)/\(english.id)/publish",
                                                 token: listing.realtorToken, body: ["language": "en"])
            #expect(onClosed.status == .conflict && onClosed.json?["code"] as? String == "listing.closed")
            let still = try await app.request(.get, "\(listing.org)/ai/generations/\(english.id)", token: listing.adminToken)
            #expect(still.json?["status"] as? String == "draft", "the refused publish changed nothing")
        }
    }
}
