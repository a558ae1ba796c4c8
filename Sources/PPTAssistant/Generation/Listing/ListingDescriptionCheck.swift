import Foundation
import PPTDocuments
import PPTDomain

/// Checks a model's listing descriptions before they are kept: one item per requested language, each
/// in its language (`LanguageDetector`), with a few keywords, and no keyword stuffed into the text.
/// Problems are `validation.failed` with pointers, so the engine's retry tells the model what to fix.
enum ListingDescriptionCheck {
    /// Most times one keyword (or the city) may occur in a title and description together.
    static let maxKeywordOccurrences = 3
    /// Keywords per item.
    static let keywordCount = 1...10
    /// A description with at least this many words must be recognisable as its language.
    static let recognisableWords = 12

    /// One item as the model writes it.
    struct Item: Codable, Sendable, Hashable {
        var language: String
        var title: String
        var description: String
        var keywords: [String]
    }

    /// The model's answer.
    struct Output: Codable, Sendable, Hashable {
        var items: [Item]
    }

    static func validate(_ output: Output, languages: [AppLocale], city: String) throws(DomainError) {
        var problems: [FieldError] = []
        let written = output.items.map(\.language)
        if written.sorted() != languages.map(\.rawValue).sorted() {
            problems.append(FieldError(pointer: "/items", detail: "must hold exactly one item for each of "
                + languages.map(\.rawValue).joined(separator: ", ") + ", got " + written.joined(separator: ", ")))
        }
        for (index, item) in output.items.enumerated() {
            let pointer = "/items/\(index)"
            if item.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(FieldError(pointer: pointer + "/title", detail: "must not be empty"))
            }
            if item.description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(FieldError(pointer: pointer + "/description", detail: "must not be empty"))
            }
            let keywords = item.keywords.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if !keywordCount.contains(keywords.count) || keywords.contains(where: { $0.isEmpty || $0.count > 60 }) {
                problems.append(FieldError(pointer: pointer + "/keywords", detail: "must hold \(keywordCount.lowerBound) "
                    + "to \(keywordCount.upperBound) search phrases of at most 60 characters"))
            }
            if let expected = AppLocale(rawValue: item.language),
               let problem = languageProblem(item.description, expected: expected) {
                problems.append(FieldError(pointer: pointer + "/description", detail: problem))
            }
            let text = item.title + "\n" + item.description
            for term in Set(keywords + [city]) where !term.isEmpty {
                let count = occurrences(of: term, in: text)
                if count > maxKeywordOccurrences {
                    problems.append(FieldError(pointer: pointer + "/description", detail: "uses \"\(term)\" \(count) "
                        + "times; use each keyword at most \(maxKeywordOccurrences) times (no keyword stuffing)"))
                }
            }
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
    }

    /// Why `text` is not in `expected`, or `nil` when it is (or is too short to tell).
    static func languageProblem(_ text: String, expected: AppLocale) -> String? {
        let detected = LanguageDetector.detect(text)
        if let detected, detected != expected {
            return "is written in \(detected.rawValue), not \(expected.rawValue); write it in \(expected.rawValue)"
        }
        if detected == nil, words(text).count >= recognisableWords {
            return "is not recognisable as \(expected.rawValue); write it in \(expected.rawValue)"
        }
        return nil
    }

    /// How often `term` occurs in `text` as whole words, ignoring case and diacritics and tolerating
    /// inflected endings of longer words ("Žilina" also counts "Žiline", "Žilině").
    static func occurrences(of term: String, in text: String) -> Int {
        let needle = words(term), haystack = words(text)
        guard !needle.isEmpty, haystack.count >= needle.count else { return 0 }
        var count = 0
        var index = 0
        while index + needle.count <= haystack.count {
            if zip(haystack[index..<(index + needle.count)], needle).allSatisfy(matches) {
                count += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return count
    }

    private static func matches(_ word: String, _ keyword: String) -> Bool {
        guard word != keyword else { return true }
        guard keyword.count >= 5, !keyword.contains(where: \.isNumber) else { return false }
        return word.hasPrefix(keyword.prefix(keyword.count - 2)) && word.count <= keyword.count + 3
    }

    private static func words(_ text: String) -> [String] {
        SearchText.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
