import Foundation

/// Collects field errors while a request is checked, then throws them all at once.
package struct Validator: Sendable {
    private(set) var fields: [FieldError] = []

    package init() {}

    /// Records `detail` for `pointer` unless `condition` holds.
    package mutating func check(_ condition: Bool, _ pointer: String, _ detail: String) {
        if !condition { fields.append(FieldError(pointer: pointer, detail: detail)) }
    }

    /// Checks a required, trimmed, non-empty string of at most `max` characters.
    package mutating func text(_ value: String?, _ pointer: String, max: Int = 200, required: Bool = true) {
        guard let value else {
            if required { fields.append(FieldError(pointer: pointer, detail: "is required")) }
            return
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && trimmed.isEmpty { fields.append(FieldError(pointer: pointer, detail: "must not be empty")) }
        if value.count > max { fields.append(FieldError(pointer: pointer, detail: "must be at most \(max) characters")) }
    }

    /// Throws `validation.failed` with every recorded field, if any.
    package func finish() throws(DomainError) {
        if !fields.isEmpty { throw DomainError.invalid(fields) }
    }
}

/// A calendar date without time (`YYYY-MM-DD`), as used for due dates and lease terms.
package struct CalendarDate: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    package let year: Int
    package let month: Int
    package let day: Int

    package init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        var components = DateComponents()
        components.year = y
        components.month = m
        components.day = d
        guard let date = Calendar.utc.date(from: components),
            Calendar.utc.component(.day, from: date) == d
        else { return nil }
        (year, month, day) = (y, m, d)
    }

    /// The UTC calendar day of `date`.
    package init(_ date: Date) {
        let c = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        (year, month, day) = (c.year!, c.month!, c.day!)
    }

    package var description: String {
        guard (0...9999).contains(year) else { return String(format: "%04d-%02d-%02d", year, month, day) }
        return Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    /// `value` in decimal with leading zeros to `width` digits (cheaper than `String(format:)`,
    /// which run-time keys and tight loops call often).
    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Midnight UTC of this day.
    package var startOfDay: Date {
        Calendar.utc.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The day `days` later (negative for earlier).
    package func adding(days: Int) -> CalendarDate {
        CalendarDate(Calendar.utc.date(byAdding: .day, value: days, to: startOfDay)!)
    }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM-DD, got \(text)")
        }
        self = date
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC, used for every stored date.
    package static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
