import Foundation
import PPTDomain

/// The instructions of summarization calls. Every call names the output language explicitly, so a
/// Slovak request for an English document is answered in Slovak (never defaulting to English).
enum SummaryPrompts {
    static func languageName(_ language: AppLocale) -> String {
        switch language {
        case .sk: "Slovak"
        case .cs: "Czech"
        case .de: "German"
        case .en: "English"
        }
    }

    /// The sentence that forces the output language.
    static func languageRule(_ language: AppLocale) -> String {
        "Write in \(languageName(language)) (language code \(language.rawValue)) only, whatever the language of "
            + "the document."
    }

    /// A map call: one part of a long document.
    static func mapSystem(_ options: SummaryOptions, words: Int) -> String {
        """
        You summarize one part of a longer document for a property-management company. \
        \(languageRule(options.language)) Keep every obligation, deadline with its exact date, amount, \
        place and name the part mentions. Use at most \(words) words, plain text, no preamble.
        """
    }

    static func mapPrompt(title: String, part: String, index: Int, count: Int) -> String {
        "Document: \(title)\nPart \(index + 1) of \(count):\n\n\(part)"
    }

    /// A collapse call: partial summaries that together are still too long for the final step.
    static func collapseSystem(_ options: SummaryOptions, words: Int) -> String {
        """
        You combine partial summaries of consecutive parts of one document into one shorter summary. \
        \(languageRule(options.language)) Keep every obligation, deadline with its exact date, amount and name. \
        Use at most \(words) words, plain text, no preamble.
        """
    }

    static func collapsePrompt(title: String, partials: [String]) -> String {
        "Document: \(title)\n\nPartial summaries, in order:\n\n" + numbered(partials)
    }

    /// The final, structured call (the whole text, or the partial summaries of map-reduce).
    static func finalSystem(_ options: SummaryOptions) -> String {
        let words = options.words
        return """
            You write document summaries for a property-management company. \
            \(languageRule(options.language)) This applies to every field of the answer. \
            summary: about \(words) words (between \(words / 2) and \(words * 3 / 2)), plain prose. \
            keyPoints: the \(options.keyPoints) most important points, one short sentence each. \
            actionItems: everything the document asks someone to do, each with due as the date YYYY-MM-DD when \
            the document names one, else null; an empty list when it asks nothing. \
            State only what the document says; do not invent facts, dates or amounts.
            """
    }

    static func finalPrompt(title: String, text: String) -> String {
        "Document: \(title)\n\nText:\n\n\(text)"
    }

    static func reducePrompt(title: String, partials: [String]) -> String {
        "Document: \(title)\n\nThe document was too long to read at once. Summaries of its consecutive parts, "
            + "in order:\n\n" + numbered(partials)
    }

    private static func numbered(_ texts: [String]) -> String {
        texts.enumerated().map { "[Part \($0.offset + 1)]\n\($0.element)" }.joined(separator: "\n\n")
    }
}
