import Foundation
import PPTDomain

/// The words of one language for the built-in listing description: real sentences in each tone,
/// filled with the listing's facts (numbers formatted for the language).
struct ListingPhrases: Sendable {
    /// The facts, already formatted for the language.
    struct Words: Sendable {
        /// The property as a noun phrase ("3-izbový byt", "3-Zimmer-Wohnung", "parking space").
        var subject: String
        /// "na predaj", "zum Kauf", "for rent".
        var deal: String
        var size: String
        var city: String
        var offer: ListingType
        var kind: UnitType
        var rooms: Int
    }

    let language: AppLocale
    /// The property type alone ("byt", "Wohnung", "flat").
    let noun: @Sendable (UnitType) -> String
    /// The property with its rooms when it is a flat ("3-izbový byt").
    let subject: @Sendable (UnitType, Int) -> String
    let deal: @Sendable (ListingType) -> String
    /// The search phrase for the kind of offer ("byt na predaj", "Wohnung kaufen").
    let dealKeyword: @Sendable (UnitType, ListingType) -> String
    let intro: @Sendable (ListingTone, Words) -> String
    let location: @Sendable (_ street: String, _ floor: Int?, _ yearBuilt: Int?) -> String
    /// A sentence listing features; `first` for the first such sentence.
    let features: @Sendable (_ list: String, _ first: Bool) -> String
    /// "a", "und", "and".
    let conjunction: String
    let price: @Sendable (ListingType, String) -> String
    let closing: @Sendable (ListingTone) -> String
    /// A title opener for the tone ("Exkluzívne:"), or `nil`.
    let titlePrefix: @Sendable (ListingTone) -> String?

    static func of(_ language: AppLocale) -> ListingPhrases {
        switch language {
        case .sk: slovak
        case .cs: czech
        case .de: german
        case .en: english
        }
    }

    /// `items` as a list in running text ("a, b a c").
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }
}

extension String {
    /// The string with its first character upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

// MARK: - Slovak and Czech

extension ListingPhrases {
    @Sendable static func slovakNoun(_ kind: UnitType) -> String {
        switch kind {
        case .flat: "byt"
        case .commercial: "nebytový priestor"
        case .garage: "garáž"
        case .parking: "parkovacie miesto"
        case .storage: "skladový priestor"
        case .other: "nehnuteľnosť"
        }
    }

    @Sendable static func czechNoun(_ kind: UnitType) -> String {
        switch kind {
        case .flat: "byt"
        case .commercial: "komerční prostor"
        case .garage: "garáž"
        case .parking: "parkovací stání"
        case .storage: "skladový prostor"
        case .other: "nemovitost"
        }
    }

    static let slovak = ListingPhrases(
        language: .sk,
        noun: slovakNoun,
        subject: { kind, rooms in kind == .flat && rooms > 0 ? "\(rooms)-izbový byt" : slovakNoun(kind) },
        deal: { $0 == .sale ? "na predaj" : "na prenájom" },
        dealKeyword: { kind, offer in "\(slovakNoun(kind)) \(offer == .sale ? "na predaj" : "na prenájom")" },
        intro: { tone, w in
            switch tone {
            case .professional:
                "Ponúkame \(w.deal) \(w.subject) s rozlohou \(w.size) v obľúbenej lokalite \(w.city)."
            case .friendly:
                "Máme pre vás skvelú ponuku: \(w.subject) \(w.deal) s rozlohou \(w.size) v obľúbenej lokalite \(w.city)."
            case .luxury:
                "Predstavujeme výnimočnú ponuku: \(w.subject) \(w.deal) s rozlohou \(w.size) v obľúbenej "
                    + "a prestížnej lokalite \(w.city)."
            case .concise:
                "\(w.subject.capitalizedFirst) \(w.deal) s rozlohou \(w.size) v obľúbenej lokalite \(w.city)."
            }
        },
        location: { street, floor, year in
            var text = "Nehnuteľnosť sa nachádza na ulici \(street)"
            if let floor {
                text += floor == 0 ? ", na prízemí" : floor < 0 ? ", v suteréne" : ", na \(floor). poschodí"
            }
            if let year { text += " v dome z roku \(year)" }
            return text + "."
        },
        features: { list, first in first ? "Vybavenie zahŕňa \(list)." : "K dispozícii je tiež \(list)." },
        conjunction: "a",
        price: { offer, amount in offer == .sale ? "Cena nehnuteľnosti je \(amount)." : "Mesačné nájomné je \(amount)." },
        closing: { tone in
            switch tone {
            case .professional: "Pre ďalšie informácie alebo dohodnutie obhliadky nás neváhajte kontaktovať."
            case .friendly: "Radi vám všetko ukážeme, ozvite sa nám ešte dnes!"
            case .luxury: "Dohodnite si diskrétnu súkromnú obhliadku tejto výnimočnej nehnuteľnosti."
            case .concise: "Obhliadku je možné dohodnúť kedykoľvek."
            }
        },
        titlePrefix: { tone in tone == .friendly ? "Skvelá ponuka:" : tone == .luxury ? "Exkluzívne:" : nil })

    static let czech = ListingPhrases(
        language: .cs,
        noun: czechNoun,
        subject: { kind, rooms in kind == .flat && rooms > 0 ? "\(rooms)pokojový byt" : czechNoun(kind) },
        deal: { $0 == .sale ? "k prodeji" : "k pronájmu" },
        dealKeyword: { kind, offer in "\(czechNoun(kind)) \(offer == .sale ? "k prodeji" : "k pronájmu")" },
        intro: { tone, w in
            switch tone {
            case .professional:
                "Nabízíme \(w.deal) \(w.subject) o výměře \(w.size) v oblíbené lokalitě \(w.city)."
            case .friendly:
                "Máme pro vás skvělou nabídku: \(w.subject) \(w.deal) o výměře \(w.size) v oblíbené lokalitě \(w.city)."
            case .luxury:
                "Představujeme výjimečnou nabídku: \(w.subject) \(w.deal) o výměře \(w.size) v oblíbené "
                    + "a prestižní lokalitě \(w.city)."
            case .concise:
                "\(w.subject.capitalizedFirst) \(w.deal) o výměře \(w.size) v oblíbené lokalitě \(w.city)."
            }
        },
        location: { street, floor, year in
            var text = "Nemovitost se nachází v ulici \(street)"
            if let floor {
                // "ve" before the spoken numerals that start with two consonants (druhém, třetím, čtvrtém…).
                let preposition = [2, 3, 4, 12, 13, 14].contains(floor) ? "ve" : "v"
                text += floor == 0 ? ", v přízemí" : floor < 0 ? ", v suterénu" : ", \(preposition) \(floor). patře"
            }
            if let year { text += " v domě z roku \(year)" }
            return text + "."
        },
        features: { list, first in first ? "Vybavení zahrnuje \(list)." : "K dispozici je také \(list)." },
        conjunction: "a",
        price: { offer, amount in offer == .sale ? "Cena nemovitosti činí \(amount)." : "Měsíční nájemné činí \(amount)." },
        closing: { tone in
            switch tone {
            case .professional: "Pro další informace nebo domluvení prohlídky nás neváhejte kontaktovat."
            case .friendly: "Rádi vám vše ukážeme, ozvěte se nám ještě dnes!"
            case .luxury: "Domluvte si diskrétní soukromou prohlídku této výjimečné nemovitosti."
            case .concise: "Prohlídku je možné domluvit kdykoli."
            }
        },
        titlePrefix: { tone in tone == .friendly ? "Skvělá nabídka:" : tone == .luxury ? "Exkluzivně:" : nil })
}
