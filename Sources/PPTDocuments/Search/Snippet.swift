import Foundation
import PPTDomain

/// The part of a passage worth showing in a result list, with the words that matched marked.
///
/// Works on the passage's Unicode scalars with precomputed UTF-16 offsets: every hit of every search
/// is cut here, and stepping `String` indices by characters made this a fifth of a search's time.
package enum Snippet {
    /// Scalars (characters, for the languages we serve) of text around the best match.
    package static let length = 240

    /// The window of `text` with the most matches of `terms`, and where they are in it (UTF-16 offsets).
    package static func make(_ text: String, terms: [String]) -> (snippet: String, highlights: [TextRange]) {
        // Runs of white space (line breaks above all) become one space.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace {
                if scalars.last != " " { scalars.append(" ") }
            } else {
                scalars.append(scalar)
            }
        }
        let matchers = terms.map(TermMatcher.init)
        let matched = wordRanges(scalars).filter { range in
            let word = scalars[range]
            if word.allSatisfy(\.isASCII) {
                return matchers.contains { $0.matches(word.lazy.map { UInt8($0.value) }) }
            }
            if let folded = SearchWordSplitter.foldedLatin(word) { return matchers.contains { $0.matches(folded) } }
            let folded = SearchText.fold(String(String.UnicodeScalarView(word)))
            return matchers.contains { $0.matches(folded.utf8) }
        }
        // The window starting at the match after which most matches end within `length` scalars.
        var bestStart = 0, bestHits = -1, last = 0
        for (index, range) in matched.enumerated() {
            last = max(last, index)
            while last + 1 < matched.count, matched[last + 1].upperBound <= range.lowerBound + length { last += 1 }
            let hits = matched[index].upperBound <= range.lowerBound + length ? last - index + 1 : 0
            if hits > bestHits { (bestHits, bestStart) = (hits, range.lowerBound) }
        }
        // Start a little before the first match, at a word boundary; end at one too.
        var start = max(0, bestStart - 40)
        if start > 0, let space = scalars[start..<bestStart].firstIndex(of: " ") { start = space + 1 }
        var end = min(scalars.count, start + length)
        if end < scalars.count, let space = scalars[start..<end].lastIndex(of: " "), space > start { end = space }
        let prefix = start > 0 ? "…" : ""
        let suffix = end < scalars.count ? "…" : ""
        let snippet = prefix + String(String.UnicodeScalarView(scalars[start..<end])) + suffix
        // UTF-16 offset of each scalar from the window's start (a scalar beyond the BMP takes two units).
        var offsets = [Int](repeating: 0, count: end - start + 1)
        for index in start..<end { offsets[index - start + 1] = offsets[index - start] + scalars[index].utf16.count }
        let lead = prefix.utf16.count
        let highlights = matched.filter { $0.lowerBound >= start && $0.upperBound <= end }.map { range in
            TextRange(start: lead + offsets[range.lowerBound - start],
                      length: offsets[range.upperBound - start] - offsets[range.lowerBound - start])
        }
        return (snippet, highlights)
    }

    /// Runs of letters, digits and combining marks.
    private static func wordRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        for (index, scalar) in scalars.enumerated() {
            let isWord = SearchWordSplitter.isWord(scalar)
            if isWord, start == nil { start = index }
            if !isWord, let begun = start {
                ranges.append(begun..<index)
                start = nil
            }
        }
        if let begun = start { ranges.append(begun..<scalars.count) }
        return ranges
    }
}

/// One query term compared with words byte by byte, as the index matches them: a term of three letters
/// or more matches the words it begins, a shorter one only itself.
private struct TermMatcher {
    let bytes: [UInt8]
    let isPrefix: Bool

    init(_ term: String) {
        bytes = Array(term.utf8)
        isPrefix = term.count >= 3
    }

    /// Whether the folded word (ASCII letters may still be upper case) matches.
    func matches(_ word: some Collection<UInt8>) -> Bool {
        guard isPrefix ? word.count >= bytes.count : word.count == bytes.count else { return false }
        return zip(word, bytes).allSatisfy { wordByte, termByte in
            ((0x41...0x5A).contains(wordByte) ? wordByte + 0x20 : wordByte) == termByte
        }
    }
}
