import Foundation
import PPTDomain

/// How a lease writes money, dates, areas and floors in one language. The verifier compares the
/// model's figures against exactly these spellings, so they are deterministic (plain spaces, no
/// locale data from the host).
package struct LeaseFormat: Sendable, Hashable {
    package let language: AppLocale

    package init(_ language: AppLocale) { self.language = language }

    /// `1 300,00 EUR` (sk, cs), `1.300,00 EUR` (de), `EUR 1,300.00` (en); CZK is `Kč` in Czech.
    package func money(_ money: Money) -> String {
        let minor = money.amountMinor
        let whole = String(abs(minor) / 100)
        let cents = String(format: "%02d", Int(abs(minor) % 100))
        let sign = minor < 0 ? "-" : ""
        switch language {
        case .en: return "\(money.currency.rawValue) \(sign)\(group(whole, by: ",")).\(cents)"
        case .de: return "\(sign)\(group(whole, by: ".")),\(cents) \(money.currency.rawValue)"
        case .cs: return "\(sign)\(group(whole, by: " ")),\(cents) \(money.currency == .CZK ? "Kč" : "EUR")"
        case .sk: return "\(sign)\(group(whole, by: " ")),\(cents) \(money.currency.rawValue)"
        }
    }

    /// `1. 2. 2025` (sk, cs), `01.02.2025` (de), `1 February 2025` (en).
    package func date(_ date: CalendarDate) -> String {
        switch language {
        case .sk, .cs: return "\(date.day). \(date.month). \(date.year)"
        case .de: return String(format: "%02d.%02d.%04d", date.day, date.month, date.year)
        case .en: return "\(date.day) \(Self.englishMonths[date.month - 1]) \(date.year)"
        }
    }

    /// `52,5 m²` (`52.5 m²` in English); whole numbers without decimals.
    package func area(_ sqm: Double) -> String {
        let rounded = (sqm * 100).rounded() / 100
        var text = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
        if text.contains(".") { while text.hasSuffix("0") { text.removeLast() } }
        return (language == .en ? text : text.replacingOccurrences(of: ".", with: ",")) + " m²"
    }

    /// Where the flat is: `na 3. poschodí`, `ve 3. podlaží`, `on floor 3`, `im 3. Obergeschoss`.
    package func floor(_ floor: Int) -> String {
        switch (language, floor) {
        case (.sk, 0): "na prízemí"
        case (.sk, _): "na \(floor). poschodí"
        case (.cs, 0): "v přízemí"
        case (.cs, _): "ve \(floor). podlaží"
        case (.en, 0): "on the ground floor"
        case (.en, _): "on floor \(floor)"
        case (.de, 0): "im Erdgeschoss"
        case (.de, _): "im \(floor). Geschoss"
        }
    }

    /// A party as the contract names it: name, address and, when recorded, the identification number.
    package func party(_ party: LeaseParty) -> String {
        var parts = [party.name.trimmingCharacters(in: .whitespacesAndNewlines)]
        if let address = party.address?.trimmingCharacters(in: .whitespacesAndNewlines), !address.isEmpty {
            parts.append("\(labels.address) \(address)")
        }
        if let id = party.idNumber?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty {
            parts.append("\(labels.idNumber) \(id)")
        }
        return parts.joined(separator: ", ")
    }

    /// The term: fixed from start to end, or indefinite from start.
    package func term(start: CalendarDate, end: CalendarDate?) -> String {
        let from = date(start)
        guard let end else {
            switch language {
            case .sk: return "na dobu neurčitú s účinnosťou od \(from)"
            case .cs: return "na dobu neurčitou s účinností od \(from)"
            case .en: return "for an indefinite period starting on \(from)"
            case .de: return "auf unbestimmte Zeit ab dem \(from)"
            }
        }
        let to = date(end)
        switch language {
        case .sk: return "na dobu určitú od \(from) do \(to)"
        case .cs: return "na dobu určitou od \(from) do \(to)"
        case .en: return "for a fixed term from \(from) until \(to)"
        case .de: return "befristet vom \(from) bis zum \(to)"
        }
    }

    /// Words the party line uses.
    package var labels: (address: String, idNumber: String) {
        switch language {
        case .sk: ("bydlisko/sídlo:", "identifikačné číslo:")
        case .cs: ("bydliště/sídlo:", "identifikační číslo:")
        case .en: ("address:", "ID number:")
        case .de: ("Anschrift:", "Identifikationsnummer:")
        }
    }

    /// The words under the signature lines.
    package var signatureLabels: (landlord: String, tenant: String, placeDate: String) {
        switch language {
        case .sk: ("Prenajímateľ", "Nájomca", "Miesto a dátum")
        case .cs: ("Pronajímatel", "Nájemce", "Místo a datum")
        case .en: ("Landlord", "Tenant", "Place and date")
        case .de: ("Vermieter", "Mieter", "Ort und Datum")
        }
    }

    /// "Legal basis" in this language.
    package var legalBasisLabel: String {
        switch language {
        case .sk: "Právny základ"
        case .cs: "Právní základ"
        case .en: "Legal basis"
        case .de: "Rechtsgrundlage"
        }
    }

    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                "September", "October", "November", "December"]

    private func group(_ digits: String, by separator: String) -> String {
        AssistantText.groupThousands(digits, separator: separator)
    }
}
