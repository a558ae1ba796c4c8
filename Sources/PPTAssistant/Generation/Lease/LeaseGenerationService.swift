import Foundation
import PPTDomain
import PPTStorage

/// Flat leases under Slovak and Czech law, drafted from the data PPT holds (issue #7 item 1).
/// The built-in provider fills the clause library; a configured model adapts the wording and adds
/// requested clauses, and the verifier holds it to the data. Every request is a generation record
/// (`kind` lease, `subject` `lease:<id>`); a person edits the draft and finalizes it into DOCX and
/// HTML documents scoped to the lease's unit. Everything needs `leasesManage`.
package struct LeaseGenerationService: Sendable {
    let engine: GenerationEngine
    let generations: GenerationRepository
    let leases: LeaseRepository
    let properties: PropertyRepository
    let documents: DocumentRepository
    let database: any Database
    let clock: any WallClock
    /// The organization's clauses and templates.
    package let clauses: LeaseClauseService

    package init(engine: GenerationEngine, database: any Database, blobs: BlobStore, clock: any WallClock) {
        self.engine = engine
        self.generations = engine.generations
        self.database = database
        self.clock = clock
        leases = LeaseRepository(database: database, clock: clock)
        properties = PropertyRepository(database: database, clock: clock)
        documents = DocumentRepository(database: database, blobs: blobs, clock: clock)
        clauses = LeaseClauseService(repository: LeaseClauseRepository(database: database, clock: clock))
    }

    /// Drafts the lease `leaseID` and stores the draft as a generation.
    /// Errors: `lease.not_found`; `validation.failed`; `lease.missing_fields` (every missing field
    /// named); `lease.deposit_over_limit` (CZ); `lease.missing_translation`; `llm.feature_disabled`;
    /// `generation.invalid_output` when the model's lease fails the verifier twice.
    package func generate(_ scope: OrgScope, leaseID: LeaseID, _ request: LeaseDraftRequest) async throws
        -> GenerationRecord
    {
        try scope.require(.leasesManage)
        let lease = try await leases.lease(scope, id: leaseID)
        let template = try await request.templateID.leaseAsyncMap { try await clauses.repository.template(scope, id: $0) }
        let plan = try await engine.plan(scope)
        let requests = (request.requests ?? []).map(\.leaseTrimmed).filter { !$0.isEmpty }
        let inputs = try Self.json(request)
        return try await engine.run(scope, kind: .lease, subject: "lease:\(leaseID.rawValue)", inputs: inputs) { usage in
            let facts = try await self.facts(scope, lease, dueDay: request.dueDay ?? 5)
            guard let country = facts.country else { throw DomainError.invalid("/building/country", "must be SK or CZ") }
            try request.validate(country: country)
            try facts.check()
            if !plan.usesModel, !requests.isEmpty {
                throw DomainError.invalid("/requests", "free-text requests need a configured language model; "
                    + "include library or organization clauses by key in `clauses` instead")
            }
            let language = request.language ?? country.contractLanguage
            let own = try await clauses.repository.clauses(scope, country: country.rawValue, language: nil)
            let assembler = LeaseAssembler(country: country, language: language, bilingual: request.bilingual,
                                           organizationClauses: own)
            let assembled = try assembler.assemble(template: template, selected: request.clauses ?? [])
            var sections = try assembler.fill(assembled, facts: facts, requireTranslations: !plan.usesModel)
            // Amounts and dates the organization wrote into its clauses are its own terms, not invented.
            let authored = assembled.flatMap { [$0.text.text, $0.translation?.text ?? ""] }
            let verifier = LeaseVerifier(facts: facts, language: language, bilingual: request.bilingual,
                                         mandatory: assembled, allowing: requests + authored)
            if plan.usesModel {
                sections = try await LeaseModelWriter(engine: engine).write(
                    scope, plan: plan, draft: sections, country: country, language: language,
                    bilingual: request.bilingual, requests: requests, verifier: verifier, usage: &usage)
            } else {
                try verifier.check(sections)
                usage.add(GenerationUsage(provider: plan.endpoint.provider.rawValue, model: plan.endpoint.model))
            }
            let draft = LeaseDraft(country: country, language: language, bilingual: request.bilingual,
                                   title: country.contractTitle(in: language),
                                   translatedTitle: request.bilingual.map(country.contractTitle(in:)), sections: sections)
            return try draft.json
        }
    }

    /// The lease's drafts (and finalized and failed requests), newest first.
    package func drafts(_ scope: OrgScope, leaseID: LeaseID, page: PageRequest) async throws -> Page<GenerationRecord> {
        try scope.require(.leasesManage)
        _ = try await leases.lease(scope, id: leaseID)
        return try await generations.generations(
            scope, filter: GenerationFilter(kind: .lease, subject: "lease:\(leaseID.rawValue)"), page: page)
    }

    /// Replaces a draft's sections after checking them against the lease's data: a mandatory clause
    /// removed or a figure changed is `validation.failed` naming it. Finalized drafts are a conflict.
    package func edit(_ scope: OrgScope, leaseID: LeaseID, generationID: GenerationID, _ edit: LeaseDraftEdit)
        async throws -> GenerationRecord
    {
        let (_, record, draft, verifier) = try await loadDraft(scope, leaseID: leaseID, generationID: generationID)
        guard edit.sections.count <= 80 else { throw DomainError.invalid("/sections", "at most 80 sections") }
        let previous = Dictionary(draft.sections.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var updated = draft
        updated.sections = edit.sections.map { input in
            let known = previous[input.key]
            return LeaseSection(key: input.key.leaseTrimmed, title: input.title.leaseTrimmed, text: input.text,
                                legalBasis: known?.legalBasis, mandatory: known?.mandatory ?? false,
                                translation: draft.bilingual == nil ? nil : input.translation)
        }
        try verifier.check(updated.sections)
        return try await generations.updateDraft(scope, id: record.id, result: try updated.json)
    }

    /// Checks that the lease, and the generation of it when given, exist for `scope` (`notFound`
    /// otherwise), so the HTTP layer answers 404 before it reads a request body.
    package func requireVisible(_ scope: OrgScope, leaseID: LeaseID, generationID: GenerationID? = nil) async throws {
        if let generationID {
            _ = try await leaseGeneration(scope, leaseID: leaseID, generationID: generationID)
        } else {
            try scope.require(.leasesManage)
            _ = try await leases.lease(scope, id: leaseID)
        }
    }

    /// The lease and one of its lease generations (another lease's or kind's is `notFound`).
    private func leaseGeneration(_ scope: OrgScope, leaseID: LeaseID, generationID: GenerationID) async throws
        -> (Lease, GenerationRecord)
    {
        try scope.require(.leasesManage)
        let lease = try await leases.lease(scope, id: leaseID)
        let record = try await generations.generation(scope, id: generationID)
        guard record.kind == .lease, record.subject == "lease:\(leaseID.rawValue)" else {
            throw DomainError.notFound("generation")
        }
        return (lease, record)
    }

    /// The lease, a draft generation of it, the draft, and a verifier against the lease's current data.
    func loadDraft(_ scope: OrgScope, leaseID: LeaseID, generationID: GenerationID, action: String = "edited")
        async throws
        -> (LeaseFacts, GenerationRecord, LeaseDraft, LeaseVerifier)
    {
        let (lease, record) = try await leaseGeneration(scope, leaseID: leaseID, generationID: generationID)
        guard record.status == .draft, let result = record.result else {
            throw DomainError.invalidTransition("generation", from: record.status.rawValue, to: action)
        }
        let draft = try LeaseDraft(json: result)
        let dueDay = record.inputs.leaseObject?["dueDay"]?.leaseInt ?? 5
        let facts = try await facts(scope, lease, dueDay: dueDay)
        try facts.check()
        let own = try await clauses.repository.clauses(scope, country: draft.country.rawValue, language: nil)
        let assembler = LeaseAssembler(country: draft.country, language: draft.language, bilingual: draft.bilingual,
                                       organizationClauses: own)
        let mandatory = draft.sections.filter(\.mandatory).compactMap { section in
            assembler.clause(section.key) ?? AssembledClause(
                key: section.key, mandatory: true, legalBasis: section.legalBasis,
                text: ClauseText(section.title, ""), translation: nil)
        }
        let requests = record.inputs.leaseObject?["requests"]?.leaseArray?.compactMap(\.stringValue) ?? []
        // A person may keep what the draft already said (an organization clause's fee), not add new figures.
        let earlier = draft.sections.flatMap { [$0.text, $0.translation?.text ?? ""] }
        let verifier = LeaseVerifier(facts: facts, language: draft.language, bilingual: draft.bilingual,
                                     mandatory: mandatory.map { var clause = $0; clause.mandatory = true; return clause },
                                     allowing: requests + earlier)
        return (facts, record, draft, verifier)
    }

    /// The lease with its unit and building.
    func facts(_ scope: OrgScope, _ lease: Lease, dueDay: Int) async throws -> LeaseFacts {
        let unit = try await properties.unit(scope, id: lease.unitID)
        let building = try await properties.building(scope, id: unit.buildingID)
        return LeaseFacts(lease: lease, unit: unit, building: building, dueDay: dueDay)
    }

    static func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }
}

extension Optional {
    /// `map` with an asynchronous, throwing transform.
    fileprivate func leaseAsyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension JSONValue {
    fileprivate var leaseObject: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    fileprivate var leaseArray: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    fileprivate var leaseInt: Int? { if case .number(let n) = self { Int(exactly: n) } else { nil } }
}
