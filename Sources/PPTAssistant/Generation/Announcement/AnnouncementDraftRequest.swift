import Foundation
import PPTDomain

/// `POST ai/announcement-drafts` as sent. Enumerations arrive as text so that the audience's
/// buildings are looked up (404 for another organization's) before anything else is judged.
package struct AnnouncementDraftRequest: Codable, Sendable {
    /// Who the announcement is for, in the shape of `AnnouncementTarget` (every member when absent).
    package struct Audience: Codable, Sendable {
        package var all: Bool?
        package var buildingIDs: [String]?
        package var unitIDs: [String]?
        package var roles: [String]?

        package init(all: Bool? = nil, buildingIDs: [String]? = nil, unitIDs: [String]? = nil, roles: [String]? = nil) {
            self.all = all
            self.buildingIDs = buildingIDs
            self.unitIDs = unitIDs
            self.roles = roles
        }
    }

    package var scenario: String
    package var fields: [String: JSONValue]?
    /// The subject in a few words (required for `custom`).
    package var topic: String?
    /// What every draft must say.
    package var keyPoints: [String]?
    package var audience: Audience?
    /// `low`, `normal` (default), `high`, `critical`.
    package var urgency: String?
    /// `formal`, `friendly`, `neutral` (default).
    package var tone: String?
    /// Alternatives wanted, 1–3 (default 3).
    package var count: Int?
    /// Languages of every alternative (default: the organization's).
    package var languages: [String]?

    package init(scenario: String, fields: [String: JSONValue]? = nil, topic: String? = nil, keyPoints: [String]? = nil,
                 audience: Audience? = nil, urgency: String? = nil, tone: String? = nil, count: Int? = nil,
                 languages: [String]? = nil) {
        self.scenario = scenario
        self.fields = fields
        self.topic = topic
        self.keyPoints = keyPoints
        self.audience = audience
        self.urgency = urgency
        self.tone = tone
        self.count = count
        self.languages = languages
    }

    /// Checks every part of the request against its scenario and returns it normalized, or throws
    /// `validation.failed` naming every invalid field (each missing field as `/fields/<name>`).
    func validated(organization: Organization) throws -> AnnouncementDraftInput {
        var v = Validator()
        let scenario = AnnouncementScenarios.scenario(scenario)
        v.check(scenario != nil, "/scenario",
                "must be one of " + AnnouncementScenarios.all.map(\.key).joined(separator: ", "))
        var values: [String: AnnouncementFieldValue] = [:]
        var problems: [FieldError] = []
        if let scenario {
            let given = fields ?? [:]
            for name in given.keys.sorted() where scenario.field(name) == nil {
                problems.append(FieldError(pointer: "/fields/\(name)", detail: "is not a field of \(scenario.key)"))
            }
            for field in scenario.fields {
                guard let json = given[field.name], json != .null else {
                    if field.required { problems.append(FieldError(pointer: "/fields/\(field.name)", detail: "is required")) }
                    continue
                }
                do {
                    values[field.name] = try AnnouncementFieldValue.parse(json, as: field, currency: organization.currency)
                } catch {
                    problems += error.fields
                }
            }
            if case .time(let fh, let fm)? = values["fromTime"], case .time(let th, let tm)? = values["toTime"],
               th * 60 + tm <= fh * 60 + fm {
                problems.append(FieldError(pointer: "/fields/toTime", detail: "must be later than fromTime"))
            }
            if case .date(let start)? = values["date"], case .date(let end)? = values["endDate"], end < start {
                problems.append(FieldError(pointer: "/fields/endDate", detail: "must not be before date"))
            }
            if scenario.requiresTopic { v.check(topic != nil, "/topic", "is required for a custom announcement") }
        }
        if let topic { v.text(topic, "/topic") }
        let points = (keyPoints ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        v.check(points.count <= 10, "/keyPoints", "at most 10 key points")
        for (index, point) in points.enumerated() { v.text(point, "/keyPoints/\(index)", max: 300) }
        let urgency = AnnouncementUrgency(rawValue: self.urgency ?? "normal")
        v.check(urgency != nil, "/urgency", "must be low, normal, high or critical")
        let tone = AnnouncementTone(rawValue: self.tone ?? "neutral")
        v.check(tone != nil, "/tone", "must be formal, friendly or neutral")
        let count = self.count ?? 3
        v.check((1...3).contains(count), "/count", "must be 1, 2 or 3")
        let languages = (self.languages ?? [organization.defaultLocale.rawValue]).compactMap(AppLocale.init(rawValue:))
        v.check(languages.count == (self.languages?.count ?? 1) && !languages.isEmpty, "/languages",
                "must name at least one of sk, cs, de, en")
        v.check(Set(languages).count == languages.count, "/languages", "must not repeat a language")
        let roles = (audience?.roles ?? []).compactMap(Role.init(rawValue:))
        v.check(roles.count == (audience?.roles?.count ?? 0), "/audience/roles", "names an unknown role")
        v.check(Set(roles).count == roles.count, "/audience/roles", "must not repeat a role")
        let buildings = (audience?.buildingIDs ?? []).compactMap(BuildingID.init)
        let units = (audience?.unitIDs ?? []).compactMap(UnitID.init)
        let all = audience?.all ?? (buildings.isEmpty && units.isEmpty && roles.isEmpty)
        v.check(all || !(buildings.isEmpty && units.isEmpty && roles.isEmpty), "/audience",
                "name at least one building, unit or role, or set all")
        v.check(buildings.count <= 100, "/audience/buildingIDs", "at most 100 buildings")
        for problem in problems { v.check(false, problem.pointer, problem.detail) }
        try v.finish()
        guard let scenario, let urgency, let tone else { throw DomainError.invalid("/scenario", "is not valid") }
        return AnnouncementDraftInput(
            values: AnnouncementFieldValues(scenario: scenario, values: values), topic: topic, keyPoints: points,
            target: AnnouncementTarget(all: all, buildingIDs: Array(Set(buildings)).sorted(),
                                       unitIDs: Array(Set(units)).sorted(), roles: roles),
            urgency: urgency, tone: tone, count: count, languages: languages)
    }
}

/// A validated request for announcement drafts.
package struct AnnouncementDraftInput: Sendable, Hashable {
    package var values: AnnouncementFieldValues
    package var topic: String?
    package var keyPoints: [String]
    package var target: AnnouncementTarget
    package var urgency: AnnouncementUrgency
    package var tone: AnnouncementTone
    package var count: Int
    package var languages: [AppLocale]

    /// The scenario.
    package var scenario: AnnouncementScenario { values.scenario }

    /// The structures of the alternatives, one per alternative.
    var styles: [AnnouncementDraftStyle] { Array(AnnouncementDraftStyle.allCases.prefix(count)) }

    /// The request as stored with the generation.
    var json: JSONValue {
        let target = (try? JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(self.target))) ?? .null
        return .object([
            "scenario": .string(scenario.key), "fields": values.json, "topic": topic.map { .string($0) } ?? .null,
            "keyPoints": .array(keyPoints.map { .string($0) }), "audience": target,
            "urgency": .string(urgency.rawValue), "tone": .string(tone.rawValue), "count": .int(Int64(count)),
            "languages": .array(languages.map { .string($0.rawValue) }),
        ])
    }
}
