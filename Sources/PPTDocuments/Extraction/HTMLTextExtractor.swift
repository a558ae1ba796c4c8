import Foundation

/// Text from HTML: headings (`h1`–`h6`), paragraphs and other block elements, list items and table
/// rows; scripts, styles and comments dropped; character references decoded. A tolerant scanner, not
/// a validating parser: real-world HTML is rarely well-formed.
package enum HTMLTextExtractor {
    private static let blockElements: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote", "pre",
        "address", "figure", "figcaption", "dd", "dt", "br", "hr", "table", "ul", "ol", "dl", "form", "title",
    ]
    private static let skippedElements: Set<String> = ["script", "style", "noscript", "template", "svg", "head"]

    package static func extract(_ html: String) -> ExtractedText {
        var blocks: [TextBlock] = []
        var text = ""
        var kind: TextBlock.Kind = .paragraph
        var cells: [String] = []
        var inRow = false
        var scanner = Substring(html)

        func flush() {
            let cleaned = collapse(decodeEntities(text))
            text = ""
            defer { kind = .paragraph }
            guard !cleaned.isEmpty else { return }
            if inRow { cells.append(cleaned) } else { blocks.append(TextBlock(kind, cleaned)) }
        }

        while let open = scanner.firstIndex(of: "<") {
            text += scanner[..<open]
            scanner = scanner[open...]
            if scanner.hasPrefix("<!--") {
                scanner = scanner.range(of: "-->").map { scanner[$0.upperBound...] } ?? ""
                continue
            }
            guard let close = scanner.firstIndex(of: ">") else {
                text += scanner
                scanner = ""
                break
            }
            let tag = scanner[scanner.index(after: open)..<close]
            scanner = scanner[scanner.index(after: close)...]
            let isClosing = tag.hasPrefix("/")
            let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
            if !isClosing, skippedElements.contains(name) {
                // Skip to the matching end tag.
                scanner = scanner.range(of: "</\(name)", options: .caseInsensitive).map { range in
                    let rest = scanner[range.upperBound...]
                    return rest.firstIndex(of: ">").map { rest[rest.index(after: $0)...] } ?? ""
                } ?? ""
                continue
            }
            switch name {
            case "h1", "h2", "h3", "h4", "h5", "h6":
                flush()
                if !isClosing { kind = .heading(level: Int(name.dropFirst()) ?? 2) }
            case "li":
                flush()
                if !isClosing { kind = .listItem }
            case "tr":
                flush()
                if isClosing || inRow {
                    inRow = false
                    if !cells.isEmpty { blocks.append(TextBlock(.tableRow, cells.joined(separator: " | "))) }
                    cells = []
                }
                if !isClosing { inRow = true }
            case "td", "th":
                if inRow { flush() } else { text += " " }
            default:
                if blockElements.contains(name) { flush() }
            }
        }
        text += scanner
        flush()
        if inRow, !cells.isEmpty { blocks.append(TextBlock(.tableRow, cells.joined(separator: " | "))) }
        return ExtractedText(blocks: blocks, method: .html)
    }

    private static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "euro": "€", "copy": "©", "reg": "®", "laquo": "«", "raquo": "»", "bdquo": "„",
        "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "sect": "§", "deg": "°", "shy": "",
    ]

    /// Decodes numeric references and the common named ones; unknown references stay as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
                result.append("&")
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: amp)..<semicolon]
            var decoded: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = namedEntities[String(name)]
            }
            if let decoded {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }
}
