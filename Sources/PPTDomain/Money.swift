/// Currencies the platform bills in.
package enum Currency: String, Codable, Sendable, CaseIterable {
    case EUR, CZK
}

/// An amount in minor units (cents, haléře) with its currency; never a floating-point number.
package struct Money: Hashable, Sendable, Codable {
    /// Amount in minor units.
    package var amountMinor: Int64
    /// The currency.
    package var currency: Currency

    package init(amountMinor: Int64, currency: Currency) {
        self.amountMinor = amountMinor
        self.currency = currency
    }
}

/// Locales PPT speaks.
package enum AppLocale: String, Codable, Sendable, CaseIterable {
    case sk, cs, de, en
}
