import AsyncHTTPClient
import Foundation
import Logging
import Metrics

/// Reports server errors and failed jobs, and counts client errors (issue 6, seed 95.2).
///
/// - Failed requests: 5xx are reported and counted in `ppt_errors_reported_total{category}`; 4xx are only
///   counted in `ppt_http_client_errors_total{category}`. A request cancelled because the client went away
///   (`CancellationError`) is neither.
/// - Jobs: `failed` (will retry; level warning) and `dead` (level error) attempts are reported and counted;
///   `succeeded` and `released` are not.
/// - Every report is redacted (`Redactor`), then queued on the `SentryClient` when a DSN is configured, or
///   logged at error level otherwise, so the embedded default still surfaces it.
package struct ErrorReporter: RequestFailureObserver, JobObserver {
    private let builder: ErrorEventBuilder
    private let client: SentryClient?
    private let redactor: Redactor
    private let logger: Logger
    private let traceContext: @Sendable () -> ErrorTraceContext?
    private let reported: [ErrorCategory: Counter]
    private let clientErrors: [ErrorCategory: Counter]

    /// A reporter sending through `client` (or logging when it is `nil`).
    /// - Parameters:
    ///   - traceContext: the current trace, read when a report is made (default: `ErrorTraceContext.current`).
    ///   - metricsFactory: where the counters live (default: the bootstrapped `MetricsSystem`).
    package init(configuration: ErrorReportingConfiguration, client: SentryClient?, logger: Logger,
                 metricsFactory: any MetricsFactory = MetricsSystem.factory,
                 traceContext: @escaping @Sendable () -> ErrorTraceContext? = ErrorTraceContext.current,
                 redactor: Redactor = Redactor()) {
        self.builder = ErrorEventBuilder(release: configuration.release, environment: configuration.environment,
                                         serverName: configuration.serverName)
        self.client = client
        self.redactor = redactor
        self.logger = logger
        self.traceContext = traceContext
        // Made up front so every category is exported (at 0) before its first error.
        func counters(_ label: String) -> [ErrorCategory: Counter] {
            Dictionary(uniqueKeysWithValues: ErrorCategory.allCases.map { category in
                let dimensions = [("category", category.rawValue)]
                return (category, Counter(label: label, dimensions: dimensions, factory: metricsFactory))
            })
        }
        self.reported = counters("ppt_errors_reported_total")
        self.clientErrors = counters("ppt_http_client_errors_total")
    }

    /// The reporter for `configuration`, and the client to add to the service group when a DSN is set.
    /// Make it after `MetricsSystem.bootstrap` (its counters are created here) or pass `metricsFactory`.
    package static func make(
        configuration: ErrorReportingConfiguration, logger: Logger, httpClient: HTTPClient = .shared,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        traceContext: @escaping @Sendable () -> ErrorTraceContext? = ErrorTraceContext.current
    ) -> (reporter: ErrorReporter, client: SentryClient?) {
        let client = configuration.dsn.map { dsn in
            SentryClient(configuration: .init(dsn: dsn, sdk: configuration.sdk, queueSize: configuration.queueSize),
                         httpClient: httpClient, logger: logger)
        }
        let reporter = ErrorReporter(configuration: configuration, client: client, logger: logger,
                                     metricsFactory: metricsFactory, traceContext: traceContext)
        return (reporter, client)
    }

    package func requestFailed(_ failure: RequestFailure) async {
        if failure.status < 500 {
            if failure.status >= 400 { clientErrors[failure.category]?.increment() }
            return
        }
        if failure.error is CancellationError { return }
        var report = ErrorReport(failure)
        report.trace = traceContext()
        self.report(report)
    }

    package func jobFinished(_ attempt: JobAttempt) async {
        guard attempt.outcome == .failed || attempt.outcome == .dead else { return }
        struct UnknownJobError: Error, CustomStringConvertible {
            var description: String { "the job failed without an error" }
        }
        var report = ErrorReport(attempt, error: attempt.error ?? UnknownJobError())
        report.trace = traceContext()
        self.report(report)
    }

    /// Redacts and sends (or logs) `report`, and counts it.
    package func report(_ report: ErrorReport) {
        reported[report.category]?.increment()
        var event = redactor.redact(builder.event(for: report))
        // Sentry drops tag values of 200 characters or more; redaction may have lengthened some.
        event.tags = event.tags.mapValues { String($0.prefix(199)) }
        guard let client else {
            log(event)
            return
        }
        let result = client.capture(event)
        if result != .enqueued {
            logger.debug("error report dropped", metadata: ["ppt.sentry.event_id": "\(event.eventID)",
                                                            "ppt.sentry.drop_reason": "\(result)"])
        }
    }

    private func log(_ event: SentryEvent) {
        var metadata: Logger.Metadata = [
            "ppt.sentry.event_id": "\(event.eventID)",
            "ppt.error.fingerprint": "\(event.fingerprint.joined(separator: " | "))",
        ]
        for (key, value) in event.tags { metadata["ppt.error.tag.\(key)"] = "\(value)" }
        for (key, value) in event.extra { metadata["ppt.error.extra.\(key)"] = "\(value)" }
        if let user = event.user { metadata["ppt.user_id"] = "\(user.id)" }
        if let trace = event.trace {
            metadata["trace_id"] = "\(trace.traceID)"
            if let spanID = trace.spanID { metadata["span_id"] = "\(spanID)" }
        }
        if let frame = event.exceptions.last?.stacktrace?.frames.last {
            metadata["code.filepath"] = "\(frame.filename)"
            metadata["code.lineno"] = "\(frame.lineno ?? 0)"
        }
        let exception = event.exceptions.last
        metadata["error.type"] = "\(exception?.type ?? "Error")"
        metadata["ppt.error.level"] = "\(event.level.rawValue)"
        logger.error("error report: \(exception?.type ?? "Error"): \(exception?.value ?? "")",
                   metadata: metadata)
    }
}
