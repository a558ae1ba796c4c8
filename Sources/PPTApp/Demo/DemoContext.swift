import Foundation
import PPTDomain
import PPTStorage

/// The people the demo signs in as.
struct DemoUsers: Sendable {
    let admin: User
    let manager: User
    let technician: User
    let owner: User
    let tenant: User
    let realtor: User
}

/// What every area of the demo shares: the runtime, the administrator's scope, the demo users and the
/// moment the seed started (every date in the demo is relative to it).
struct DemoContext: Sendable {
    let runtime: Runtime
    let admin: OrgScope
    let users: DemoUsers
    let now: Date

    /// The UTC calendar day of `now`.
    var today: CalendarDate { CalendarDate(now) }

    /// `user`'s scope in the demo organization, with the units they live in or own as of now.
    func scope(of user: User) async throws -> OrgScope {
        guard let scope = try await runtime.accounts.scope(userID: user.id, organizationID: admin.organizationID)
        else { throw ConfigurationError("demo seed: \(user.email) is not a member") }
        return scope
    }
}

extension CalendarDate {
    /// The first day of the month `months` months after (negative: before) this date's month.
    func firstOfMonth(addingMonths months: Int) -> CalendarDate {
        let first = Calendar.utc.date(from: DateComponents(year: year, month: month, day: 1))!
        return CalendarDate(Calendar.utc.date(byAdding: .month, value: months, to: first)!)
    }

    /// The last day of this date's month.
    var lastOfMonth: CalendarDate { firstOfMonth(addingMonths: 1).adding(days: -1) }

    /// `12. 3. 2026`, as Slovak documents write dates.
    var slovakText: String { "\(day). \(month). \(year)" }

    /// `12 March 2026`.
    var englishText: String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"]
        return "\(day) \(names[month - 1]) \(year)"
    }

    /// `03/2026`, the billing period of this date's month.
    var periodText: String { String(format: "%02d/%04d", month, year) }
}
