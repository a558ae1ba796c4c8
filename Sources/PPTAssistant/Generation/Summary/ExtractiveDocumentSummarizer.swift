import Foundation
import PPTDomain

/// The built-in provider's summary: the document's own most informative sentences (word frequency
/// over content words, near-duplicates skipped, an early-position bonus) up to the word target, in
/// reading order; key points are the top-ranked distinct sentences; action items are sentences with an
/// obligation or a deadline, with the date they name. It quotes the document, so it cannot translate:
/// when the document's language is not the one asked for, the result says so.
package enum ExtractiveDocumentSummarizer {
    /// The summary of `segments` for `options`; `sourceLanguage` is the document's language, if known.
    static func summarize(_ segments: [SummarySegment], options: SummaryOptions,
                          sourceLanguage: AppLocale?) -> SummaryContent {
        var sentences = SummarySentences.sentences(segments)
        if sentences.isEmpty {
            // Only short lines (a list, a table, a notice of a few words): they are the content.
            sentences = segments.flatMap { $0.text.split(whereSeparator: \.isNewline) }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let ranked = rank(sentences)
        var chosen: [Int] = []
        var words = 0
        for index in ranked where words < options.words {
            let count = SummarySentences.wordCount(sentences[index])
            // Past the first sentence, skip one that would overshoot the target by more than half.
            if !chosen.isEmpty, words + count > options.words * 3 / 2 { continue }
            chosen.append(index)
            words += count
        }
        let summary = chosen.sorted().map { sentences[$0] }.joined(separator: " ")
        let keyPoints = Array(ranked.prefix(options.keyPoints).map { sentences[$0] })
        let actions = ActionItemFinder.actionItems(in: sentences)
        var note: String?
        if let sourceLanguage, sourceLanguage != options.language {
            note = notTranslated(source: sourceLanguage, requested: options.language)
        }
        return SummaryContent(summary: summary, keyPoints: keyPoints, actionItems: actions,
                              sourceLanguage: sourceLanguage, note: note, mapCalls: 0)
    }

    /// Sentence indexes, best first, near-duplicates of a better sentence left out.
    package static func rank(_ sentences: [String]) -> [Int] {
        let words = sentences.map(SummarySentences.contentWords)
        var frequency: [String: Int] = [:]
        for list in words { for word in Set(list) { frequency[word, default: 0] += 1 } }
        let scored = words.enumerated().map { index, list -> (index: Int, score: Double) in
            // Fragments with fewer than three content words come last, used only when nothing better is left.
            guard list.count >= 3 else { return (index, 0.001 * Double(list.count)) }
            let total = list.reduce(0.0) { $0 + log(1 + Double(frequency[$1] ?? 0)) }
            let position = 0.15 * max(0, 1 - Double(index) / max(8, Double(sentences.count) / 4))
            return (index, total / Double(list.count).squareRoot() + position)
        }
        let ordered = scored
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        var kept: [Int] = []
        var keptWords: [Set<String>] = []
        for candidate in ordered {
            let set = Set(words[candidate.index])
            if keptWords.contains(where: { similarity($0, set) > 0.5 }) { continue }
            kept.append(candidate.index)
            keptWords.append(set)
        }
        return kept
    }

    private static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }

    /// The note, in the requested language, that an extractive summary quotes the document as written.
    static func notTranslated(source: AppLocale, requested: AppLocale) -> String {
        let names: [AppLocale: [AppLocale: String]] = [
            .sk: [.sk: "slovenčine", .cs: "češtine", .de: "nemčine", .en: "angličtine"],
            .cs: [.sk: "slovenštině", .cs: "češtině", .de: "němčině", .en: "angličtině"],
            .de: [.sk: "Slowakisch", .cs: "Tschechisch", .de: "Deutsch", .en: "Englisch"],
            .en: [.sk: "Slovak", .cs: "Czech", .de: "German", .en: "English"],
        ]
        let language = names[requested]?[source] ?? source.rawValue
        switch requested {
        case .sk:
            return "Zhrnutie je výťah viet dokumentu, ktorý je v \(language); vstavaný poskytovateľ ho nepreloží. "
                + "Pre preklad nastavte jazykový model."
        case .cs:
            return "Shrnutí je výtah vět dokumentu, který je v \(language); vestavěný poskytovatel jej nepřeloží. "
                + "Pro překlad nastavte jazykový model."
        case .de:
            return "Die Zusammenfassung zitiert Sätze des Dokuments, das auf \(language) ist; der eingebaute "
                + "Anbieter übersetzt nicht. Für eine Übersetzung ein Sprachmodell konfigurieren."
        case .en:
            return "The summary quotes sentences of the document, which is in \(language); the built-in provider "
                + "cannot translate. Configure a language model for a translated summary."
        }
    }
}
