import Foundation
import PPTDomain

/// How the portal pages write money, areas and dates in the visitor's language. One is made per page
/// (formatters are costly to create and not thread-safe), so its formatters are made once and reused
/// for every card.
struct PortalFormat {
    let language: AppLocale
    private let currency: NumberFormatter
    private let decimal: NumberFormatter
    private let dates: DateFormatter

    init(language: AppLocale) {
        self.language = language
        let locale = Locale(identifier: Self.localeIdentifier(language))
        currency = NumberFormatter()
        currency.locale = locale
        currency.numberStyle = .currency
        decimal = NumberFormatter()
        decimal.locale = locale
        decimal.maximumFractionDigits = 1
        dates = DateFormatter()
        dates.locale = locale
        dates.dateStyle = .medium
        dates.timeStyle = .none
        dates.timeZone = TimeZone(identifier: "Europe/Bratislava")
    }

    private static func localeIdentifier(_ language: AppLocale) -> String {
        switch language {
        case .sk: "sk_SK"
        case .cs: "cs_CZ"
        case .de: "de_DE"
        case .en: "en_GB"
        }
    }

    /// `125 000 €`, `18 500 Kč`: whole amounts without decimals.
    func money(_ money: Money) -> String {
        currency.currencyCode = money.currency.rawValue
        let whole = money.amountMinor % 100 == 0
        currency.minimumFractionDigits = whole ? 0 : 2
        currency.maximumFractionDigits = whole ? 0 : 2
        let amount = Decimal(money.amountMinor) / 100
        return currency.string(from: amount as NSDecimalNumber) ?? "\(amount) \(money.currency.rawValue)"
    }

    /// `68,5 m²`.
    func area(_ squareMetres: Double) -> String {
        (decimal.string(from: NSNumber(value: squareMetres)) ?? "\(squareMetres)") + " m²"
    }

    /// A date in the language's medium style.
    func date(_ date: Date) -> String {
        dates.string(from: date)
    }

    /// The price line: monthly for rentals.
    func price(_ listing: Listing, words: [String: String]) -> String {
        listing.type == .rent ? "\(money(listing.price)) \(words["perMonth"] ?? "")" : money(listing.price)
    }
}
