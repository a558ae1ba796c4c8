import Foundation

/// Health checks, their history and the circuit breakers.
///
/// | key (env) | type | default | meaning |
/// |---|---|---|---|
/// | `PPT_HEALTH_CHECK_TIMEOUT_MS` | int | `2000` | a check slower than this fails with "timed out" |
/// | `PPT_HEALTH_CACHE_MS` | int | `1000` | how long `/health/ready` reuses the last results |
/// | `PPT_HEALTH_JOB_LAG_WARN_SECONDS` | int | `60` | oldest due job older than this → warn |
/// | `PPT_HEALTH_JOB_LAG_FAIL_SECONDS` | int | `600` | … → fail |
/// | `PPT_HEALTH_OUTBOX_LAG_WARN_SECONDS` | int | `60` | oldest undispatched event older than this → warn |
/// | `PPT_HEALTH_OUTBOX_LAG_FAIL_SECONDS` | int | `600` | … → fail |
/// | `PPT_HEALTH_RETENTION_DAYS` | int | `7` | probe results kept in `health_checks` |
/// | `PPT_HEALTH_PROBE_INTERVAL_SECONDS` | int | `60` | how often the `health.probe` job records results |
/// | `PPT_CIRCUIT_FAILURE_THRESHOLD` | int | `5` | consecutive failures that open a breaker |
/// | `PPT_CIRCUIT_OPEN_SECONDS` | int | `30` | cool-down before an open breaker lets a trial call through |
/// | `PPT_CIRCUIT_SUCCESS_THRESHOLD` | int | `3` | successes in half-open that close it again |
package struct HealthConfiguration: Sendable, Hashable {
    package var checkTimeout: Duration = .seconds(2)
    package var cacheDuration: Duration = .seconds(1)
    package var jobLagWarnSeconds: Double = 60
    package var jobLagFailSeconds: Double = 600
    package var outboxLagWarnSeconds: Double = 60
    package var outboxLagFailSeconds: Double = 600
    package var retentionDays = 7
    package var probeInterval: Duration = .seconds(60)
    package var circuitBreaker = CircuitBreakerConfiguration()

    /// The defaults.
    package init() {}

    /// Reads the keys from `environment` (defaults for absent keys); throws a readable message for
    /// values that are not whole numbers or out of range.
    package init(environment: [String: String]) throws {
        func read(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
            guard let text = environment[key], !text.isEmpty else { return fallback }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
                throw HealthConfigurationError(
                    description: "\(key) must be a whole number between \(range.lowerBound) and \(range.upperBound), got \(text)")
            }
            return value
        }
        checkTimeout = .milliseconds(try read("PPT_HEALTH_CHECK_TIMEOUT_MS", 2000, 10...60_000))
        cacheDuration = .milliseconds(try read("PPT_HEALTH_CACHE_MS", 1000, 0...60_000))
        jobLagWarnSeconds = Double(try read("PPT_HEALTH_JOB_LAG_WARN_SECONDS", 60, 1...604_800))
        jobLagFailSeconds = Double(try read("PPT_HEALTH_JOB_LAG_FAIL_SECONDS", 600, 1...604_800))
        outboxLagWarnSeconds = Double(try read("PPT_HEALTH_OUTBOX_LAG_WARN_SECONDS", 60, 1...604_800))
        outboxLagFailSeconds = Double(try read("PPT_HEALTH_OUTBOX_LAG_FAIL_SECONDS", 600, 1...604_800))
        retentionDays = try read("PPT_HEALTH_RETENTION_DAYS", 7, 1...3650)
        probeInterval = .seconds(try read("PPT_HEALTH_PROBE_INTERVAL_SECONDS", 60, 5...86_400))
        circuitBreaker = CircuitBreakerConfiguration(
            failureThreshold: try read("PPT_CIRCUIT_FAILURE_THRESHOLD", 5, 1...1000),
            openDuration: .seconds(try read("PPT_CIRCUIT_OPEN_SECONDS", 30, 1...86_400)),
            successThreshold: try read("PPT_CIRCUIT_SUCCESS_THRESHOLD", 3, 1...1000))
        for (warn, fail, name) in [(jobLagWarnSeconds, jobLagFailSeconds, "JOB"),
                                   (outboxLagWarnSeconds, outboxLagFailSeconds, "OUTBOX")] where warn > fail {
            throw HealthConfigurationError(
                description: "PPT_HEALTH_\(name)_LAG_WARN_SECONDS must not exceed PPT_HEALTH_\(name)_LAG_FAIL_SECONDS")
        }
    }
}

/// When circuit breakers open, probe and close.
package struct CircuitBreakerConfiguration: Sendable, Hashable {
    /// Consecutive failures that open a closed breaker.
    package var failureThreshold: Int
    /// How long a breaker stays open before letting trial calls through (half-open).
    package var openDuration: Duration
    /// Consecutive successes in half-open that close it.
    package var successThreshold: Int

    /// N = 5 failures, 30 s open, M = 3 successes by default.
    package init(failureThreshold: Int = 5, openDuration: Duration = .seconds(30), successThreshold: Int = 3) {
        self.failureThreshold = max(1, failureThreshold)
        self.openDuration = openDuration
        self.successThreshold = max(1, successThreshold)
    }
}

/// A health or breaker setting that cannot be used.
package struct HealthConfigurationError: Error, CustomStringConvertible {
    package let description: String
}
