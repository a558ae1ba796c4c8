import Foundation

/// How urgent an alert is, as the `severity` label of `deploy/prometheus/alerts.yml`.
package enum AlertSeverity: String, Sendable, Hashable, Codable {
    /// Wake someone.
    case page
    /// Next working day.
    case ticket
}

/// The alert conditions evaluated in-app, each the twin of a rule in `deploy/prometheus/alerts.yml`.
package enum AlertRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// 5xx share over 5 minutes above `PPT_ALERT_ERROR_RATE`.
    case highErrorRate = "high_error_rate"
    /// p95 latency over 10 minutes above `PPT_ALERT_P95_MS`.
    case highLatencyP95 = "high_latency_p95"
    /// 5xx share over both 1 hour and 5 minutes above 14.4 × (1 − `PPT_ALERT_SLO`).
    case errorBudgetBurn = "error_budget_burn"
    /// Oldest due job older than `PPT_ALERT_JOB_LAG_SECONDS`.
    case jobQueueLagging = "job_queue_lagging"
    /// Jobs moved to the dead-letter state within the last 30 minutes.
    case deadJobsIncreasing = "dead_jobs_increasing"
    /// Oldest undispatched outbox event older than `PPT_ALERT_OUTBOX_LAG_SECONDS`.
    case outboxLagging = "outbox_lagging"
    /// A circuit breaker is open (one alert per service).
    case circuitBreakerOpen = "circuit_breaker_open"
    /// A readiness check fails (one alert per check).
    case healthCheckFailing = "health_check_failing"

    /// The name of the Prometheus rule with the same condition.
    package var prometheusAlert: String {
        switch self {
        case .highErrorRate: "PPTHighErrorRate"
        case .highLatencyP95: "PPTHighLatencyP95"
        case .errorBudgetBurn: "PPTErrorBudgetBurnCritical"
        case .jobQueueLagging: "PPTJobQueueLagging"
        case .deadJobsIncreasing: "PPTDeadJobsIncreasing"
        case .outboxLagging: "PPTOutboxLagging"
        case .circuitBreakerOpen: "PPTCircuitBreakerOpen"
        case .healthCheckFailing: "PPTHealthCheckFailing"
        }
    }

    /// A short headline.
    package var title: String {
        switch self {
        case .highErrorRate: "High 5xx error rate"
        case .highLatencyP95: "High p95 latency"
        case .errorBudgetBurn: "Error budget burning fast"
        case .jobQueueLagging: "Job queue lagging"
        case .deadJobsIncreasing: "Jobs moved to dead letters"
        case .outboxLagging: "Outbox lagging"
        case .circuitBreakerOpen: "Circuit breaker open"
        case .healthCheckFailing: "Health check failing"
        }
    }

    /// The severity, as in the Prometheus rule.
    package var severity: AlertSeverity { self == .deadJobsIncreasing ? .ticket : .page }

    /// Where to look first, as in the Prometheus rule's runbook.
    package var runbook: String {
        switch self {
        case .highErrorRate, .errorBudgetBurn:
            "Admin performance dashboard → endpoints with errors; the error tracker for the reported 5xx; /health/ready for a failing dependency."
        case .highLatencyP95:
            "Admin performance dashboard → slowest endpoints and database operations; open a slow trace; check database load."
        case .jobQueueLagging:
            "Check that a worker runs (`ppt serve all|worker`); raise PPT_WORKER_CONCURRENCY or add workers."
        case .deadJobsIncreasing:
            "Inspect the dead jobs (kind, last error) in the jobs table and the reported errors; re-enqueue once fixed."
        case .outboxLagging:
            "Check that a worker runs and its logs for dispatcher errors; check the database."
        case .circuitBreakerOpen:
            "Check the provider's status page and credentials; /health/ready shows the breaker state."
        case .healthCheckFailing:
            "GET /health/ready for the check's message; the admin health history shows since when."
        }
    }
}

/// One alert that fires now.
package struct FiringAlert: Sendable, Hashable {
    /// The condition that fires.
    package let rule: AlertRule
    /// The service or check the alert is about (per-service and per-check rules), else `nil`.
    package let subject: String?
    /// One sentence without the final full stop, e.g. "7.5 % of requests failed with 5xx in the last 5 minutes".
    package let summary: String
    /// The measured values and thresholds, by name (`errorRate`, `threshold`, …).
    package let values: [String: Double]

    /// An alert.
    package init(rule: AlertRule, subject: String? = nil, summary: String, values: [String: Double] = [:]) {
        self.rule = rule
        self.subject = subject
        self.summary = summary
        self.values = values
    }

    /// `<rule>` or `<rule>:<subject>`: what a notification is deduplicated on within an hour.
    package var name: String { subject.map { "\(rule.rawValue):\($0)" } ?? rule.rawValue }

    /// The headline, with the subject when there is one ("Circuit breaker open: smtp").
    package var title: String { subject.map { "\(rule.title): \($0)" } ?? rule.title }

    /// The notification text: the summary, then where to look.
    package var body: String { "\(summary).\n\n\(rule.runbook)" }

    /// The notification kind, `alert.<rule>`.
    package var notificationKind: String { "alert.\(rule.rawValue)" }

    /// `alert.<name>:<UTC hour>` (e.g. `alert.high_error_rate:2026-11-18T09`): one notification
    /// per user, alert and hour.
    package func dedupeKey(at instant: Date) -> String {
        "alert.\(name):\(Self.utcHour(instant))"
    }

    /// `YYYY-MM-DDTHH` of `instant` in UTC.
    package static func utcHour(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour], from: instant)
        return String(format: "%04d-%02d-%02dT%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0)
    }
}
