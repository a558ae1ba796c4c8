import Foundation

/// A piece of a document's text, the unit of retrieval and citation.
package struct TextChunk: Sendable, Hashable {
    /// Position in the document, from 0.
    package var ordinal: Int
    /// The page the chunk is on (chunks never span pages), for paged formats.
    package var page: Int?
    /// The headings above the chunk, outermost first, joined with " › "; empty before the first heading.
    package var heading: String
    package var text: String
    /// Estimated model tokens of `text`.
    package var tokenCount: Int

    package init(ordinal: Int, page: Int?, heading: String, text: String, tokenCount: Int) {
        self.ordinal = ordinal
        self.page = page
        self.heading = heading
        self.text = text
        self.tokenCount = tokenCount
    }
}

/// Splits extracted text into chunks of about `targetTokens`, never across a page or a section
/// (a heading always starts a new chunk), keeping paragraphs whole where they fit and carrying the
/// last sentences of the previous chunk of the same section and page as overlap.
package struct Chunker: Sendable {
    package var targetTokens: Int
    package var overlapTokens: Int

    package init(targetTokens: Int = 220, overlapTokens: Int = 40) {
        self.targetTokens = max(32, targetTokens)
        self.overlapTokens = max(0, min(overlapTokens, targetTokens / 2))
    }

    /// Model tokens of `text`, estimated the way common BPE tokenizers count European text
    /// (about four characters per token, at least one per word).
    package static func estimateTokens(_ text: String) -> Int {
        var words = 0, characters = 0, inWord = false
        for scalar in text.unicodeScalars {
            characters += 1
            if scalar.properties.isWhitespace { inWord = false } else if !inWord { inWord = true; words += 1 }
        }
        return max(words, (characters + 3) / 4)
    }

    package func chunks(_ extracted: ExtractedText) -> [TextChunk] {
        var chunks: [TextChunk] = []
        var headings: [(level: Int, text: String)] = []
        var pieces: [String] = []
        var tokens = 0
        /// How many leading `pieces` repeat the previous chunk's end; a chunk of only those is not emitted.
        var carried = 0
        var page: Int?

        func headingPath() -> String { headings.map(\.text).joined(separator: " › ") }
        func emit(keepOverlap: Bool) {
            defer { carried = pieces.count }
            guard pieces.count > carried else {
                pieces = []
                tokens = 0
                return
            }
            let text = pieces.joined(separator: "\n")
            chunks.append(TextChunk(ordinal: chunks.count, page: page, heading: headingPath(), text: text,
                                    tokenCount: Self.estimateTokens(text)))
            pieces = keepOverlap ? overlap(of: text) : []
            tokens = pieces.reduce(0) { $0 + Self.estimateTokens($1) }
        }

        for block in extracted.blocks {
            if block.page != page {
                emit(keepOverlap: false)
                page = block.page
            }
            if case .heading(let level) = block.kind {
                emit(keepOverlap: false)
                headings.removeAll { $0.level >= level }
                headings.append((level, block.text))
                continue
            }
            for piece in split(block.text) {
                let size = Self.estimateTokens(piece)
                if tokens + size > targetTokens, tokens > 0, pieces.count > 0 {
                    // Only overlap when the chunk holds more than its overlap; otherwise it would repeat.
                    emit(keepOverlap: true)
                    if tokens + size > targetTokens { (pieces, tokens, carried) = ([], 0, 0) }
                }
                pieces.append(piece)
                tokens += size
            }
        }
        emit(keepOverlap: false)
        return chunks
    }

    /// A block longer than the target, cut at sentence ends (or, for run-on text, at word boundaries).
    private func split(_ text: String) -> [String] {
        guard Self.estimateTokens(text) > targetTokens else { return [text] }
        var parts: [String] = []
        var current = ""
        for sentence in Self.sentences(text) {
            for piece in Self.estimateTokens(sentence) > targetTokens ? wordRuns(sentence) : [sentence] {
                if !current.isEmpty, Self.estimateTokens(current + " " + piece) > targetTokens {
                    parts.append(current)
                    current = piece
                } else {
                    current = current.isEmpty ? piece : current + " " + piece
                }
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    private func wordRuns(_ sentence: String) -> [String] {
        var runs: [String] = []
        var current: [Substring] = []
        for word in sentence.split(separator: " ") {
            current.append(word)
            if Self.estimateTokens(current.joined(separator: " ")) >= targetTokens {
                runs.append(current.joined(separator: " "))
                current = []
            }
        }
        if !current.isEmpty { runs.append(current.joined(separator: " ")) }
        return runs
    }

    /// The trailing sentences of `text` that fit in the overlap budget.
    private func overlap(of text: String) -> [String] {
        guard overlapTokens > 0 else { return [] }
        var kept: [String] = []
        var tokens = 0
        for sentence in Self.sentences(text).reversed() {
            let size = Self.estimateTokens(sentence)
            if tokens + size > overlapTokens { break }
            kept.insert(sentence, at: 0)
            tokens += size
        }
        return kept.isEmpty ? [] : [kept.joined(separator: " ")]
    }

    /// Sentences: cut after `.`, `!`, `?` or a line break when followed by a space and an upper-case
    /// letter or digit, so "č. 182/1993 Z. z." and "1. 9." stay whole more often than not.
    static func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if character == "\n" {
                if !current.trimmingCharacters(in: .whitespaces).isEmpty { sentences.append(current) }
                current = ""
                continue
            }
            current.append(character)
            if ".!?".contains(character), characters.first == " ",
               let next = characters.dropFirst().first, next.isUppercase,
               current.count > 3 {
                sentences.append(current)
                current = ""
                characters = characters.dropFirst()
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { sentences.append(current) }
        return sentences.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
