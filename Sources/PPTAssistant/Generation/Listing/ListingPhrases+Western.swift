import Foundation
import PPTDomain

// MARK: - German and English

extension ListingPhrases {
    @Sendable static func germanNoun(_ kind: UnitType) -> String {
        switch kind {
        case .flat: "Wohnung"
        case .commercial: "Gewerbefläche"
        case .garage: "Garage"
        case .parking: "Stellplatz"
        case .storage: "Lagerraum"
        case .other: "Immobilie"
        }
    }

    /// The indefinite article in the nominative ("ein Stellplatz", "eine Wohnung").
    static func germanArticle(_ kind: UnitType) -> String { kind == .parking || kind == .storage ? "ein" : "eine" }

    @Sendable static func englishNoun(_ kind: UnitType) -> String {
        switch kind {
        case .flat: "flat"
        case .commercial: "commercial space"
        case .garage: "garage"
        case .parking: "parking space"
        case .storage: "storage room"
        case .other: "property"
        }
    }

    /// "a" or "an" before `phrase` as it is spoken ("an 8-room flat", "an 11-room flat").
    static func englishArticle(_ phrase: String) -> String {
        phrase.hasPrefix("8") || phrase.hasPrefix("11-") || phrase.hasPrefix("18-") ? "an" : "a"
    }

    static func englishOrdinal(_ number: Int) -> String {
        let suffix = (11...13).contains(number % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][number % 10] ?? "th"
        return "\(number)\(suffix)"
    }

    static let german = ListingPhrases(
        language: .de,
        noun: germanNoun,
        subject: { kind, rooms in kind == .flat && rooms > 0 ? "\(rooms)-Zimmer-Wohnung" : germanNoun(kind) },
        deal: { $0 == .sale ? "zum Kauf" : "zur Miete" },
        dealKeyword: { kind, offer in "\(germanNoun(kind)) \(offer == .sale ? "kaufen" : "mieten")" },
        intro: { tone, w in
            let article = germanArticle(w.kind)
            switch tone {
            case .professional:
                return "\(w.offer == .sale ? "Zum Verkauf" : "Zur Miete") steht \(article) \(w.subject) mit \(w.size) "
                    + "Fläche in beliebter Lage in \(w.city)."
            case .friendly:
                return "Wir haben ein tolles Angebot für Sie: \(article) \(w.subject) \(w.deal) mit \(w.size) Fläche "
                    + "in beliebter Lage in \(w.city)."
            case .luxury:
                return "Wir präsentieren ein außergewöhnliches Angebot: \(article) \(w.subject) \(w.deal) mit "
                    + "\(w.size) Fläche in begehrter Lage in \(w.city)."
            case .concise:
                return "\(article.capitalizedFirst) \(w.subject) \(w.deal) mit \(w.size) Fläche in beliebter Lage in \(w.city)."
            }
        },
        location: { street, floor, year in
            var text = "Die Immobilie befindet sich an der Adresse \(street)"
            if let floor {
                text += floor == 0 ? " im Erdgeschoss" : floor < 0 ? " im Untergeschoss" : " im \(floor). Obergeschoss"
            }
            if let year { text += " eines Hauses aus dem Jahr \(year)" }
            return text + "."
        },
        features: { list, first in first ? "Zur Ausstattung gehören \(list)." : "Außerdem gibt es \(list)." },
        conjunction: "und",
        price: { offer, amount in
            offer == .sale ? "Der Kaufpreis beträgt \(amount)." : "Die monatliche Miete beträgt \(amount)."
        },
        closing: { tone in
            switch tone {
            case .professional: "Für weitere Informationen oder einen Besichtigungstermin kontaktieren Sie uns gerne."
            case .friendly: "Wir zeigen Ihnen alles gerne, melden Sie sich noch heute!"
            case .luxury: "Vereinbaren Sie eine diskrete private Besichtigung dieser außergewöhnlichen Immobilie."
            case .concise: "Eine Besichtigung ist nach Vereinbarung möglich."
            }
        },
        titlePrefix: { tone in tone == .friendly ? "Tolles Angebot:" : tone == .luxury ? "Exklusiv:" : nil })

    static let english = ListingPhrases(
        language: .en,
        noun: englishNoun,
        subject: { kind, rooms in kind == .flat && rooms > 0 ? "\(rooms)-room flat" : englishNoun(kind) },
        deal: { $0 == .sale ? "for sale" : "for rent" },
        dealKeyword: { kind, offer in "\(englishNoun(kind)) \(offer == .sale ? "for sale" : "for rent")" },
        intro: { tone, w in
            let subject = "\(englishArticle(w.subject)) \(w.subject) \(w.deal) with \(w.size) of floor space"
            switch tone {
            case .professional: return "We are offering \(subject) in a popular area of \(w.city)."
            case .friendly: return "Here is a great offer for you: \(subject) in a popular area of \(w.city)."
            case .luxury:
                return "We are delighted to present an exceptional offer: \(subject) in a sought-after area of \(w.city)."
            case .concise: return "\(subject.capitalizedFirst) in a popular area of \(w.city)."
            }
        },
        location: { street, floor, year in
            var text = "The property is located at \(street)"
            if let floor {
                text += floor == 0 ? ", on the ground floor" : floor < 0 ? ", in the basement"
                    : ", on the \(englishOrdinal(floor)) floor"
            }
            if let year { text += ", in a building from \(year)" }
            return text + "."
        },
        features: { list, first in first ? "Features include \(list)." : "The property also offers \(list)." },
        conjunction: "and",
        price: { offer, amount in offer == .sale ? "The asking price is \(amount)." : "The monthly rent is \(amount)." },
        closing: { tone in
            switch tone {
            case .professional: "Contact us for more information or to arrange a viewing."
            case .friendly: "We would love to show you around, so get in touch today!"
            case .luxury: "Arrange a discreet private viewing of this exceptional property."
            case .concise: "Viewings are by appointment."
            }
        },
        titlePrefix: { tone in tone == .friendly ? "Great offer:" : tone == .luxury ? "Exclusive:" : nil })
}
