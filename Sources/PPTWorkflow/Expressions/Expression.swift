import PPTDomain

/// A parsed expression of the workflow language (grammar in docs/workflow-expressions.md).
package indirect enum Expression: Equatable, Sendable {
    /// A literal value.
    case literal(JSONValue)
    /// A root variable (`trigger`, `steps`, `vars`, …).
    case variable(String, offset: Int)
    /// `base.name`, or `base?.name` when `nullSafe`.
    case member(Expression, String, nullSafe: Bool, offset: Int)
    /// `base[index]`.
    case index(Expression, Expression, offset: Int)
    /// A list literal.
    case list([Expression])
    /// `-x`, `not x`.
    case unary(String, Expression, offset: Int)
    /// Arithmetic, comparison, `in`, `and`, `or`.
    case binary(String, Expression, Expression, offset: Int)
    /// A function call.
    case call(String, [Expression], offset: Int)

    /// Parses `source`, or throws an error naming the position.
    package static func parse(_ source: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser(tokens: try ExpressionLexer.tokens(source))
        let expression = try parser.expression()
        try parser.expectEnd()
        return expression
    }

    /// Every variable path the expression reads, e.g. `trigger.amount` (as far as the path is static).
    package var variablePaths: [String] {
        switch self {
        case .literal: []
        case .variable(let name, _): [name]
        case .member(let base, let name, _, _):
            if let path = base.staticPath { [path + "." + name] } else { base.variablePaths }
        case .index(let base, let index, _): base.variablePaths + index.variablePaths
        case .list(let items): items.flatMap(\.variablePaths)
        case .unary(_, let operand, _): operand.variablePaths
        case .binary(_, let left, let right, _): left.variablePaths + right.variablePaths
        case .call(_, let arguments, _): arguments.flatMap(\.variablePaths)
        }
    }

    private var staticPath: String? {
        switch self {
        case .variable(let name, _): name
        case .member(let base, let name, _, _): base.staticPath.map { $0 + "." + name }
        default: nil
        }
    }
}

/// Recursive descent over the tokens; precedence from loosest: `or`, `and`, `not`, comparison and
/// `in`, `+ -`, `* / %`, unary minus, member / index access.
struct ExpressionParser {
    private let tokens: [ExpressionToken]
    private var position = 0
    private var depth = 0

    init(tokens: [ExpressionToken]) { self.tokens = tokens }

    private var current: ExpressionToken { tokens[position] }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }
    private func isKeyword(_ word: String) -> Bool { current.kind == .identifier(word) }

    mutating func expectEnd() throws(ExpressionError) {
        guard current.kind == .end else { throw ExpressionError("unexpected \(describe(current))", at: current.offset) }
    }

    mutating func expression() throws(ExpressionError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { throw ExpressionError("expression nested too deeply", at: current.offset) }
        return try or()
    }

    private mutating func or() throws(ExpressionError) -> Expression {
        var left = try and()
        while isKeyword("or") || isSymbol("||") {
            let offset = current.offset
            advance()
            left = .binary("or", left, try and(), offset: offset)
        }
        return left
    }

    private mutating func and() throws(ExpressionError) -> Expression {
        var left = try not()
        while isKeyword("and") || isSymbol("&&") {
            let offset = current.offset
            advance()
            left = .binary("and", left, try not(), offset: offset)
        }
        return left
    }

    private mutating func not() throws(ExpressionError) -> Expression {
        if isKeyword("not") || isSymbol("!") {
            let offset = current.offset
            advance()
            return .unary("not", try not(), offset: offset)
        }
        return try comparison()
    }

    private mutating func comparison() throws(ExpressionError) -> Expression {
        let left = try additive()
        for symbol in ["==", "!=", "<=", ">=", "<", ">"] where isSymbol(symbol) {
            let offset = current.offset
            advance()
            return .binary(symbol, left, try additive(), offset: offset)
        }
        if isKeyword("in") {
            let offset = current.offset
            advance()
            return .binary("in", left, try additive(), offset: offset)
        }
        if isKeyword("not"), position + 1 < tokens.count, tokens[position + 1].kind == .identifier("in") {
            let offset = current.offset
            advance()
            advance()
            return .unary("not", .binary("in", left, try additive(), offset: offset), offset: offset)
        }
        return left
    }

    private mutating func additive() throws(ExpressionError) -> Expression {
        var left = try multiplicative()
        while isSymbol("+") || isSymbol("-") {
            guard case .symbol(let symbol) = current.kind else { break }
            let offset = current.offset
            advance()
            left = .binary(symbol, left, try multiplicative(), offset: offset)
        }
        return left
    }

    private mutating func multiplicative() throws(ExpressionError) -> Expression {
        var left = try unary()
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            guard case .symbol(let symbol) = current.kind else { break }
            let offset = current.offset
            advance()
            left = .binary(symbol, left, try unary(), offset: offset)
        }
        return left
    }

    private mutating func unary() throws(ExpressionError) -> Expression {
        if isSymbol("-") {
            let offset = current.offset
            advance()
            return .unary("-", try unary(), offset: offset)
        }
        return try postfix()
    }

    private mutating func postfix() throws(ExpressionError) -> Expression {
        var base = try primary()
        while true {
            if isSymbol(".") || isSymbol("?.") {
                let nullSafe = isSymbol("?.")
                let offset = current.offset
                advance()
                guard case .identifier(let name) = current.kind else {
                    throw ExpressionError("expected a field name after '.'", at: current.offset)
                }
                advance()
                base = .member(base, name, nullSafe: nullSafe, offset: offset)
            } else if isSymbol("[") {
                let offset = current.offset
                advance()
                let index = try expression()
                guard isSymbol("]") else { throw ExpressionError("expected ']'", at: current.offset) }
                advance()
                base = .index(base, index, offset: offset)
            } else {
                return base
            }
        }
    }

    private mutating func primary() throws(ExpressionError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return .literal(.number(value))
        case .string(let text):
            advance()
            return .literal(.string(text))
        case .identifier(let name):
            advance()
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            case "and", "or", "not", "in": throw ExpressionError("unexpected '\(name)'", at: token.offset)
            default: break
            }
            guard isSymbol("(") else { return .variable(name, offset: token.offset) }
            advance()
            var arguments: [Expression] = []
            if !isSymbol(")") {
                arguments.append(try expression())
                while isSymbol(",") {
                    advance()
                    arguments.append(try expression())
                }
            }
            guard isSymbol(")") else { throw ExpressionError("expected ')' after the arguments of \(name)", at: current.offset) }
            advance()
            guard ExpressionFunctions.names.contains(name) else {
                throw ExpressionError("unknown function '\(name)'", at: token.offset)
            }
            return .call(name, arguments, offset: token.offset)
        case .symbol("("):
            advance()
            let inner = try expression()
            guard isSymbol(")") else { throw ExpressionError("expected ')'", at: current.offset) }
            advance()
            return inner
        case .symbol("["):
            advance()
            var items: [Expression] = []
            if !isSymbol("]") {
                items.append(try expression())
                while isSymbol(",") {
                    advance()
                    items.append(try expression())
                }
            }
            guard isSymbol("]") else { throw ExpressionError("expected ']'", at: current.offset) }
            advance()
            return .list(items)
        default:
            throw ExpressionError("unexpected \(describe(token))", at: token.offset)
        }
    }

    private func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case .end: "end of expression"
        case .number(let value): "number \(value)"
        case .string: "string"
        case .identifier(let name): "'\(name)'"
        case .symbol(let symbol): "'\(symbol)'"
        }
    }
}
