/// A token of the expression language, with its offset in the source (for error messages).
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case string(String)
        case identifier(String)
        case symbol(String)
        case end
    }

    let kind: Kind
    let offset: Int
}

/// Splits an expression into tokens.
enum ExpressionLexer {
    private static let symbols = ["?.", "==", "!=", "<=", ">=", "&&", "||", "(", ")", "[", "]", ",", ".", "<", ">",
                                  "+", "-", "*", "/", "%", "!"]

    static func tokens(_ source: String) throws(ExpressionError) -> [ExpressionToken] {
        let characters = Array(source)
        var tokens: [ExpressionToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
                continue
            }
            let start = index
            if character.isNumber && character.isASCII {
                while index < characters.count, characters[index].isASCII,
                      characters[index].isNumber || characters[index] == "." {
                    index += 1
                }
                let text = String(characters[start..<index])
                guard let value = Double(text) else { throw ExpressionError("'\(text)' is not a number", at: start) }
                tokens.append(ExpressionToken(kind: .number(value), offset: start))
            } else if character == "\"" || character == "'" {
                index += 1
                var text = ""
                var closed = false
                while index < characters.count {
                    let next = characters[index]
                    index += 1
                    if next == character {
                        closed = true
                        break
                    }
                    if next == "\\", index < characters.count {
                        let escaped = characters[index]
                        index += 1
                        switch escaped {
                        case "n": text.append("\n")
                        case "t": text.append("\t")
                        default: text.append(escaped)
                        }
                    } else {
                        text.append(next)
                    }
                }
                guard closed else { throw ExpressionError("unterminated string", at: start) }
                tokens.append(ExpressionToken(kind: .string(text), offset: start))
            } else if character.isLetter || character == "_" {
                while index < characters.count, characters[index].isLetter || characters[index].isNumber
                        || characters[index] == "_" {
                    index += 1
                }
                tokens.append(ExpressionToken(kind: .identifier(String(characters[start..<index])), offset: start))
            } else if let symbol = symbols.first(where: { matches($0, characters, at: index) }) {
                index += symbol.count
                tokens.append(ExpressionToken(kind: .symbol(symbol), offset: start))
            } else {
                throw ExpressionError("unexpected character '\(character)'", at: start)
            }
        }
        tokens.append(ExpressionToken(kind: .end, offset: characters.count))
        return tokens
    }

    private static func matches(_ symbol: String, _ characters: [Character], at index: Int) -> Bool {
        let symbolCharacters = Array(symbol)
        guard index + symbolCharacters.count <= characters.count else { return false }
        return Array(characters[index..<(index + symbolCharacters.count)]) == symbolCharacters
    }
}

/// A problem with an expression: where it is and what is wrong, for the person who wrote it.
package struct ExpressionError: Error, Equatable, CustomStringConvertible {
    /// What is wrong.
    package let message: String
    /// Character offset in the expression, when known.
    package let offset: Int?

    package init(_ message: String, at offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    package var description: String { offset.map { "\(message) (at character \($0 + 1))" } ?? message }
}
