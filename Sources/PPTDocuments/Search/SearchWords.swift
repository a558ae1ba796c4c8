import Foundation
import PPTDomain

/// Splits text into the words a full-text index holds, as the database's indexes do (`SearchText.fold`,
/// then runs of letters and digits): lower case, without diacritics, so "Životné" is "zivotne".
///
/// ASCII words (most words of sk, cs, de and en text) are lowered byte by byte; words with other
/// letters go through Foundation's folding once per distinct spelling, remembered, because folding
/// costs microseconds per call and an index build folds millions of words.
package struct SearchWordSplitter {
    /// Distinct non-ASCII spellings remembered; past this the memory starts over.
    private static let rememberedSpellings = 200_000

    private var folded: [String: [String]] = [:]

    package init() {}

    /// Calls `body` with each folded word of `text`, in order. Walks the UTF-8 bytes: an index build
    /// splits every chunk of an organization, and byte steps are several times faster than scalar or
    /// character iteration.
    package mutating func forEachWord(in text: String, _ body: (String) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var index = 0, start = -1
            var ascii = true
            while index < bytes.count {
                let byte = bytes[index]
                let (isWord, length) = byte < 0x80
                    ? (Self.isASCIIWordByte(byte), 1)
                    : Self.scalar(in: bytes, at: index).map { (Self.isWordScalar($0.scalar), $0.length) } ?? (false, 1)
                if isWord {
                    if start < 0 { (start, ascii) = (index, true) }
                    if byte >= 0x80 { ascii = false }
                } else if start >= 0 {
                    emit(UnsafeBufferPointer(rebasing: bytes[start..<index]), ascii: ascii, body)
                    start = -1
                }
                index += length
            }
            if start >= 0 { emit(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), ascii: ascii, body) }
        }
    }

    /// One word folded as `SearchText.fold` folds it, without Foundation when it is ASCII or Latin.
    package static func fold(_ word: Substring) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        if let bytes = foldedLatin(word.unicodeScalars) { return String(decoding: bytes, as: UTF8.self) }
        return SearchText.fold(String(word))
    }

    /// The folded bytes of a word made of ASCII and the accented Latin letters of `latinFolds` (all of
    /// sk, cs and de but "ß"), or `nil` for a word with any other letter.
    static func foldedLatin(_ word: some Sequence<Unicode.Scalar>) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in word {
            let value = scalar.value
            if value < 0x80 {
                bytes.append((0x41...0x5A).contains(value) ? UInt8(value) + 0x20 : UInt8(value))
            } else if value >= latinBase, value - latinBase < UInt32(latinFolds.count),
                      let folded = latinFolds[Int(value - latinBase)] {
                bytes.append(folded)
            } else {
                return nil
            }
        }
        return bytes
    }

    private static let latinBase: UInt32 = 0xC0

    /// For U+00C0…U+017F (Latin-1 letters and Latin Extended-A), the one ASCII letter Foundation's
    /// folding turns each into ("Ž" → "z"), or `nil` where it gives something else ("Æ", "ß", "×").
    /// Computed from `SearchText.fold` itself, so the fast path cannot disagree with it.
    private static let latinFolds: [UInt8?] = (latinBase...0x17F).map { value in
        guard let scalar = Unicode.Scalar(value) else { return nil }
        let folded = Array(SearchText.fold(String(Character(scalar))).utf8)
        guard folded.count == 1, (0x61...0x7A).contains(folded[0]) else { return nil }
        return folded[0]
    }

    private mutating func emit(_ word: UnsafeBufferPointer<UInt8>, ascii: Bool, _ body: (String) -> Void) {
        if ascii {
            body(String(unsafeUninitializedCapacity: word.count) { lowered in
                for (index, byte) in word.enumerated() {
                    lowered[index] = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
                }
                return word.count
            })
            return
        }
        let spelling = String(decoding: word, as: UTF8.self)
        if let bytes = Self.foldedLatin(spelling.unicodeScalars) {
            body(String(decoding: bytes, as: UTF8.self))
            return
        }
        if let words = folded[spelling] {
            words.forEach(body)
            return
        }
        let words = SearchText.fold(spelling)
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        if folded.count >= Self.rememberedSpellings { folded.removeAll(keepingCapacity: true) }
        folded[spelling] = words
        words.forEach(body)
    }

    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
    }

    /// The scalar whose UTF-8 encoding starts at `index` (Swift strings hold valid UTF-8) and its length.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int)
        -> (scalar: Unicode.Scalar, length: Int)?
    {
        let lead = UInt32(bytes[index])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return nil }
        var value = lead & (0x7F >> UInt32(length))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return Unicode.Scalar(value).map { ($0, length) }
    }

    /// Whether `scalar` belongs to a word: an ASCII letter or digit, or one of `isWordScalar`'s.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? isASCIIWordByte(UInt8(scalar.value)) : isWordScalar(scalar)
    }

    /// Letters, digits and combining marks (a decomposed "é" is one word with its mark; folding drops it).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }
}
