import Foundation

/// Fits text into a portal's character limit (Swift `String.count`) without cutting a word or a
/// sentence: whole segments (sentences of a description, clauses of a title) are dropped, lowest
/// priority first, and lower-priority segments that still fit fill the space left.
///
/// Only when the most important segment does not fit on its own is it cut, and it is then the whole
/// result: at the last clause boundary (`,` `;` `:` dash) that keeps at least half the room, else at
/// the last word boundary, marked with `…` (which counts as one character). A single word longer than
/// the limit (limits start at 30 characters, so this cannot happen with real text) is the one case
/// where a word is cut.
package enum TextLimiter {
    /// A piece of text that is kept or dropped as a whole.
    package struct Segment: Sendable, Hashable {
        package var text: String
        /// Higher is kept first; equal priorities favour the earlier segment.
        package var priority: Int
        /// Segments of different paragraphs are joined by a blank line.
        package var paragraph: Int
        /// What joins it to the previous kept segment of the same paragraph.
        package var lead: String

        package init(_ text: String, priority: Int, paragraph: Int = 0, lead: String = " ") {
            self.text = text
            self.priority = priority
            self.paragraph = paragraph
            self.lead = lead
        }
    }

    /// The fitted text and whether anything was dropped or cut.
    package struct Fitted: Sendable, Hashable {
        package var text: String
        package var shortened: Bool
    }

    /// The ellipsis that marks a cut sentence.
    package static let ellipsis = "…"

    /// Keeps the segments that fit in `limit` characters, most important first, in their original order.
    package static func fit(_ segments: [Segment], limit: Int) -> Fitted {
        let segments = segments.filter { !$0.text.isEmpty }
        guard !segments.isEmpty else { return Fitted(text: "", shortened: false) }
        let full = join(segments, Set(segments.indices))
        if full.count <= limit { return Fitted(text: full, shortened: false) }
        let order = segments.indices.sorted { (segments[$0].priority, -$0) > (segments[$1].priority, -$1) }
        guard segments[order[0]].text.count <= limit else {
            return Fitted(text: cut(segments[order[0]].text, limit: limit), shortened: true)
        }
        var kept = Set<Int>()
        for index in order where join(segments, kept.union([index])).count <= limit { kept.insert(index) }
        return Fitted(text: join(segments, kept), shortened: true)
    }

    /// Fits free text (a model's description): its sentences in paragraphs, earlier ones first.
    package static func fitSentences(_ text: String, limit: Int) -> Fitted {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count <= limit { return Fitted(text: trimmed, shortened: false) }
        let segments = Sentences.split(trimmed)
        return fit(segments.enumerated().map { index, piece in
            Segment(piece.text, priority: segments.count - index, paragraph: piece.paragraph, lead: piece.lead)
        }, limit: limit)
    }

    /// Fits a title: its clauses (separated by `, `, ` – `, ` | `), earlier ones first.
    package static func fitTitle(_ title: String, limit: Int) -> Fitted {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count <= limit { return Fitted(text: trimmed, shortened: false) }
        var segments: [Segment] = []
        var rest = Substring(trimmed)
        var lead = ""
        while !rest.isEmpty {
            let separator = [", ", " – ", " - ", " | "].compactMap { rest.range(of: $0) }.min { $0.lowerBound < $1.lowerBound }
            let end = separator?.lowerBound ?? rest.endIndex
            segments.append(Segment(String(rest[..<end]), priority: 1000 - segments.count, lead: lead))
            lead = separator.map { String(rest[$0]) } ?? ""
            rest = separator.map { rest[$0.upperBound...] } ?? ""
        }
        return fit(segments, limit: limit)
    }

    /// `text` cut at the last clause boundary that fits with the ellipsis, else the last word boundary.
    static func cut(_ text: String, limit: Int) -> String {
        guard limit > 1 else { return String(ellipsis.prefix(limit)) }
        let room = limit - ellipsis.count
        let prefix = text.prefix(room + 1)
        func offset(_ index: Substring.Index) -> Int { prefix.distance(from: prefix.startIndex, to: index) }
        // A clause boundary only when it keeps at least half the room; otherwise more words are better.
        let clause = prefix.indices.filter { index in
            [",", ";", ":", "–"].contains(prefix[index]) && offset(index) <= room && offset(index) >= room / 2
        }.last
        let word = prefix.indices.filter { prefix[$0].isWhitespace && offset($0) > 0 }.last
        let end = clause ?? word ?? prefix.index(prefix.startIndex, offsetBy: min(room, prefix.count))
        let kept = text[..<end].trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        return String(kept.prefix(room)) + ellipsis
    }

    private static func join(_ segments: [Segment], _ kept: Set<Int>) -> String {
        var text = ""
        var previous: Segment?
        for index in segments.indices where kept.contains(index) {
            let segment = segments[index]
            if let previous { text += previous.paragraph == segment.paragraph ? segment.lead : "\n\n" }
            text += segment.text
            previous = segment
        }
        return text
    }
}
