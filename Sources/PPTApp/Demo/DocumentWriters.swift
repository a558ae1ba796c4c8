import Foundation
import PPTDocuments
import PPTDomain

/// A short structured text — a title and headings, paragraphs and list items — that the demo writes as
/// plain text, PDF (`PDFWriter`) or DOCX (`DOCXWriter`), so its documents are real files generated in code.
package struct TextDocument: Sendable, Hashable {
    /// One block of the body.
    package enum Block: Sendable, Hashable {
        /// A section heading.
        case heading(String)
        /// A paragraph of running text.
        case paragraph(String)
        /// An indented list item; its text carries its own label (`1.`, `a)`, `–`).
        case item(String)
    }

    /// The document's title, shown first.
    package var title: String
    /// The language the text is in.
    package var language: AppLocale
    /// The body, in order.
    package var blocks: [Block]

    /// Creates a document.
    package init(title: String, language: AppLocale, blocks: [Block]) {
        self.title = title
        self.language = language
        self.blocks = blocks
    }

    /// The BCP 47 tag of `language` (`sk-SK`).
    package var languageTag: String {
        switch language {
        case .sk: "sk-SK"
        case .cs: "cs-CZ"
        case .de: "de-DE"
        case .en: "en-GB"
        }
    }

    /// UTF-8 plain text: the title and headings underlined, paragraphs separated by blank lines, items indented.
    package var plainText: String {
        var lines = [title, String(repeating: "=", count: title.count)]
        var previous: Block?
        for block in blocks {
            switch block {
            case .heading(let text): lines += ["", text, String(repeating: "-", count: text.count)]
            case .paragraph(let text): lines += ["", text]
            case .item(let text):
                if case .paragraph = previous { lines.append("") }
                lines.append("  " + text)
            }
            previous = block
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Writes a `TextDocument` as a minimal WordprocessingML package (DOCX) with the styles Normal,
/// Title, Heading 1 and a list paragraph. Parts are stored uncompressed: they are a few kilobytes,
/// and storing is the cheapest way to build them at start-up.
package enum DOCXWriter {
    /// The DOCX bytes of `document`, stamped with `created`.
    package static func render(_ document: TextDocument, created: Date) throws -> Data {
        let paragraph = WordprocessingPackage.paragraph
        var paragraphs = [paragraph("Title", document.title, nil)]
        for block in document.blocks {
            switch block {
            case .heading(let text): paragraphs.append(paragraph("Heading1", text, nil))
            case .paragraph(let text): paragraphs.append(paragraph("Normal", text, nil))
            case .item(let text): paragraphs.append(paragraph("ListParagraph", text, nil))
            }
        }
        return try WordprocessingPackage(title: document.title, language: document.languageTag, styles: styles,
                                         paragraphs: paragraphs).data(created: created, compressed: false)
    }

    private static let styles: [String] = {
        let style = WordprocessingPackage.style
        return [
            style("Normal", "Normal", #"<w:jc w:val="both"/>"#, ""),
            style("Title", "Title", #"<w:spacing w:after="240"/>"#, #"<w:b/><w:sz w:val="36"/>"#),
            style("Heading1", "heading 1",
                  #"<w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="0"/>"#,
                  #"<w:b/><w:sz w:val="26"/>"#),
            style("ListParagraph", "List Paragraph", #"<w:spacing w:after="60"/><w:ind w:left="567" w:hanging="283"/>"#,
                  ""),
        ]
    }()

    /// `text` with the XML special characters escaped.
    static func escape(_ text: String) -> String { WordprocessingPackage.escape(text) }
}
