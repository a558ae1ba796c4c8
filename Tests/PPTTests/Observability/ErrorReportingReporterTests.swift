import Foundation
import Logging
import PPTObservability
import Prometheus
import Testing

private struct SeededError: Error, CustomStringConvertible {
    let description: String
}

/// The reporter end to end: observers in, envelopes out of a real loopback receiver.
@Suite("Error reporter", .serialized, .timeLimit(.minutes(1)))
struct ErrorReportingReporterTests {
    static let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.sIgNaTuRe123"
    static let route = "/api/v1/orgs/{orgID}/faults/{faultID}"
    static let trace = ErrorTraceContext(traceID: "4bf92f3577b34da6a3ce929d0e0e4736", spanID: "00f067aa0ba902b7")
    /// Fragments of the seeded secrets; none may reach the receiver.
    static let secretFragments = [
        "Tr0ub4dor", "jana.novakova", "example.sk", "903 123 456", "903123456", "1987 4263", "SK31",
        "Zx9Yw8Vu7Ts6Rq5Po4Nm", "eyJhbGciOi", "sIgNaTuRe123", "c00k1e", "js0n-p4ss", "dXNlcjpodW50ZXIy",
    ]
    static let seededMessage = "saving fault failed for jana.novakova@example.sk password=Tr0ub4dor&3 "
        + "(call +421 903 123 456, refund to SK31 1200 0000 1987 4263 7541), "
        + "upstream key sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm, "
        + "token \(jwt), body {\"password\": \"js0n-p4ss\"}"

    struct Harness {
        let reporter: ErrorReporter
        let client: SentryClient?
        let registry: PrometheusCollectorRegistry

        /// The value of a counter sample, 0 when it is absent.
        func counter(_ name: String, category: String) -> Double {
            let prefix = "\(name){category=\"\(category)\"} "
            let line = registry.emitToString().split(separator: "\n").first { $0.hasPrefix(prefix) }
            return line.flatMap { Double($0.dropFirst(prefix.count)) } ?? 0
        }
    }

    static func harness(dsn: String?, logger: Logger = Logger(label: "reporter-test")) throws -> Harness {
        var environment = ["SENTRY_ENVIRONMENT": "ci", "SENTRY_RELEASE": "ppt@test"]
        environment["SENTRY_DSN"] = dsn
        let configuration = try ErrorReportingConfiguration(environment: environment, version: "9.9.9",
                                                            serverName: "test-host")
        let client = configuration.dsn.map { SentryClient(configuration: .init(dsn: $0, sdk: configuration.sdk),
                                                         logger: logger) }
        let registry = PrometheusCollectorRegistry()
        let reporter = ErrorReporter(configuration: configuration, client: client, logger: logger,
                                     metricsFactory: PrometheusMetricsFactory(registry: registry),
                                     traceContext: { trace })
        return Harness(reporter: reporter, client: client, registry: registry)
    }

    static func failure(status: Int, category: ErrorCategory,
                        error: any Error = SeededError(description: seededMessage)) -> RequestFailure {
        RequestFailure(error: error, status: status, code: status >= 500 ? "internal.error" : "http.\(status)",
                       category: category, method: "PATCH", route: route, requestID: "req-0042",
                       organizationID: "org-7f3a", userID: "user-91c2")
    }

    @Test("a 5xx arrives with its context, and seeded secrets appear nowhere in the received bytes")
    func serverErrorWithContext() async throws {
        try await SentryReceiver.with { receiver in
            let harness = try Self.harness(dsn: receiver.dsn)
            let client = try #require(harness.client)
            try await running(client) {
                await harness.reporter.requestFailed(Self.failure(status: 500, category: .internal))
                var report = ErrorReport(error: SeededError(description: "webhook failed"), category: .externalService,
                                         handled: true, logger: "ppt.webhooks")
                report.method = "POST"
                report.route = "/api/v1/webhooks/{hookID}"
                report.headers = ["Authorization": "Bearer \(Self.jwt)", "Cookie": "session=c00k1e-v4lue",
                                  "Proxy-Authorization": "Basic dXNlcjpodW50ZXIy", "User-Agent": "ppt-tests/1.0",
                                  "X-Request-ID": "req-0043"]
                report.extra = ["payload": #"{"iban":"SK31 1200 0000 1987 4263 7541","password":"js0n-p4ss"}"#,
                                "contact": "+421 903 123 456", "api_key": "sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm"]
                report.breadcrumbs = [SentryEvent.Breadcrumb(timestamp: Date(), category: "auth",
                                                             message: "login jana.novakova@example.sk",
                                                             data: ["authorization": "Bearer \(Self.jwt)"])]
                harness.reporter.report(report)
                let received = try await receiver.waitFor(2)

                for envelope in received {
                    let bytes = String(decoding: envelope.body, as: UTF8.self)
                    for fragment in Self.secretFragments {
                        #expect(!bytes.contains(fragment), "\(fragment) was sent: \(bytes)")
                        #expect(!envelope.headers.values.contains { $0.contains(fragment) })
                    }
                }

                let event = try received[0].event()
                #expect((event["event_id"] as? String)?.count == 32)
                #expect(event["platform"] as? String == "other")
                #expect(event["level"] as? String == "error")
                #expect(event["logger"] as? String == "ppt.http")
                #expect(event["release"] as? String == "ppt@test")
                #expect(event["environment"] as? String == "ci")
                #expect(event["server_name"] as? String == "test-host")
                let request = try #require(event["request"] as? [String: Any])
                #expect(request["url"] as? String == Self.route)
                #expect(request["method"] as? String == "PATCH")
                #expect((event["user"] as? [String: String]) == ["id": "user-91c2"])
                let tags = try #require(event["tags"] as? [String: String])
                #expect(tags["request_id"] == "req-0042")
                #expect(tags["org_id"] == "org-7f3a")
                #expect(tags["route"] == Self.route)
                #expect(tags["category"] == "internal")
                #expect(tags["status"] == "500")
                let contexts = try #require(event["contexts"] as? [String: [String: String]])
                #expect(contexts["trace"] == ["trace_id": Self.trace.traceID, "span_id": Self.trace.spanID ?? ""])
                #expect((event["fingerprint"] as? [String])
                    == ["internal", "SeededError", "PATCH \(Self.route)", "internal.error"])
                let exception = try #require((event["exception"] as? [String: [[String: Any]]])?["values"]?.first)
                #expect(exception["type"] as? String == "SeededError")
                #expect((exception["value"] as? String)?.contains("saving fault failed for [email]") == true)
                #expect((exception["mechanism"] as? [String: Any])?["type"] as? String == "generic")
                #expect((exception["mechanism"] as? [String: Any])?["handled"] as? Bool == false)

                let second = try received[1].event()
                let headers = (second["request"] as? [String: Any])?["headers"] as? [String: String]
                #expect(headers == ["user-agent": "ppt-tests/1.0", "x-request-id": "req-0043"])
                #expect((second["extra"] as? [String: String])?["api_key"] == "[REDACTED]")
            }
            #expect(harness.counter("ppt_errors_reported_total", category: "internal") == 1)
            #expect(harness.counter("ppt_errors_reported_total", category: "external_service") == 1)
        }
    }

    @Test("4xx are counted by category and never sent; cancelled requests are neither")
    func clientErrorsAreCounted() async throws {
        try await SentryReceiver.with { receiver in
            let harness = try Self.harness(dsn: receiver.dsn)
            let client = try #require(harness.client)
            try await running(client) {
                for (status, category) in [(404, ErrorCategory.notFound), (422, .validation), (401, .auth),
                                           (409, .conflict), (409, .conflict), (429, .rateLimit)] {
                    await harness.reporter.requestFailed(Self.failure(status: status, category: category))
                }
                await harness.reporter.requestFailed(
                    Self.failure(status: 503, category: .externalService, error: CancellationError()))
                await harness.reporter.requestFailed(Self.failure(status: 502, category: .externalService))
                let received = try await receiver.waitFor(1)
                try await Task.sleep(for: .milliseconds(200))
                #expect(await receiver.envelopes.count == 1)
                #expect((try received[0].event()["tags"] as? [String: String])?["status"] == "502")
            }
            #expect(harness.counter("ppt_http_client_errors_total", category: "not_found") == 1)
            #expect(harness.counter("ppt_http_client_errors_total", category: "validation") == 1)
            #expect(harness.counter("ppt_http_client_errors_total", category: "auth") == 1)
            #expect(harness.counter("ppt_http_client_errors_total", category: "conflict") == 2)
            #expect(harness.counter("ppt_http_client_errors_total", category: "rate_limit") == 1)
            #expect(harness.counter("ppt_errors_reported_total", category: "external_service") == 1)
            #expect(harness.counter("ppt_errors_reported_total", category: "not_found") == 0)
            #expect(harness.registry.emitToString().contains("ppt_errors_reported_total{category=\"database\"} 0"))
        }
    }

    @Test("failed and dead jobs are reported with kind and attempt; succeeded and released ones are not")
    func jobs() async throws {
        try await SentryReceiver.with { receiver in
            let harness = try Self.harness(dsn: receiver.dsn)
            let client = try #require(harness.client)
            try await running(client) {
                for (attempt, outcome) in [(1, JobOutcome.succeeded), (1, .released), (2, .failed), (5, .dead)] {
                    let error: (any Error)? = outcome == .failed || outcome == .dead
                        ? SeededError(description: "smtp said no to jana.novakova@example.sk") : nil
                    await harness.reporter.jobFinished(JobAttempt(
                        jobID: "job-\(attempt)", kind: "notification.email", attempt: attempt, outcome: outcome,
                        duration: .milliseconds(20), queueDelay: 0.5, error: error))
                }
                let received = try await receiver.waitFor(2)
                try await Task.sleep(for: .milliseconds(200))
                #expect(await receiver.envelopes.count == 2)
                let events = try received.map { try $0.event() }
                #expect(events.map { $0["level"] as? String } == ["warning", "error"])
                #expect(events.map { ($0["extra"] as? [String: String])?["job_attempt"] } == ["2", "5"])
                #expect(events.map { ($0["tags"] as? [String: String])?["job_kind"] } == ["notification.email",
                                                                                          "notification.email"])
                #expect(events.allSatisfy { $0["request"] == nil && $0["user"] == nil })
                #expect(!received.contains { String(decoding: $0.body, as: UTF8.self).contains("jana") })
            }
            #expect(harness.counter("ppt_errors_reported_total", category: "internal") == 2)
        }
    }

    @Test("without a DSN, reports are logged at error level, redacted, and still counted")
    func loggedWithoutDSN() async throws {
        let (logger, store) = RecordingLogHandler.logger()
        let harness = try Self.harness(dsn: nil, logger: logger)
        #expect(harness.client == nil)
        await harness.reporter.requestFailed(Self.failure(status: 500, category: .internal))
        await harness.reporter.requestFailed(Self.failure(status: 404, category: .notFound))
        let entries = store.entries
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.level == .error)
        #expect(entry.message.hasPrefix("error report: SeededError: saving fault failed for [email]"))
        #expect(entry.metadata["ppt.error.tag.route"]?.description == Self.route)
        #expect(entry.metadata["ppt.error.tag.request_id"]?.description == "req-0042")
        #expect(entry.metadata["trace_id"]?.description == Self.trace.traceID)
        let everything = entry.message + entry.metadata.map { "\($0.key)=\($0.value)" }.joined()
        for fragment in Self.secretFragments {
            #expect(!everything.contains(fragment), "\(fragment) was logged")
        }
        #expect(harness.counter("ppt_errors_reported_total", category: "internal") == 1)
        #expect(harness.counter("ppt_http_client_errors_total", category: "not_found") == 1)
    }

    @Test("make builds a client only when a DSN is configured")
    func factory() throws {
        let logger = Logger(label: "reporter-test")
        let registry = PrometheusCollectorRegistry()
        let without = try ErrorReportingConfiguration(environment: [:], version: "1")
        #expect(ErrorReporter.make(configuration: without, logger: logger,
                                   metricsFactory: PrometheusMetricsFactory(registry: registry)).client == nil)
        let with = try ErrorReportingConfiguration(environment: ["SENTRY_DSN": "https://k@sentry.example.com/1"],
                                                   version: "1")
        #expect(ErrorReporter.make(configuration: with, logger: logger,
                                   metricsFactory: PrometheusMetricsFactory(registry: registry)).client != nil)
        #expect(ErrorTraceContext.current() == nil)
    }
}
