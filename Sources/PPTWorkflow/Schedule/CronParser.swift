import Foundation
import PPTDomain

/// Parses cron text into field sets, with messages that name the field and the problem.
enum CronParser {
    struct Result {
        var minutes = CronBits(), hours = CronBits(), daysOfMonth = CronBits(), months = CronBits()
        var daysOfWeek = CronBits()
        var dayOfMonthStar = false, dayOfWeekStar = false, wildcard = false
    }

    struct Field {
        let name: String
        let range: ClosedRange<Int>
        let names: [String]
        let nameOffset: Int
    }

    static let minute = Field(name: "minute", range: 0...59, names: [], nameOffset: 0)
    static let hour = Field(name: "hour", range: 0...23, names: [], nameOffset: 0)
    static let dayOfMonth = Field(name: "day-of-month", range: 1...31, names: [], nameOffset: 0)
    static let month = Field(name: "month", range: 1...12,
                             names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
                             nameOffset: 1)
    static let dayOfWeek = Field(name: "day-of-week", range: 0...7,
                                 names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], nameOffset: 0)

    static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    static func parse(_ text: String) throws(DomainError) -> Result {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var expression = trimmed
        if trimmed.hasPrefix("@") {
            guard let expanded = macros[trimmed.lowercased()] else {
                throw error("unknown macro '\(trimmed)'; use @hourly, @daily, @weekly, @monthly or @yearly")
            }
            expression = expanded
        }
        let parts = expression.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count == 5 else {
            throw error("a cron expression has 5 fields (minute hour day-of-month month day-of-week), "
                        + "'\(trimmed)' has \(parts.count)")
        }
        var result = Result()
        result.minutes = try bits(parts[0], minute)
        result.hours = try bits(parts[1], hour)
        result.daysOfMonth = try bits(parts[2], dayOfMonth)
        result.months = try bits(parts[3], month)
        var weekdays = try bits(parts[4], dayOfWeek)
        if weekdays.contains(7) {
            weekdays.mask &= ~(UInt64(1) << 7)
            weekdays.insert(0)
        }
        result.daysOfWeek = weekdays
        result.dayOfMonthStar = parts[2].hasPrefix("*")
        result.dayOfWeekStar = parts[4].hasPrefix("*")
        result.wildcard = parts[0].hasPrefix("*") || parts[1].hasPrefix("*")
        if result.dayOfWeekStar { try checkDaysOccur(result) }
        return result
    }

    /// With the weekday unrestricted, some chosen day of the month must exist in some chosen month.
    private static func checkDaysOccur(_ result: Result) throws(DomainError) {
        let lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let possible = result.months.values.contains { month in
            result.daysOfMonth.values.contains { $0 <= lengths[month - 1] }
        }
        if !possible {
            let days = result.daysOfMonth.values.map(String.init).joined(separator: ",")
            let months = result.months.values.map { Self.month.names[$0 - 1] }.joined(separator: ",")
            throw error("the schedule never runs: day-of-month \(days) does not occur in \(months)")
        }
    }

    private static func bits(_ text: String, _ field: Field) throws(DomainError) -> CronBits {
        var bits = CronBits()
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            guard !item.isEmpty else { throw error("\(field.name): empty item in list '\(text)'") }
            let pieces = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count <= 2 else { throw error("\(field.name): '\(item)' has more than one step ('/')") }
            var step = 1
            if pieces.count == 2 {
                let span = field.range.upperBound - field.range.lowerBound
                guard let value = Int(pieces[1]), value >= 1, value <= max(span, 1) else {
                    throw error("\(field.name): step '\(pieces[1])' must be a whole number from 1 to \(max(span, 1))")
                }
                step = value
            }
            let base = pieces[0]
            var low: Int, high: Int
            if base == "*" {
                (low, high) = (field.range.lowerBound, field.dayOfWeekUpper)
            } else if let dash = base.firstIndex(of: "-") {
                low = try value(String(base[..<dash]), field, item: item)
                high = try value(String(base[base.index(after: dash)...]), field, item: item)
                // `MON-SUN`: Sunday ends a weekday range as 7.
                if field.name == dayOfWeek.name, high == 0, low > 0 { high = 7 }
                guard low <= high else {
                    throw error("\(field.name): range '\(base)' runs backwards; write the smaller value first")
                }
            } else {
                low = try value(base, field, item: item)
                high = pieces.count == 2 ? field.dayOfWeekUpper : low
            }
            for value in stride(from: low, through: high, by: step) { bits.insert(value) }
        }
        return bits
    }

    private static func value(_ text: String, _ field: Field, item: String) throws(DomainError) -> Int {
        if let number = Int(text), text.allSatisfy(\.isASCII) {
            guard field.range.contains(number) else {
                throw error("\(field.name): \(number) is out of range \(field.range.lowerBound)-\(field.range.upperBound)")
            }
            return number
        }
        if let index = field.names.firstIndex(of: text.uppercased()) { return index + field.nameOffset }
        let expected = field.names.isEmpty
            ? "a number from \(field.range.lowerBound) to \(field.range.upperBound)"
            : "a number from \(field.range.lowerBound) to \(field.range.upperBound) or a name "
                + "(\(field.names.first ?? "")-\(field.names.last ?? ""))"
        throw error("\(field.name): '\(text.isEmpty ? item : text)' is not \(expected)")
    }

    static func error(_ detail: String) -> DomainError {
        DomainError(code: "workflow.invalid_cron", kind: .invalid, message: "Invalid cron schedule: \(detail).",
                    fields: [FieldError(pointer: "/trigger/cron", detail: detail)])
    }
}

extension CronParser.Field {
    /// The last value a `*` or an open step covers: 6 for weekdays (7 is only Sunday's alias).
    var dayOfWeekUpper: Int { name == CronParser.dayOfWeek.name ? 6 : range.upperBound }
}
