import Foundation
import PPTDomain

/// A five-field cron schedule (`minute hour day-of-month month day-of-week`) evaluated in an IANA
/// time zone, as a workflow's `schedule` trigger uses it.
///
/// Fields take `*`, numbers, lists (`1,15`), ranges (`1-5`), steps (`*/15`, `8-18/2`, `5/10`) and
/// names (`JAN`–`DEC`, `SUN`–`SAT`; `7` is Sunday too). When both day fields are restricted a day
/// matches if either does (the classic cron rule); when either starts with `*` both must match.
/// Macros: `@hourly`, `@daily` (`@midnight`), `@weekly`, `@monthly`, `@yearly` (`@annually`).
///
/// Daylight-saving changes follow Vixie cron:
/// - a *fixed-time* schedule (neither the minute nor the hour field starts with `*`) whose local time
///   falls into the hour skipped in spring runs once when the gap ends (02:30 → 03:00), and in the
///   hour repeated in autumn runs once, at the first occurrence;
/// - a *wildcard* schedule (`*/15 * * * *`, `0 * * * *`) keeps to real time: skipped local times do
///   not run and repeated ones run at each occurrence.
package struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    package let text: String
    /// The zone local times are read in.
    package let timeZone: TimeZone
    let minutes: CronBits
    let hours: CronBits
    let daysOfMonth: CronBits
    let months: CronBits
    /// Weekdays, 0 = Sunday … 6 = Saturday.
    let daysOfWeek: CronBits
    let dayOfMonthStar: Bool
    let dayOfWeekStar: Bool
    /// Real-time (wildcard) rather than wall-clock (fixed-time) semantics across DST changes.
    let wildcard: Bool

    /// Parses `text`; throws `workflow.invalid_cron` naming the field and the problem.
    package init(_ text: String, timeZone: TimeZone) throws(DomainError) {
        let parsed = try CronParser.parse(text)
        self.text = text
        self.timeZone = timeZone
        (minutes, hours, daysOfMonth, months, daysOfWeek) = (parsed.minutes, parsed.hours, parsed.daysOfMonth,
                                                             parsed.months, parsed.daysOfWeek)
        (dayOfMonthStar, dayOfWeekStar, wildcard) = (parsed.dayOfMonthStar, parsed.dayOfWeekStar, parsed.wildcard)
    }

    /// Parses `text` in the zone named `timeZone` (an IANA identifier such as `Europe/Bratislava`).
    package init(_ text: String, timeZone identifier: String) throws(DomainError) {
        guard let zone = TimeZone(identifier: identifier) else {
            throw DomainError(code: "workflow.invalid_time_zone", kind: .invalid,
                              message: "Unknown time zone '\(identifier)' (an IANA name such as Europe/Bratislava).",
                              fields: [FieldError(pointer: "/trigger/timezone", detail: "unknown time zone '\(identifier)'")])
        }
        try self.init(text, timeZone: zone)
    }

    package var description: String { "\(text) (\(timeZone.identifier))" }

    /// What is wrong with `cron` in the zone named `timeZone`, or `nil` when it is a valid schedule
    /// (the check `WorkflowValidator` takes as `checkCron`).
    package static func problem(_ cron: String, timeZone: String) -> String? {
        do {
            _ = try CronSchedule(cron, timeZone: timeZone)
            return nil
        } catch {
            return error.fields.first?.detail ?? error.message
        }
    }

    package static func == (lhs: CronSchedule, rhs: CronSchedule) -> Bool {
        lhs.text == rhs.text && lhs.timeZone.identifier == rhs.timeZone.identifier
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(timeZone.identifier)
    }

    /// Days searched before giving up: 28 years, the Gregorian weekday cycle (29 February on a Sunday).
    static let searchDays = 28 * 366

    /// The first run strictly after `date`, or `nil` when the schedule has no run in the next 28 years.
    package func next(after date: Date) -> Date? {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, abs(interval) < 1e12 else { return nil }
        let after = Int(interval.rounded(.down))
        let localDay = Self.floorDiv(after + timeZone.secondsFromGMT(for: date), 86_400)
        for day in (localDay - 1)..<(localDay - 1 + Self.searchDays) {
            let (year, month, dayOfMonth) = CivilDate.civil(fromDays: day)
            guard matchesDay(year: year, month: month, day: dayOfMonth, weekday: CivilDate.weekday(ofDays: day)) else {
                continue
            }
            if let instant = firstRun(onLocalDay: day, after: after) {
                return Date(timeIntervalSince1970: TimeInterval(instant))
            }
        }
        return nil
    }

    /// The next `count` runs after `date`, for previews.
    package func upcoming(after date: Date, count: Int) -> [Date] {
        var runs: [Date] = []
        var cursor = date
        while runs.count < count, let run = next(after: cursor) {
            runs.append(run)
            cursor = run
        }
        return runs
    }

    func matchesDay(year: Int, month: Int, day: Int, weekday: Int) -> Bool {
        guard months.contains(month) else { return false }
        let dom = daysOfMonth.contains(day), dow = daysOfWeek.contains(weekday)
        return dayOfMonthStar || dayOfWeekStar ? dom && dow : dom || dow
    }

    /// The earliest run (Unix seconds) after `after` whose local date is `day` (days since 1970-01-01).
    private func firstRun(onLocalDay day: Int, after: Int) -> Int? {
        let start = day * 86_400
        let offsets = Set([start - 86_400, start + 43_200, start + 2 * 86_400].map(offset(at:)))
        guard let low = offsets.min(), let high = offsets.max() else { return nil }
        var best: Int?
        for hour in hours.values {
            for minute in minutes.values {
                let wall = start + hour * 3600 + minute * 60
                if wall - low <= after { continue }
                if let best, wall - high > best { return best }
                for instant in instants(ofWall: wall, offsets: offsets, low: low, high: high) where instant > after {
                    best = min(best ?? instant, instant)
                }
            }
        }
        return best
    }

    /// The instants at which local wall time `wall` (seconds since 1970 as if UTC) runs.
    private func instants(ofWall wall: Int, offsets: Set<Int>, low: Int, high: Int) -> [Int] {
        if offsets.count == 1 { return [wall - low] }
        let valid = offsets.map { wall - $0 }.filter { offset(at: $0) == wall - $0 }.sorted()
        if valid.isEmpty {
            // Skipped by a forward change: fixed-time schedules run when the gap ends.
            return wildcard ? [] : [transition(from: wall - high, to: wall - low)]
        }
        return wildcard ? valid : [valid[0]]
    }

    /// The first instant in `(lower, upper]` whose UTC offset differs from `lower`'s.
    private func transition(from lower: Int, to upper: Int) -> Int {
        let before = offset(at: lower)
        var (low, high) = (lower, upper)
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(at: middle) == before { low = middle } else { high = middle }
        }
        return high
    }

    private func offset(at seconds: Int) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}

/// Proleptic Gregorian day arithmetic on days since 1970-01-01 (H. Hinnant's algorithms), so the
/// schedule needs no `Calendar` and behaves the same on every platform.
enum CivilDate {
    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day number.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    static func weekday(ofDays days: Int) -> Int { ((days % 7) + 11) % 7 }
}

/// A set of small non-negative integers (0…63) as a bit mask.
struct CronBits: Sendable, Hashable {
    var mask: UInt64 = 0

    func contains(_ value: Int) -> Bool { value >= 0 && value < 64 && mask & (1 << UInt64(value)) != 0 }
    mutating func insert(_ value: Int) { mask |= 1 << UInt64(value) }
    /// The members, ascending.
    var values: [Int] { (0..<64).filter(contains) }
}
