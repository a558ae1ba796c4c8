import Foundation

/// How PPT traces, read from the standard OpenTelemetry environment variables plus two of its own.
///
/// | Key | Type | Default |
/// |---|---|---|
/// | `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` | URL, used as-is | — |
/// | `OTEL_EXPORTER_OTLP_ENDPOINT` | base URL; `/v1/traces` is appended | — (no export: embedded W3C tracer) |
/// | `OTEL_SDK_DISABLED` | `true` turns export off | `false` |
/// | `OTEL_SERVICE_NAME` | string | `ppt` |
/// | `OTEL_TRACES_SAMPLER` | `always_on`, `always_off`, `traceidratio`, `parentbased_always_on`, `parentbased_always_off`, `parentbased_traceidratio` | `parentbased_always_on` |
/// | `OTEL_TRACES_SAMPLER_ARG` | ratio 0…1 for the ratio samplers | `1.0` |
/// | `OTEL_BSP_SCHEDULE_DELAY` | milliseconds between export batches | `5000` |
/// | `PPT_TRACE_STORE_MAX_TRACES` | int ≥ 1, traces kept in memory for the admin endpoint | `1000` |
/// | `PPT_TRACE_STORE_MAX_SPANS` | int ≥ 1, spans kept in memory | `50000` |
/// | `PPT_TRACE_STORE_SLOW_MS` | int ≥ 0, traces whose root took this long are always kept | `500` |
/// | `PPT_TRACE_STORE_PER_SECOND` | int ≥ 0 or `all`, other traces kept per second (failed ones always are) | `50` |
///
/// Export is OTLP/HTTP with protobuf bodies. swift-otel also applies the other `OTEL_*` variables of
/// the process (headers, timeout, compression, certificates) when it builds its exporter.
package struct TracingConfiguration: Sendable {
    /// The sampler, by its `OTEL_TRACES_SAMPLER` name.
    package enum Sampler: Sendable, Equatable {
        case alwaysOn, alwaysOff, traceIDRatio(Double)
        case parentBasedAlwaysOn, parentBasedAlwaysOff, parentBasedTraceIDRatio(Double)
    }

    /// Where spans are exported (OTLP/HTTP, the full traces URL), `nil` for no export.
    package var otlpTracesEndpoint: String?
    /// `service.name` of exported spans.
    package var serviceName: String
    /// Which traces are exported. The in-memory store also keeps traces a ratio or parent-based sampler
    /// drops; with `always_off` swift-otel gives spans no ids, so nothing is kept.
    package var sampler: Sampler
    /// Delay between export batches.
    package var exportScheduleDelay: Duration
    /// Traces kept in memory.
    package var storeMaxTraces: Int
    /// Spans kept in memory.
    package var storeMaxSpans: Int
    /// Which traces the in-memory store keeps.
    package var storeRetention: TraceRetention

    /// Export on or off, and the knobs, from `environment` (the process environment in `ppt`).
    package init(environment: [String: String]) {
        func value(_ key: String) -> String? {
            guard let text = environment[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        let disabled = value("OTEL_SDK_DISABLED")?.lowercased() == "true"
        if disabled {
            otlpTracesEndpoint = nil
        } else if let endpoint = value("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
            otlpTracesEndpoint = endpoint
        } else if let base = value("OTEL_EXPORTER_OTLP_ENDPOINT") {
            otlpTracesEndpoint = base.hasSuffix("/") ? base + "v1/traces" : base + "/v1/traces"
        } else {
            otlpTracesEndpoint = nil
        }
        serviceName = value("OTEL_SERVICE_NAME") ?? "ppt"
        let ratio = value("OTEL_TRACES_SAMPLER_ARG").flatMap(Double.init).flatMap { (0...1).contains($0) ? $0 : nil }
        sampler = switch value("OTEL_TRACES_SAMPLER")?.lowercased() {
        case "always_on": .alwaysOn
        case "always_off": .alwaysOff
        case "traceidratio": .traceIDRatio(ratio ?? 1)
        case "parentbased_always_off": .parentBasedAlwaysOff
        case "parentbased_traceidratio": .parentBasedTraceIDRatio(ratio ?? 1)
        default: .parentBasedAlwaysOn
        }
        let delay = value("OTEL_BSP_SCHEDULE_DELAY").flatMap(Int.init).flatMap { $0 >= 0 ? $0 : nil } ?? 5000
        exportScheduleDelay = .milliseconds(delay)
        storeMaxTraces = value("PPT_TRACE_STORE_MAX_TRACES").flatMap(Int.init).flatMap { $0 >= 1 ? $0 : nil } ?? 1000
        storeMaxSpans = value("PPT_TRACE_STORE_MAX_SPANS").flatMap(Int.init).flatMap { $0 >= 1 ? $0 : nil } ?? 50_000
        let slow = value("PPT_TRACE_STORE_SLOW_MS").flatMap(Int.init).flatMap { $0 >= 0 ? $0 : nil } ?? 500
        let perSecond: Int? = switch value("PPT_TRACE_STORE_PER_SECOND")?.lowercased() {
        case "all": nil
        case let text?: Int(text).flatMap { $0 >= 0 ? $0 : nil } ?? 50
        case nil: 50
        }
        storeRetention = TraceRetention(slowThreshold: .milliseconds(slow), ordinaryPerSecond: perSecond)
    }

    /// Whether spans are exported to a collector.
    package var exportsOTLP: Bool { otlpTracesEndpoint != nil }
}
