import Foundation
import PPTDomain

/// A preset summary length.
package enum SummaryLength: String, Codable, Sendable, CaseIterable {
    case short, medium, long

    /// The word target of the preset.
    package var words: Int {
        switch self {
        case .short: 60
        case .medium: 150
        case .long: 350
        }
    }

    /// How many key points the preset asks for.
    package var keyPoints: Int {
        switch self {
        case .short: 3
        case .medium: 5
        case .long: 8
        }
    }
}

/// `POST documents/{documentID}/summary`: the length (a preset or a word target that overrides it),
/// the language (default: the organization's), and whether to ignore a stored summary.
package struct SummaryInput: Codable, Sendable, Hashable {
    /// The preset length (default `medium`).
    package var length: SummaryLength?
    /// A word target, 30…1500; overrides `length`.
    package var words: Int?
    /// The summary's language (default: the organization's locale).
    package var language: AppLocale?
    /// Write a new summary even when one is stored for these options.
    package var regenerate: Bool?

    /// A request; every field is optional.
    package init(length: SummaryLength? = nil, words: Int? = nil, language: AppLocale? = nil, regenerate: Bool? = nil) {
        self.length = length
        self.words = words
        self.language = language
        self.regenerate = regenerate
    }

    /// The smallest and largest word target.
    package static let wordRange = 30...1500

    /// The options after defaults, or `validation.failed` naming the field.
    package func options(defaultLanguage: AppLocale) throws -> SummaryOptions {
        if let words, !Self.wordRange.contains(words) {
            throw DomainError.invalid("/words", "must be between \(Self.wordRange.lowerBound) and \(Self.wordRange.upperBound)")
        }
        return SummaryOptions(language: language ?? defaultLanguage, length: words == nil ? (length ?? .medium) : nil,
                              words: words)
    }
}

/// Resolved summary options: what a stored summary is keyed by.
package struct SummaryOptions: Sendable, Hashable {
    /// The language the summary is written in.
    package var language: AppLocale
    /// The preset, `nil` when a word target was given.
    package var length: SummaryLength?
    /// The explicit word target, if any.
    package var explicitWords: Int?

    /// Options; `words`, when given, replaces the preset.
    package init(language: AppLocale, length: SummaryLength?, words: Int?) {
        self.language = language
        self.length = words == nil ? (length ?? .medium) : nil
        self.explicitWords = words
    }

    /// The word target.
    package var words: Int { explicitWords ?? (length ?? .medium).words }

    /// How many key points to give.
    package var keyPoints: Int {
        if let length { return length.keyPoints }
        return words <= 80 ? 3 : words <= 250 ? 5 : 8
    }

    /// The storage key of the length: `short`, `medium`, `long` or `words:<n>`.
    package var lengthKey: String { length?.rawValue ?? "words:\(words)" }

    /// The options as stored in the generation request.
    package var json: JSONValue {
        var fields: [String: JSONValue] = ["language": .string(language.rawValue), "words": .number(Double(words))]
        fields["length"] = length.map { .string($0.rawValue) } ?? .null
        return .object(fields)
    }
}
