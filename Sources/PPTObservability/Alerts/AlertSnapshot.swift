import Foundation

/// Requests answered over the last few minutes, as the alert rules see them.
package struct AlertRequestWindow: Sendable, Hashable {
    /// Minutes covered (the current, partial minute included).
    package let minutes: Int
    /// Requests answered.
    package let requests: Int
    /// 5xx responses.
    package let errors: Int
    /// The 95th percentile latency in milliseconds, `nil` without requests.
    package let p95Milliseconds: Double?

    /// A window; `errors` is clamped to `0...requests`.
    package init(minutes: Int, requests: Int, errors: Int, p95Milliseconds: Double?) {
        self.minutes = minutes
        self.requests = max(0, requests)
        self.errors = min(max(0, errors), max(0, requests))
        self.p95Milliseconds = p95Milliseconds
    }

    /// An empty window.
    package static func empty(minutes: Int) -> Self {
        Self(minutes: minutes, requests: 0, errors: 0, p95Milliseconds: nil)
    }

    /// `errors / requests` (0 without requests).
    package var errorRate: Double { requests == 0 ? 0 : Double(errors) / Double(requests) }
}

/// Everything the alert rules look at, gathered at one instant by the `alerts.evaluate` job.
package struct AlertSnapshot: Sendable, Hashable {
    /// Requests of the last 5 minutes (error rate, fast burn).
    package var last5Minutes: AlertRequestWindow
    /// Requests of the last 10 minutes (p95 latency).
    package var last10Minutes: AlertRequestWindow
    /// Requests of the last hour (fast burn).
    package var lastHour: AlertRequestWindow
    /// Age in seconds of the oldest due pending job.
    package var jobLagSeconds: Double
    /// Jobs in the dead-letter state.
    package var deadJobs: Int
    /// Jobs that moved to the dead-letter state within `AlertEvaluator.deadJobWindowMinutes`.
    package var newlyDeadJobs: Int
    /// Age in seconds of the oldest undispatched outbox event.
    package var outboxLagSeconds: Double
    /// The state of each circuit breaker of the process, by service.
    package var circuits: [String: CircuitState]
    /// The readiness checks of the process.
    package var readiness: [HealthCheckResult]

    /// A snapshot; everything quiet by default.
    package init(last5Minutes: AlertRequestWindow = .empty(minutes: 5),
                 last10Minutes: AlertRequestWindow = .empty(minutes: 10),
                 lastHour: AlertRequestWindow = .empty(minutes: 60), jobLagSeconds: Double = 0, deadJobs: Int = 0,
                 newlyDeadJobs: Int = 0, outboxLagSeconds: Double = 0,
                 circuits: [String: CircuitState] = [:], readiness: [HealthCheckResult] = []) {
        self.last5Minutes = last5Minutes
        self.last10Minutes = last10Minutes
        self.lastHour = lastHour
        self.jobLagSeconds = jobLagSeconds
        self.deadJobs = deadJobs
        self.newlyDeadJobs = newlyDeadJobs
        self.outboxLagSeconds = outboxLagSeconds
        self.circuits = circuits
        self.readiness = readiness
    }
}
