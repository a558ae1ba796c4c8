import Foundation
import PPTDomain
import PPTLLM
import PPTStorage

/// The generated alternatives of one request, as answered and as stored in the generation's result.
package struct AnnouncementDrafts: Codable, Sendable, Hashable {
    package var generationID: GenerationID
    package var status: GenerationStatus
    package var scenario: String
    package var languages: [AppLocale]
    package var urgency: AnnouncementUrgency
    package var tone: AnnouncementTone
    /// Who it is for (becomes the announcement's target).
    package var audience: AnnouncementTarget
    /// Provider and model that wrote them (`builtin` for the templates).
    package var provider: String?
    package var model: String?
    package var drafts: [AnnouncementDraftAlternative]
}

/// `POST ai/announcement-drafts/{generationID}/choose`: which alternative, in which language, and
/// optionally the text as the person edited it.
package struct AnnouncementDraftChoice: Codable, Sendable {
    package var index: Int
    package var language: String
    package var title: String?
    package var body: String?

    package init(index: Int, language: String, title: String? = nil, body: String? = nil) {
        self.index = index
        self.language = language
        self.title = title
        self.body = body
    }
}

/// Announcement drafts (issue #7 item 4): scenario templates with their own fields, 1–3 genuinely
/// different alternatives in the requested languages (a model writes and PPT checks, or the built-in
/// templates write), and the chosen one becomes a draft announcement that stays editable.
package struct AnnouncementDraftService: Sendable {
    let engine: GenerationEngine
    let database: any Database
    let clock: any WallClock

    package init(engine: GenerationEngine, database: any Database, clock: any WallClock) {
        self.engine = engine
        self.database = database
        self.clock = clock
    }

    /// The scenario templates with their fields and names (needs `announcementsManage`).
    package func scenarios(_ scope: OrgScope) throws -> [AnnouncementScenario] {
        try scope.require(.announcementsManage)
        return AnnouncementScenarios.all
    }

    /// Generates the drafts and stores the request (see the type's comment). The audience's buildings
    /// and units are looked up first: another organization's is not found.
    package func generate(_ scope: OrgScope, _ request: AnnouncementDraftRequest) async throws -> AnnouncementDrafts {
        try scope.require(.announcementsManage)
        let properties = PropertyRepository(database: database, clock: clock)
        var buildingNames: [String] = []
        for text in request.audience?.buildingIDs ?? [] {
            guard let id = BuildingID(text) else { throw DomainError.notFound("building") }
            buildingNames.append(try await properties.building(scope, id: id).name)
        }
        for text in request.audience?.unitIDs ?? [] {
            guard let id = UnitID(text) else { throw DomainError.notFound("unit") }
            _ = try await properties.unit(scope, id: id)
        }
        let plan = try await engine.plan(scope)
        let organization = try await AccountRepository(database: database, clock: clock).organization(scope)
        let input = try request.validated(organization: organization)
        let record = try await engine.run(scope, kind: .announcementDrafts, subject: "scenario:\(input.scenario.key)",
                                          inputs: input.json) { usage in
            let alternatives: [AnnouncementDraftAlternative]
            if plan.usesModel {
                let writer = AnnouncementModelWriter(input: input, organization: organization, buildingNames: buildingNames)
                let output = try await engine.structured(
                    scope, plan: plan, system: writer.system, prompt: writer.prompt, schema: writer.schema,
                    as: AnnouncementModelWriter.Output.self, temperature: 0.7, usage: &usage) { try writer.validate($0) }
                alternatives = Self.alternatives(output, input)
            } else {
                usage.provider = plan.endpoint.provider.rawValue
                usage.model = plan.endpoint.model
                alternatives = AnnouncementTemplateWriter(input: input, organizationName: organization.name).alternatives()
            }
            return try Self.json(StoredResult(audience: input.target, drafts: alternatives))
        }
        return try Self.drafts(record)
    }

    /// Makes the chosen alternative (edited text if given) a draft announcement for the request's
    /// audience and marks the generation finalized as `announcement:<id>`. A generation is chosen once.
    package func choose(_ scope: OrgScope, generationID: GenerationID, _ choice: AnnouncementDraftChoice) async throws
        -> Announcement
    {
        try scope.require(.announcementsManage)
        let record = try await engine.generations.generation(scope, id: generationID)
        guard record.kind == .announcementDrafts else { throw DomainError.notFound("generation") }
        guard record.status == .draft else {
            throw DomainError.invalidTransition("generation", from: record.status.rawValue, to: "finalized")
        }
        let stored = try Self.decode(StoredResult.self, record.result ?? .null)
        guard stored.drafts.indices.contains(choice.index) else {
            throw DomainError.invalid("/index", "must be between 0 and \(stored.drafts.count - 1)")
        }
        guard let version = stored.drafts[choice.index].versions.first(where: { $0.language.rawValue == choice.language })
        else {
            let offered = stored.drafts[choice.index].versions.map(\.language.rawValue).joined(separator: ", ")
            throw DomainError.invalid("/language", "must be one of \(offered)")
        }
        let input = AnnouncementInput(title: choice.title ?? version.title, body: choice.body ?? version.body,
                                      target: stored.audience)
        try input.validate()
        let edited = input.title != version.title || input.body != version.body
        let now = clock.now()
        // The announcement and the generation's finalization land in one transaction; the conditional
        // finalize makes a concurrent second choice fail and roll its announcement back.
        let announcement = try await database.write { sql in
            let announcement = try await AnnouncementRepository.create(sql, scope, input, at: now)
            var result = try Self.json(stored)
            if case .object(var fields) = result {
                fields["chosen"] = .object([
                    "index": .int(Int64(choice.index)), "language": .string(choice.language),
                    "edited": .bool(edited), "announcementID": .id(announcement.id),
                ])
                result = .object(fields)
            }
            _ = try await GenerationRepository.finalize(sql, scope, id: generationID,
                                                        as: "announcement:\(announcement.id.rawValue)",
                                                        result: result, at: now)
            return announcement
        }
        return announcement
    }

    // MARK: Helpers

    /// The stored result: the audience and the alternatives (plus `chosen` once finalized).
    struct StoredResult: Codable, Sendable {
        var audience: AnnouncementTarget
        var drafts: [AnnouncementDraftAlternative]
    }

    static func alternatives(_ output: AnnouncementModelWriter.Output, _ input: AnnouncementDraftInput)
        -> [AnnouncementDraftAlternative]
    {
        output.drafts.enumerated().map { index, draft in
            let versions = input.languages.compactMap { language in
                draft.versions.first { $0.language == language.rawValue }.map {
                    AnnouncementDraftText(language: language, title: $0.title.trimmingCharacters(in: .whitespacesAndNewlines),
                                          body: $0.body.trimmingCharacters(in: .whitespacesAndNewlines))
                }
            }
            return AnnouncementDraftAlternative(index: index, style: AnnouncementDraftStyle(rawValue: draft.style)
                                                    ?? input.styles[min(index, input.styles.count - 1)], versions: versions)
        }
    }

    static func drafts(_ record: GenerationRecord) throws -> AnnouncementDrafts {
        let stored = try decode(StoredResult.self, record.result ?? .null)
        let inputs = try decode(StoredInputs.self, record.inputs)
        return AnnouncementDrafts(
            generationID: record.id, status: record.status, scenario: inputs.scenario, languages: inputs.languages,
            urgency: inputs.urgency, tone: inputs.tone, audience: stored.audience, provider: record.usage.provider,
            model: record.usage.model, drafts: stored.drafts)
    }

    private struct StoredInputs: Decodable {
        var scenario: String
        var languages: [AppLocale]
        var urgency: AnnouncementUrgency
        var tone: AnnouncementTone
    }

    static func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: JSONValue) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(json))
    }
}
