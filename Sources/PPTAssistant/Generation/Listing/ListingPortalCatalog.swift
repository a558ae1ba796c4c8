import Foundation
import PPTDomain
import PPTStorage

/// The portals listing descriptions are written for: PPT's presets merged with the organization's own
/// portals and overrides (an organization's row with a preset's key replaces the preset).
package enum ListingPortalCatalog {
    /// The key of our own Reality Portal, the default target.
    package static let realityPortalKey = "reality-portal"

    /// Presets for the Reality Portal and the portals organizations in SK/CZ/DE commonly publish to.
    /// The limits are PPT's presets, chosen to be safe for each portal's form at the time of writing;
    /// portals change their forms, so an organization overrides them (`PUT ai/listing-portals`).
    package static let presets: [ListingPortal] = [
        ListingPortal(key: realityPortalKey, name: "Reality Portal", titleMaxLength: 100, descriptionMaxLength: 4000),
        ListingPortal(key: "nehnutelnosti.sk", name: "Nehnuteľnosti.sk", titleMaxLength: 70,
                      descriptionMaxLength: 3000),
        ListingPortal(key: "reality.bazos.sk", name: "Bazoš Reality", titleMaxLength: 60, descriptionMaxLength: 2500),
        ListingPortal(key: "topreality.sk", name: "TopReality.sk", titleMaxLength: 80, descriptionMaxLength: 3000),
        ListingPortal(key: "sreality.cz", name: "Sreality.cz", titleMaxLength: 80, descriptionMaxLength: 3000),
        ListingPortal(key: "bezrealitky.cz", name: "Bezrealitky.cz", titleMaxLength: 80, descriptionMaxLength: 2000),
        ListingPortal(key: "immobilienscout24.de", name: "ImmobilienScout24", titleMaxLength: 100,
                      descriptionMaxLength: 3999),
        ListingPortal(key: "immowelt.de", name: "immowelt", titleMaxLength: 90, descriptionMaxLength: 3000),
    ]

    /// Shortest title and description limits an organization may set (shorter fields cannot hold a
    /// whole property type and city, or a single full sentence).
    package static let titleLimits = 30...200
    /// Description limits (200 characters up to the 20,000 a listing holds).
    package static let descriptionLimits = 200...20_000

    /// The presets with `organization`'s portals applied: overrides replace presets of the same key,
    /// new keys follow the presets in key order.
    package static func merged(_ organization: [ListingPortal]) -> [ListingPortal] {
        let own = Dictionary(organization.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        let presetKeys = Set(presets.map(\.key))
        return presets.map { own[$0.key] ?? $0 }
            + organization.filter { !presetKeys.contains($0.key) }.sorted { $0.key < $1.key }
    }
}

/// A portal an organization defines or a preset it overrides (`PUT ai/listing-portals`).
package struct ListingPortalInput: Codable, Sendable, Hashable {
    /// The portal: a preset's key to override it, or a new key (lower-case letters, digits, `.`, `-`).
    package var key: String
    /// Display name; defaults to the preset's name, or the key.
    package var name: String?
    package var titleMaxLength: Int
    package var descriptionMaxLength: Int

    package init(key: String, name: String? = nil, titleMaxLength: Int, descriptionMaxLength: Int) {
        self.key = key
        self.name = name
        self.titleMaxLength = titleMaxLength
        self.descriptionMaxLength = descriptionMaxLength
    }

    /// Throws `validation.failed` naming every invalid field.
    package func validate() throws(DomainError) {
        var v = Validator()
        let allowed = key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0)
            || $0 == "." || $0 == "-" }
        v.check((1...64).contains(key.count) && allowed && key.first?.isLetter == true, "/key",
                "must be 1–64 lower-case letters, digits, dots or hyphens, starting with a letter")
        if let name { v.text(name, "/name", max: 100) }
        let titles = ListingPortalCatalog.titleLimits, descriptions = ListingPortalCatalog.descriptionLimits
        v.check(titles.contains(titleMaxLength), "/titleMaxLength",
                "must be between \(titles.lowerBound) and \(titles.upperBound)")
        v.check(descriptions.contains(descriptionMaxLength), "/descriptionMaxLength",
                "must be between \(descriptions.lowerBound) and \(descriptions.upperBound)")
        try v.finish()
    }

    /// The portal to store, named after the preset of the same key when no name is given.
    var portal: ListingPortal {
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines)
        let preset = ListingPortalCatalog.presets.first { $0.key == key }
        return ListingPortal(key: key, name: trimmed ?? preset?.name ?? key, titleMaxLength: titleMaxLength,
                             descriptionMaxLength: descriptionMaxLength, source: ListingPortal.organizationSource)
    }
}
