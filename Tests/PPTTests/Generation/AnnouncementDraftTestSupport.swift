import Foundation
import HTTPTypes
import PPTApp
import PPTAssistant
import PPTDocuments
import PPTDomain
import Testing

/// An organization (sk, EUR) with an admin and a tenant, and the announcement-draft routes.
struct AnnouncementDraftWorld: Sendable {
    let app: TestApp
    let world: World
    let adminToken: String
    let tenantToken: String

    var org: String { "/api/v1/orgs/\(world.ids["orgID"]!)" }
    var drafts: String { "\(org)/ai/announcement-drafts" }

    static func make(_ app: TestApp, name: String = "Ann") async throws -> AnnouncementDraftWorld {
        let world = try await World.make(app, name: name)
        return AnnouncementDraftWorld(app: app, world: world, adminToken: try await app.login(world.adminEmail),
                                      tenantToken: try await app.login(world.tenantEmail))
    }

    /// Generates as the admin and returns the response.
    func generate(_ body: [String: Any], token: String? = nil) async throws -> TestApp.Result {
        try await app.request(.post, drafts, token: token ?? adminToken, body: body)
    }
}

/// Sample requests per scenario and how the drafts must state their values.
enum AnnouncementSamples {
    /// Field values for every scenario (`custom` has none and a topic instead).
    static var fields: [String: [String: Any]] { [
        "water_outage": ["date": "2026-03-05", "fromTime": "08:00", "toTime": "12:30", "affected": "Blok A, vchody 1–3",
                         "reason": "repair", "supply": "hot"],
        "elevator_maintenance": ["date": "2026-04-14", "fromTime": "07:30", "toTime": "15:00", "elevator": "vchod B",
                                 "work": "inspection", "endDate": "2026-04-15"],
        "annual_meeting": ["date": "2026-05-20", "time": "18:00", "place": "Hlavná 5, suterén",
                           "agenda": ["Správa o hospodárení", "Plán opráv na rok 2027"]],
        "heating_season": ["action": "start", "date": "2026-10-01"],
        "cleaning_schedule": ["startDate": "2026-02-02", "weekday": "tuesday", "frequency": "weekly",
                              "areas": "Schodisko a chodby", "time": "09:00"],
        "fee_change": ["fee": "repairFund", "oldAmount": ["amountMinor": 3550], "newAmount": ["amountMinor": 123_456],
                       "effectiveDate": "2026-07-01", "reason": "Rekonštrukcia strechy"],
        "emergency": ["kind": "gasLeak", "affected": "Blok C", "contact": "+421 900 123 456"],
        "custom": [:],
    ] }

    /// A full request for `scenario`.
    static func request(_ scenario: String, languages: [String] = ["sk", "cs", "de", "en"], count: Int = 3,
                        extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = ["scenario": scenario, "fields": fields[scenario] ?? [:], "languages": languages,
                                   "count": count, "keyPoints": ["Kontakt 0905 111 222"]]
        if scenario == "custom" { body["topic"] = "Zber veľkoobjemového odpadu" }
        return body.merging(extra) { _, new in new }
    }

    /// How a draft in `locale` must write each required value of `scenario`'s sample (choices are
    /// written as phrases, so they are not listed).
    static func expected(_ scenario: String, _ locale: AppLocale) -> [String] {
        guard let definition = AnnouncementScenarios.scenario(scenario) else { return [] }
        let values = fields[scenario] ?? [:]
        var expected: [String] = []
        for field in definition.fields where field.required {
            guard let value = values[field.name] else { continue }
            switch field.type {
            case .date: expected.append(AssistantText.date(CalendarDate(value as! String)!, locale))
            case .time:
                let text = value as! String
                expected.append(text.hasPrefix("0") ? String(text.dropFirst()) : text)
            case .money:
                let minor = Int64((value as! [String: Any])["amountMinor"] as! Int)
                expected.append(AssistantText.money(minor, .EUR, locale))
            case .text: expected.append(value as! String)
            case .list: expected += value as! [String]
            case .choice: break
            }
        }
        return expected
    }

    /// The alternatives of a response: `[[(language, title, body)]]`.
    static func alternatives(_ result: TestApp.Result) -> [[(language: String, title: String, body: String)]] {
        let drafts = (result.json?["drafts"] as? [[String: Any]]) ?? []
        return drafts.map { draft in
            ((draft["versions"] as? [[String: Any]]) ?? []).map {
                ($0["language"] as? String ?? "", $0["title"] as? String ?? "", $0["body"] as? String ?? "")
            }
        }
    }
}
