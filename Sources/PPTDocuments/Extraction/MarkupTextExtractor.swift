import Foundation

/// Text from plain text, Markdown and HTML files, with their headings, list items and table rows.
package enum MarkupTextExtractor {
    /// Plain text: paragraphs at blank lines, numbered clauses and short title lines recognised.
    package static func plainText(_ text: String) -> ExtractedText {
        ExtractedText(blocks: PageText.blocks(normalizedNewlines(text), page: nil), method: .text)
    }

    /// Markdown: ATX headings (`#`…`######`), list items, table rows; inline markup removed.
    package static func markdown(_ text: String) -> ExtractedText {
        var blocks: [TextBlock] = []
        var paragraph: [String] = []
        var inFence = false
        func flush() {
            let joined = PageText.join(paragraph)
            paragraph = []
            if !joined.isEmpty { blocks.append(TextBlock(.paragraph, inline(joined))) }
        }
        for raw in normalizedNewlines(text).split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                flush()
                inFence.toggle()
                continue
            }
            if inFence {
                if !line.isEmpty { paragraph.append(line) }
                continue
            }
            if line.isEmpty {
                flush()
            } else if let level = headingLevel(line) {
                flush()
                let title = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "#")).trimmingCharacters(in: .whitespaces)
                if !title.isEmpty { blocks.append(TextBlock(.heading(level: level), inline(title))) }
            } else if line.hasPrefix("|") {
                flush()
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                // The header separator row (|---|:---:|) carries no text.
                if cells.contains(where: { $0.contains { !"-: ".contains($0) } }) {
                    blocks.append(TextBlock(.tableRow, cells.map(inline).joined(separator: " | ")))
                }
            } else if let item = listItem(line) {
                flush()
                blocks.append(TextBlock(.listItem, inline(item)))
            } else if line.allSatisfy({ "-=*_".contains($0) }), line.count >= 3 {
                // A setext underline turns the paragraph above into a heading; a rule just ends it.
                if !paragraph.isEmpty, line.first == "=" || line.first == "-" {
                    let title = PageText.join(paragraph)
                    paragraph = []
                    blocks.append(TextBlock(.heading(level: line.first == "=" ? 1 : 2), inline(title)))
                } else {
                    flush()
                }
            } else {
                paragraph.append(line.hasPrefix(">") ? String(line.drop(while: { $0 == ">" || $0 == " " })) : line)
            }
        }
        flush()
        return ExtractedText(blocks: blocks, method: .markdown)
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes), line.count == hashes || line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    private static func listItem(_ line: String) -> String? {
        for bullet in ["- ", "* ", "+ "] where line.hasPrefix(bullet) {
            return String(line.dropFirst(2)).replacingOccurrences(of: "[ ] ", with: "")
                .replacingOccurrences(of: "[x] ", with: "")
        }
        let digits = line.prefix(while: \.isNumber)
        if (1...3).contains(digits.count), line.dropFirst(digits.count).hasPrefix(". ") { return line }
        return nil
    }

    /// Removes emphasis, code and link markup, keeping link and image texts.
    static func inline(_ text: String) -> String {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "!" || character == "[",
               let close = text[index...].firstIndex(of: "]"),
               text.index(after: close) < text.endIndex, text[text.index(after: close)] == "(",
               let end = text[close...].firstIndex(of: ")") {
                let start = text.index(index, offsetBy: character == "!" ? 2 : 1, limitedBy: close) ?? close
                result += text[start..<close]
                index = text.index(after: end)
                continue
            }
            if character == "`" || ((character == "*" || character == "_") && isEmphasisMarker(text, index)) {
                index = text.index(after: index)
                continue
            }
            result.append(character)
            index = text.index(after: index)
        }
        return result
    }

    /// `*`/`_` next to a word boundary marks emphasis; inside a word (`snake_case`) it is text.
    private static func isEmphasisMarker(_ text: String, _ index: String.Index) -> Bool {
        let before = index > text.startIndex ? text[text.index(before: index)] : " "
        let afterIndex = text.index(after: index)
        let after = afterIndex < text.endIndex ? text[afterIndex] : " "
        return !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)
    }

    static func normalizedNewlines(_ text: String) -> String {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
