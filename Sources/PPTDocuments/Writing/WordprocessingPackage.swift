import Foundation
import PPTDomain
import ZIPFoundation

/// A minimal WordprocessingML package (DOCX) around a body and its styles: content types, package
/// and document relationships, core properties (title, language, creation time), `styles.xml` and
/// `document.xml`. The generated documents of PPT (demo files, finalized leases) differ only in
/// their paragraphs and styles; this writes everything else once.
package struct WordprocessingPackage: Sendable {
    /// The document's title (core properties).
    package var title: String
    /// The default language of its text, a BCP 47 tag (`sk-SK`, `cs`).
    package var language: String
    /// The paragraph styles, each made by `style(id:name:paragraph:run:)`.
    package var styles: [String]
    /// The body's paragraphs, each made by `paragraph(_:_:language:)`.
    package var paragraphs: [String]

    package init(title: String, language: String, styles: [String], paragraphs: [String]) {
        self.title = title
        self.language = language
        self.styles = styles
        self.paragraphs = paragraphs
    }

    /// The DOCX bytes, stamped with `created`; `compressed` deflates the parts (stored otherwise).
    package func data(created: Date, compressed: Bool = true) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, xml) in parts(created: created) {
            let data = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: created, compressionMethod: compressed ? .deflate : .none) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw WordprocessingPackageError() }
        return data
    }

    /// The package's parts, `[Content_Types].xml` first.
    package func parts(created: Date) -> [(path: String, xml: String)] {
        let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
        let office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
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
            <Relationship Id="rId1" Type="\(office)/officeDocument" Target="word/document.xml"/>\
            <Relationship Id="rId2" Type="\(relationships)/metadata/core-properties" Target="docProps/core.xml"/>\
            </Relationships>
            """
        let documentRels = """
            <Relationships xmlns="\(relationships)">\
            <Relationship Id="rId1" Type="\(office)/styles" Target="styles.xml"/></Relationships>
            """
        let stamp = created.ISO8601Format()
        let core = """
            <cp:coreProperties \
            xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(Self.escape(title))</dc:title><dc:creator>PPT</dc:creator>\
            <dc:language>\(Self.escape(language))</dc:language>\
            <dcterms:created xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:created>\
            <dcterms:modified xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:modified></cp:coreProperties>
            """
        let mainNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        let stylesXML = #"<w:styles xmlns:w="\#(mainNamespace)">"#
            + #"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>"#
            + #"<w:sz w:val="22"/><w:lang w:val="\#(Self.escape(language))"/></w:rPr></w:rPrDefault>"#
            + #"<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>"#
            + "</w:pPrDefault></w:docDefaults>" + styles.joined() + "</w:styles>"
        // A4 with 2.5 cm margins, in twentieths of a point.
        let documentXML = #"<w:document xmlns:w="\#(mainNamespace)"><w:body>"# + paragraphs.joined()
            + #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" "#
            + #"w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>"#
            + "</w:body></w:document>"
        return [
            ("[Content_Types].xml", header + contentTypes),
            ("_rels/.rels", header + packageRels),
            ("docProps/core.xml", header + core),
            ("word/_rels/document.xml.rels", header + documentRels),
            ("word/styles.xml", header + stylesXML),
            ("word/document.xml", header + documentXML),
        ]
    }

    /// A paragraph style; `Normal` is the default one, the others are based on it.
    package static func style(id: String, name: String, paragraph: String, run: String) -> String {
        let normal = id == "Normal"
        return #"<w:style w:type="paragraph"\#(normal ? #" w:default="1""# : "") w:styleId="\#(id)">"#
            + #"<w:name w:val="\#(name)"/>"#
            + (normal ? "" : #"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>"#)
            + "<w:qFormat/><w:pPr>\(paragraph)</w:pPr><w:rPr>\(run)</w:rPr></w:style>"
    }

    /// A paragraph of `text` in `style`, optionally marked as being in `language`.
    package static func paragraph(_ style: String, _ text: String, language: String? = nil) -> String {
        let lang = language.map { #"<w:rPr><w:lang w:val="\#(escape($0))"/></w:rPr>"# } ?? ""
        return #"<w:p><w:pPr><w:pStyle w:val="\#(style)"/></w:pPr>"#
            + #"<w:r>\#(lang)<w:t xml:space="preserve">\#(escape(text))</w:t></w:r></w:p>"#
    }

    /// `text` with the XML special characters escaped and control characters (invalid in XML 1.0)
    /// dropped, tabs and line breaks excepted.
    package static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.append(character)
            default:
                if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) {
                    escaped.append(character)
                }
            }
        }
        return escaped
    }
}

/// The archive library produced no bytes for a package.
package struct WordprocessingPackageError: Error, CustomStringConvertible {
    package var description: String { "the DOCX archive has no data" }
}
