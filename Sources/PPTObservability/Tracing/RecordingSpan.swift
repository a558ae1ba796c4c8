import Synchronization
import Tracing

/// The trace and span ids of a span, whichever tracer made it.
package struct SpanIdentity: Hashable, Sendable {
    /// The trace.
    package let traceID: TraceID
    /// The span.
    package let spanID: SpanID

    /// An identity.
    package init(traceID: TraceID, spanID: SpanID) {
        self.traceID = traceID
        self.spanID = spanID
    }
}

/// A span of `RecordingTracer`: forwards everything to the base tracer's span and keeps its own copy
/// of name, attributes, status and events, which it hands to the `TraceStore` when it ends.
package final class RecordingSpan: Span {
    private let base: any Span
    private let store: TraceStore
    private let identity: SpanIdentity?
    private let parentSpanID: SpanID?
    private let kind: SpanKind
    private let startNanoseconds: UInt64
    private let state: Mutex<State>
    /// Whether the base span needs names, attributes, status and events: swift-otel's exports them;
    /// the embedded W3C span only carries ids, so copying into it would be wasted work per attribute.
    private let forwardsToBase: Bool

    private struct State {
        var name: String
        var attributes: SpanAttributes
        var status: SpanStatus?
        var events: [SpanEvent] = []
        var ended = false
    }

    init(base: any Span, store: TraceStore, identity: SpanIdentity?, parentSpanID: SpanID?, name: String,
         kind: SpanKind, startNanoseconds: UInt64, forwardsToBase: Bool = true) {
        self.base = base
        self.forwardsToBase = forwardsToBase
        self.store = store
        self.identity = identity
        self.parentSpanID = parentSpanID
        self.kind = kind
        self.startNanoseconds = startNanoseconds
        self.state = Mutex(State(name: name, attributes: base.attributes))
    }

    /// The trace and span ids, `nil` when the base tracer dropped the span (sampled out).
    package var spanIdentity: SpanIdentity? { identity }

    package var context: ServiceContext { base.context }

    package var operationName: String {
        get { state.withLock { $0.name } }
        set {
            state.withLock { $0.name = newValue }
            if forwardsToBase { base.operationName = newValue }
        }
    }

    package var attributes: SpanAttributes {
        get { state.withLock { $0.attributes } }
        set {
            state.withLock { $0.attributes = newValue }
            if forwardsToBase { base.attributes = newValue }
        }
    }

    package var isRecording: Bool { identity != nil || base.isRecording }

    package func setStatus(_ status: SpanStatus) {
        state.withLock { $0.status = status }
        if forwardsToBase { base.setStatus(status) }
    }

    package func addEvent(_ event: SpanEvent) {
        state.withLock { $0.events.append(event) }
        if forwardsToBase { base.addEvent(event) }
    }

    package func recordError<Instant: TracerInstant>(
        _ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant
    ) {
        let instant = instant()
        var eventAttributes = attributes
        eventAttributes["exception.type"] = String(describing: type(of: error))
        eventAttributes["exception.message"] = String(String(describing: error).prefix(1000))
        let event = SpanEvent(name: "exception", at: instant, attributes: eventAttributes)
        state.withLock { $0.events.append(event) }
        if forwardsToBase { base.recordError(error, attributes: attributes, at: instant) }
    }

    package func addLink(_ link: SpanLink) {
        base.addLink(link)
    }

    package func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        let instant = instant()
        let finished: State? = state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            return state
        }
        guard let finished else { return }
        base.end(at: instant)
        guard let identity else { return }
        store.record(RecordedSpan(
            traceID: identity.traceID, spanID: identity.spanID, parentSpanID: parentSpanID, name: finished.name,
            kind: kind, startNanoseconds: startNanoseconds, endNanoseconds: instant.nanosecondsSinceEpoch,
            attributes: finished.attributes, status: finished.status, events: finished.events))
    }
}
