import Foundation
import PPTDomain

/// Finds calendar dates written the ways Slovak, Czech, German and English documents write them:
/// ISO (`2026-03-15`), numeric with or without spaces (`15.3.2026`, `15. 3. 2026`), and with the
/// month's name (`15. marca 2026`, `15. března 2026`, `15. März 2026`, `March 15, 2026`, `15 March 2026`).
package enum SummaryDates {
    /// Every valid date in `text`, in the order they appear.
    package static func dates(in text: String) -> [CalendarDate] {
        let range = NSRange(text.startIndex..., in: text)
        var found: [(location: Int, date: CalendarDate)] = []
        for (regex, read) in patterns {
            for match in regex.matches(in: text, range: range) {
                let groups = (1..<match.numberOfRanges).map { index -> String in
                    guard let part = Range(match.range(at: index), in: text) else { return "" }
                    return String(text[part])
                }
                if let date = read(groups) { found.append((match.range.location, date)) }
            }
        }
        var seen = Set<Int>()
        return found.sorted { $0.location < $1.location }.filter { seen.insert($0.location).inserted }.map(\.date)
    }

    /// The first valid date in `text`.
    package static func firstDate(in text: String) -> CalendarDate? { dates(in: text).first }

    private static func date(_ year: String, _ month: Int?, _ day: String) -> CalendarDate? {
        guard let month, let y = Int(year), let d = Int(day) else { return nil }
        return CalendarDate(String(format: "%04d-%02d-%02d", y, month, d))
    }

    /// Month names (lower case, as they appear after a day number) to month numbers.
    private static let monthNames: [String: Int] = {
        let lists: [[String]] = [
            // Slovak genitive and nominative
            ["januára", "februára", "marca", "apríla", "mája", "júna", "júla", "augusta", "septembra", "októbra",
             "novembra", "decembra"],
            ["január", "február", "marec", "apríl", "máj", "jún", "júl", "august", "september", "október",
             "november", "december"],
            // Czech genitive and nominative
            ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října",
             "listopadu", "prosince"],
            ["leden", "únor", "březen", "duben", "květen", "červen", "červenec", "srpen", "září", "říjen",
             "listopad", "prosinec"],
            // German
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "dezember"],
            ["jänner", "feber", "maerz", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "dezember"],
            // English
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december"],
        ]
        var names: [String: Int] = [:]
        for list in lists { for (index, name) in list.enumerated() { names[name] = index + 1 } }
        return names
    }()

    private static let monthAlternation = monthNames.keys.sorted { $0.count > $1.count }
        .map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")

    private static func month(_ name: String) -> Int? { monthNames[name.lowercased()] }

    private static func regex(_ pattern: String) -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        } catch {
            preconditionFailure("date pattern does not compile: \(error)")
        }
    }

    private static let patterns: [(NSRegularExpression, @Sendable ([String]) -> CalendarDate?)] = [
        (regex(#"(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?!\d)"#), { g in date(g[0], Int(g[1]), g[2]) }),
        (regex(#"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)"#), { g in date(g[2], Int(g[1]), g[0]) }),
        (regex(#"(?<![\d.])(\d{1,2})\.?\s+(\#(monthAlternation))\s+(\d{4})(?!\d)"#),
         { g in date(g[2], month(g[1]), g[0]) }),
        (regex(#"\b(\#(monthAlternation))\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)"#),
         { g in date(g[2], month(g[0]), g[1]) }),
    ]
}
