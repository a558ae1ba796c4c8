import Logging
import Tracing

extension RecordingTracer {
    /// Puts `trace_id` and `span_id` (lowercase hex) of the span active in the current task on every
    /// log line, with either base tracer. Pass it to `LoggingSystem.bootstrap(_:metadataProvider:)`.
    package static var loggingMetadataProvider: Logger.MetadataProvider {
        Logger.MetadataProvider {
            guard let context = ServiceContext.current else { return [:] }
            if let identity = w3cIdentity(of: context) {
                return ["trace_id": .string(identity.traceID.description), "span_id": .string(identity.spanID.description)]
            }
            var metadata = otelMetadata.get()
            metadata["trace_flags"] = nil
            return metadata
        }
    }

    /// The ids of the span active in the current task, with either base tracer (for error reports).
    package static func currentSpanIdentity() -> SpanIdentity? {
        guard let context = ServiceContext.current else { return nil }
        return w3cIdentity(of: context) ?? identity(in: otelMetadata.get())
    }
}
