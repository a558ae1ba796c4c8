import Foundation
import PPTDomain
import PPTStorage

/// Listing descriptions (issue #7 item 2): a title and description per language for a listing,
/// written by the organization's model (validated: language, keyword stuffing; retried once) or by
/// PPT's templates on the built-in provider, fitted exactly to the chosen portal's limits. Each
/// request is a generation (a version); publishing one copies its text to the listing.
package struct ListingDescriptionService: Sendable {
    private let engine: GenerationEngine
    private let database: any Database
    private let clock: any WallClock
    private let listings: ListingRepository
    private let properties: PropertyRepository
    private let portalRepository: ListingPortalRepository

    package init(database: any Database, clock: any WallClock, engine: GenerationEngine) {
        self.engine = engine
        self.database = database
        self.clock = clock
        listings = ListingRepository(database: database, clock: clock)
        properties = PropertyRepository(database: database, clock: clock)
        portalRepository = ListingPortalRepository(database: database, clock: clock)
    }

    // MARK: Portals

    /// The presets with the organization's own portals and overrides (`listingsRead`).
    package func portals(_ scope: OrgScope) async throws -> [ListingPortal] {
        ListingPortalCatalog.merged(try await portalRepository.portals(scope))
    }

    /// Sets the organization's limits for a portal: overrides a preset or adds a portal (`listingsManage`).
    package func savePortal(_ scope: OrgScope, _ input: ListingPortalInput) async throws -> ListingPortal {
        try scope.require(.listingsManage)
        try input.validate()
        return try await portalRepository.save(scope, input.portal)
    }

    // MARK: Versions

    /// Generates a new version of the listing's descriptions (`listingsManage`).
    package func generate(_ scope: OrgScope, listingID: ListingID, _ request: ListingDescriptionRequest) async throws
        -> ListingDescriptionVersion
    {
        try scope.require(.listingsManage)
        let listing = try await listings.listing(scope, id: listingID)
        try request.validate()
        let previous = try await previousResult(scope, listingID: listingID, request.basedOn)
        let portalKey = request.portal ?? ListingPortalCatalog.realityPortalKey
        guard var portal = try await portals(scope).first(where: { $0.key == portalKey }) else {
            throw DomainError.invalid("/portal", "is not a portal of this organization (see GET ai/listing-portals)")
        }
        (portal.updatedAt, portal.updatedBy) = (nil, nil)
        let plan = try await engine.plan(scope)
        let facts = try await facts(scope, listing)
        let languages = request.resolvedLanguages, tone = request.resolvedTone, feedback = request.resolvedFeedback
        let inputs = ListingDescriptionRequest(languages: languages, tone: tone, portal: portal.key, feedback: feedback,
                                               basedOn: request.basedOn)
        let record = try await engine.run(scope, kind: .listingDescription, subject: Self.subject(listingID),
                                          inputs: try ListingJSON.encode(inputs)) { usage in
            let items: [ListingDescriptionItem]
            if plan.usesModel {
                let prompt = ListingDescriptionPrompt.prompt(facts: facts, languages: languages, tone: tone,
                                                             portal: portal, feedback: feedback, previous: previous)
                let output = try await engine.structured(
                    scope, plan: plan, system: ListingDescriptionPrompt.system(portal: portal), prompt: prompt,
                    schema: ListingDescriptionPrompt.schema(languages: languages),
                    as: ListingDescriptionCheck.Output.self, usage: &usage
                ) { output in try ListingDescriptionCheck.validate(output, languages: languages, city: facts.city) }
                items = Self.fitted(output, languages: languages, portal: portal)
            } else {
                // Templates cannot act on feedback; the version records it and the previous text is not reused.
                items = languages.map { ListingDescriptionBuiltin.compose(facts, language: $0, tone: tone, portal: portal) }
            }
            return try ListingJSON.encode(ListingDescriptionResult(portal: portal, tone: tone, items: items))
        }
        return try Self.version(record)
    }

    /// The listing's versions, newest first (`listingsRead`; members see their own unless they have
    /// `generationsRead`). Failed requests are included with their error.
    package func versions(_ scope: OrgScope, listingID: ListingID, page: PageRequest) async throws
        -> Page<ListingDescriptionVersion>
    {
        _ = try await listings.listing(scope, id: listingID)
        let records = try await engine.generations.generations(
            scope, filter: GenerationFilter(kind: .listingDescription, subject: Self.subject(listingID)), page: page)
        return Page(items: records.items.compactMap(ListingDescriptionVersion.init), nextCursor: records.nextCursor)
    }

    /// Copies one language of a version to the listing's title and description and marks the version
    /// finalized, in one transaction (`listingsManage`; the listing must not be closed). A version is
    /// published once: publishing it again is `generation.invalid_transition` (409). `language` is required;
    /// it is checked after the listing and version are found, so other organizations' ids are 404 first.
    package func publish(_ scope: OrgScope, listingID: ListingID, generationID: GenerationID, language: AppLocale?)
        async throws -> ListingDescriptionPublication
    {
        try scope.require(.listingsManage)
        let now = clock.now()
        return try await database.write { sql in
            let current = try await ListingRepository.listing(on: sql, scope, id: listingID)
            let record = try await GenerationRepository.visible(sql, scope, generationID)
            let version = try Self.version(record)
            guard version.listingID == listingID else { throw DomainError.notFound("generation") }
            guard record.status == .draft else {
                throw DomainError.invalidTransition("generation", from: record.status.rawValue, to: "finalized")
            }
            guard let language else { throw DomainError.invalid("/language", "is required") }
            guard var result = version.result, let item = result.items.first(where: { $0.language == language }) else {
                throw DomainError.invalid("/language", "this version has no text in \(language.rawValue)")
            }
            // Text in the organization's language is the listing's own; any other language is a
            // translation the portal shows to visitors who read it.
            let listing: Listing
            if try await ListingMediaRepository.ownLanguage(sql, scope.organizationID) == language {
                listing = try await ListingRepository.replaceText(sql, scope, id: listingID, title: item.title,
                                                                  description: item.description, at: now)
                try await ListingMediaRepository.removeText(sql, listingID: listingID, language: language)
            } else {
                guard current.status != .closed else {
                    throw DomainError.listingClosed
                }
                listing = current
                _ = try await ListingMediaRepository.setText(sql, scope, listingID: listingID, language: language,
                                                             title: item.title, description: item.description, at: now)
            }
            result.publishedLanguage = language
            let finalized = try await GenerationRepository.finalize(
                sql, scope, id: generationID, as: Self.subject(listingID), result: try ListingJSON.encode(result), at: now)
            return ListingDescriptionPublication(listing: listing, version: try Self.version(finalized))
        }
    }

    // MARK: Helpers

    private static func subject(_ id: ListingID) -> String { "listing:\(id.rawValue)" }

    private static func version(_ record: GenerationRecord) throws -> ListingDescriptionVersion {
        guard let version = ListingDescriptionVersion(record) else { throw DomainError.notFound("generation") }
        return version
    }

    /// The text of the version `basedOn` revises (it must be a successful version of the same listing).
    private func previousResult(_ scope: OrgScope, listingID: ListingID, _ basedOn: GenerationID?) async throws
        -> ListingDescriptionResult?
    {
        guard let basedOn else { return nil }
        let record = try await engine.generations.generation(scope, id: basedOn)
        guard let version = ListingDescriptionVersion(record), version.listingID == listingID,
              let result = version.result else {
            throw DomainError.invalid("/basedOn", "is not a generated description version of this listing")
        }
        return result
    }

    /// The listing with its unit and building, where the member may read them.
    private func facts(_ scope: OrgScope, _ listing: Listing) async throws -> ListingFacts {
        guard let unitID = listing.unitID, scope.can(.unitsRead) else {
            return ListingFacts(listing: listing, unit: nil, building: nil)
        }
        let unit = try await properties.unit(scope, id: unitID)
        let building = scope.can(.buildingsRead) ? try await properties.building(scope, id: unit.buildingID) : nil
        return ListingFacts(listing: listing, unit: unit, building: building)
    }

    /// The model's items in the requested order, fitted to the portal's limits and with tidy keywords.
    private static func fitted(_ output: ListingDescriptionCheck.Output, languages: [AppLocale],
                               portal: ListingPortal) -> [ListingDescriptionItem] {
        languages.compactMap { language in
            guard let item = output.items.first(where: { $0.language == language.rawValue }) else { return nil }
            let title = TextLimiter.fitTitle(item.title, limit: portal.titleMaxLength)
            let description = TextLimiter.fitSentences(item.description, limit: portal.descriptionMaxLength)
            var seen = Set<String>()
            let keywords = item.keywords.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { seen.insert(SearchText.fold($0)).inserted }
            return ListingDescriptionItem(language: language, title: title.text, description: description.text,
                                          keywords: keywords, shortened: title.shortened || description.shortened)
        }
    }
}
