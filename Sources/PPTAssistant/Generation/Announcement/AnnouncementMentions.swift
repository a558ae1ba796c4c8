import Foundation
import PPTDocuments
import PPTDomain

/// Whether a draft written by a model states a value: dates, times and amounts in any usual
/// spelling of the four languages (`5. 3. 2025`, `05.03.2025`, `5. marca`, `March 5`, `8:00`,
/// `1 234,50 €`, `€1,234.50`); texts by their figures everywhere and by their words in drafts of
/// their own language (a model translates them in the others).
package enum AnnouncementMentions {
    /// `text` folded (lower case, no diacritics) with every kind of space made one plain space.
    package static func normalize(_ text: String) -> String {
        let spaced = text.unicodeScalars.map { $0.properties.isWhitespace ? " " : String($0) }.joined()
        return SearchText.fold(spaced).split(separator: " ").joined(separator: " ")
    }

    /// Whether `body` holds one of `variants` not glued to other digits.
    package static func contains(_ body: String, anyOf variants: [String]) -> Bool {
        let text = normalize(body)
        for variant in variants.map(normalize) where !variant.isEmpty {
            var start = text.startIndex
            while let range = text.range(of: variant, range: start..<text.endIndex) {
                let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
                let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
                let digitFirst = variant.first?.isNumber ?? false
                let digitLast = variant.last?.isNumber ?? false
                if !(digitFirst && before?.isNumber == true) && !(digitLast && after?.isNumber == true) { return true }
                start = range.upperBound
            }
        }
        return false
    }

    private static let months: [AppLocale: [String]] = [
        .sk: ["januára", "februára", "marca", "apríla", "mája", "júna", "júla", "augusta", "septembra", "októbra",
              "novembra", "decembra"],
        .cs: ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října",
              "listopadu", "prosince"],
        .de: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember"],
        .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"],
    ]

    /// Whether `body` states `day`.
    package static func date(_ day: CalendarDate, in body: String) -> Bool {
        let (d, m) = (day.day, day.month)
        let dd = String(format: "%02d", d), mm = String(format: "%02d", m)
        var variants = [day.description, "\(d). \(m). \(day.year)", "\(d).\(m).\(day.year)", "\(dd).\(mm).\(day.year)",
                        "\(d). \(m).", "\(d).\(m).", "\(dd).\(mm).", "\(d)/\(m)/\(day.year)", "\(dd)/\(mm)/\(day.year)"]
        for names in months.values {
            let month = names[m - 1]
            variants += ["\(d). \(month)", "\(d) \(month)", "\(month) \(d)", "\(dd). \(month)"]
        }
        return contains(body, anyOf: variants)
    }

    /// Whether `body` states the time of day.
    package static func time(hour: Int, minute: Int, in body: String) -> Bool {
        let mm = String(format: "%02d", minute)
        var variants = ["\(hour):\(mm)", String(format: "%02d:%@", hour, mm), "\(hour).\(mm)"]
        if minute == 0 {
            let twelve = hour % 12 == 0 ? 12 : hour % 12
            let suffix = hour < 12 ? "am" : "pm"
            variants += ["\(twelve) \(suffix)", "\(twelve)\(suffix)", "\(twelve):00 \(suffix)", "\(twelve):00\(suffix)"]
        }
        return contains(body, anyOf: variants)
    }

    /// Whether `body` states the amount (its currency may be written any usual way).
    package static func money(_ money: Money, in body: String) -> Bool {
        let major = String(money.amountMinor / 100), minor = String(format: "%02lld", money.amountMinor % 100)
        var numbers: [String] = []
        for separator in ["", " ", ".", ","] {
            let grouped = group(major, separator)
            for decimal in [",", "."] where decimal != separator { numbers.append(grouped + decimal + minor) }
            if money.amountMinor % 100 == 0 { numbers += [grouped + ",-", grouped + ",–"] }
        }
        if money.amountMinor % 100 == 0 {
            // A whole amount without decimals must stand next to its currency.
            let symbols = money.currency == .EUR ? ["€", "eur", "eura", "eur."] : ["kc", "czk", ",- kc"]
            for separator in ["", " ", ".", ","] {
                let grouped = group(major, separator)
                for symbol in symbols { numbers += [grouped + " " + symbol, grouped + symbol, symbol + grouped, symbol + " " + grouped] }
            }
        }
        return contains(body, anyOf: numbers)
    }

    private static func group(_ digits: String, _ separator: String) -> String {
        separator.isEmpty ? digits : AssistantText.groupThousands(digits, separator: separator)
    }

    /// Whether `body` (in `language`) covers `phrase`: every figure of the phrase appears, and in a
    /// draft of the phrase's language (or the only language) most of its words, by their stems.
    package static func phrase(_ phrase: String, in body: String, language: AppLocale, onlyLanguage: Bool) -> Bool {
        let text = normalize(body)
        let figures = normalize(phrase).split { !$0.isNumber && $0 != ":" }.map(String.init)
            .filter { $0.contains(where: \.isNumber) }
        guard figures.allSatisfy({ contains(text, anyOf: [$0]) }) else { return false }
        let phraseLanguage = LanguageDetector.detect(phrase)
        guard phraseLanguage == language || (phraseLanguage == nil && onlyLanguage) else { return true }
        let words: Set<String> = Set(text.split { !$0.isLetter }.map(String.init))
        let long: [String] = normalize(phrase).split { !$0.isLetter }.map(String.init).filter { $0.count >= 4 }
        let stems: [String] = long.map { String($0.prefix(max(4, $0.count - 2))) }
        guard !stems.isEmpty else { return true }
        var found = 0
        for stem in stems where words.contains(where: { $0.hasPrefix(stem) }) { found += 1 }
        return Double(found) >= Double(stems.count) * 0.6
    }
}
