import Foundation

/// The source of "now" for the domain, so scanners and expiries can be tested at chosen times.
package protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real clock.
package struct SystemWallClock: WallClock {
    package init() {}
    package func now() -> Date { Date() }
}
