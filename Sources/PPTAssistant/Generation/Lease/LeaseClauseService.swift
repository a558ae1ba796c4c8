import Foundation
import PPTDomain
import PPTStorage

/// An organization's customisation of the clause library: its wording of library clauses (never
/// their mandatory flag or legal basis), its own clauses, and named templates. Needs `leasesManage`.
package struct LeaseClauseService: Sendable {
    let repository: LeaseClauseRepository

    package init(repository: LeaseClauseRepository) { self.repository = repository }

    /// Every clause of `country` in `language` (default: the contract language) as the organization
    /// words it: the library's clauses in order, then its own.
    package func clauses(_ scope: OrgScope, country: LeaseCountry, language: AppLocale?) async throws
        -> [LeaseClauseView]
    {
        let language = language ?? country.contractLanguage
        guard country.languages.contains(language) else {
            throw DomainError.invalid("/query/language", "\(country.rawValue) clauses exist in "
                + country.languages.map(\.rawValue).joined(separator: ", "))
        }
        let own = try await repository.clauses(scope, country: country.rawValue, language: language)
        let byKey = Dictionary(own.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var views = LeaseClauseLibrary.clauses(for: country).compactMap { library -> LeaseClauseView? in
            let custom = byKey[library.key]
            guard let text = custom.map({ ClauseText($0.title, $0.text) }) ?? library.texts[language] else { return nil }
            return LeaseClauseView(country: country, language: language, key: library.key, title: text.title,
                                   text: text.text, legalBasis: library.legalBasis.text(in: language),
                                   mandatory: library.mandatory, source: custom == nil ? "library" : "override",
                                   placeholders: LeaseTemplateText.placeholders(in: text.text))
        }
        for clause in own where LeaseClauseLibrary.clause(clause.key, country: country) == nil {
            views.append(Self.view(clause, country: country))
        }
        return views
    }

    /// Saves the organization's wording of a library clause or its own clause. A library clause's
    /// replacement must keep the figures' placeholders (`{rent}` in the rent clause...).
    package func save(_ scope: OrgScope, _ input: LeaseClauseInput) async throws -> LeaseClauseView {
        try scope.require(.leasesManage)
        var v = Validator()
        v.check(input.key.range(of: "^[a-z][a-z0-9_]{0,63}$", options: .regularExpression) != nil, "/key",
                "must be snake_case (a-z, 0-9, _), at most 64 characters")
        v.check(input.country.languages.contains(input.language), "/language",
                "\(input.country.rawValue) clauses exist in " + input.country.languages.map(\.rawValue).joined(separator: ", "))
        v.text(input.title, "/title", max: 200)
        v.text(input.text, "/text", max: 8000)
        v.text(input.legalBasis, "/legalBasis", max: 300, required: false)
        try v.finish()
        let library = LeaseClauseLibrary.clause(input.key, country: input.country)
        let required = library.flatMap { $0.mandatory ? $0.texts[input.language]?.text : nil }
            .map(LeaseTemplateText.figurePlaceholders) ?? []
        try LeaseTemplateText.validate(input.text, requiring: required, pointer: "/text")
        let saved = try await repository.saveClause(scope, OrgLeaseClause(
            country: input.country.rawValue, language: input.language, key: input.key, title: input.title.leaseTrimmed,
            text: input.text.leaseTrimmed, legalBasis: library == nil ? input.legalBasis?.leaseTrimmed : nil,
            mandatory: library == nil ? (input.mandatory ?? false) : false, updatedBy: scope.userID,
            updatedAt: Date()))
        if let library {
            return LeaseClauseView(country: input.country, language: input.language, key: library.key,
                                   title: saved.title, text: saved.text,
                                   legalBasis: library.legalBasis.text(in: input.language),
                                   mandatory: library.mandatory, source: "override",
                                   placeholders: LeaseTemplateText.placeholders(in: saved.text))
        }
        return Self.view(saved, country: input.country)
    }

    /// Removes the organization's clause (a library clause returns to the library's wording).
    package func delete(_ scope: OrgScope, country: LeaseCountry, language: AppLocale, key: String) async throws {
        try await repository.deleteClause(scope, country: country.rawValue, language: language, key: key)
    }

    /// The organization's templates.
    package func templates(_ scope: OrgScope) async throws -> [LeaseTemplate] {
        try await repository.templates(scope)
    }

    /// Saves a template: its keys must exist and include every mandatory clause; its own clauses
    /// need new keys and known placeholders.
    package func saveTemplate(_ scope: OrgScope, _ input: LeaseTemplateInput) async throws -> LeaseTemplate {
        try scope.require(.leasesManage)
        let language = input.language ?? input.country.contractLanguage
        var v = Validator()
        v.text(input.name, "/name", max: 120)
        v.check(language == input.country.contractLanguage, "/language",
                "a \(input.country.rawValue) lease is written in \(input.country.contractLanguage.rawValue)")
        v.check(!input.clauseKeys.isEmpty && input.clauseKeys.count <= 60, "/clauseKeys", "must name 1 to 60 clauses")
        v.check(Set(input.clauseKeys).count == input.clauseKeys.count, "/clauseKeys", "must not repeat a key")
        let inline = input.clauses ?? []
        for (index, clause) in inline.enumerated() {
            v.check(clause.key.range(of: "^[a-z][a-z0-9_]{0,63}$", options: .regularExpression) != nil,
                    "/clauses/\(index)/key", "must be snake_case (a-z, 0-9, _)")
            v.check(LeaseClauseLibrary.clause(clause.key, country: input.country) == nil, "/clauses/\(index)/key",
                    "is a library clause's key; word library clauses under ai/lease-clauses")
            v.text(clause.title, "/clauses/\(index)/title", max: 200)
            v.text(clause.text, "/clauses/\(index)/text", max: 8000)
        }
        try v.finish()
        for (index, clause) in inline.enumerated() {
            try LeaseTemplateText.validate(clause.text, requiring: [], pointer: "/clauses/\(index)/text")
        }
        let own = try await repository.clauses(scope, country: input.country.rawValue, language: language)
        let assembler = LeaseAssembler(country: input.country, language: language, bilingual: nil,
                                       organizationClauses: own)
        var problems: [FieldError] = []
        for (index, key) in input.clauseKeys.enumerated() where assembler.clause(key, inline: inline) == nil {
            problems.append(FieldError(pointer: "/clauseKeys/\(index)", detail: "no clause '\(key)'"))
        }
        for key in assembler.mandatoryKeys where !input.clauseKeys.contains(key) {
            problems.append(FieldError(pointer: "/clauseKeys", detail: "must include the mandatory clause '\(key)'"))
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        return try await repository.saveTemplate(scope, LeaseTemplate(
            organizationID: scope.organizationID, name: input.name.leaseTrimmed, country: input.country.rawValue,
            language: language, clauseKeys: input.clauseKeys, clauses: inline, createdBy: scope.userID,
            createdAt: Date(), updatedAt: Date()))
    }

    /// Deletes a template.
    package func deleteTemplate(_ scope: OrgScope, id: LeaseTemplateID) async throws {
        try await repository.deleteTemplate(scope, id: id)
    }

    private static func view(_ clause: OrgLeaseClause, country: LeaseCountry) -> LeaseClauseView {
        LeaseClauseView(country: country, language: clause.language, key: clause.key, title: clause.title,
                        text: clause.text, legalBasis: clause.legalBasis, mandatory: clause.mandatory,
                        source: "organization", placeholders: LeaseTemplateText.placeholders(in: clause.text))
    }
}
