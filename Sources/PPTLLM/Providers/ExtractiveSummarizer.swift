import Foundation

/// Picks a text's most informative sentences (word frequency, stop words ignored) in their
/// original order. Deterministic; used by the built-in provider.
package enum ExtractiveSummarizer {
    /// At most `maxSentences` sentences of `text`, one per line.
    package static func summarize(_ text: String, maxSentences: Int) -> String {
        let sentences = split(text)
        guard !sentences.isEmpty else { return "" }
        if sentences.count <= maxSentences { return sentences.joined(separator: "\n") }
        var frequency: [String: Int] = [:]
        let sentenceWords = sentences.map { words($0).filter { $0.count > 3 } }
        for list in sentenceWords { for word in list { frequency[word, default: 0] += 1 } }
        let scored = sentenceWords.enumerated().map { index, list -> (Int, Double) in
            let total = list.reduce(0) { $0 + (frequency[$1] ?? 0) }
            let score = list.isEmpty ? 0 : Double(total) / Double(list.count).squareRoot()
            return (index, score + (index == 0 ? 0.5 : 0))
        }
        let chosen = scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(maxSentences).map(\.0).sorted()
        return chosen.map { sentences[$0] }.joined(separator: "\n")
    }

    /// Sentences: split after `.`, `!`, `?` followed by white space, and at line breaks.
    static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character.isNewline || (character.isWhitespace && ".!?".contains(previous)) {
                let trimmed = current.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { sentences.append(trimmed) }
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        let trimmed = current.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty { sentences.append(trimmed) }
        return sentences
    }

    /// Lower-cased words with diacritics folded.
    package static func words(_ text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
