import Foundation
import PPTDomain

/// The functions of the expression language. Each checks its argument count and types and throws
/// a readable error otherwise.
enum ExpressionFunctions {
    static let names: Set<String> = [
        "lower", "upper", "trim", "contains", "starts_with", "ends_with", "len", "now", "today", "days_between",
        "add_days", "format_date", "round", "abs", "min", "max", "coalesce", "string", "number",
    ]

    static func call(_ name: String, _ arguments: [JSONValue], offset: Int,
                     context: ExpressionContext) throws(ExpressionError) -> JSONValue {
        func fail(_ message: String) -> ExpressionError { ExpressionError("\(name)(): \(message)", at: offset) }
        func count(_ expected: ClosedRange<Int>) throws(ExpressionError) {
            guard expected.contains(arguments.count) else {
                throw fail(expected.lowerBound == expected.upperBound
                           ? "takes \(expected.lowerBound) argument(s), got \(arguments.count)"
                           : "takes \(expected.lowerBound) to \(expected.upperBound) arguments, got \(arguments.count)")
            }
        }
        func text(_ index: Int) throws(ExpressionError) -> String {
            guard case .string(let value) = arguments[index] else {
                throw fail("argument \(index + 1) must be a string, got a \(arguments[index].typeName)")
            }
            return value
        }
        func number(_ index: Int) throws(ExpressionError) -> Double {
            guard case .number(let value) = arguments[index] else {
                throw fail("argument \(index + 1) must be a number, got a \(arguments[index].typeName)")
            }
            return value
        }
        func date(_ index: Int) throws(ExpressionError) -> Date {
            guard let value = ExpressionDates.parse(try text(index), timeZone: context.timeZone) else {
                throw fail("argument \(index + 1) is not a date (YYYY-MM-DD or ISO 8601)")
            }
            return value
        }

        switch name {
        case "lower": try count(1...1); return .string(try text(0).lowercased())
        case "upper": try count(1...1); return .string(try text(0).uppercased())
        case "trim": try count(1...1); return .string(try text(0).trimmingCharacters(in: .whitespacesAndNewlines))
        case "contains":
            try count(2...2)
            switch (arguments[0], arguments[1]) {
            case (.array(let items), let item): return .bool(items.contains(item))
            case (.string(let haystack), .string(let needle)): return .bool(haystack.contains(needle))
            default: throw fail("needs a list and a value, or two strings")
            }
        case "starts_with": try count(2...2); return .bool(try text(0).hasPrefix(try text(1)))
        case "ends_with": try count(2...2); return .bool(try text(0).hasSuffix(try text(1)))
        case "len":
            try count(1...1)
            switch arguments[0] {
            case .string(let value): return .number(Double(value.count))
            case .array(let items): return .number(Double(items.count))
            case .object(let fields): return .number(Double(fields.count))
            default: throw fail("needs a string, list or object, got a \(arguments[0].typeName)")
            }
        case "now": try count(0...0); return .string(ExpressionDates.timestamp(context.now))
        case "today":
            try count(0...0)
            return .string(ExpressionDates.day(context.now, timeZone: context.timeZone))
        case "days_between":
            try count(2...2)
            let calendar = ExpressionDates.calendar(context.timeZone)
            let from = calendar.startOfDay(for: try date(0))
            let to = calendar.startOfDay(for: try date(1))
            return .number(Double(calendar.dateComponents([.day], from: from, to: to).day ?? 0))
        case "add_days":
            try count(2...2)
            let days = try number(1)
            guard days.rounded() == days, abs(days) <= 36_500 else { throw fail("days must be a whole number") }
            let calendar = ExpressionDates.calendar(context.timeZone)
            guard let moved = calendar.date(byAdding: .day, value: Int(days), to: try date(0)) else {
                throw fail("the date is out of range")
            }
            return .string(ExpressionDates.day(moved, timeZone: context.timeZone))
        case "format_date":
            try count(2...2)
            let pattern = try text(1)
            guard !pattern.isEmpty, pattern.count <= 64 else { throw fail("the pattern must be 1–64 characters") }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = context.timeZone
            formatter.dateFormat = pattern
            return .string(formatter.string(from: try date(0)))
        case "round":
            try count(1...2)
            let digits = arguments.count == 2 ? try number(1) : 0
            guard digits.rounded() == digits, (0...10).contains(digits) else { throw fail("digits must be 0 to 10") }
            let scale = pow(10, digits)
            return .number((try number(0) * scale).rounded() / scale)
        case "abs": try count(1...1); return .number(abs(try number(0)))
        case "min", "max":
            try count(1...20)
            var values: [Double] = []
            for index in arguments.indices { values.append(try number(index)) }
            return .number((name == "min" ? values.min() : values.max()) ?? 0)
        case "coalesce":
            try count(1...20)
            return arguments.first { $0 != .null } ?? .null
        case "string": try count(1...1); return .string(arguments[0].templateText)
        case "number":
            try count(1...1)
            switch arguments[0] {
            case .number: return arguments[0]
            case .string(let value):
                guard let parsed = Double(value.trimmingCharacters(in: .whitespaces)), parsed.isFinite else {
                    throw fail("'\(value)' is not a number")
                }
                return .number(parsed)
            default: throw fail("needs a string or number, got a \(arguments[0].typeName)")
            }
        default:
            throw ExpressionError("unknown function '\(name)'", at: offset)
        }
    }
}

/// Dates in expressions are text: `YYYY-MM-DD` days and ISO 8601 timestamps.
enum ExpressionDates {
    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        if text.count == 10, let day = CalendarDate(text) {
            return calendar(timeZone).date(from: DateComponents(year: day.year, month: day.month, day: day.day))
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func day(_ date: Date, timeZone: TimeZone) -> String {
        let parts = calendar(timeZone).dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
