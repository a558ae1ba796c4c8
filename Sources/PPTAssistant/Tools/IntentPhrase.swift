import Foundation
import PPTDomain

/// A message split into words for intent matching: the original words (for quoting them back, e.g. as a
/// fault's title) and the folded tokens (lower case, no diacritics, no apostrophes) matched against phrases.
struct IntentWords: Sendable {
    /// The message's whitespace-separated words as written.
    let originals: [String]
    /// Folded letter-and-digit tokens.
    let tokens: [String]
    /// For each token, the index of the original word it comes from.
    let owners: [Int]

    init(_ text: String) {
        let originals = text.split(whereSeparator: \.isWhitespace).map(String.init)
        var tokens: [String] = []
        var owners: [Int] = []
        for (index, word) in originals.enumerated() {
            let folded = SearchText.fold(word).filter { $0 != "'" && $0 != "’" }
            for token in folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                tokens.append(String(token))
                owners.append(index)
            }
        }
        (self.originals, self.tokens, self.owners) = (originals, tokens, owners)
    }

    /// The original text from the word holding token `index` to the end.
    func original(from index: Int) -> String {
        guard index < tokens.count else { return "" }
        return originals[owners[index]...].joined(separator: " ")
    }

    /// The original text of the words holding tokens `range`.
    func original(_ range: Range<Int>) -> String {
        guard !range.isEmpty, range.upperBound <= tokens.count else { return "" }
        return originals[owners[range.lowerBound]...owners[range.upperBound - 1]].joined(separator: " ")
    }

    /// Whether the original word holding token `index` ends with one of `characters` (e.g. a colon).
    func wordEnds(at index: Int, with characters: String) -> Bool {
        guard index < tokens.count, owners[index] < originals.count,
              let last = originals[owners[index]].last else { return false }
        return characters.contains(last) && (index + 1 == tokens.count || owners[index + 1] != owners[index])
    }
}

/// A phrase matched against folded tokens. Words are token beginnings (`dlz` matches `dlzim`); a word
/// ending in `=` must match a whole token; `?` skips at most one token and `*` at most four.
struct IntentPhrase: Sendable, ExpressibleByStringLiteral {
    let words: [String]

    init(stringLiteral value: String) { words = value.split(separator: " ").map(String.init) }

    /// The tokens of the first match, if any.
    func match(_ tokens: [String]) -> Range<Int>? {
        for start in tokens.indices {
            if let end = match(tokens, word: 0, at: start) { return start..<end }
        }
        return nil
    }

    private func match(_ tokens: [String], word: Int, at index: Int) -> Int? {
        guard word < words.count else { return index }
        let pattern = words[word]
        if pattern == "?" || pattern == "*" {
            let most = pattern == "?" ? 1 : 4
            for skip in 0...most where index + skip <= tokens.count {
                if let end = match(tokens, word: word + 1, at: index + skip) { return end }
            }
            return nil
        }
        guard index < tokens.count, Self.token(tokens[index], matches: pattern) else { return nil }
        return match(tokens, word: word + 1, at: index + 1)
    }

    /// Whether `token` begins with `pattern` (or equals it, for a pattern ending in `=`).
    static func token(_ token: String, matches pattern: String) -> Bool {
        pattern.hasSuffix("=") ? token == pattern.dropLast() : token.hasPrefix(pattern)
    }
}

extension Array where Element == IntentPhrase {
    /// The first match of any of the phrases.
    func firstMatch(_ tokens: [String]) -> Range<Int>? {
        for phrase in self { if let range = phrase.match(tokens) { return range } }
        return nil
    }
}
