import Foundation

/// Just enough PDF and ZIP parsing to check generated files from the outside: the PDF's cross-reference
/// table, its text strings, and the entries of a stored (uncompressed) ZIP such as PPT's DOCX files.
enum DocumentProbe {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// Whether `startxref` points at the `xref` table and every in-use entry at `<n> 0 obj`.
    static func pdfObjectsMatchCrossReference(_ pdf: Data) throws -> Bool {
        let bytes = [UInt8](pdf)
        let tail = String(decoding: bytes.suffix(64), as: UTF8.self)
        guard let marker = tail.range(of: "startxref\n"),
              let start = Int(tail[marker.upperBound...].prefix { $0.isNumber }), start < bytes.count
        else { throw Malformed(description: "no startxref") }
        func text(at offset: Int, _ length: Int) -> String {
            String(decoding: bytes[offset..<min(bytes.count, offset + length)], as: UTF8.self)
        }
        guard text(at: start, 5) == "xref\n" else { return false }
        let header = text(at: start + 5, 32).prefix { $0 != "\n" }
        guard let count = header.split(separator: " ").last.flatMap({ Int($0) }) else {
            throw Malformed(description: "bad xref subsection header \(header)")
        }
        let entries = start + 5 + header.utf8.count + 1
        guard text(at: entries, 20) == "0000000000 65535 f \n" else { return false }
        for object in 1..<count {
            let entry = text(at: entries + 20 * object, 20)
            guard entry.hasSuffix(" 00000 n \n"), let offset = Int(entry.prefix(10)),
                  text(at: offset, "\(object) 0 obj\n".utf8.count) == "\(object) 0 obj\n"
            else { return false }
        }
        return true
    }

    /// The `/Count` of the page tree.
    static func pdfPageCount(_ pdf: Data) throws -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        guard let range = text.range(of: "/Count "),
              let count = Int(text[range.upperBound...].prefix { $0.isNumber })
        else { throw Malformed(description: "no page count") }
        return count
    }

    /// Every literal string of the PDF, unescaped, decoded from WinAnsi (Windows-1252) and joined by spaces:
    /// text wrapped at spaces reads as it was written.
    static func pdfText(_ pdf: Data) -> String {
        let bytes = [UInt8](pdf)
        var strings: [String] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "(") else {
                index += 1
                continue
            }
            index += 1
            var raw: [UInt8] = []
            while index < bytes.count, bytes[index] != UInt8(ascii: ")") {
                guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                    raw.append(bytes[index])
                    index += 1
                    continue
                }
                let octal = bytes[(index + 1)...].prefix(3).prefix { (0x30...0x37).contains($0) }
                if octal.isEmpty {
                    raw.append(bytes[index + 1])
                    index += 2
                } else {
                    raw.append(UInt8(octal.reduce(0) { $0 * 8 + Int($1 - 0x30) } & 0xFF))
                    index += 1 + octal.count
                }
            }
            strings.append(String(data: Data(raw), encoding: .windowsCP1252) ?? "")
            index += 1
        }
        return strings.joined(separator: " ")
    }

    /// The entries of a ZIP archive by name, read through its central directory. Only stored (method 0)
    /// entries have their bytes; others map to empty data.
    static func zipEntries(_ zip: Data) throws -> [String: Data] {
        let bytes = [UInt8](zip)
        func u16(_ offset: Int) -> Int { Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        func u32(_ offset: Int) -> Int { u16(offset) | u16(offset + 2) << 16 }
        guard bytes.count >= 22,
              let end = stride(from: bytes.count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4B50 })
        else { throw Malformed(description: "no end of central directory") }
        var entries: [String: Data] = [:]
        var position = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            guard position + 46 <= bytes.count, u32(position) == 0x0201_4B50 else {
                throw Malformed(description: "bad central directory entry at \(position)")
            }
            let method = u16(position + 10), size = u32(position + 20)
            let nameLength = u16(position + 28), extra = u16(position + 30), comment = u16(position + 32)
            let local = u32(position + 42)
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            guard u32(local) == 0x0403_4B50 else { throw Malformed(description: "bad local header of \(name)") }
            let data = local + 30 + u16(local + 26) + u16(local + 28)
            entries[name] = method == 0 ? Data(bytes[data..<(data + size)]) : Data()
            position += 46 + nameLength + extra + comment
        }
        return entries
    }
}
