import Logging
import OTel

/// The trace and span an error happened in, for `contexts.trace` of its report.
package struct ErrorTraceContext: Sendable, Hashable {
    /// 32 lowercase hex digits.
    package var traceID: String
    /// 16 lowercase hex digits.
    package var spanID: String?

    /// Identifiers of a known trace.
    package init(traceID: String, spanID: String?) {
        self.traceID = traceID
        self.spanID = spanID
    }

    private static let otelProvider = OTel.makeLoggingMetadataProvider()

    /// The span of the current task, read the way log lines get theirs: from the bootstrapped logging
    /// metadata provider (`trace_id`, `span_id`), else from swift-otel's span context; `nil` outside a span.
    package static func current() -> ErrorTraceContext? {
        for provider in [LoggingSystem.metadataProvider, otelProvider].compactMap({ $0 }) {
            let metadata = provider.get()
            guard let traceID = metadata["trace_id"]?.description, !traceID.isEmpty else { continue }
            return ErrorTraceContext(traceID: traceID, spanID: metadata["span_id"]?.description)
        }
        return nil
    }
}
