import Foundation
import PPTDomain

/// How the portal pages write money, areas and dates in the visitor's language.
struct PortalFormat: Sendable {
    let language: AppLocale

    private var localeIdentifier: String {
        switch language {
        case .sk: "sk_SK"
        case .cs: "cs_CZ"
        case .de: "de_DE"
        case .en: "en_GB"
        }
    }

    /// `125 000 €`, `18 500 Kč`: whole amounts without decimals.
    func money(_ money: Money) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: localeIdentifier)
        formatter.numberStyle = .currency
        formatter.currencyCode = money.currency.rawValue
        let whole = money.amountMinor % 100 == 0
        formatter.minimumFractionDigits = whole ? 0 : 2
        formatter.maximumFractionDigits = whole ? 0 : 2
        let amount = Decimal(money.amountMinor) / 100
        return formatter.string(from: amount as NSDecimalNumber) ?? "\(amount) \(money.currency.rawValue)"
    }

    /// `68,5 m²`.
    func area(_ squareMetres: Double) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: localeIdentifier)
        formatter.maximumFractionDigits = 1
        return (formatter.string(from: NSNumber(value: squareMetres)) ?? "\(squareMetres)") + " m²"
    }

    /// A date in the language's medium style.
    func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: localeIdentifier)
        formatter.dateStyle = .medium
        formatter.timeStyle = .none
        formatter.timeZone = TimeZone(identifier: "Europe/Bratislava")
        return formatter.string(from: date)
    }

    /// The price line: monthly for rentals.
    func price(_ listing: Listing, words: [String: String]) -> String {
        listing.type == .rent ? "\(money(listing.price)) \(words["perMonth"] ?? "")" : money(listing.price)
    }
}
