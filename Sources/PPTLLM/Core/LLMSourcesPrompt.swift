import Foundation

/// How retrieved passages are given to a model: a system message listing numbered sources that
/// the answer cites as [1], [2]. The assistant writes it; the built-in provider reads it back to
/// answer extractively, so both sides share this one format.
package enum LLMSourcesPrompt {
    /// A passage to cite.
    package struct Source: Sendable, Hashable {
        package var number: Int
        /// Document title, section and page, as one line.
        package var label: String
        package var text: String

        package init(number: Int, label: String, text: String) {
            self.number = number
            self.label = label
            self.text = text
        }
    }

    /// First line of the sources message.
    package static let header = "Sources from the organization's documents (cite as [n]):"

    /// Said instead of sources when retrieval found nothing the user may read.
    package static let noSources = "(No passage of the organization's documents matches; say so instead of guessing.)"

    /// The system message content for `sources`.
    package static func render(_ sources: [Source]) -> String {
        guard !sources.isEmpty else { return header + "\n\n" + noSources }
        return ([header] + sources.map { "[\($0.number)] \($0.label)\n\($0.text.replacingLineBreaks())" })
            .joined(separator: "\n\n")
    }

    /// Whether `content` is a sources message (possibly without sources).
    package static func isSourcesMessage(_ content: String) -> Bool { content.hasPrefix(header) }

    /// The sources of a message written by `render`; empty for any other text.
    package static func parse(_ content: String) -> [Source] {
        guard content.hasPrefix(header) else { return [] }
        var sources: [Source] = []
        for block in String(content.dropFirst(header.count)).components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            guard let first = lines.first, first.hasPrefix("["), let close = first.firstIndex(of: "]"),
                  let number = Int(first[first.index(after: first.startIndex)..<close]) else { continue }
            let label = first[first.index(after: close)...].trimmingCharacters(in: .whitespaces)
            sources.append(Source(number: number, label: label, text: lines.count > 1 ? String(lines[1]) : ""))
        }
        return sources
    }
}

extension String {
    /// Passages keep their sentences on one line, so a blank line only ever separates sources.
    fileprivate func replacingLineBreaks() -> String {
        split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
