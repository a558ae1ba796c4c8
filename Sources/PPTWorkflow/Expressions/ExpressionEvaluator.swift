import Foundation
import PPTDomain

/// What an expression can see: the root variables (`trigger`, `steps`, `vars`, …), the time, and
/// the organization's time zone for date functions.
package struct ExpressionContext: Sendable {
    /// Root variables by name.
    package var variables: [String: JSONValue]
    /// The instant `now()` returns.
    package var now: Date
    /// The time zone of dates without one (`today()`, `format_date`, `days_between`).
    package var timeZone: TimeZone

    package init(variables: [String: JSONValue], now: Date = Date(), timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.variables = variables
        self.now = now
        self.timeZone = timeZone
    }
}

extension Expression {
    /// The expression's value. Unknown variables, missing fields (without `?.`), type mismatches
    /// and bad arguments throw: a workflow step fails closed instead of going on with a guess.
    package func evaluate(in context: ExpressionContext) throws(ExpressionError) -> JSONValue {
        switch self {
        case .literal(let value):
            return value
        case .variable(let name, let offset):
            guard let value = context.variables[name] else { throw ExpressionError("unknown variable '\(name)'", at: offset) }
            return value
        case .member(let base, let name, let nullSafe, let offset):
            let value = try base.evaluate(in: context)
            switch value {
            case .object(let fields):
                if let field = fields[name] { return field }
                if nullSafe { return .null }
                throw ExpressionError("no field '\(name)' here (use ?. to allow a missing field)", at: offset)
            case .null:
                if nullSafe { return .null }
                throw ExpressionError("cannot read '\(name)' of null (use ?. to allow it)", at: offset)
            default:
                throw ExpressionError("cannot read '\(name)' of a \(value.typeName)", at: offset)
            }
        case .index(let base, let index, let offset):
            let value = try base.evaluate(in: context)
            let key = try index.evaluate(in: context)
            switch (value, key) {
            case (.array(let items), .number(let number)):
                guard number.rounded() == number, number >= 0, Int(number) < items.count else {
                    throw ExpressionError("index \(number.formatted) is outside the list of \(items.count)", at: offset)
                }
                return items[Int(number)]
            case (.object(let fields), .string(let name)):
                guard let field = fields[name] else { throw ExpressionError("no field '\(name)' here", at: offset) }
                return field
            default:
                throw ExpressionError("cannot index a \(value.typeName) with a \(key.typeName)", at: offset)
            }
        case .list(let items):
            var values: [JSONValue] = []
            for item in items { values.append(try item.evaluate(in: context)) }
            return .array(values)
        case .unary(let symbol, let operand, let offset):
            let value = try operand.evaluate(in: context)
            switch (symbol, value) {
            case ("-", .number(let number)): return .number(-number)
            case ("not", .bool(let flag)): return .bool(!flag)
            default: throw ExpressionError("'\(symbol)' needs a \(symbol == "-" ? "number" : "boolean"), got a \(value.typeName)", at: offset)
            }
        case .binary(let symbol, let left, let right, let offset):
            return try Self.binary(symbol, left, right, offset: offset, context: context)
        case .call(let name, let arguments, let offset):
            var values: [JSONValue] = []
            for argument in arguments { values.append(try argument.evaluate(in: context)) }
            return try ExpressionFunctions.call(name, values, offset: offset, context: context)
        }
    }

    /// Evaluates a condition: the value must be a boolean (no truthiness).
    package func condition(in context: ExpressionContext) throws(ExpressionError) -> Bool {
        let value = try evaluate(in: context)
        guard case .bool(let flag) = value else {
            throw ExpressionError("a condition must be true or false, got a \(value.typeName)")
        }
        return flag
    }

    private static func binary(_ symbol: String, _ left: Expression, _ right: Expression, offset: Int,
                               context: ExpressionContext) throws(ExpressionError) -> JSONValue {
        if symbol == "and" || symbol == "or" {
            let first = try left.evaluate(in: context)
            guard case .bool(let a) = first else {
                throw ExpressionError("'\(symbol)' needs booleans, got a \(first.typeName)", at: offset)
            }
            if symbol == "and" && !a { return .bool(false) }
            if symbol == "or" && a { return .bool(true) }
            let second = try right.evaluate(in: context)
            guard case .bool(let b) = second else {
                throw ExpressionError("'\(symbol)' needs booleans, got a \(second.typeName)", at: offset)
            }
            return .bool(b)
        }
        let a = try left.evaluate(in: context)
        let b = try right.evaluate(in: context)
        switch symbol {
        case "==", "!=":
            guard a == .null || b == .null || a.typeName == b.typeName else {
                throw ExpressionError("cannot compare a \(a.typeName) with a \(b.typeName)", at: offset)
            }
            return .bool((a == b) == (symbol == "=="))
        case "<", "<=", ">", ">=":
            let order: Int
            switch (a, b) {
            case (.number(let x), .number(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
            case (.string(let x), .string(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
            default: throw ExpressionError("cannot order a \(a.typeName) and a \(b.typeName)", at: offset)
            }
            switch symbol {
            case "<": return .bool(order < 0)
            case "<=": return .bool(order <= 0)
            case ">": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case "in":
            switch (a, b) {
            case (_, .array(let items)): return .bool(items.contains(a))
            case (.string(let needle), .string(let haystack)): return .bool(haystack.contains(needle))
            case (.string(let key), .object(let fields)): return .bool(fields[key] != nil)
            default: throw ExpressionError("cannot look for a \(a.typeName) in a \(b.typeName)", at: offset)
            }
        case "+":
            switch (a, b) {
            case (.number(let x), .number(let y)): return .number(x + y)
            case (.string(let x), .string(let y)): return .string(x + y)
            default: throw ExpressionError("cannot add a \(a.typeName) and a \(b.typeName) (use string())", at: offset)
            }
        default:
            guard case .number(let x) = a, case .number(let y) = b else {
                throw ExpressionError("'\(symbol)' needs numbers, got a \(a.typeName) and a \(b.typeName)", at: offset)
            }
            switch symbol {
            case "-": return .number(x - y)
            case "*": return .number(x * y)
            default:
                guard y != 0 else { throw ExpressionError("division by zero", at: offset) }
                return .number(symbol == "/" ? x / y : x.truncatingRemainder(dividingBy: y))
            }
        }
    }
}

extension JSONValue {
    /// The type's name in error messages.
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "list"
        case .object: "object"
        }
    }

    /// The value as template text: strings as they are, whole numbers without a decimal point,
    /// null as nothing, lists and objects as JSON.
    package var templateText: String {
        switch self {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number.formatted
        case .string(let text): text
        case .array, .object:
            (try? JSONEncoder().encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        }
    }
}

extension Double {
    /// Whole numbers without a decimal point.
    var formatted: String {
        rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
