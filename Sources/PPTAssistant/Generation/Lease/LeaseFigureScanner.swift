import Foundation
import PPTDomain

/// Finds the amounts of money and the dates a text states, in any of the spellings the lease
/// languages use (`1 300,00 EUR`, `EUR 1,300.00`, `650 €`, `1. 2. 2025`, `01.02.2025`,
/// `2025-02-01`, `1 February 2025`), so the verifier can compare them with the lease's.
package enum LeaseFigureScanner {
    /// An amount as written and in minor units.
    package struct Amount: Sendable, Hashable {
        package var text: String
        package var minor: Int64
    }

    /// A date as written and as a calendar day.
    package struct FoundDate: Sendable, Hashable {
        package var text: String
        package var date: CalendarDate
    }

    private static let number = "\\d{1,3}(?:[ \u{00A0}\u{202F}.,]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?"
    private static let currency = "EUR|CZK|Kč|€|eur|euro|eura|korun|Kc"
    // A number followed by a currency, or a currency followed by a number. The patterns are constants,
    // so compiling them cannot fail.
    private static let amountPattern = try! NSRegularExpression(
        pattern: "(?<![\\d.,])(\(number))\\s?(?:\(currency))(?![A-Za-z])|(?<![A-Za-z])(?:\(currency))\\s?(\(number))(?!\\d)")
    private static let numericDate = try! NSRegularExpression(
        pattern: #"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)"#)
    private static let isoDate = try! NSRegularExpression(pattern: #"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"#)
    private static let englishDate = try! NSRegularExpression(
        pattern: "(?<!\\d)(\\d{1,2})\\s+(" + LeaseFormat.englishMonths.joined(separator: "|") + ")\\s+(\\d{4})(?!\\d)")

    /// Every amount of money in `text`.
    package static func amounts(in text: String) -> [Amount] {
        let range = NSRange(text.startIndex..., in: text)
        return amountPattern.matches(in: text, range: range).compactMap { match in
            let group = match.range(at: 1).location != NSNotFound ? 1 : 2
            guard let numberRange = Range(match.range(at: group), in: text),
                  let whole = Range(match.range, in: text),
                  let minor = minorUnits(String(text[numberRange])) else { return nil }
            return Amount(text: String(text[whole]).trimmingCharacters(in: .whitespaces), minor: minor)
        }
    }

    /// Every date in `text`.
    package static func dates(in text: String) -> [FoundDate] {
        let range = NSRange(text.startIndex..., in: text)
        func int(_ match: NSTextCheckingResult, _ index: Int) -> Int? {
            Range(match.range(at: index), in: text).flatMap { Int(text[$0]) }
        }
        func day(_ year: Int?, _ month: Int?, _ day: Int?) -> CalendarDate? {
            guard let year, let month, let day else { return nil }
            return CalendarDate(String(format: "%04d-%02d-%02d", year, month, day))
        }
        var found: [FoundDate] = []
        for match in numericDate.matches(in: text, range: range) {
            if let date = day(int(match, 3), int(match, 2), int(match, 1)), let whole = Range(match.range, in: text) {
                found.append(FoundDate(text: String(text[whole]), date: date))
            }
        }
        for match in isoDate.matches(in: text, range: range) {
            if let date = day(int(match, 1), int(match, 2), int(match, 3)), let whole = Range(match.range, in: text) {
                found.append(FoundDate(text: String(text[whole]), date: date))
            }
        }
        for match in englishDate.matches(in: text, range: range) {
            guard let monthRange = Range(match.range(at: 2), in: text),
                  let month = LeaseFormat.englishMonths.firstIndex(of: String(text[monthRange])) else { continue }
            if let date = day(int(match, 3), month + 1, int(match, 1)), let whole = Range(match.range, in: text) {
                found.append(FoundDate(text: String(text[whole]), date: date))
            }
        }
        return found
    }

    /// `1 300,00` / `1,300.00` / `1.300` / `650` in minor units: a final separator followed by one or
    /// two digits is the decimal point, every other separator groups thousands.
    static func minorUnits(_ raw: String) -> Int64? {
        let compact = raw.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        var whole = compact
        var fraction = ""
        if let last = compact.lastIndex(where: { $0 == "." || $0 == "," }) {
            let tail = compact[compact.index(after: last)...]
            if tail.count <= 2 {
                whole = String(compact[..<last])
                fraction = String(tail)
            }
        }
        let digits = whole.filter(\.isNumber)
        guard !digits.isEmpty, digits.count < 16, let units = Int64(digits) else { return nil }
        let cents = Int64((fraction + "00").prefix(2)) ?? 0
        return units * 100 + cents
    }
}
