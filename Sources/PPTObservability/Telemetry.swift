import AsyncHTTPClient
import Foundation
import Instrumentation
import Logging
import Metrics
import ServiceLifecycle

/// Everything PPT uses to observe itself — metrics, tracing, error reporting and health settings —
/// built once per process (DESIGN §8). `bootstrapProcess` also installs the process-global
/// swift-metrics and swift-distributed-tracing backends; `isolated` builds the same parts without
/// touching global state, for tests and tools.
package struct Telemetry: Sendable {
    package let exporter: MetricsExporter
    package let metrics: PPTMetrics
    package let tracing: TracingBackend
    package let errors: ErrorReporter
    package let sentry: SentryClient?
    package let health: HealthConfiguration
    /// Thresholds of the in-app alert evaluation.
    package let alerts: AlertThresholds

    /// The long-running parts, to start before the servers and stop after them (span export, Sentry).
    package var services: [any Service] {
        var services: [any Service] = []
        if let service = tracing.service { services.append(service) }
        if let sentry { services.append(sentry) }
        return services
    }

    /// Observers of failed requests (error reports; client-error counts).
    package var requestFailureObservers: [any RequestFailureObserver] { [errors] }

    /// Observers of job attempts (metrics, error reports).
    package var jobObservers: [any JobObserver] { [JobMetrics(metrics: metrics), errors] }

    /// Builds telemetry and installs it as the process's metrics and tracing backends. Call once, in `main`.
    package static func bootstrapProcess(environment: [String: String], logger: Logger) throws -> Telemetry {
        let exporter = MetricsExporter()
        MetricsSystem.bootstrap(exporter.factory)
        let tracing = try TracingBackend.make(configuration: TracingConfiguration(environment: environment),
                                              logger: logger)
        ActiveTracer.bootstrapProcess(tracing.tracer)
        let telemetry = try make(environment: environment, exporter: exporter, tracing: tracing, logger: logger)
        DatabaseQueryRecording.bootstrap(telemetry.metrics)
        return telemetry
    }

    /// Builds telemetry with a private registry and tracer (or `tracer`) and no global state.
    package static func isolated(environment: [String: String] = [:], tracer: RecordingTracer? = nil,
                                 logger: Logger) throws -> Telemetry {
        let tracing = try tracer.map { TracingBackend(tracer: $0) }
            ?? TracingBackend.make(configuration: TracingConfiguration(environment: environment), logger: logger)
        return try make(environment: environment, exporter: MetricsExporter(), tracing: tracing, logger: logger)
    }

    private static func make(environment: [String: String], exporter: MetricsExporter, tracing: TracingBackend,
                             logger: Logger) throws -> Telemetry {
        let metrics = PPTMetrics(factory: exporter.factory)
        let reporting = try ErrorReportingConfiguration(environment: environment, version: BuildInfo.version)
        // A client of its own with AsyncHTTPClient's tracing off: a report is not part of the trace it reports.
        let (errors, sentry) = ErrorReporter.make(
            configuration: reporting, logger: logger, httpClient: TracedHTTPClient.sharedClient,
            metricsFactory: exporter.factory,
            traceContext: {
                RecordingTracer.currentSpanIdentity().map {
                    ErrorTraceContext(traceID: "\($0.traceID)", spanID: "\($0.spanID)")
                }
            })
        return Telemetry(exporter: exporter, metrics: metrics, tracing: tracing, errors: errors, sentry: sentry,
                         health: try HealthConfiguration(environment: environment),
                         alerts: try AlertThresholds(environment: environment))
    }
}
