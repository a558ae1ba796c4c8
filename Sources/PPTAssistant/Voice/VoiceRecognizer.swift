import Foundation
import PPTDomain

/// Utterance → voice intent and slots in Slovak, Czech, German and English; case and diacritics do not
/// matter. Built on the assistant's `IntentRouter` (what the member owes, faults, announcements, meter
/// periods, fault reports) with the conversational intents voice adds: yes, no, stop, help, a message
/// to the manager and a meter reading. Anything else is a free-form `question`.
enum VoiceRecognizer {
    /// Longest utterance read as a bare yes, no or stop ("yes please", "nein danke").
    static let shortReply = 4

    static func recognize(_ utterance: String, locale: AppLocale) -> VoiceCommand {
        let words = IntentWords(utterance)
        let tokens = words.tokens
        let command = { (intent: VoiceIntent, slots: [String: String]) in
            VoiceCommand(intent: intent, slots: slots, utterance: utterance, locale: locale)
        }
        guard !tokens.isEmpty else { return command(.help, [:]) }
        if tokens.count <= shortReply {
            if yes.contains(tokens[0]) || confirmations.firstMatch(tokens) != nil { return command(.confirm, [:]) }
            if no.contains(tokens[0]) || cancellations.firstMatch(tokens) != nil { return command(.deny, [:]) }
            if stops.firstMatch(tokens) != nil { return command(.stop, [:]) }
        }
        if tokens.count <= 6, helps.firstMatch(tokens) != nil { return command(.help, [:]) }
        if let message = managerMessage(words) {
            return command(.contactManager, message.map { ["message": $0] } ?? [:])
        }
        if let slots = meterReading(words, utterance) { return command(.submitMeterReading, slots) }
        if let route = IntentRouter.route(utterance) {
            switch route.tool {
            case "my_balance": return command(.checkBalance, [:])
            case "my_faults": return command(.myFaults, [:])
            case "recent_announcements": return command(.announcements, [:])
            case "meter_reading_windows": return command(.nextMeterReading, [:])
            case "report_fault":
                let title = route.arguments["title"]?.stringValue ?? utterance
                var slots = ["description": title]
                slots["location"] = location(IntentWords(title))
                return command(.reportFault, slots)
            default: break
            }
        }
        if IntentRouter.meters.firstMatch(tokens) != nil { return command(.nextMeterReading, [:]) }
        if !IntentRouter.questionWords.contains(tokens[0]),
           tokens.prefix(6).contains(where: { token in
               IntentRouter.reportVerbs.contains { IntentPhrase.token(token, matches: $0) }
           }) {
            // "Report a fault" without saying what: the service asks.
            return command(.reportFault, [:])
        }
        return command(.question, ["query": utterance])
    }

    // MARK: Manager messages

    /// `nil` when this is not a message for the manager; `.some(nil)` when it is but says nothing yet.
    private static func managerMessage(_ words: IntentWords) -> String?? {
        let tokens = words.tokens
        guard let verb = tokens.indices.prefix(4).first(where: { index in
            messageVerbs.contains { IntentPhrase.token(tokens[index], matches: $0) }
        }) else { return nil }
        guard let noun = tokens.indices.dropFirst(verb + 1).prefix(4).first(where: { index in
            managerNouns.contains { IntentPhrase.token(tokens[index], matches: $0) }
        }) else { return nil }
        var start = noun + 1
        while start < tokens.count, messageFillers.contains(tokens[start]) { start += 1 }
        guard start < tokens.count else { return .some(nil) }
        let text = words.original(from: start).trimmingCharacters(in: trimmed)
        guard let first = text.first else { return .some(nil) }
        return .some(first.uppercased() + text.dropFirst())
    }

    // MARK: Meter readings

    /// The slots of a meter reading being submitted (`value` when said, `meter` when named), or `nil`.
    private static func meterReading(_ words: IntentWords, _ utterance: String) -> [String: String]? {
        let tokens = words.tokens
        guard !tokens.contains(where: { token in IntentRouter.faultNouns.contains { token.hasPrefix($0.stem) } }),
              IntentRouter.broken.firstMatch(tokens) == nil
        else { return nil }
        let value = firstNumber(utterance)
        let submitting = tokens.contains { token in
            (IntentRouter.reportVerbs + submitVerbs).contains { IntentPhrase.token(token, matches: $0) }
        } || readingNouns.firstMatch(tokens) != nil
        let asking = IntentRouter.questionWords.contains(tokens[0])
        // A meter named ("vodomer", "Zählerstand") with a value or a verb of submitting; or a kind of
        // meter ("water", "Strom") with both.
        let named = IntentRouter.meters.firstMatch(tokens) != nil
        let kind = meterKind(tokens)
        guard !asking, (named && (value != nil || submitting)) || (kind != nil && value != nil && submitting)
        else { return nil }
        var slots: [String: String] = [:]
        slots["value"] = value
        slots["meter"] = kind
        return slots
    }

    /// The reading's value and kind of meter as far as `text` says them (an answer to "which meter?").
    static func readingSlots(_ text: String) -> [String: String] {
        var slots: [String: String] = [:]
        slots["value"] = firstNumber(text)
        slots["meter"] = meterKind(IntentWords(text).tokens)
        return slots
    }

    /// The first number in the text, digits grouped by spaces allowed (`1 234,5`), as written without spaces.
    static func firstNumber(_ text: String) -> String? {
        let pattern = #"\d{1,3}(?: \d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"#
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        return text[range].replacingOccurrences(of: " ", with: "")
    }

    /// A spoken or written number (`1234,5`, `1 234.5`, `1234`).
    static func number(_ text: String) -> Double? {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: ",", with: ".")
        guard let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    /// The kind of meter the words name: `cold_water`, `hot_water`, `water` (either), `heat`, `electricity`, `gas`.
    static func meterKind(_ tokens: [String]) -> String? {
        let has = { (stems: [String]) in tokens.contains { token in stems.contains { token.hasPrefix($0) } } }
        let water = has(["vod", "wasser", "water"]) || tokens.contains { $0.contains("wasser") }
        if has(["warmwasser", "hot", "tuv"]) || (water && has(["tepl", "tepel", "warm"])) { return "hot_water" }
        if has(["kaltwasser", "cold"]) || (water && has(["studen", "kalt"])) { return "cold_water" }
        if water { return "water" }
        if has(["elektr", "strom", "electric", "power"]) { return "electricity" }
        if has(["plyn", "gas"]) { return "gas" }
        if has(["tepl", "tepel", "warme", "heiz", "heat", "kalorimet"]) { return "heat" }
        return nil
    }

    /// The meter kinds a `meter` slot stands for (a kind's raw value or words naming one); empty when none.
    static func meterKinds(_ slot: String) -> Set<MeterKind> {
        let kind = MeterKind(rawValue: slot).map(\.rawValue) ?? meterKind(IntentWords(slot).tokens)
        switch kind {
        case "water": return [.coldWater, .hotWater]
        case let kind?: return MeterKind(rawValue: kind).map { [$0] } ?? []
        case nil: return []
        }
    }

    // MARK: Locations

    /// Where a fault is, as said in its description ("na chodbe", "im Keller", "in the hallway"), if a
    /// known place follows a preposition.
    static func location(_ words: IntentWords) -> String? {
        let tokens = words.tokens
        for index in tokens.indices where placePrepositions.contains(tokens[index]) {
            let end = min(index + 3, tokens.count - 1)
            guard index < end, let noun = tokens.indices[(index + 1)...end].first(where: { place in
                placeNouns.contains { IntentPhrase.token(tokens[place], matches: $0) }
            }) else { continue }
            let text = words.original(index..<(noun + 1)).trimmingCharacters(in: trimmed)
            if !text.isEmpty { return text }
        }
        return nil
    }

    static let trimmed = CharacterSet.whitespacesAndNewlines
        .union(CharacterSet(charactersIn: ":;,.!?-–—\"'„“”"))
}
