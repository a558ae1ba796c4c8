import Foundation
import PPTDomain
import PPTLLM

/// The token budget of one summarization call for a model with `contextWindow` tokens: a reserve for
/// the answer and the instructions, the rest for document text (or partial summaries).
package struct SummaryBudget: Sendable, Hashable {
    /// The model's context window in tokens.
    package let contextWindow: Int

    /// The budget of a model with `contextWindow` tokens (at least 2,048).
    package init(contextWindow: Int) { self.contextWindow = max(2048, contextWindow) }

    /// Tokens kept free for the answer and the prompt's instructions.
    package var reserve: Int { min(max(contextWindow / 4, 1024), 8192) }

    /// Tokens of text one call may carry.
    package var textTokens: Int { contextWindow - reserve }

    /// The longest answer of a map or collapse call, in tokens.
    package var partialAnswerTokens: Int { max(200, min(1000, textTokens / 6)) }

    /// The word limit given to map and collapse calls (about 0.6 words per token leaves headroom).
    package var partialWords: Int { partialAnswerTokens * 6 / 10 }

    /// Whether `text` fits one call.
    package func fits(_ text: String) -> Bool { TokenEstimator.estimate(text) <= textTokens }
}

/// Splitting long text for map-reduce and grouping partial summaries for the recursive collapse.
package enum SummaryMapReduce {
    /// Consecutive parts of `segments` of at most `tokens` each, split between paragraphs (a paragraph
    /// longer than `tokens` is split between sentences, a sentence longer than that between words).
    package static func parts(_ segments: [SummarySegment], tokens: Int) -> [String] {
        let pieces = segments.flatMap { segment -> [String] in
            TokenEstimator.estimate(segment.text) <= tokens ? [segment.text] : split(segment.text, tokens: tokens)
        }
        return pack(pieces, tokens: tokens, separator: "\n")
    }

    /// Groups of consecutive `texts` whose joined size fits `tokens`, so each group is summarized in one call.
    package static func groups(_ texts: [String], tokens: Int) -> [[String]] {
        var groups: [[String]] = []
        var current: [String] = []
        var size = 0
        for text in texts {
            let cost = TokenEstimator.estimate(text) + 8
            if !current.isEmpty, size + cost > tokens {
                groups.append(current)
                current = []
                size = 0
            }
            current.append(text)
            size += cost
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// `text` cut to about `tokens` at a word boundary (a partial summary the model wrote too long).
    package static func truncate(_ text: String, tokens: Int) -> String {
        guard TokenEstimator.estimate(text) > tokens else { return text }
        var words: [Substring] = []
        var total = 0
        for word in text.split(whereSeparator: \.isWhitespace) {
            // Per-word estimates add up to at least the estimate of the joined text.
            total += TokenEstimator.estimate(String(word))
            if total > tokens { break }
            words.append(word)
        }
        return words.joined(separator: " ")
    }

    /// Runs `body` over `items` with at most `limit` calls in flight; results in the order of `items`.
    package static func concurrentMap<Item: Sendable, Result: Sendable>(
        _ items: [Item], limit: Int, _ body: @escaping @Sendable (Int, Item) async throws -> Result
    ) async throws -> [Result] {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results: [Int: Result] = [:]
            var next = 0
            func start() {
                let index = next
                let item = items[index]
                group.addTask { (index, try await body(index, item)) }
                next += 1
            }
            while next < min(max(1, limit), items.count) { start() }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < items.count { start() }
            }
            return (0..<items.count).compactMap { results[$0] }
        }
    }

    private static func split(_ text: String, tokens: Int) -> [String] {
        let sentences = SummarySentences.split(text)
        let pieces = sentences.flatMap { sentence -> [String] in
            guard TokenEstimator.estimate(sentence) > tokens else { return [sentence] }
            return pack(sentence.split(whereSeparator: \.isWhitespace).map(String.init), tokens: tokens, separator: " ")
        }
        return pack(pieces, tokens: tokens, separator: " ")
    }

    private static func pack(_ pieces: [String], tokens: Int, separator: String) -> [String] {
        var parts: [String] = []
        var current: [String] = []
        var size = 0
        for piece in pieces {
            let cost = TokenEstimator.estimate(piece) + 1
            if !current.isEmpty, size + cost > tokens {
                parts.append(current.joined(separator: separator))
                current = []
                size = 0
            }
            current.append(piece)
            size += cost
        }
        if !current.isEmpty { parts.append(current.joined(separator: separator)) }
        return parts
    }
}
