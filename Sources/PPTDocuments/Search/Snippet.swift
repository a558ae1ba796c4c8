import Foundation
import PPTDomain

/// The part of a passage worth showing in a result list, with the words that matched marked.
enum Snippet {
    /// Characters of text around the best match.
    static let length = 240

    static func make(_ text: String, terms: [String]) -> (snippet: String, highlights: [TextRange]) {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let words = wordRanges(flat)
        let matched = words.filter { range in
            let folded = Substring(SearchText.fold(String(flat[range])))
            return terms.contains { QueryTerms.matches(folded, term: $0) }
        }
        // The window starting at the word after which most matches fall within `length` characters.
        var bestStart = flat.startIndex, bestHits = -1
        for (index, range) in matched.enumerated() {
            let windowEnd = flat.index(range.lowerBound, offsetBy: length, limitedBy: flat.endIndex) ?? flat.endIndex
            let hits = matched[index...].prefix { $0.upperBound <= windowEnd }.count
            if hits > bestHits { (bestHits, bestStart) = (hits, range.lowerBound) }
        }
        // Start a little before the first match, at a word boundary.
        var start = flat.index(bestStart, offsetBy: -40, limitedBy: flat.startIndex) ?? flat.startIndex
        if start > flat.startIndex, let space = flat[start..<bestStart].firstIndex(of: " ") {
            start = flat.index(after: space)
        }
        var end = flat.index(start, offsetBy: length, limitedBy: flat.endIndex) ?? flat.endIndex
        if end < flat.endIndex, let space = flat[start..<end].lastIndex(of: " ") { end = space }
        let prefix = start > flat.startIndex ? "…" : ""
        let suffix = end < flat.endIndex ? "…" : ""
        let snippet = prefix + flat[start..<end] + suffix
        let offset = prefix.utf16.count
        let highlights = matched.filter { $0.lowerBound >= start && $0.upperBound <= end }.map { range in
            TextRange(start: offset + flat.utf16.distance(from: start, to: range.lowerBound),
                      length: flat.utf16.distance(from: range.lowerBound, to: range.upperBound))
        }
        return (snippet, highlights)
    }

    private static func wordRanges(_ text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let isWord = text[index].isLetter || text[index].isNumber
            if isWord, start == nil { start = index }
            if !isWord, let begun = start {
                ranges.append(begun..<index)
                start = nil
            }
            index = text.index(after: index)
        }
        if let begun = start { ranges.append(begun..<text.endIndex) }
        return ranges
    }
}
