import Foundation
import PPTDomain

/// Writes a `TextDocument` as a minimal PDF 1.4: A4 pages of wrapped text in the standard Helvetica and
/// Helvetica-Bold fonts with WinAnsiEncoding, uncompressed content streams, an exact cross-reference table
/// and a trailer with the document information. The standard fonts need no embedding, which keeps the file
/// small and cheap to build; their WinAnsi character set lacks some Slovak letters (č, ď, ľ, ĺ, ň, ŕ, ť),
/// which the PDF shows as their base letters (`WinAnsi`). Text extractors such as `pdftotext` read it back.
package enum PDFWriter {
    private static let pageWidth = 595.0, pageHeight = 842.0
    private static let margin = 56.0, bottom = 64.0, footerY = 32.0

    /// A line placed on a page.
    private struct Line {
        let bold: Bool
        let size: Double
        let x: Double
        let y: Double
        let glyphs: [WinAnsi.Glyph]
    }

    private struct Style {
        let bold: Bool, size: Double, leading: Double, before: Double, indent: Double
    }

    /// The PDF bytes of `document`, dated `created`.
    package static func render(_ document: TextDocument, created: Date) -> Data {
        let pages = layout(document)
        var objects: [String] = [
            "<< /Type /Catalog /Pages 2 0 R /Lang \(literal(WinAnsi.encode(document.languageTag))) >>",
            "<< /Type /Pages /Kids [\((0..<pages.count).map { "\(6 + 2 * $0) 0 R" }.joined(separator: " "))] "
                + "/Count \(pages.count) >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
            "<< /Title \(unicodeString(document.title)) /Producer (PPT) /CreationDate (\(pdfDate(created))) >>",
        ]
        for (index, lines) in pages.enumerated() {
            var stream = ""
            let footer = Line(bold: false, size: 8, x: margin, y: footerY,
                              glyphs: WinAnsi.encode("\(document.title) – \(index + 1)/\(pages.count)"))
            for line in lines + [footer] {
                stream += "BT /\(line.bold ? "F2" : "F1") \(number(line.size)) Tf "
                    + "\(number(line.x)) \(number(line.y)) Td \(literal(line.glyphs)) Tj ET\n"
            }
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(number(pageWidth)) \(number(pageHeight))] "
                           + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(7 + 2 * index) 0 R >>")
            // The stream is ASCII (literal strings escape every other byte), so its length is its character count.
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)endstream")
        }
        var pdf = Data("%PDF-1.4\n%".utf8) + Data([0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.count)
            pdf += Data("\(index + 1) 0 obj\n\(object)\nendobj\n".utf8)
        }
        let xref = pdf.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 5 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return pdf + Data(table.utf8)
    }

    // MARK: Layout

    private static func layout(_ document: TextDocument) -> [[Line]] {
        let top = pageHeight - margin
        var pages: [[Line]] = [[]]
        var y = top
        func place(_ text: String, _ style: Style, keepWithNext: Bool = false) {
            let width = pageWidth - 2 * margin - style.indent
            let lines = wrap(WinAnsi.encode(text), bold: style.bold, size: style.size, width: width)
            if y < top { y -= style.before }
            // A heading needs room for itself and two lines of what follows.
            let needed = style.leading * Double(keepWithNext ? lines.count + 2 : 1)
            for (index, glyphs) in lines.enumerated() {
                if y - (index == 0 ? needed : style.leading) < bottom {
                    pages.append([])
                    y = top
                }
                y -= style.leading
                pages[pages.count - 1].append(Line(bold: style.bold, size: style.size, x: margin + style.indent,
                                                   y: y, glyphs: glyphs))
            }
        }
        place(document.title, Style(bold: true, size: 17, leading: 21, before: 0, indent: 0), keepWithNext: true)
        y -= 6
        for block in document.blocks {
            switch block {
            case .heading(let text):
                place(text, Style(bold: true, size: 12, leading: 15, before: 10, indent: 0), keepWithNext: true)
            case .paragraph(let text):
                place(text, Style(bold: false, size: 10.5, leading: 14, before: 5, indent: 0))
            case .item(let text):
                place(text, Style(bold: false, size: 10.5, leading: 14, before: 3, indent: 14))
            }
        }
        return pages
    }

    /// Greedy word wrap; a word wider than the line is broken between characters.
    private static func wrap(_ glyphs: [WinAnsi.Glyph], bold: Bool, size: Double, width: Double)
        -> [[WinAnsi.Glyph]]
    {
        let limit = width * 1000 / size
        let space = WinAnsi.Glyph(byte: 0x20, regularWidth: 278, boldWidth: 278)
        func measure(_ run: [WinAnsi.Glyph]) -> Double { run.reduce(0) { $0 + Double($1.width(bold: bold)) } }
        var lines: [[WinAnsi.Glyph]] = []
        var current: [WinAnsi.Glyph] = []
        for word in glyphs.split(whereSeparator: { $0.byte == 0x20 }).map(Array.init) {
            let candidate = current.isEmpty ? word : current + [space] + word
            if measure(candidate) <= limit {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = []
            for glyph in word {
                if !current.isEmpty && measure(current + [glyph]) > limit {
                    lines.append(current)
                    current = []
                }
                current.append(glyph)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    // MARK: Syntax

    /// A literal string with `(`, `)` and `\` escaped and every byte outside printable ASCII in octal.
    private static func literal(_ glyphs: [WinAnsi.Glyph]) -> String {
        var text = "("
        for byte in glyphs.map(\.byte) {
            switch byte {
            case 0x28, 0x29, 0x5C: text += "\\" + String(UnicodeScalar(byte))
            case 0x20...0x7E: text += String(UnicodeScalar(byte))
            default: text += "\\" + String(byte, radix: 8).leftPadded(to: 3)
            }
        }
        return text + ")"
    }

    /// A text string in UTF-16BE with its byte-order mark, as hex: exact for any title.
    private static func unicodeString(_ text: String) -> String {
        "<FEFF" + text.utf16.map { String($0, radix: 16, uppercase: true).leftPadded(to: 4) }.joined() + ">"
    }

    private static func pdfDate(_ date: Date) -> String {
        let c = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "D:%04d%02d%02d%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
