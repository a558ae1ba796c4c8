import Foundation

/// The source of "now" for the domain, so scanners and expiries can be tested at chosen times.
package protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real clock, in whole milliseconds: every stored timestamp has millisecond precision, so
/// that keyset cursors compare equal on SQLite (REAL seconds) and PostgreSQL (microseconds) alike.
package struct SystemWallClock: WallClock {
    package init() {}
    package func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
