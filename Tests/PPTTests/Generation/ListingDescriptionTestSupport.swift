import Foundation
import HTTPTypes
import PPTApp
import PPTDocuments
import PPTDomain
import PPTStorage
import Testing

/// A world with a realtor and a resident, and a listing of the world's unit with 50 long features.
struct ListingWorld: Sendable {
    let app: TestApp
    let world: World
    let adminToken: String
    let tenantToken: String
    let realtorToken: String
    let residentToken: String
    let listingID: String

    var org: String { "/api/v1/orgs/\(world.ids["orgID"]!)" }
    var descriptions: String { "\(org)/listings/\(listingID)/descriptions" }
    var portals: String { "\(org)/ai/listing-portals" }

    static func make(_ app: TestApp, name: String, features: [String] = ListingSamples.longFeatures) async throws
        -> ListingWorld
    {
        let world = try await World.make(app, name: name)
        let accounts = AccountRepository(database: app.runtime.database)
        let realtor = "realtor-\(name.lowercased())@world.test", resident = "resident-\(name.lowercased())@world.test"
        try await app.user(realtor)
        try await app.user(resident)
        _ = try await accounts.setMember(world.fixture.admin, email: realtor, role: .realtor)
        _ = try await accounts.setMember(world.fixture.admin, email: resident, role: .resident)
        let adminToken = try await app.login(world.adminEmail)
        let created = try await app.request(.post, "/api/v1/orgs/\(world.ids["orgID"]!)/listings", token: adminToken, body: [
            "unitID": world.ids["unitID"]!, "type": "sale", "title": "Byt", "description": "Byt na predaj",
            "price": ["amountMinor": 18_500_000, "currency": "EUR"], "sizeSqm": 72.5, "rooms": 3,
            "street": "Hlavná 5", "city": "Žilina", "postalCode": "01001", "country": "SK", "features": features,
        ])
        #expect(created.status == .created, "\(created.text)")
        return ListingWorld(app: app, world: world, adminToken: adminToken,
                            tenantToken: try await app.login(world.tenantEmail),
                            realtorToken: try await app.login(realtor), residentToken: try await app.login(resident),
                            listingID: try #require(created.json?["id"] as? String))
    }

    /// `POST …/descriptions` as `token` (the realtor by default).
    func generate(_ body: [String: Any] = [:], token: String? = nil) async throws -> TestApp.Result {
        try await app.request(.post, descriptions, token: token ?? realtorToken, body: body)
    }

    /// Points the organization's model at `server` (an OpenAI fake answering the probe).
    func useModel(_ server: FakeLLMServer) async throws {
        let saved = try await app.request(.put, "\(org)/llm/config", token: adminToken,
                                          body: LLMAPI.openAIConfig(server.baseURL + "/v1"))
        #expect(saved.status == .ok, "\(saved.text)")
    }
}

/// Reads a version response.
struct ListingVersionReader {
    let json: [String: Any]

    var id: String { json["id"] as? String ?? "" }
    var result: [String: Any] { json["result"] as? [String: Any] ?? [:] }
    var portal: [String: Any] { result["portal"] as? [String: Any] ?? [:] }
    var items: [[String: Any]] { result["items"] as? [[String: Any]] ?? [] }

    func item(_ language: String) -> (title: String, description: String, keywords: [String])? {
        items.first { $0["language"] as? String == language }.map {
            ($0["title"] as? String ?? "", $0["description"] as? String ?? "", $0["keywords"] as? [String] ?? [])
        }
    }

    /// Checks every item: within the portal's limits, ending at a sentence, in its language.
    func expectWithinLimits(_ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let titleMax = portal["titleMaxLength"] as? Int ?? 0, descriptionMax = portal["descriptionMaxLength"] as? Int ?? 0
        #expect(titleMax > 0 && descriptionMax > 0, sourceLocation: sourceLocation)
        for item in items {
            let language = item["language"] as? String ?? ""
            let title = item["title"] as? String ?? "", description = item["description"] as? String ?? ""
            #expect(!title.isEmpty && title.count <= titleMax, "\(context) \(language) title: \(title)",
                    sourceLocation: sourceLocation)
            #expect(!description.isEmpty && description.count <= descriptionMax, "\(context) \(language)",
                    sourceLocation: sourceLocation)
            #expect(".!?".contains(description.last ?? " "),
                    "\(context) \(language) ends at a sentence: \(description.suffix(30))", sourceLocation: sourceLocation)
            #expect(LanguageDetector.detect(description)?.rawValue == language, "\(context) \(language)",
                    sourceLocation: sourceLocation)
        }
    }
}

/// What the fake model writes for a listing.
enum ListingModelText {
    static let descriptions: [String: String] = [
        "sk": "Ponúkame na predaj 3-izbový byt s rozlohou 72,5 m² v obľúbenej lokalite Žilina. Nehnuteľnosť sa "
            + "nachádza na ulici Hlavná 5 na prvom poschodí. Byt má priestranný balkón a pivnicu. Pre ďalšie "
            + "informácie nás neváhajte kontaktovať.",
        "cs": "Nabízíme k prodeji 3pokojový byt o výměře 72,5 m² v oblíbené lokalitě Žilina. Nemovitost se nachází "
            + "v ulici Hlavná 5 v prvním patře. Byt má prostorný balkon a sklep. Pro další informace nás neváhejte "
            + "kontaktovat.",
        "de": "Zum Verkauf steht eine 3-Zimmer-Wohnung mit 72,5 m² Fläche in beliebter Lage in Žilina. Die Wohnung "
            + "befindet sich im ersten Obergeschoss. Zur Ausstattung gehören ein großer Balkon und ein Keller. Für "
            + "weitere Informationen kontaktieren Sie uns gerne.",
        "en": "We are offering a 3-room flat for sale with 72.5 m² of floor space in a popular area of Žilina. The "
            + "flat is on the first floor of the building. It has a spacious balcony and a cellar. Contact us for "
            + "more information or to arrange a viewing.",
    ]
    static let titles: [String: String] = [
        "sk": "3-izbový byt na predaj, Žilina", "cs": "3pokojový byt k prodeji, Žilina",
        "de": "3-Zimmer-Wohnung zum Kauf, Žilina", "en": "3-room flat for sale, Žilina",
    ]

    /// The model's JSON answer for `languages`; `override` replaces descriptions.
    static func answer(_ languages: [String], override: [String: String] = [:]) -> String {
        let items: [[String: Any]] = languages.map { language in
            ["language": language, "title": titles[language] ?? "", "description": override[language]
                ?? descriptions[language] ?? "", "keywords": ["Žilina", titles[language]?.components(separatedBy: ",")[0] ?? ""]]
        }
        let data = try! JSONSerialization.data(withJSONObject: ["items": items], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// A fake OpenAI: the probe and model list, and listing calls answered by `answer`.
    static func server(_ answer: @escaping @Sendable (RecordedLLMRequest) -> String) -> FakeLLMServer.Script {
        { request, _ in
            if request.method == "GET", request.path.hasSuffix("/models") { return FakeOpenAI.models(["gpt-4o-mini"]) }
            if request.text.contains("Reply with the word OK.") { return FakeOpenAI.stream(pieces: ["OK"], usage: (5, 1)) }
            return FakeOpenAI.stream(pieces: [answer(request)], usage: (400, 200))
        }
    }

    /// The listing-description calls `server` received.
    static func calls(_ server: FakeLLMServer) async -> [RecordedLLMRequest] {
        await server.requests().filter { $0.text.contains("listing_descriptions") }
    }

    /// The messages of a recorded chat request: (role, content).
    static func messages(_ request: RecordedLLMRequest) -> [(role: String, content: String)] {
        ((request.json?["messages"] as? [[String: Any]]) ?? []).map {
            ($0["role"] as? String ?? "", $0["content"] as? String ?? "")
        }
    }
}
