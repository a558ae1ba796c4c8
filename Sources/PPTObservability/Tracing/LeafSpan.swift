import Tracing

/// A span that never has children and never runs code in its own context — a database query — on
/// the embedded default's tracer. It is only an identity, a start time and attributes until it ends
/// and goes to its parent's `LocalTrace` (or the `TraceStore`): no object, lock or `ServiceContext`
/// of its own, which a query (several per request) would otherwise pay for.
package struct LeafSpan: Sendable {
    private let store: TraceStore
    /// Its parent's local trace, which it ends into (else it goes to `store` directly).
    private let localTrace: LocalTrace?
    private let traceID: TraceID
    private let spanID: SpanID
    private let parentSpanID: SpanID?
    private let name: String
    private let kind: SpanKind
    private let startNanoseconds: UInt64
    private let attributes: SpanAttributes

    init(store: TraceStore, parent: W3CSpanContext?, name: String, kind: SpanKind, attributes: SpanAttributes) {
        self.store = store
        self.traceID = parent?.traceID ?? .random()
        self.localTrace = parent?.localTrace
        self.spanID = .random()
        self.parentSpanID = parent?.spanID
        self.name = name
        self.kind = kind
        self.startNanoseconds = DefaultTracerClock.now.nanosecondsSinceEpoch
        self.attributes = attributes
    }

    /// Records the span as ended now, failed with `error` if there is one (an `exception` event,
    /// `error.type` and an error status, as `RecordingSpan` records them).
    package func end(error: (any Error)? = nil) {
        let end = DefaultTracerClock.now
        var attributes = attributes
        var events: [SpanEvent] = []
        var status: SpanStatus?
        if let error {
            events.append(RecordingSpan.exceptionEvent(error, attributes: [:], at: end))
            attributes["error.type"] = String(describing: type(of: error))
            status = SpanStatus(code: .error)
        }
        let span = RecordedSpan(
            traceID: traceID, spanID: spanID, parentSpanID: parentSpanID, name: name, kind: kind,
            startNanoseconds: startNanoseconds, endNanoseconds: end.nanosecondsSinceEpoch, attributes: attributes,
            status: status, events: events)
        if let localTrace { localTrace.add(span) } else { store.record(span) }
    }
}

extension RecordingTracer {
    /// A leaf span (see `LeafSpan`) in `parent`'s trace, on the embedded default's tracer; `nil` with
    /// another base tracer, whose spans need the full `startSpan`.
    package func startLeafSpan(_ operationName: String, context parent: ServiceContext, ofKind kind: SpanKind,
                               attributes: SpanAttributes) -> LeafSpan? {
        guard recordsW3CIdentity else { return nil }
        return LeafSpan(store: store, parent: parent.w3cSpanContext, name: operationName, kind: kind, attributes: attributes)
    }
}
