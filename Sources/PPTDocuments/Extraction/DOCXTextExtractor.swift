import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Text from a DOCX package: the paragraphs of `word/document.xml` in order, headings recognised by
/// their style (its name in `word/styles.xml`, so localised style ids such as `Nadpis1` count) or
/// outline level, list paragraphs as items and each table row as one block with its cells joined.
package enum DOCXTextExtractor {
    package static func extract(_ data: Data) throws -> ExtractedText {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw ExtractionFailure(.corrupt, "The DOCX file is not a readable ZIP package.")
        }
        guard let document = try part("word/document.xml", in: archive) else {
            throw ExtractionFailure(.corrupt, "The DOCX package has no word/document.xml.")
        }
        let styles = try part("word/styles.xml", in: archive).map(StyleReader.headingLevels) ?? [:]
        let reader = BodyReader(headingStyles: styles)
        let parser = XMLParser(data: document)
        parser.delegate = reader
        guard parser.parse() else {
            throw ExtractionFailure(.corrupt, "The DOCX document part is not well-formed XML.")
        }
        return ExtractedText(blocks: reader.blocks, method: .docx)
    }

    /// A part's bytes, at most 64 MB uncompressed (a guard against ZIP bombs).
    private static func part(_ path: String, in archive: Archive) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= 64 * 1024 * 1024 else {
            throw ExtractionFailure(.corrupt, "The DOCX part \(path) is too large to read.")
        }
        var data = Data()
        do { _ = try archive.extract(entry, skipCRC32: false) { data.append($0) } } catch {
            throw ExtractionFailure(.corrupt, "The DOCX part \(path) is damaged.")
        }
        return data
    }

    fileprivate static func localName(_ qualified: String) -> Substring {
        qualified.split(separator: ":").last ?? Substring(qualified)
    }

    fileprivate static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        attributes.first { localName($0.key) == name }?.value
    }
}

/// Reads `styles.xml` into style id → heading level (title = 1, "heading N" = N + 1 capped at 6,
/// or the style's outline level).
private final class StyleReader: NSObject, XMLParserDelegate {
    private var levels: [String: Int] = [:]
    private var styleID: String?

    static func headingLevels(_ data: Data) -> [String: Int] {
        let reader = StyleReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        return reader.levels
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch DOCXTextExtractor.localName(elementName) {
        case "style": styleID = DOCXTextExtractor.attribute(attributes, "styleId")
        case "name":
            guard let styleID, let name = DOCXTextExtractor.attribute(attributes, "val")?.lowercased() else { return }
            if name == "title" {
                levels[styleID] = 1
            } else if name.hasPrefix("heading "), let level = Int(name.dropFirst("heading ".count)) {
                levels[styleID] = min(6, level + 1)
            }
        case "outlineLvl":
            if let styleID, levels[styleID] == nil, let level = DOCXTextExtractor.attribute(attributes, "val").flatMap(Int.init) {
                levels[styleID] = min(6, level + 2)
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if DOCXTextExtractor.localName(elementName) == "style" { styleID = nil }
    }
}

/// Walks `document.xml`, collecting blocks.
private final class BodyReader: NSObject, XMLParserDelegate {
    private(set) var blocks: [TextBlock] = []
    private let headingStyles: [String: Int]
    private var text = ""
    private var inText = false
    private var headingLevel: Int?
    private var isListItem = false
    private var tableDepth = 0
    private var cells: [String] = []

    init(headingStyles: [String: Int]) { self.headingStyles = headingStyles }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch DOCXTextExtractor.localName(elementName) {
        case "p": (headingLevel, isListItem) = (nil, false)
        case "pStyle":
            let style = DOCXTextExtractor.attribute(attributes, "val") ?? ""
            if let level = headingStyles[style] ?? Self.builtInHeadingLevel(style) {
                headingLevel = level
            } else if style.lowercased().contains("list") {
                isListItem = true
            }
        case "outlineLvl":
            if headingLevel == nil, let level = DOCXTextExtractor.attribute(attributes, "val").flatMap(Int.init), level < 9 {
                headingLevel = min(6, level + 2)
            }
        case "numPr": isListItem = true
        case "t": inText = true
        case "tab": text += " "
        case "br", "cr": text += " "
        case "tbl":
            tableDepth += 1
        case "tr" where tableDepth == 1: cells = []
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch DOCXTextExtractor.localName(elementName) {
        case "t": inText = false
        case "p":
            if tableDepth > 0 {
                // Paragraphs inside a cell accumulate into the cell's text.
                text += " "
                return
            }
            let paragraph = Self.clean(text)
            text = ""
            guard !paragraph.isEmpty else { return }
            let kind: TextBlock.Kind =
                headingLevel.map { .heading(level: $0) } ?? (isListItem ? .listItem : .paragraph)
            blocks.append(TextBlock(kind, paragraph))
        case "tc" where tableDepth == 1:
            cells.append(Self.clean(text))
            text = ""
        case "tr" where tableDepth == 1:
            let row = cells.filter { !$0.isEmpty }.joined(separator: " | ")
            if !row.isEmpty { blocks.append(TextBlock(.tableRow, row)) }
            cells = []
        case "tbl": tableDepth = max(0, tableDepth - 1)
        default: break
        }
    }

    /// English style ids for documents without a styles part.
    private static func builtInHeadingLevel(_ style: String) -> Int? {
        if style == "Title" { return 1 }
        guard style.hasPrefix("Heading"), let level = Int(style.dropFirst("Heading".count)) else { return nil }
        return min(6, level + 1)
    }

    private static func clean(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
