import Foundation
import PPTDomain

/// A clock that always answers the same instant, so tests choose "today".
struct FixedClock: WallClock {
    let instant: Date

    init(_ instant: Date) { self.instant = instant }

    /// Noon UTC of the `YYYY-MM-DD` day `day`.
    init(_ day: String) { self.instant = CalendarDate(day)!.startOfDay.addingTimeInterval(12 * 3600) }

    func now() -> Date { instant }
}
