import Foundation

/// The encodings a message needs to travel as 7-bit text: RFC 2047 encoded words for headers,
/// quoted-printable and base64 for bodies (RFC 2045).
package enum MIMEEncoding {
    /// Header text: unchanged when it is printable ASCII, otherwise UTF-8 base64 encoded words of at
    /// most 75 characters each, folded onto continuation lines. Line breaks become spaces.
    package static func headerText(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
        if isPlainASCII(flat) && !flat.contains("=?") { return flat }
        return encodedWords(flat).joined(separator: "\r\n ")
    }

    /// A display name: as is when it is atoms, a quoted string when it has specials, encoded words
    /// when it is not ASCII.
    package static func phrase(_ text: String) -> String {
        guard isPlainASCII(text) && !text.contains("=?") else { return encodedWords(text).joined(separator: " ") }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ")
        if text.allSatisfy({ atext.contains($0) }) { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    /// `=?UTF-8?B?…?=` words, each at most 75 characters, never splitting a character.
    package static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 45 bytes of UTF-8 make 60 characters of base64; with `=?UTF-8?B?` and `?=` that is 72.
            if chunk.count + bytes.count > 45 && !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words
    }

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text, with CRLF line breaks and soft breaks keeping
    /// every line at most 76 characters.
    package static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [String] = []
        for line in normalizedLines(text) {
            let bytes = Array(line.utf8)
            var current: [UInt8] = []
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let piece: [UInt8]
                if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !isLast) {
                    piece = [byte]
                } else {
                    piece = [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
                // A line holding `piece` must stay within 76 characters, or 75 plus the soft break `=`.
                let limit = isLast ? 76 : 75
                if current.count + piece.count > limit {
                    output.append(String(decoding: current, as: UTF8.self) + "=")
                    current = []
                }
                current += piece
            }
            output.append(String(decoding: current, as: UTF8.self))
        }
        return output.joined(separator: "\r\n")
    }

    /// Base64 in lines of 76 characters, CRLF-separated.
    package static func base64Lines(_ data: Data) -> String {
        let encoded = Array(data.base64EncodedString().utf8)
        return stride(from: 0, to: encoded.count, by: 76).map {
            String(decoding: encoded[$0..<min($0 + 76, encoded.count)], as: UTF8.self)
        }.joined(separator: "\r\n")
    }

    /// The text's lines, whatever the line breaks were.
    static func normalizedLines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func isPlainASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 >= 32 && $0 < 127 } }
}
