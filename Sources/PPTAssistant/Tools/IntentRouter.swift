import Foundation
import PPTDomain

/// Recognises clear requests for a tool in Slovak, Czech, German and English, for assistants without a
/// model that calls functions (the offline built-in provider). Diacritics and case do not matter.
///
/// Conservative by design: questions about rules, documents or what is allowed never go to a tool, and
/// anything unclear gives `nil`, so the assistant answers from the documents instead.
package enum IntentRouter {
    /// Longest title taken from a message.
    static let titleLength = 200
    /// Longest message read as a plain statement that something is broken.
    static let statementTokens = 12

    /// The tool for `text` and its arguments, or `nil` when the intent is not clear.
    package static func route(_ text: String) -> (tool: String, arguments: [String: JSONValue])? {
        let words = IntentWords(text)
        let tokens = words.tokens
        guard !tokens.isEmpty, documentQuestions.firstMatch(tokens) == nil else { return nil }
        if myFaults.firstMatch(tokens) != nil { return ("my_faults", [:]) }
        if let report = explicitReport(words) {
            // "Report a fault" without saying what is broken: not enough to propose anything.
            guard let title = report else { return nil }
            return ("report_fault", ["title": .string(title)])
        }
        if asksBalance(tokens) { return ("my_balance", [:]) }
        if meters.firstMatch(tokens) != nil { return ("meter_reading_windows", [:]) }
        if votes.firstMatch(tokens) != nil { return ("upcoming_votes", [:]) }
        if announcements.firstMatch(tokens) != nil { return ("recent_announcements", [:]) }
        if buildingInfo.firstMatch(tokens) != nil || (tokens.count <= 5 && myBuilding.firstMatch(tokens) != nil) {
            return ("building_info", [:])
        }
        if let title = brokenStatement(words, text) { return ("report_fault", ["title": .string(title)]) }
        return nil
    }

    /// Whether the message asks what the member owes, not what something costs ("how much do I pay for
    /// parking": a "pay" phrase followed by "for").
    private static func asksBalance(_ tokens: [String]) -> Bool {
        balance.contains { phrase in
            guard let range = phrase.match(tokens) else { return false }
            let paying = payVerbs.contains { tokens[range.upperBound - 1].hasPrefix($0) }
            return !paying || range.upperBound >= tokens.count || !priceQuestion.contains(tokens[range.upperBound])
        }
    }

    /// `nil` when there is no reporting verb near the start; `.some(nil)` when there is one but nothing says
    /// what is broken; otherwise the fault's title.
    private static func explicitReport(_ words: IntentWords) -> String?? {
        let tokens = words.tokens
        guard !questionWords.contains(tokens[0]),
              let verb = tokens.indices.prefix(6).first(where: { index in
                  reportVerbs.contains { IntentPhrase.token(tokens[index], matches: $0) }
              })
        else { return nil }
        var index = verb + 1
        var noun: String?
        var separated = words.wordEnds(at: verb, with: ":-–—,")
        while index < tokens.count {
            let token = tokens[index]
            if reportFillers.contains(token) {
                if noun != nil { separated = true }
                index += 1
            } else if noun == nil, let match = faultNouns.first(where: { token.hasPrefix($0.stem) }) {
                noun = match.title
                separated = words.wordEnds(at: index, with: ":-–—,")
                index += 1
            } else {
                break
            }
        }
        if index < tokens.count {
            let rest = words.original(from: index)
            return clean(noun.map { separated ? rest : "\($0) \(rest)" } ?? rest)
        }
        // Verb last, as German puts it: "Ich möchte einen defekten Aufzug melden".
        let start = tokens[..<verb].firstIndex { !leadingFillers.contains($0) } ?? verb
        let described = tokens[start..<verb].contains { token in !faultNouns.contains { token.hasPrefix($0.stem) } }
        if described { return clean(words.original(start..<verb)) }
        return .some(nil)
    }

    /// The title when the message states that something is broken ("Pokazený výťah.").
    private static func brokenStatement(_ words: IntentWords, _ text: String) -> String? {
        let tokens = words.tokens
        guard tokens.count <= statementTokens, !questionWords.contains(tokens[0]),
              !text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("?"),
              broken.firstMatch(tokens) != nil
        else { return nil }
        var start = 0
        if let greeting = greetings.firstMatch(tokens), greeting.lowerBound == 0 { start = greeting.upperBound }
        while start < tokens.count, ["prosim", "please", "bitte"].contains(tokens[start]) { start += 1 }
        guard start < tokens.count else { return nil }
        return clean(words.original(from: start))
    }

    private static let trimmed = CharacterSet.whitespacesAndNewlines
        .union(CharacterSet(charactersIn: ":;,.!?-–—\"'„“”‚‘’«»…"))

    /// The title as it is saved: no surrounding punctuation, a capital first letter, at most 200 characters.
    private static func clean(_ text: String) -> String? {
        var title = text.trimmingCharacters(in: trimmed)
        if title.count > titleLength {
            let cut = title.prefix(titleLength)
            title = String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]).trimmingCharacters(in: trimmed)
        }
        guard let first = title.first else { return nil }
        return first.uppercased() + title.dropFirst()
    }
}
