import Foundation
import PPTDomain

/// What PPT knows about a listed property: the listing, its unit and building. Listings have no
/// photos (and so no captions) in PPT's model, so descriptions are written from these facts only.
struct ListingFacts: Sendable, Hashable {
    var offer: ListingType
    /// The unit's type; a listing without a unit is described as a flat when it has rooms, else a property.
    var kind: UnitType
    var rooms: Int
    var sizeSqm: Double
    var price: Money
    var street: String
    var postalCode: String
    var city: String
    var country: String
    var features: [String]
    /// The unit's floor (0 = ground floor), when the listing has a unit.
    var floor: Int?
    /// The building's year of construction, when known.
    var yearBuilt: Int?

    init(listing: Listing, unit: BuildingUnit?, building: Building?) {
        offer = listing.type
        kind = unit?.type ?? (listing.rooms > 0 ? .flat : .other)
        rooms = listing.rooms
        sizeSqm = listing.sizeSqm
        price = listing.price
        street = listing.street
        postalCode = listing.postalCode
        city = listing.city
        country = listing.country
        features = listing.features
        floor = unit?.floor
        yearBuilt = building?.yearBuilt
    }

    /// The facts as lines for a prompt.
    var promptLines: [String] {
        var lines = [
            "offer: \(offer == .sale ? "for sale" : "for rent (monthly rent)")",
            "property type: \(kind.rawValue)",
            "rooms: \(rooms)",
            "floor area: \(NumberStyle.en.size(sizeSqm))",
            "price: \(NumberStyle.en.money(price))\(offer == .rent ? " per month" : "")",
            "address: \(street), \(postalCode) \(city), \(country)",
        ]
        if let floor { lines.append("floor: \(floor == 0 ? "ground floor" : String(floor))") }
        if let yearBuilt { lines.append("building built in: \(yearBuilt)") }
        lines.append("features: \(features.isEmpty ? "none listed" : features.joined(separator: "; "))")
        return lines
    }
}

/// Numbers as each language writes them: decimal comma and spaced thousands in Slovak and Czech,
/// dotted thousands in German, commas in English; currencies as people write them there.
struct NumberStyle: Sendable {
    let language: AppLocale

    static let en = NumberStyle(language: .en)

    /// `72,5 m²`, `72.5 m²`.
    func size(_ sqm: Double) -> String {
        let rounded = (sqm * 10).rounded() / 10
        let whole = Int64(rounded.rounded(.towardZero))
        let tenth = Int64(((rounded - Double(whole)) * 10).rounded())
        return grouped(whole) + (tenth == 0 ? "" : decimalSeparator + String(tenth)) + " m²"
    }

    /// `185 000 €`, `185.000 €`, `€185,000`, `4 500 000 Kč`; cents only when there are any.
    func money(_ money: Money) -> String {
        let whole = money.amountMinor / 100, cents = money.amountMinor % 100
        let number = grouped(whole) + (cents == 0 ? "" : decimalSeparator + String(format: "%02lld", cents))
        switch (money.currency, language) {
        case (.EUR, .en): return "€" + number
        case (.EUR, _): return number + "\u{00A0}€"
        case (.CZK, .sk), (.CZK, .cs): return number + "\u{00A0}Kč"
        case (.CZK, .de): return number + "\u{00A0}CZK"
        case (.CZK, .en): return "CZK\u{00A0}" + number
        }
    }

    private var decimalSeparator: String { language == .en ? "." : "," }

    private var groupSeparator: String {
        switch language {
        case .sk, .cs: "\u{00A0}"
        case .de: "."
        case .en: ","
        }
    }

    private func grouped(_ value: Int64) -> String {
        (value < 0 ? "-" : "") + AssistantText.groupThousands(String(value.magnitude), separator: groupSeparator)
    }
}
