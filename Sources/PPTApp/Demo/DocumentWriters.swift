import Foundation
import PPTDomain
import ZIPFoundation

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

/// Failure to assemble a generated file.
struct DocumentWriterError: Error, CustomStringConvertible {
    let description: String
}

/// Writes a `TextDocument` as a minimal WordprocessingML package (DOCX): content types, package and
/// document relationships, core properties, styles (Normal, Title, Heading1, a list paragraph) and the
/// document. Parts are stored uncompressed: they are a few kilobytes, and storing is the cheapest way to
/// build them at start-up.
package enum DOCXWriter {
    /// The DOCX bytes of `document`, stamped with `created`.
    package static func render(_ document: TextDocument, created: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, xml) in parts(document, created: created) {
            let data = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: created, compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw DocumentWriterError(description: "DOCX archive has no data") }
        return data
    }

    /// The package's parts, `[Content_Types].xml` first.
    static func parts(_ document: TextDocument, created: Date) -> [(String, String)] {
        let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
        let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let contentTypes = """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            <Override PartName="/word/styles.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
            <Override PartName="/docProps/core.xml" \
            ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
            """
        let packageRels = """
            <Relationships xmlns="\(relationships)">\
            <Relationship Id="rId1" Type="\(officeRelationships)/officeDocument" Target="word/document.xml"/>\
            <Relationship Id="rId2" Type="\(relationships)/metadata/core-properties" Target="docProps/core.xml"/>\
            </Relationships>
            """
        let documentRels = """
            <Relationships xmlns="\(relationships)">\
            <Relationship Id="rId1" Type="\(officeRelationships)/styles" Target="styles.xml"/></Relationships>
            """
        let stamp = created.ISO8601Format()
        let core = """
            <cp:coreProperties \
            xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(escape(document.title))</dc:title><dc:creator>PPT</dc:creator>\
            <dc:language>\(document.languageTag)</dc:language>\
            <dcterms:created xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:created>\
            <dcterms:modified xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:modified></cp:coreProperties>
            """
        return [
            ("[Content_Types].xml", header + contentTypes),
            ("_rels/.rels", header + packageRels),
            ("docProps/core.xml", header + core),
            ("word/_rels/document.xml.rels", header + documentRels),
            ("word/styles.xml", header + styles(language: document.languageTag)),
            ("word/document.xml", header + body(document)),
        ]
    }

    private static func body(_ document: TextDocument) -> String {
        func paragraph(_ style: String, _ text: String) -> String {
            #"<w:p><w:pPr><w:pStyle w:val="\#(style)"/></w:pPr>"#
                + #"<w:r><w:t xml:space="preserve">\#(escape(text))</w:t></w:r></w:p>"#
        }
        var xml = #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
        xml += paragraph("Title", document.title)
        for block in document.blocks {
            switch block {
            case .heading(let text): xml += paragraph("Heading1", text)
            case .paragraph(let text): xml += paragraph("Normal", text)
            case .item(let text): xml += paragraph("ListParagraph", text)
            }
        }
        // A4 with 2.5 cm margins, in twentieths of a point.
        xml += #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" "#
            + #"w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>"#
        return xml + "</w:body></w:document>"
    }

    private static func styles(language: String) -> String {
        func style(_ id: String, _ name: String, paragraph: String, run: String) -> String {
            let normal = id == "Normal"
            return #"<w:style w:type="paragraph"\#(normal ? #" w:default="1""# : "") w:styleId="\#(id)">"#
                + #"<w:name w:val="\#(name)"/>"#
                + (normal ? "" : #"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>"#)
                + "<w:qFormat/><w:pPr>\(paragraph)</w:pPr><w:rPr>\(run)</w:rPr></w:style>"
        }
        return #"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
            + #"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>"#
            + #"<w:sz w:val="22"/><w:lang w:val="\#(language)"/></w:rPr></w:rPrDefault>"#
            + #"<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>"#
            + "</w:pPrDefault></w:docDefaults>"
            + style("Normal", "Normal", paragraph: #"<w:jc w:val="both"/>"#, run: "")
            + style("Title", "Title", paragraph: #"<w:spacing w:after="240"/>"#, run: #"<w:b/><w:sz w:val="36"/>"#)
            + style("Heading1", "heading 1",
                    paragraph: #"<w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="0"/>"#,
                    run: #"<w:b/><w:sz w:val="26"/>"#)
            + style("ListParagraph", "List Paragraph",
                    paragraph: #"<w:spacing w:after="60"/><w:ind w:left="567" w:hanging="283"/>"#, run: "")
            + "</w:styles>"
    }

    /// `text` with the XML special characters escaped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
