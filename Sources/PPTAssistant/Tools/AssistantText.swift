import Foundation
import PPTDomain

/// The assistant's user-facing wording: one sentence in each language PPT speaks, plural forms, and
/// money, dates and numbers written the way each language writes them.
///
/// Amounts: `1 234,56 €` and `1 234,56 Kč` in Slovak, Czech and German; `€1,234.56` and `1,234.56 Kč`
/// in English. Dates: `5. 3. 2025` in Slovak, Czech and German; `5 March 2025` in English.
package enum AssistantText {
    /// The text for `locale`.
    package static func pick(_ locale: AppLocale, sk: String, cs: String, de: String, en: String) -> String {
        switch locale {
        case .sk: sk
        case .cs: cs
        case .de: de
        case .en: en
        }
    }

    /// The noun form that goes with `count`: Slovak and Czech have one, few (2–4) and many; German and
    /// English one and other (`few` is then ignored).
    package static func plural(_ count: Int, _ locale: AppLocale, one: String, few: String, many: String) -> String {
        switch locale {
        case .sk, .cs:
            if count == 1 { return one }
            return (2...4).contains(count) ? few : many
        case .de, .en:
            return count == 1 ? one : many
        }
    }

    /// `count` followed by the matching noun form, e.g. `3 faktúry`.
    package static func counted(_ count: Int, _ locale: AppLocale, one: String, few: String, many: String) -> String {
        "\(count) \(plural(count, locale, one: one, few: few, many: many))"
    }

    // MARK: Money

    /// An amount in minor units, written for `locale` (see the type's comment).
    package static func money(_ amountMinor: Int64, _ currency: Currency, _ locale: AppLocale) -> String {
        let english = locale == .en
        let magnitude = amountMinor.magnitude
        // Thousands: "1,234.56" in English, "1.234,56" in German, "1 234,56" in Slovak and Czech.
        let major = groupThousands(String(magnitude / 100), separator: english ? "," : locale == .de ? "." : " ")
        let minor = magnitude % 100
        let number = "\(major)\(english ? "." : ",")\(minor < 10 ? "0" : "")\(minor)"
        let sign = amountMinor < 0 ? "-" : ""
        switch (currency, english) {
        case (.EUR, true): return "\(sign)€\(number)"
        case (.EUR, false): return "\(sign)\(number) €"
        case (.CZK, _): return "\(sign)\(number) Kč"
        }
    }

    /// An amount with its currency.
    package static func money(_ money: Money, _ locale: AppLocale) -> String {
        self.money(money.amountMinor, money.currency, locale)
    }

    /// `digits` in groups of three from the right, joined by `separator` (`1 234 567`).
    package static func groupThousands(_ digits: String, separator: String) -> String {
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: separator)
    }

    // MARK: Dates and numbers

    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// A calendar day: `5. 3. 2025` (sk, cs, de) or `5 March 2025` (en).
    package static func date(_ day: CalendarDate, _ locale: AppLocale) -> String {
        if locale == .en { return "\(day.day) \(englishMonths[day.month - 1]) \(day.year)" }
        return "\(day.day). \(day.month). \(day.year)"
    }

    /// The (UTC) day of an instant, as `date(_:_:)` writes it.
    package static func date(_ instant: Date, _ locale: AppLocale) -> String {
        date(CalendarDate(instant), locale)
    }

    /// A measured value with up to three decimals, without trailing zeros: `12,5` or `12.5`.
    package static func number(_ value: Double, _ locale: AppLocale) -> String {
        guard value.isFinite else { return "\(value)" }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        if text == "-0" { text = "0" }
        return locale == .en ? text : text.replacingOccurrences(of: ".", with: ",")
    }

    /// Quotation marks as each language sets them: „…“ (sk, cs, de) or “…” (en).
    package static func quoted(_ text: String, _ locale: AppLocale) -> String {
        locale == .en ? "“\(text)”" : "„\(text)“"
    }

    /// Items joined with `; `, the way the assistant lists several facts in one answer.
    package static func list(_ items: [String]) -> String { items.joined(separator: "; ") }
}
