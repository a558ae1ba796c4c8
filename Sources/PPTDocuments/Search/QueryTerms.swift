import Foundation
import PPTDomain

/// Turns what a user typed into full-text terms: folded (lower case, no diacritics, so "zivotne"
/// finds "životné"), stop words of sk/cs/de/en removed, and long words cut to a stem that the index
/// matches as a prefix — a light stemmer for the inflected Slavic languages ("zvieratá", "zvieraťa",
/// "zvierat" all start with "zviera").
package enum QueryTerms {
    /// Search terms of `query`, at most 16.
    package static func terms(_ query: String) -> [String] {
        var seen: Set<String> = []
        let words = SearchText.fold(query).split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        let content = words.filter { !StopWords.contains($0) }
        // A query of only stop words ("what is it") still searches for them.
        return (content.isEmpty ? words : content).map(stem).filter { seen.insert($0).inserted }.prefix(16).map { $0 }
    }

    /// The prefix a word is matched by: words of 7+ letters lose their last two (the usual case and
    /// plural endings), never below 5 letters; numbers and short words stay whole.
    package static func stem(_ word: String) -> String {
        guard word.count >= 7, word.allSatisfy(\.isLetter) else { return word }
        return String(word.prefix(max(5, word.count - 2)))
    }
}
