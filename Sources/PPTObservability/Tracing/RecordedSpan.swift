import Tracing

/// A finished span as kept by `TraceStore`.
package struct RecordedSpan: Sendable {
    /// The trace the span belongs to.
    package let traceID: TraceID
    /// The span's own id.
    package let spanID: SpanID
    /// The parent span; it may live in another service (a remote parent) and so not be in the store.
    package let parentSpanID: SpanID?
    /// The span name at its end (e.g. `GET /api/v1/orgs/{orgID}/faults`).
    package let name: String
    /// Server, client, internal, producer or consumer.
    package let kind: SpanKind
    /// Nanoseconds since 1970.
    package let startNanoseconds: UInt64
    /// Nanoseconds since 1970.
    package let endNanoseconds: UInt64
    /// The attributes at its end.
    package let attributes: SpanAttributes
    /// The status set on it, `nil` for unset.
    package let status: SpanStatus?
    /// Its events, recorded errors included (`exception`).
    package let events: [SpanEvent]

    /// A recorded span.
    package init(traceID: TraceID, spanID: SpanID, parentSpanID: SpanID?, name: String, kind: SpanKind,
                 startNanoseconds: UInt64, endNanoseconds: UInt64, attributes: SpanAttributes = [:],
                 status: SpanStatus? = nil, events: [SpanEvent] = []) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.name = name
        self.kind = kind
        self.startNanoseconds = startNanoseconds
        self.endNanoseconds = max(endNanoseconds, startNanoseconds)
        self.attributes = attributes
        self.status = status
        self.events = events
    }

    /// Whether the span ended in error.
    package var isError: Bool { status?.code == .error }

    /// The kind as OpenTelemetry names it.
    package var kindName: String {
        switch kind {
        case .server: "server"
        case .client: "client"
        case .producer: "producer"
        case .consumer: "consumer"
        case .internal: "internal"
        }
    }
}
