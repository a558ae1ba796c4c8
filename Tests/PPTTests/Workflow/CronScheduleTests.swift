import Foundation
import PPTDomain
import PPTWorkflow
import Testing

/// Cron schedules: fields, names, steps, the day rule, macros, daylight-saving days both ways, and
/// precise messages for bad text.
@Suite struct CronScheduleTests {
    static let bratislava = TimeZone(identifier: "Europe/Bratislava")!
    static let utc = TimeZone(identifier: "UTC")!

    static func instant(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    static func runs(_ cron: String, _ zone: TimeZone = utc, after: String, count: Int) throws -> [String] {
        let schedule = try CronSchedule(cron, timeZone: zone)
        return schedule.upcoming(after: instant(after), count: count).map { $0.formatted(.iso8601) }
    }

    @Test("a fixed-time schedule in the hour skipped in spring runs once, when the gap ends (03:00 local)")
    func springForwardFixedTime() throws {
        #expect(try Self.runs("30 2 * * *", Self.bratislava, after: "2026-03-27T12:00:00Z", count: 3) == [
            "2026-03-28T01:30:00Z", // 02:30 CET
            "2026-03-29T01:00:00Z", // 02:30 does not exist: 03:00 CEST
            "2026-03-30T00:30:00Z", // 02:30 CEST
        ])
        // Several local times in the gap and the first one after it collapse into one run.
        #expect(try Self.runs("0,30 2,3 * * *", Self.bratislava, after: "2026-03-28T23:30:00Z", count: 3) == [
            "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:00:00Z",
        ])
        let newYork = TimeZone(identifier: "America/New_York")!
        #expect(try Self.runs("30 2 * * *", newYork, after: "2026-03-07T12:00:00Z", count: 2) == [
            "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z",
        ])
    }

    @Test("a fixed-time schedule in the hour repeated in autumn runs once, at the first occurrence")
    func fallBackFixedTime() throws {
        #expect(try Self.runs("30 2 * * *", Self.bratislava, after: "2026-10-24T12:00:00Z", count: 2) == [
            "2026-10-25T00:30:00Z", // 02:30 CEST; 02:30 CET (01:30Z) is skipped
            "2026-10-26T01:30:00Z",
        ])
        // Asked again during the repeated hour, after the run: the next day, not a second run.
        #expect(try Self.runs("30 2 * * *", Self.bratislava, after: "2026-10-25T01:10:00Z", count: 1) == [
            "2026-10-26T01:30:00Z",
        ])
    }

    @Test("wildcard schedules keep to real time across both changes")
    func wildcardSchedulesAcrossChanges() throws {
        #expect(try Self.runs("0 * * * *", Self.bratislava, after: "2026-10-24T23:30:00Z", count: 4) == [
            "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z",
        ])
        #expect(try Self.runs("30 * * * *", Self.bratislava, after: "2026-03-29T00:00:00Z", count: 3) == [
            "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", "2026-03-29T02:30:00Z",
        ])
        #expect(try Self.runs("*/15 2 * * *", Self.bratislava, after: "2026-10-24T12:00:00Z", count: 9) == [
            "2026-10-25T00:00:00Z", "2026-10-25T00:15:00Z", "2026-10-25T00:30:00Z", "2026-10-25T00:45:00Z",
            "2026-10-25T01:00:00Z", "2026-10-25T01:15:00Z", "2026-10-25T01:30:00Z", "2026-10-25T01:45:00Z",
            "2026-10-26T01:00:00Z",
        ])
    }

    @Test("lists, ranges, steps and names")
    func fields() throws {
        #expect(try Self.runs("*/15 9-17 * * MON-FRI", after: "2026-11-27T17:20:00Z", count: 3) == [
            "2026-11-27T17:30:00Z", "2026-11-27T17:45:00Z", "2026-11-30T09:00:00Z",
        ])
        #expect(try Self.runs("5/20 8 * * *", after: "2026-11-30T00:00:00Z", count: 4) == [
            "2026-11-30T08:05:00Z", "2026-11-30T08:25:00Z", "2026-11-30T08:45:00Z", "2026-12-01T08:05:00Z",
        ])
        #expect(try Self.runs("0 0 1 JAN,jul *", after: "2026-11-30T00:00:00Z", count: 2) == [
            "2027-01-01T00:00:00Z", "2027-07-01T00:00:00Z",
        ])
        #expect(try Self.runs("0 0 1 */3 *", after: "2026-11-30T00:00:00Z", count: 2) == [
            "2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z",
        ])
        #expect(try Self.runs("0 0 29 2 *", after: "2026-03-01T00:00:00Z", count: 1) == ["2028-02-29T00:00:00Z"])
        #expect(try Self.runs("0 12 1,15 * *", after: "2026-11-30T00:00:00Z", count: 3) == [
            "2026-12-01T12:00:00Z", "2026-12-15T12:00:00Z", "2027-01-01T12:00:00Z",
        ])
    }

    @Test("7 and SUN are Sunday, and MON-SUN is the whole week")
    func sunday() throws {
        let expected = ["2026-12-06T08:00:00Z", "2026-12-13T08:00:00Z"]
        #expect(try Self.runs("0 8 * * 7", after: "2026-11-30T00:00:00Z", count: 2) == expected)
        #expect(try Self.runs("0 8 * * sun", after: "2026-11-30T00:00:00Z", count: 2) == expected)
        #expect(try Self.runs("0 8 * * 0", after: "2026-11-30T00:00:00Z", count: 2) == expected)
        #expect(try Self.runs("0 8 * * MON-SUN", after: "2026-11-28T09:00:00Z", count: 2) == [
            "2026-11-29T08:00:00Z", "2026-11-30T08:00:00Z",
        ])
        #expect(try Self.runs("0 8 * * 5-7", after: "2026-11-26T09:00:00Z", count: 4) == [
            "2026-11-27T08:00:00Z", "2026-11-28T08:00:00Z", "2026-11-29T08:00:00Z", "2026-12-04T08:00:00Z",
        ])
    }

    @Test("with both day fields restricted either may match; with one a wildcard, only the other counts")
    func dayRule() throws {
        #expect(try Self.runs("0 9 13 * FRI", after: "2026-11-01T00:00:00Z", count: 8) == [
            "2026-11-06T09:00:00Z", "2026-11-13T09:00:00Z", "2026-11-20T09:00:00Z", "2026-11-27T09:00:00Z",
            "2026-12-04T09:00:00Z", "2026-12-11T09:00:00Z", "2026-12-13T09:00:00Z", "2026-12-18T09:00:00Z",
        ])
        #expect(try Self.runs("0 9 13 * *", after: "2026-11-01T00:00:00Z", count: 2) == [
            "2026-11-13T09:00:00Z", "2026-12-13T09:00:00Z",
        ])
        #expect(try Self.runs("0 9 * * FRI", after: "2026-11-01T00:00:00Z", count: 2) == [
            "2026-11-06T09:00:00Z", "2026-11-13T09:00:00Z",
        ])
    }

    @Test("macros", arguments: [
        ("@hourly", "2026-11-30T11:00:00Z"), ("@daily", "2026-12-01T00:00:00Z"), ("@midnight", "2026-12-01T00:00:00Z"),
        ("@weekly", "2026-12-06T00:00:00Z"), ("@monthly", "2026-12-01T00:00:00Z"), ("@yearly", "2027-01-01T00:00:00Z"),
        ("@ANNUALLY", "2027-01-01T00:00:00Z"),
    ])
    func macros(text: String, expected: String) throws {
        #expect(try Self.runs(text, after: "2026-11-30T10:20:00Z", count: 1) == [expected])
    }

    @Test("schedules are computed in their zone, strictly after the given instant")
    func zoneAndStrictness() throws {
        #expect(try Self.runs("0 8 * * 1-5", Self.bratislava, after: "2026-11-30T07:00:00Z", count: 2) == [
            "2026-12-01T07:00:00Z", "2026-12-02T07:00:00Z",
        ])
        #expect(try Self.runs("0 8 * * *", Self.bratislava, after: "2026-07-01T05:59:59Z", count: 1) == ["2026-07-01T06:00:00Z"])
        let schedule = try CronSchedule("0 8 * * *", timeZone: "Asia/Kolkata")
        #expect(schedule.next(after: Self.instant("2026-11-30T00:00:00Z"))?.formatted(.iso8601) == "2026-11-30T02:30:00Z")
    }

    @Test("bad text is refused naming the field and the problem", arguments: [
        ("* * * *", "a cron expression has 5 fields (minute hour day-of-month month day-of-week), '* * * *' has 4"),
        ("* * * * * *", "a cron expression has 5 fields (minute hour day-of-month month day-of-week), '* * * * * *' has 6"),
        ("60 * * * *", "minute: 60 is out of range 0-59"),
        ("* 24 * * *", "hour: 24 is out of range 0-23"),
        ("0 0 0 * *", "day-of-month: 0 is out of range 1-31"),
        ("0 0 * 13 *", "month: 13 is out of range 1-12"),
        ("0 0 * * 8", "day-of-week: 8 is out of range 0-7"),
        ("0 0 * FOO *", "month: 'FOO' is not a number from 1 to 12 or a name (JAN-DEC)"),
        ("0 0 * * FUN", "day-of-week: 'FUN' is not a number from 0 to 7 or a name (SUN-SAT)"),
        ("x * * * *", "minute: 'x' is not a number from 0 to 59"),
        ("*/0 * * * *", "minute: step '0' must be a whole number from 1 to 59"),
        ("*/a * * * *", "minute: step 'a' must be a whole number from 1 to 59"),
        ("1/2/3 * * * *", "minute: '1/2/3' has more than one step ('/')"),
        ("5-2 * * * *", "minute: range '5-2' runs backwards; write the smaller value first"),
        ("1,,2 * * * *", "minute: empty item in list '1,,2'"),
        ("@reboot", "unknown macro '@reboot'; use @hourly, @daily, @weekly, @monthly or @yearly"),
        ("0 0 30 2 *", "the schedule never runs: day-of-month 30 does not occur in FEB"),
        ("0 0 31 4,6,9,11 *", "the schedule never runs: day-of-month 31 does not occur in APR,JUN,SEP,NOV"),
    ])
    func invalid(text: String, detail: String) {
        #expect(throws: DomainError(code: "workflow.invalid_cron", kind: .invalid, message: "Invalid cron schedule: \(detail).",
                                    fields: [FieldError(pointer: "/trigger/cron", detail: detail)])) {
            try CronSchedule(text, timeZone: Self.utc)
        }
        #expect(CronSchedule.problem(text, timeZone: "UTC") == detail)
    }

    @Test("an impossible day is fine when the weekday can match, and unknown zones are refused")
    func edges() throws {
        #expect(try Self.runs("0 0 30 2 MON", after: "2026-11-30T00:00:00Z", count: 1) == ["2027-02-01T00:00:00Z"])
        #expect(CronSchedule.problem("0 8 * * *", timeZone: "Europe/Bratislava") == nil)
        #expect(throws: DomainError.self) { try CronSchedule("0 8 * * *", timeZone: "Mars/Olympus") }
        #expect(CronSchedule.problem("0 8 * * *", timeZone: "Mars/Olympus") == "unknown time zone 'Mars/Olympus'")
    }
}
