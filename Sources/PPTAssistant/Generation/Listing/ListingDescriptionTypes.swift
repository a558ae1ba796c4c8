import Foundation
import PPTDomain
import PPTStorage

/// How a listing description sounds.
package enum ListingTone: String, Codable, Sendable, CaseIterable {
    case professional, friendly, luxury, concise
}

/// A request for a new version of a listing's title and description.
package struct ListingDescriptionRequest: Codable, Sendable, Hashable {
    /// Languages to write, each once (default: sk, cs, de, en).
    package var languages: [AppLocale]?
    /// Default `professional`.
    package var tone: ListingTone?
    /// The portal whose limits apply (default the Reality Portal).
    package var portal: String?
    /// What to change against the previous version ("shorter, mention the balcony").
    package var feedback: String?
    /// The version this one revises (its text goes to the model with the feedback).
    package var basedOn: GenerationID?

    package init(languages: [AppLocale]? = nil, tone: ListingTone? = nil, portal: String? = nil,
                 feedback: String? = nil, basedOn: GenerationID? = nil) {
        self.languages = languages
        self.tone = tone
        self.portal = portal
        self.feedback = feedback
        self.basedOn = basedOn
    }

    /// The requested languages, or all four.
    package var resolvedLanguages: [AppLocale] { languages ?? AppLocale.allCases }
    /// The requested tone, or `professional`.
    package var resolvedTone: ListingTone { tone ?? .professional }
    /// The feedback, trimmed; `nil` when empty.
    package var resolvedFeedback: String? {
        feedback.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Throws `validation.failed` naming every invalid field.
    package func validate() throws(DomainError) {
        var v = Validator()
        if let languages {
            v.check(!languages.isEmpty, "/languages", "must name at least one language")
            v.check(Set(languages).count == languages.count, "/languages", "must not repeat a language")
        }
        if let feedback { v.text(feedback, "/feedback", max: 1000, required: false) }
        try v.finish()
    }
}

/// A generated title and description in one language.
package struct ListingDescriptionItem: Codable, Sendable, Hashable {
    package var language: AppLocale
    package var title: String
    package var description: String
    /// Search phrases in the item's language.
    package var keywords: [String]
    /// Whether the title or description was shortened to the portal's limits.
    package var shortened: Bool

    package init(language: AppLocale, title: String, description: String, keywords: [String], shortened: Bool = false) {
        self.language = language
        self.title = title
        self.description = description
        self.keywords = keywords
        self.shortened = shortened
    }
}

/// What a listing-description generation stores as its result.
package struct ListingDescriptionResult: Codable, Sendable, Hashable {
    /// The portal and limits it was written for.
    package var portal: ListingPortal
    package var tone: ListingTone
    package var items: [ListingDescriptionItem]
    /// The language published to the listing, once published.
    package var publishedLanguage: AppLocale?

    package init(portal: ListingPortal, tone: ListingTone, items: [ListingDescriptionItem],
                 publishedLanguage: AppLocale? = nil) {
        self.portal = portal
        self.tone = tone
        self.items = items
        self.publishedLanguage = publishedLanguage
    }
}

/// One version of a listing's descriptions as the API shows it (a generation of kind
/// `listing_description` with subject `listing:<id>`).
package struct ListingDescriptionVersion: Codable, Sendable, Hashable {
    /// The generation's id.
    package var id: GenerationID
    package var listingID: ListingID
    /// `draft`, `finalized` (published to the listing) or `failed`.
    package var status: GenerationStatus
    package var request: ListingDescriptionRequest
    /// The portal, tone and items (absent when it failed).
    package var result: ListingDescriptionResult?
    package var usage: GenerationUsage
    package var latencyMs: Int
    package var errorCode: String?
    package var errorMessage: String?
    package var createdBy: UserID
    package var createdAt: Date
    package var finalizedBy: UserID?
    package var finalizedAt: Date?

    /// The version stored as `record`; `nil` when it is not a listing description.
    package init?(_ record: GenerationRecord) {
        guard record.kind == .listingDescription, let subject = record.subject, subject.hasPrefix("listing:"),
              let listingID = ListingID(String(subject.dropFirst("listing:".count))) else { return nil }
        self.id = record.id
        self.listingID = listingID
        self.status = record.status
        self.request = (try? ListingJSON.decode(record.inputs, as: ListingDescriptionRequest.self)) ?? ListingDescriptionRequest()
        self.result = record.result.flatMap { try? ListingJSON.decode($0, as: ListingDescriptionResult.self) }
        self.usage = record.usage
        self.latencyMs = record.latencyMs
        self.errorCode = record.errorCode
        self.errorMessage = record.errorMessage
        self.createdBy = record.createdBy
        self.createdAt = record.createdAt
        self.finalizedBy = record.finalizedBy
        self.finalizedAt = record.finalizedAt
    }
}

/// The listing after publishing a version, and the version (now finalized).
package struct ListingDescriptionPublication: Codable, Sendable, Hashable {
    package var listing: Listing
    package var version: ListingDescriptionVersion
}

/// Conversions between the stored JSON of a generation and the listing-description types.
enum ListingJSON {
    /// `value` as JSON (our own Codable types always encode).
    static func encode(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// `json` decoded as `type`.
    static func decode<T: Decodable>(_ json: JSONValue, as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(json))
    }
}
