import Foundation

/// Text in the PDF standard fonts' WinAnsiEncoding (Windows-1252), with the Helvetica glyph widths the
/// PDF writer wraps lines by. Letters WinAnsi lacks become their base letter (`č` → `c`, `ľ` → `l`);
/// Latin-1 letters (`á`, `ô`, `ý`), `š`, `ž`, the euro sign, dashes and typographic quotes are kept.
package enum WinAnsi {
    /// One encoded character with its advance width in each font, in thousandths of the font size.
    package struct Glyph: Sendable, Hashable {
        /// The WinAnsi code.
        package let byte: UInt8
        /// Width in Helvetica.
        package let regularWidth: Int
        /// Width in Helvetica-Bold.
        package let boldWidth: Int

        /// The width in the regular or the bold font.
        package func width(bold: Bool) -> Int { bold ? boldWidth : regularWidth }
    }

    /// `text` in WinAnsi, one glyph per character; line breaks and tabs become spaces.
    package static func encode(_ text: String) -> [Glyph] {
        text.precomposedStringWithCanonicalMapping.unicodeScalars.compactMap(glyph)
    }

    private static func glyph(_ scalar: Unicode.Scalar) -> Glyph? {
        let value = scalar.value
        switch value {
        case 0x20...0x7E:
            return ascii(UInt8(value))
        case 0x09, 0x0A, 0x0D, 0x2028, 0x2029, 0x2000...0x200A, 0x202F:
            return ascii(0x20)
        case 0xA0...0xFF:
            // Latin-1 letters take their base letter's width (`á` is as wide as `a`).
            if let base = baseLetter(scalar) {
                let width = ascii(base)
                return Glyph(byte: UInt8(value), regularWidth: width.regularWidth, boldWidth: width.boldWidth)
            }
            let width = latin1Symbols[value] ?? 556
            return Glyph(byte: UInt8(value), regularWidth: width, boldWidth: width)
        default:
            if let (byte, width) = extras[value] {
                if let base = baseLetter(scalar) {
                    let widths = ascii(base)
                    return Glyph(byte: byte, regularWidth: widths.regularWidth, boldWidth: widths.boldWidth)
                }
                return Glyph(byte: byte, regularWidth: width, boldWidth: width)
            }
            if let base = baseLetter(scalar) { return ascii(base) }
            if let replacement = replacements[value] { return ascii(replacement) }
            if scalar.properties.generalCategory == .nonspacingMark { return nil }
            return ascii(UInt8(ascii: "?"))
        }
    }

    private static func ascii(_ byte: UInt8) -> Glyph {
        let index = Int(byte) - 0x20
        return Glyph(byte: byte, regularWidth: regularWidths[index], boldWidth: boldWidths[index])
    }

    /// The ASCII letter a letter is built on (`č` → `c`), if any.
    private static func baseLetter(_ scalar: Unicode.Scalar) -> UInt8? {
        guard let first = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first,
              first.isASCII, first.properties.isAlphabetic, first != scalar
        else { return nil }
        return UInt8(first.value)
    }

    /// WinAnsi's characters outside Latin-1 (0x80–0x9F) with their Helvetica widths.
    private static let extras: [UInt32: (UInt8, Int)] = [
        0x20AC: (0x80, 556), 0x201A: (0x82, 222), 0x0192: (0x83, 556), 0x201E: (0x84, 333), 0x2026: (0x85, 1000),
        0x2020: (0x86, 556), 0x2021: (0x87, 556), 0x02C6: (0x88, 333), 0x2030: (0x89, 1000), 0x0160: (0x8A, 667),
        0x2039: (0x8B, 333), 0x0152: (0x8C, 1000), 0x017D: (0x8E, 611), 0x2018: (0x91, 222), 0x2019: (0x92, 222),
        0x201C: (0x93, 333), 0x201D: (0x94, 333), 0x2022: (0x95, 350), 0x2013: (0x96, 556), 0x2014: (0x97, 1000),
        0x02DC: (0x98, 333), 0x2122: (0x99, 1000), 0x0161: (0x9A, 500), 0x203A: (0x9B, 333), 0x0153: (0x9C, 944),
        0x017E: (0x9E, 500), 0x0178: (0x9F, 667),
    ]

    /// Widths of Latin-1 symbols that are not letters.
    private static let latin1Symbols: [UInt32: Int] = [
        0xA0: 278, 0xA7: 556, 0xA9: 737, 0xAB: 556, 0xAD: 333, 0xB0: 400, 0xB7: 278, 0xBB: 556, 0xD7: 584,
        0xDF: 611, 0xE6: 889, 0xC6: 1000, 0xF7: 584,
    ]

    /// ASCII stand-ins for common characters WinAnsi lacks.
    private static let replacements: [UInt32: UInt8] = [
        0x2010: 0x2D, 0x2011: 0x2D, 0x2212: 0x2D, 0x2032: 0x27, 0x0141: 0x4C, 0x0142: 0x6C, 0x0110: 0x44,
        0x0111: 0x64, 0x0131: 0x69,
    ]

    /// Helvetica widths of the printable ASCII characters 0x20–0x7E (Adobe's AFM metrics).
    private static let regularWidths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]

    /// Helvetica-Bold widths of the printable ASCII characters 0x20–0x7E.
    private static let boldWidths: [Int] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ]
}
