import Foundation

/// The thresholds of the in-app alert evaluation (`alerts.evaluate`), the same defaults as the
/// constant recording rules of `deploy/prometheus/alerts.yml`.
///
/// | key (env) | type | default | meaning |
/// |---|---|---|---|
/// | `PPT_ALERT_ERROR_RATE` | number | `0.05` | share of 5xx responses over 5 minutes above which `high_error_rate` fires |
/// | `PPT_ALERT_P95_MS` | number | `500` | p95 request latency over 10 minutes, in ms, above which `high_latency_p95` fires |
/// | `PPT_ALERT_JOB_LAG_SECONDS` | number | `300` | age of the oldest due job above which `job_queue_lagging` fires |
/// | `PPT_ALERT_OUTBOX_LAG_SECONDS` | number | `300` | age of the oldest undispatched event above which `outbox_lagging` fires |
/// | `PPT_ALERT_MIN_REQUESTS` | int | `20` | fewer requests than this in a window keep the rate, latency and burn alerts quiet |
/// | `PPT_ALERT_SLO` | number | `0.999` | availability objective; `error_budget_burn` fires at 14.4 × (1 − SLO) over 1 h and 5 min |
package struct AlertThresholds: Sendable, Hashable {
    /// Share of 5xx responses (0…1) over 5 minutes.
    package var errorRate = 0.05
    /// p95 latency over 10 minutes, in milliseconds.
    package var p95Milliseconds = 500.0
    /// Age of the oldest due pending job, in seconds.
    package var jobLagSeconds = 300.0
    /// Age of the oldest undispatched outbox event, in seconds.
    package var outboxLagSeconds = 300.0
    /// Requests a window needs before its error rate or latency can fire an alert.
    package var minimumRequests = 20
    /// The availability objective (0.999 = 99.9 % of requests answer without 5xx).
    package var slo = 0.999

    /// The fast-burn factor of the SRE workbook: 2 % of a 30-day budget spent in one hour.
    package static let fastBurnFactor = 14.4

    /// The error ratio above which the budget burns fast: 14.4 × (1 − SLO).
    package var fastBurnErrorRatio: Double { Self.fastBurnFactor * (1 - slo) }

    /// The defaults.
    package init() {}

    /// Reads the keys from `environment` (defaults for absent or empty keys); throws a readable
    /// message for values that are not numbers or are out of range.
    package init(environment: [String: String]) throws {
        func number(_ key: String, _ fallback: Double, _ range: ClosedRange<Double>) throws -> Double {
            guard let text = environment[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                return fallback
            }
            guard let value = Double(text), value.isFinite, range.contains(value) else {
                throw AlertConfigurationError(
                    description: "\(key) must be a number between \(range.lowerBound) and \(range.upperBound), got \(text)")
            }
            return value
        }
        errorRate = try number("PPT_ALERT_ERROR_RATE", 0.05, 0...1)
        p95Milliseconds = try number("PPT_ALERT_P95_MS", 500, 1...600_000)
        jobLagSeconds = try number("PPT_ALERT_JOB_LAG_SECONDS", 300, 1...604_800)
        outboxLagSeconds = try number("PPT_ALERT_OUTBOX_LAG_SECONDS", 300, 1...604_800)
        let minimum = try number("PPT_ALERT_MIN_REQUESTS", 20, 0...1_000_000)
        guard minimum == minimum.rounded() else {
            throw AlertConfigurationError(description: "PPT_ALERT_MIN_REQUESTS must be a whole number, got \(minimum)")
        }
        minimumRequests = Int(minimum)
        slo = try number("PPT_ALERT_SLO", 0.999, 0.5...0.99999)
    }
}

/// An alert threshold that cannot be used.
package struct AlertConfigurationError: Error, CustomStringConvertible {
    /// What is wrong, naming the key.
    package let description: String
}
