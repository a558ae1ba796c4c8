import Foundation
import PPTDocuments
import PPTDomain

/// One piece of a document's text in reading order: a heading or a paragraph (list item, table row).
package struct SummarySegment: Sendable, Hashable {
    /// The text of the heading or paragraph.
    package var text: String
    /// Whether it is a heading (context, never quoted as a sentence).
    package var isHeading: Bool

    /// A paragraph, or a heading when `isHeading`.
    package init(_ text: String, isHeading: Bool = false) {
        self.text = text
        self.isHeading = isHeading
    }
}

/// Splits text into sentences for extractive summaries, keeping list labels (`1.`), ordinal dates
/// (`15. marca`, `15. März`), clause marks (`Čl. 1`) and common abbreviations inside their sentence.
package enum SummarySentences {
    /// The sentences of `segments`, headings (also short lines without a closing mark, which plain
    /// text and PDFs do not mark as headings) left out; list labels are removed from their starts.
    package static func sentences(_ segments: [SummarySegment]) -> [String] {
        segments.filter { !$0.isHeading }.flatMap { segment in
            segment.text.split(whereSeparator: \.isNewline).map(String.init).filter { !looksLikeHeading($0) }
                .flatMap(split)
        }
        .map(stripLabel).filter { !$0.isEmpty }
    }

    /// A line of at most eight words that does not end like a sentence.
    private static func looksLikeHeading(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last else { return true }
        return wordCount(trimmed) <= 8 && !".!?:;…\"”)".contains(last)
    }

    /// Sentences of one line of text.
    package static func split(_ line: String) -> [String] {
        let characters = Array(line)
        var sentences: [String] = []
        var start = 0
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if ".!?".contains(character), endsSentence(characters, at: index) {
                var end = index + 1
                while end < characters.count, "\"'”“)»".contains(characters[end]) { end += 1 }
                let sentence = String(characters[start..<end]).trimmingCharacters(in: .whitespaces)
                if !sentence.isEmpty { sentences.append(sentence) }
                start = end
                index = end
                continue
            }
            index += 1
        }
        let rest = String(characters[start...]).trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { sentences.append(rest) }
        return sentences
    }

    /// Whether the mark at `index` ends a sentence: followed by white space and a capital letter (or
    /// the end of the line), and not after a short number, a single letter or a known abbreviation.
    private static func endsSentence(_ characters: [Character], at index: Int) -> Bool {
        var next = index + 1
        while next < characters.count, "\"'”“)»".contains(characters[next]) { next += 1 }
        if next >= characters.count { return true }
        guard characters[next].isWhitespace else { return false }
        while next < characters.count, characters[next].isWhitespace { next += 1 }
        if next >= characters.count { return true }
        let following = characters[next]
        guard following.isUppercase || "\"„“(".contains(following) else { return false }
        guard characters[index] == "." else { return true }
        var wordStart = index
        while wordStart > 0, characters[wordStart - 1].isLetter || characters[wordStart - 1].isNumber
            || characters[wordStart - 1] == "." { wordStart -= 1 }
        let word = String(characters[wordStart..<index]).lowercased()
        if word.isEmpty { return true }
        if word.allSatisfy(\.isNumber) {
            // A time (`6:00.`) or a year ends a sentence; a one- or two-digit number is a label or an ordinal.
            return word.count > 2 || (wordStart > 0 && characters[wordStart - 1] == ":")
        }
        if word.count == 1 || word.contains(".") { return false }
        return !abbreviations.contains(word)
    }

    private static let abbreviations: Set<String> = [
        "čl", "č", "ods", "písm", "napr", "tzv", "resp", "ul", "str", "mgr", "ing", "judr", "mudr", "doc", "prof",
        "dr", "tj", "t", "sb", "zb", "nám", "tel", "nr", "bzw", "vgl", "abs", "art", "ca", "mr", "mrs", "ms", "st",
        "no", "vs", "etc", "approx", "inc", "ltd", "str", "hod", "min", "max", "cca",
    ]

    /// The sentence without a leading list label (`1.`, `2)`, `a)`, `–`, `•`).
    private static func stripLabel(_ sentence: String) -> String {
        var text = Substring(sentence)
        if let first = text.first, "–-•*·".contains(first) { text = text.dropFirst() }
        let digits = text.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count <= 3 {
            let rest = text.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first?.isWhitespace == true {
                text = rest.dropFirst()
            }
        } else if text.count > 3, let letter = text.first, letter.isLetter,
                  text.dropFirst().first == ")", text.dropFirst(2).first?.isWhitespace == true {
            text = text.dropFirst(2)
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Folded content words of `text` (lower case, no diacritics, no stop words, longer than 2 letters).
    package static func contentWords(_ text: String) -> [String] {
        SearchText.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map(String.init).filter { $0.count > 2 && !StopWords.contains($0) && !$0.allSatisfy(\.isNumber) }
    }

    /// Number of words in `text`.
    package static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }
}
