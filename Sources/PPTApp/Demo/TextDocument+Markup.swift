import Foundation

extension TextDocument {
    /// CommonMark: the title as `#`, headings as `##`, paragraphs separated by blank lines and items as list
    /// lines. An item whose label is a number (`1.`) stays an ordered-list line; any other item becomes a
    /// bullet (a leading `–` label turns into the bullet itself). Characters with inline Markdown meaning are
    /// backslash-escaped, so the prose reads back unchanged.
    package var markdown: String {
        var lines = ["# " + Self.markdownEscaped(title)]
        var previous: Block?
        for block in blocks {
            switch block {
            case .heading(let text): lines += ["", "## " + Self.markdownEscaped(text)]
            case .paragraph(let text): lines += ["", Self.markdownEscaped(text)]
            case .item(let text):
                if !Self.isItem(previous) { lines.append("") }
                lines.append(Self.markdownItem(text))
            }
            previous = block
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A standalone HTML5 page: the title as `<title>` and `<h1>`, headings as `<h2>`, paragraphs as `<p>` and
    /// runs of items as one unbulleted `<ul>` (items carry their own labels), in `languageTag`.
    package var html: String {
        var body = "<h1>\(Self.htmlEscaped(title))</h1>\n"
        var inList = false
        for block in blocks {
            if case .item(let text) = block {
                if !inList { body += "<ul style=\"list-style: none\">\n" }
                inList = true
                body += "<li>\(Self.htmlEscaped(text))</li>\n"
                continue
            }
            if inList { body += "</ul>\n" }
            inList = false
            switch block {
            case .heading(let text): body += "<h2>\(Self.htmlEscaped(text))</h2>\n"
            case .paragraph(let text): body += "<p>\(Self.htmlEscaped(text))</p>\n"
            case .item: break
            }
        }
        if inList { body += "</ul>\n" }
        return """
            <!DOCTYPE html>
            <html lang="\(languageTag)">
            <head>
            <meta charset="utf-8">
            <title>\(Self.htmlEscaped(title))</title>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    private static func isItem(_ block: Block?) -> Bool {
        if case .item = block { return true }
        return false
    }

    /// `1. Text` as is; `– Text` as `- Text`; anything else behind a `- ` bullet.
    private static func markdownItem(_ text: String) -> String {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, text.dropFirst(digits.count).hasPrefix(". ") {
            return digits + ". " + markdownEscaped(String(text.dropFirst(digits.count + 2)))
        }
        for dash in ["– ", "- "] where text.hasPrefix(dash) {
            return "- " + markdownEscaped(String(text.dropFirst(dash.count)))
        }
        return "- " + markdownEscaped(text)
    }

    /// `text` with `\`, `*`, `_`, `` ` ``, `[`, `]` and `<` escaped.
    static func markdownEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\*_`[]<".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// `text` with `&`, `<`, `>` and `"` as character references.
    static func htmlEscaped(_ text: String) -> String {
        DOCXWriter.escape(text)
    }
}
