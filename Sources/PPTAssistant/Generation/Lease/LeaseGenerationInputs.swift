import Foundation
import PPTDomain
import PPTStorage

/// `POST …/leases/{leaseID}/drafts`: how to draft the lease.
package struct LeaseDraftRequest: Codable, Sendable, Hashable {
    /// `sk` for Slovakia, `cs` for Czechia; absent: the language of the building's country.
    package var language: AppLocale?
    /// `en` or `de` for a bilingual version, or absent.
    package var bilingual: AppLocale?
    /// A saved template's clauses and order instead of the library's.
    package var templateID: LeaseTemplateID?
    /// Optional clauses to include by key (library clauses such as `pets`, `smoking`, `lien`, or the
    /// organization's own).
    package var clauses: [String]?
    /// Free-text wishes for the model ("add a clause allowing one cat"); needs a configured model.
    package var requests: [String]?
    /// The day of the month rent falls due (1–28, default 5).
    package var dueDay: Int?

    package init(language: AppLocale? = nil, bilingual: AppLocale? = nil, templateID: LeaseTemplateID? = nil,
                 clauses: [String]? = nil, requests: [String]? = nil, dueDay: Int? = nil) {
        self.language = language
        self.bilingual = bilingual
        self.templateID = templateID
        self.clauses = clauses
        self.requests = requests
        self.dueDay = dueDay
    }

    /// Checks what needs no data: languages, due day, requests' count and length.
    func validate(country: LeaseCountry) throws {
        var v = Validator()
        if let language {
            v.check(language == country.contractLanguage, "/language",
                    "a \(country.rawValue) lease is written in \(country.contractLanguage.rawValue)")
        }
        if let bilingual { v.check(bilingual == .en || bilingual == .de, "/bilingual", "must be en or de") }
        if let dueDay { v.check((1...28).contains(dueDay), "/dueDay", "must be between 1 and 28") }
        let requests = self.requests ?? []
        v.check(requests.count <= 10, "/requests", "at most 10 requests")
        for (index, request) in requests.enumerated() { v.text(request, "/requests/\(index)", max: 500) }
        v.check((clauses ?? []).count <= 30, "/clauses", "at most 30 clauses")
        try v.finish()
    }
}

/// A section as a person edits it.
package struct LeaseSectionInput: Codable, Sendable, Hashable {
    package var key: String
    package var title: String
    package var text: String
    package var translation: LeaseSectionTranslation?

    package init(key: String, title: String, text: String, translation: LeaseSectionTranslation? = nil) {
        self.key = key
        self.title = title
        self.text = text
        self.translation = translation
    }
}

/// `PUT …/drafts/{generationID}`: the draft's new sections.
package struct LeaseDraftEdit: Codable, Sendable, Hashable {
    package var sections: [LeaseSectionInput]

    package init(sections: [LeaseSectionInput]) { self.sections = sections }
}

/// What finalizing a lease draft produced.
package struct LeaseFinalization: Codable, Sendable, Hashable {
    /// The finalized generation (`finalizedAs` `document:<DOCX document id>`).
    package var generation: GenerationRecord
    /// The DOCX and the HTML document, in that order.
    package var documents: [Document]
}

/// A clause as an organization sees it: the library's wording, its own wording of a library
/// clause, or its own clause.
package struct LeaseClauseView: Codable, Sendable, Hashable {
    package var country: LeaseCountry
    package var language: AppLocale
    package var key: String
    package var title: String
    package var text: String
    package var legalBasis: String?
    package var mandatory: Bool
    /// `library`, `override` (the organization's wording of a library clause) or `organization`.
    package var source: String
    /// The placeholders the text uses.
    package var placeholders: [String]
}

/// `PUT ai/lease-clauses`: the organization's wording of a library clause (its key) or its own clause.
package struct LeaseClauseInput: Codable, Sendable, Hashable {
    package var country: LeaseCountry
    package var language: AppLocale
    package var key: String
    package var title: String
    package var text: String
    /// Own clauses only; ignored for a library key (the library's basis stays).
    package var legalBasis: String?
    /// Own clauses only; ignored for a library key (the library decides).
    package var mandatory: Bool?

    package init(country: LeaseCountry, language: AppLocale, key: String, title: String, text: String,
                 legalBasis: String? = nil, mandatory: Bool? = nil) {
        self.country = country
        self.language = language
        self.key = key
        self.title = title
        self.text = text
        self.legalBasis = legalBasis
        self.mandatory = mandatory
    }
}

/// `POST ai/lease-templates`: a named template (saving an existing name replaces it).
package struct LeaseTemplateInput: Codable, Sendable, Hashable {
    package var name: String
    package var country: LeaseCountry
    /// Absent: the country's contract language.
    package var language: AppLocale?
    package var clauseKeys: [String]
    package var clauses: [LeaseTemplateClause]?

    package init(name: String, country: LeaseCountry, language: AppLocale? = nil, clauseKeys: [String],
                 clauses: [LeaseTemplateClause]? = nil) {
        self.name = name
        self.country = country
        self.language = language
        self.clauseKeys = clauseKeys
        self.clauses = clauses
    }
}
