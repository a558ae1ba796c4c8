import Foundation
import PPTDomain
import PPTStorage

/// One clause chosen for a lease, before its placeholders are filled: the wording in the contract
/// language (and the companion language's, when known), its legal basis and mandatory flag.
package struct AssembledClause: Sendable, Hashable {
    package var key: String
    package var mandatory: Bool
    package var legalBasis: String?
    package var text: ClauseText
    package var translation: ClauseText?
}

/// Chooses and orders a lease's clauses: the library's mandatory clauses (in the organization's
/// wording where it has one), its own mandatory clauses, the optional clauses asked for, or a
/// named template's order; then fills them with the lease's data.
package struct LeaseAssembler: Sendable {
    package let country: LeaseCountry
    package let language: AppLocale
    package let bilingual: AppLocale?
    /// The organization's clauses of this country, any language.
    package let organizationClauses: [OrgLeaseClause]

    package init(country: LeaseCountry, language: AppLocale, bilingual: AppLocale?,
                 organizationClauses: [OrgLeaseClause]) {
        self.country = country
        self.language = language
        self.bilingual = bilingual
        self.organizationClauses = organizationClauses
    }

    private func organizationClause(_ key: String, _ language: AppLocale) -> OrgLeaseClause? {
        organizationClauses.first { $0.key == key && $0.language == language }
    }

    /// The clause `key` as this organization words it, or `nil` when neither the library nor the
    /// organization (nor `inline`, a template's own clauses) has it.
    package func clause(_ key: String, inline: [LeaseTemplateClause] = []) -> AssembledClause? {
        if let library = LeaseClauseLibrary.clause(key, country: country) {
            guard let base = text(key, library, language) else { return nil }
            return AssembledClause(key: key, mandatory: library.mandatory,
                                   legalBasis: library.legalBasis.text(in: language), text: base,
                                   translation: bilingual.flatMap { text(key, library, $0) })
        }
        if let own = organizationClause(key, language) {
            return AssembledClause(key: key, mandatory: own.mandatory, legalBasis: own.legalBasis,
                                   text: ClauseText(own.title, own.text),
                                   translation: bilingual.flatMap { organizationClause(key, $0) }
                                       .map { ClauseText($0.title, $0.text) })
        }
        if let own = inline.first(where: { $0.key == key }) {
            return AssembledClause(key: key, mandatory: false, legalBasis: nil, text: ClauseText(own.title, own.text),
                                   translation: nil)
        }
        return nil
    }

    private func text(_ key: String, _ library: LibraryClause, _ language: AppLocale) -> ClauseText? {
        organizationClause(key, language).map { ClauseText($0.title, $0.text) } ?? library.texts[language]
    }

    /// Keys every lease of this organization must contain: the library's and its own mandatory clauses.
    package var mandatoryKeys: [String] {
        let library = LeaseClauseLibrary.clauses(for: country).filter(\.mandatory).map(\.key)
        let own = organizationClauses.filter { $0.language == language && $0.mandatory }.map(\.key)
        return library + own.filter { !library.contains($0) }
    }

    /// The clauses of a lease: `template`'s order, or the library's order, plus the `selected`
    /// optional clauses; mandatory clauses a template lacks are added before the closing clauses.
    /// Errors: an unknown key (`/clauses/i`), a template of another country or language (`/templateID`).
    package func assemble(template: LeaseTemplate?, selected: [String]) throws -> [AssembledClause] {
        var keys: [String]
        let inline = template?.clauses ?? []
        if let template {
            guard template.country == country.rawValue, template.language == language else {
                throw DomainError.invalid("/templateID",
                                          "is a template for \(template.country)/\(template.language.rawValue), not "
                                              + "\(country.rawValue)/\(language.rawValue)")
            }
            keys = template.clauseKeys
        } else {
            keys = LeaseClauseLibrary.clauses(for: country).filter(\.mandatory).map(\.key)
        }
        var problems: [FieldError] = []
        for (index, key) in selected.enumerated() where clause(key, inline: inline) == nil {
            problems.append(FieldError(pointer: "/clauses/\(index)", detail: "no clause '\(key)' for \(country.rawValue)"))
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        for key in mandatoryKeys + selected where !keys.contains(key) {
            let closing = keys.firstIndex { LeaseClauseLibrary.closingKeys.contains($0) } ?? keys.endIndex
            keys.insert(key, at: closing)
        }
        // Library order for optional library clauses asked for without a template.
        if template == nil {
            let order = LeaseClauseLibrary.clauses(for: country).map(\.key)
            let library = keys.filter { order.contains($0) }.sorted { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
            let own = keys.filter { !order.contains($0) }
            let closing = library.firstIndex { LeaseClauseLibrary.closingKeys.contains($0) } ?? library.endIndex
            keys = Array(library[..<closing]) + own + Array(library[closing...])
        }
        return try keys.map { key in
            guard let clause = clause(key, inline: inline) else {
                throw DomainError.invalid("/templateID", "names the clause '\(key)', which no longer exists")
            }
            return clause
        }
    }

    /// The clauses filled with `facts`. Every translation must exist when a bilingual version is
    /// asked for (`lease.missing_translation`, naming the clauses), and a placeholder without a
    /// value (an organization's `{endDate}` in an open-ended lease) is a missing field.
    package func fill(_ clauses: [AssembledClause], facts: LeaseFacts, requireTranslations: Bool) throws
        -> [LeaseSection]
    {
        let values = facts.values(in: language)
        let translated = bilingual.map { facts.values(in: $0) } ?? [:]
        var missingTranslations: [FieldError] = []
        var missingValues: Set<String> = []
        let sections = clauses.enumerated().map { index, clause in
            var section = LeaseSection(key: clause.key, title: clause.text.title,
                                       text: LeaseTemplateText.fill(clause.text.text, values),
                                       legalBasis: clause.legalBasis, mandatory: clause.mandatory)
            missingValues.formUnion(LeaseTemplateText.placeholders(in: section.text))
            if let companion = bilingual {
                if let translation = clause.translation {
                    section.translation = LeaseSectionTranslation(
                        title: translation.title, text: LeaseTemplateText.fill(translation.text, translated))
                    missingValues.formUnion(LeaseTemplateText.placeholders(in: section.translation?.text ?? ""))
                } else if requireTranslations {
                    missingTranslations.append(FieldError(
                        pointer: "/sections/\(index)/translation",
                        detail: "the clause '\(clause.key)' has no \(companion.rawValue) text; add one under ai/lease-clauses"))
                }
            }
            return section
        }
        let unfilled = missingValues.intersection(LeaseTemplateText.known)
        if !unfilled.isEmpty {
            throw DomainError(code: "lease.missing_fields", kind: .invalid,
                              message: "The lease cannot be drafted: required data is missing.",
                              fields: unfilled.sorted().map {
                                  FieldError(pointer: "/lease/\($0)", detail: "is used by a clause and is not recorded")
                              })
        }
        if !missingTranslations.isEmpty {
            throw DomainError(code: "lease.missing_translation", kind: .invalid,
                              message: "Some clauses have no text in the bilingual version's language.",
                              fields: missingTranslations)
        }
        return sections
    }
}
