import Foundation

/// Everything known about one error worth reporting; `ErrorEventBuilder` turns it into a Sentry event.
/// Made from a `RequestFailure` or a `JobAttempt` by `ErrorReporter`, or directly by code that catches an
/// error it cannot rethrow.
package struct ErrorReport: Sendable {
    package var error: any Error
    package var category: ErrorCategory
    package var level: SentryEvent.Level
    /// `false` when nothing in the application dealt with the error (a 500, a dead job).
    package var handled: Bool
    /// The logger name in the event (`ppt.http`, `ppt.jobs`).
    package var logger: String
    package var timestamp: Date

    /// HTTP method of the failed request.
    package var method: String?
    /// Route template, never a concrete path.
    package var route: String?
    package var status: Int?
    /// Stable problem code.
    package var code: String?
    package var requestID: String?
    package var organizationID: String?
    package var userID: String?
    /// Request headers; only an allowlist is sent, redacted.
    package var headers: [String: String] = [:]

    package var jobID: String?
    package var jobKind: String?
    package var attempt: Int?

    /// The trace the error happened in.
    package var trace: ErrorTraceContext?
    /// Extra searchable tags (low cardinality), redacted.
    package var tags: [String: String] = [:]
    /// Extra detail, redacted.
    package var extra: [String: String] = [:]
    /// What happened before, redacted.
    package var breadcrumbs: [SentryEvent.Breadcrumb] = []

    /// A report of `error`; the remaining context is set through the properties.
    package init(error: any Error, category: ErrorCategory, level: SentryEvent.Level = .error, handled: Bool,
                 logger: String, timestamp: Date = Date()) {
        self.error = error
        self.category = category
        self.level = level
        self.handled = handled
        self.logger = logger
        self.timestamp = timestamp
    }

    /// The report of a failed request (a 5xx reached the error middleware: nothing handled it).
    package init(_ failure: RequestFailure, timestamp: Date = Date()) {
        let category = failure.category == .internal ? ErrorCategory(classifying: failure.error) : failure.category
        self.init(error: failure.error, category: category, level: .error, handled: false, logger: "ppt.http",
                  timestamp: timestamp)
        method = failure.method
        route = failure.route
        status = failure.status
        code = failure.code
        requestID = failure.requestID
        organizationID = failure.organizationID
        userID = failure.userID
    }

    /// The report of a failed job attempt: a warning while it will be retried, an error once it is dead.
    package init(_ attempt: JobAttempt, error: any Error, timestamp: Date = Date()) {
        let dead = attempt.outcome == .dead
        self.init(error: error, category: ErrorCategory(classifying: error), level: dead ? .error : .warning,
                  handled: !dead, logger: "ppt.jobs", timestamp: timestamp)
        jobID = attempt.jobID
        jobKind = attempt.kind
        self.attempt = attempt.attempt
        extra["job.outcome"] = attempt.outcome.rawValue
        extra["job.duration_seconds"] = String(format: "%.3f", Double(attempt.duration.components.seconds)
            + Double(attempt.duration.components.attoseconds) / 1e18)
        extra["job.queue_delay_seconds"] = String(format: "%.3f", attempt.queueDelay)
    }
}
