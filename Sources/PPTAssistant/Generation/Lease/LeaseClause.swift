import Foundation
import PPTDomain

/// The legal systems PPT drafts flat leases for.
package enum LeaseCountry: String, Codable, Sendable, CaseIterable {
    /// Slovakia: Civil Code, Act No. 40/1964 Coll.
    case SK
    /// Czechia: Civil Code, Act No. 89/2012 Coll.
    case CZ

    /// The country of a building's `country` field (`SK`, `sk`, `CZ`...), `nil` for any other.
    package init?(code: String) {
        self.init(rawValue: code.trimmingCharacters(in: .whitespaces).uppercased())
    }

    /// The language a contract under this law is written in.
    package var contractLanguage: AppLocale { self == .SK ? .sk : .cs }

    /// The languages a clause text exists in: the contract language, then the bilingual companions.
    package var languages: [AppLocale] { [contractLanguage, .en, .de] }
}

/// The statute a clause rests on: an act and the sections of it, rendered in the contract's language.
package struct LegalBasis: Codable, Sendable, Hashable {
    /// Sections as written in the act (`§685–716`, `§2254`).
    package var sections: [String]
    /// The act.
    package var act: Act

    /// The acts the clause library cites.
    package enum Act: String, Codable, Sendable {
        /// Slovak Civil Code.
        case sk40_1964 = "40/1964"
        /// Czech Civil Code.
        case cz89_2012 = "89/2012"
    }

    package init(_ sections: [String], _ act: Act) {
        self.sections = sections
        self.act = act
    }

    /// The citation in `language` (`§2254 zákona č. 89/2012 Sb.`, `§2254 Act No. 89/2012 Coll.`).
    package func text(in language: AppLocale) -> String {
        let sections = self.sections.joined(separator: ", ")
        let number = act.rawValue
        switch (language, act) {
        case (.sk, _): return "\(sections) zákona č. \(number) Zb. (Občiansky zákonník)"
        case (.cs, .cz89_2012): return "\(sections) zákona č. \(number) Sb., občanský zákoník"
        case (.cs, .sk40_1964): return "\(sections) zákona č. \(number) Zb., občiansky zákonník (SR)"
        case (.de, _): return "\(sections) Gesetz Nr. \(number) Slg. (Bürgerliches Gesetzbuch)"
        case (.en, _): return "\(sections) Act No. \(number) Coll. (Civil Code)"
        }
    }
}

/// A clause's heading and wording in one language; `{placeholders}` are filled from the lease's data.
package struct ClauseText: Sendable, Hashable {
    package var title: String
    package var text: String

    package init(_ title: String, _ text: String) {
        self.title = title
        self.text = text
    }
}

/// One clause of the library: a stable key, whether every lease must contain it, the law it rests
/// on, and its text in the contract language and in English and German for bilingual versions.
package struct LibraryClause: Sendable, Hashable {
    package var key: String
    package var mandatory: Bool
    package var legalBasis: LegalBasis
    package var texts: [AppLocale: ClauseText]

    package init(_ key: String, mandatory: Bool, _ legalBasis: LegalBasis, _ texts: [AppLocale: ClauseText]) {
        self.key = key
        self.mandatory = mandatory
        self.legalBasis = legalBasis
        self.texts = texts
    }
}

/// One section of a generated lease as stored in the draft and rendered into the document.
package struct LeaseSection: Codable, Sendable, Hashable {
    package var key: String
    package var title: String
    package var text: String
    /// The citation in the contract language; `nil` for an organization's own clause without one.
    package var legalBasis: String?
    package var mandatory: Bool
    /// The bilingual version's text (`title` and `text`), when a bilingual version was asked for.
    package var translation: LeaseSectionTranslation?

    package init(key: String, title: String, text: String, legalBasis: String?, mandatory: Bool,
                 translation: LeaseSectionTranslation? = nil) {
        self.key = key
        self.title = title
        self.text = text
        self.legalBasis = legalBasis
        self.mandatory = mandatory
        self.translation = translation
    }
}

/// A section's wording in the bilingual companion language.
package struct LeaseSectionTranslation: Codable, Sendable, Hashable {
    package var title: String
    package var text: String

    package init(title: String, text: String) {
        self.title = title
        self.text = text
    }
}

/// A generated lease: the result stored on the generation record.
package struct LeaseDraft: Codable, Sendable, Hashable {
    package var country: LeaseCountry
    package var language: AppLocale
    /// The companion language of a bilingual version, or `nil`.
    package var bilingual: AppLocale?
    /// The contract's heading in `language` (and in `bilingual`).
    package var title: String
    package var translatedTitle: String?
    package var sections: [LeaseSection]
    /// The finalized documents (`docx`, `html` → document id), once finalized.
    package var documents: [String: String]?

    package init(country: LeaseCountry, language: AppLocale, bilingual: AppLocale?, title: String,
                 translatedTitle: String?, sections: [LeaseSection], documents: [String: String]? = nil) {
        self.country = country
        self.language = language
        self.bilingual = bilingual
        self.title = title
        self.translatedTitle = translatedTitle
        self.sections = sections
        self.documents = documents
    }

    /// The draft as the generation record's JSON result.
    package var json: JSONValue {
        get throws { try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(self)) }
    }

    /// A stored result read back.
    package init(json: JSONValue) throws {
        self = try JSONDecoder().decode(LeaseDraft.self, from: JSONEncoder().encode(json))
    }
}

extension LeaseCountry {
    /// The contract's heading.
    package func contractTitle(in language: AppLocale) -> String {
        switch language {
        case .sk: "Zmluva o nájme bytu"
        case .cs: "Smlouva o nájmu bytu"
        case .en: "Flat Lease Agreement"
        case .de: "Wohnungsmietvertrag"
        }
    }
}
