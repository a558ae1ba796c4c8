import Foundation

/// Sentry's rate limits as the server announced them (protocols.md §E, Sentry's rate-limiting doc), per data
/// category. Pure: the client feeds it responses and asks it before sending.
///
/// - `X-Sentry-Rate-Limits: <retry_after>:<cat;cat>:<scope>[:<reason>…], …` (also on 200s) limits the listed
///   categories, or all of them when the list is empty; it takes precedence over `Retry-After`.
/// - Otherwise a 429 limits all categories for `Retry-After` (seconds or an HTTP date), or 60 s without it.
/// - Each category keeps the longest limit it was given.
package struct SentryRateLimits: Sendable {
    /// The back-off after a 429 without any header.
    package static let defaultBackoff: Duration = .seconds(60)
    /// The data category of error events.
    package static let errorCategory = "error"
    /// The key used for "every category".
    private static let all = ""

    private var until: [String: ContinuousClock.Instant] = [:]

    /// No limits.
    package init() {}

    /// Records what a response says about rate limits.
    package mutating func update(status: Int, retryAfter: String?, rateLimits: String?,
                                 now: ContinuousClock.Instant, date: Date = Date()) {
        if let rateLimits, !rateLimits.trimmingCharacters(in: .whitespaces).isEmpty {
            for limit in Self.parseRateLimits(rateLimits) {
                let categories = limit.categories.isEmpty ? [Self.all] : limit.categories
                for category in categories { extend(category, to: now + limit.retryAfter) }
            }
        } else if status == 429 {
            let delay = retryAfter.flatMap { Self.parseRetryAfter($0, now: date) } ?? Self.defaultBackoff
            extend(Self.all, to: now + delay)
        }
    }

    /// Until when `category` may not be sent, or `nil` when it may.
    package func limitedUntil(_ category: String, now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        let deadline = [until[category], until[Self.all]].compactMap { $0 }.max()
        guard let deadline, deadline > now else { return nil }
        return deadline
    }

    /// Whether `category` is currently paused.
    package func isLimited(_ category: String, now: ContinuousClock.Instant) -> Bool {
        limitedUntil(category, now: now) != nil
    }

    private mutating func extend(_ category: String, to deadline: ContinuousClock.Instant) {
        if let current = until[category], current >= deadline { return }
        until[category] = deadline
    }

    /// One entry of `X-Sentry-Rate-Limits`.
    package struct Limit: Sendable, Hashable {
        package var retryAfter: Duration
        /// Empty means every category.
        package var categories: [String]

        /// A limit of `categories` for `retryAfter`.
        package init(retryAfter: Duration, categories: [String]) {
            self.retryAfter = retryAfter
            self.categories = categories
        }
    }

    /// Parses `X-Sentry-Rate-Limits`; malformed entries are skipped.
    package static func parseRateLimits(_ header: String) -> [Limit] {
        header.split(separator: ",").compactMap { entry in
            let fields = entry.trimmingCharacters(in: .whitespaces)
                .split(separator: ":", omittingEmptySubsequences: false)
            guard let first = fields.first, let seconds = Double(first.trimmingCharacters(in: .whitespaces)),
                  seconds.isFinite, seconds >= 0 else { return nil }
            let categories = fields.count > 1
                ? fields[1].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                : []
            return Limit(retryAfter: .milliseconds(Int64((seconds * 1000).rounded())), categories: categories)
        }
    }

    /// Parses `Retry-After`: delta seconds or an HTTP date.
    package static func parseRetryAfter(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text) {
            guard seconds.isFinite, seconds >= 0 else { return nil }
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return .milliseconds(Int64((max(0, date.timeIntervalSince(now)) * 1000).rounded()))
    }
}
