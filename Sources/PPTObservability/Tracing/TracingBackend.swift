import Logging
import OTel
import ServiceLifecycle
import Tracing

/// The tracer of the process and what must run beside it.
///
/// `ppt` main makes one, bootstraps `InstrumentationSystem` with `tracer`, adds `service` (when there
/// is one) to the service group, and hands `store` to the admin trace endpoint.
package struct TracingBackend: Sendable {
    /// The tracer to bootstrap `InstrumentationSystem` with (or to pass explicitly).
    package let tracer: RecordingTracer
    /// The in-memory store of recent traces.
    package var store: TraceStore { tracer.store }
    /// swift-otel's exporter and batch processor, when spans are exported; run it in the service group
    /// (it flushes the last batch on graceful shutdown).
    package let service: (any Service)?

    /// A backend around an existing tracer (tests pass theirs; nothing to run beside it).
    package init(tracer: RecordingTracer, service: (any Service)? = nil) {
        self.tracer = tracer
        self.service = service
    }

    /// The backend `configuration` asks for: swift-otel over OTLP/HTTP when an endpoint is set,
    /// otherwise the embedded `W3CTracer`. Throws when swift-otel rejects the configuration.
    package static func make(configuration: TracingConfiguration, logger: Logger) throws -> TracingBackend {
        let store = TraceStore(maxTraces: configuration.storeMaxTraces, maxSpans: configuration.storeMaxSpans,
                               retention: configuration.storeRetention)
        guard let endpoint = configuration.otlpTracesEndpoint else {
            return TracingBackend(tracer: RecordingTracer(store: store), service: nil)
        }
        let backend = try OTel.makeTracingBackend(configuration: otelConfiguration(configuration, endpoint: endpoint,
                                                                                    logger: logger))
        return TracingBackend(
            tracer: RecordingTracer(base: backend.factory, store: store, identitySource: .otel),
            service: backend.service)
    }

    static func otelConfiguration(_ configuration: TracingConfiguration, endpoint: String, logger: Logger)
        -> OTel.Configuration
    {
        var otel = OTel.Configuration.default
        otel.serviceName = configuration.serviceName
        otel.diagnosticLogger = .custom(logger)
        otel.propagators = [.traceContext]
        otel.metrics.enabled = false
        otel.logs.enabled = false
        otel.traces.enabled = true
        otel.traces.exporter = .otlp
        otel.traces.otlpExporter.endpoint = endpoint
        otel.traces.otlpExporter.protocol = .httpProtobuf
        otel.traces.batchSpanProcessor.scheduleDelay = configuration.exportScheduleDelay
        otel.traces.sampler = switch configuration.sampler {
        case .alwaysOn: .alwaysOn
        case .alwaysOff: .alwaysOff
        case .traceIDRatio(let ratio): .traceIDRatio(ratio: ratio) ?? .alwaysOn
        case .parentBasedAlwaysOn: .parentBasedAlwaysOn
        case .parentBasedAlwaysOff: .parentBasedAlwaysOff
        case .parentBasedTraceIDRatio(let ratio): .parentBasedTraceIDRatio(ratio: ratio) ?? .parentBasedAlwaysOn
        }
        return otel
    }
}
