/// What a SQL statement does and to which table, read from its text by a small scanner (no regular
/// expressions, one pass, string literals and comments skipped) for span names and metric labels.
/// Bound values never appear: they are placeholders in the text.
package struct SQLStatementSummary: Hashable, Sendable {
    /// The leading keyword in lower case (`select`, `insert`, `update`, `delete`, `begin`, `create`, …);
    /// for `WITH …` the statement after the common table expressions; `other` when there is none.
    package let operation: String
    /// The first table named after `FROM`, `INTO`, `UPDATE` or `JOIN`, lower-cased and without schema
    /// or quotes; `nil` when there is none.
    package let table: String?

    /// The statement's summary.
    package init(sql: String) {
        var scanner = SQLWordScanner(Array(sql.utf8))
        var operation: String?
        var inCommonTableExpressions = false
        var expectTable = false
        var table: String?
        while let token = scanner.next() {
            switch token {
            case .word(let word, let depth):
                let lower = word.lowercased()
                if operation == nil {
                    if lower == "with" && depth == 0 {
                        inCommonTableExpressions = true
                    } else if !inCommonTableExpressions || (depth == 0 && Self.statements.contains(lower)) {
                        operation = lower.count <= 16 && lower.allSatisfy(\.isLetter) ? lower : "other"
                        inCommonTableExpressions = false
                    }
                }
                if expectTable, table == nil, !Self.tableModifiers.contains(lower) {
                    table = word.lowercased()
                    expectTable = false
                } else if Self.tableKeywords.contains(lower) {
                    expectTable = true
                }
            case .open:
                expectTable = false
            }
            if operation != nil, table != nil { break }
        }
        self.operation = operation ?? "other"
        self.table = table
    }

    private static let statements: Set<String> = ["select", "insert", "update", "delete", "replace", "merge"]
    private static let tableKeywords: Set<String> = ["from", "into", "update", "join"]
    /// Words that may sit between a table keyword and the table (`INSERT OR IGNORE INTO`, `FROM ONLY`).
    private static let tableModifiers: Set<String> = ["only", "or", "ignore", "replace", "lateral"]
}

/// Splits SQL text into identifier words (with their parenthesis depth) and opening parentheses,
/// skipping string literals, comments, numbers, operators and placeholders. Quoted identifiers are
/// returned without their quotes; a schema-qualified name returns its last part.
struct SQLWordScanner {
    enum Token {
        case word(Substring, depth: Int)
        case open
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> Token? {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"):
                skipQuoted(UInt8(ascii: "'"))
            case UInt8(ascii: "-") where peek(1) == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                index += 2
                while index < bytes.count, !(bytes[index] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) {
                    index += 1
                }
                index += 2
            case UInt8(ascii: "("):
                index += 1
                depth += 1
                return .open
            case UInt8(ascii: ")"):
                index += 1
                depth = max(0, depth - 1)
            case UInt8(ascii: "\""), UInt8(ascii: "`"):
                return .word(qualified(quotedIdentifier(byte)), depth: depth)
            case UInt8(ascii: "$"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "@"):
                index += 1
                while index < bytes.count, Self.isWordByte(bytes[index]) { index += 1 }
            default:
                if Self.isWordStart(byte) {
                    return .word(qualified(word()), depth: depth)
                } else if Self.isWordByte(byte) {
                    while index < bytes.count, Self.isWordByte(bytes[index]) { index += 1 }
                } else {
                    index += 1
                }
            }
        }
        return nil
    }

    private func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func skipQuoted(_ quote: UInt8) {
        index += 1
        while index < bytes.count {
            if bytes[index] == quote {
                if peek(1) == quote { index += 2; continue }
                index += 1
                return
            }
            index += 1
        }
    }

    private mutating func word() -> Substring {
        let start = index
        while index < bytes.count, Self.isWordByte(bytes[index]) { index += 1 }
        return Substring(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func quotedIdentifier(_ quote: UInt8) -> Substring {
        let start = index + 1
        skipQuoted(quote)
        let end = max(start, index - 1)
        return Substring(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// `schema.table` → `table` (the scanner is positioned after the first part).
    private mutating func qualified(_ first: Substring) -> Substring {
        var name = first
        while index + 1 < bytes.count, bytes[index] == UInt8(ascii: ".") {
            let next = bytes[index + 1]
            index += 1
            if next == UInt8(ascii: "\"") || next == UInt8(ascii: "`") {
                name = quotedIdentifier(next)
            } else if Self.isWordStart(next) {
                name = word()
            } else {
                break
            }
        }
        return name
    }

    private static func isWordStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        isWordStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
