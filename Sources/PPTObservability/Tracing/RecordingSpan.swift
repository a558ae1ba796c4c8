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

/// A span of `RecordingTracer`: keeps its own copy of name, attributes, status and events, which it
/// hands to its `LocalTrace` (or, outside one, the `TraceStore`) when it ends, and forwards them to
/// the base tracer's span when there is one (swift-otel's; the embedded default has none, its
/// identity is in `context`).
package final class RecordingSpan: Span {
    private let base: (any Span)?
    private let store: TraceStore
    /// The local trace it ends into; it closes the trace when it is the trace's root.
    private let localTrace: LocalTrace?
    private let isLocalRoot: Bool
    private let identity: SpanIdentity?
    private let parentSpanID: SpanID?
    private let kind: SpanKind
    private let startNanoseconds: UInt64
    private let state: Mutex<State>
    /// Whether the base span needs names, attributes, status and events (swift-otel's exports them).
    private let forwardsToBase: Bool

    private struct State {
        var name: String
        var attributes: SpanAttributes
        var status: SpanStatus?
        var events: [SpanEvent] = []
        var ended = false
    }

    /// A span; `context` is its own (its local trace set, when it is a local root).
    init(base: (any Span)?, context: ServiceContext, store: TraceStore, localTrace: LocalTrace?, isLocalRoot: Bool,
         identity: SpanIdentity?, parentSpanID: SpanID?, name: String, kind: SpanKind, startNanoseconds: UInt64,
         attributes: SpanAttributes, forwardsToBase: Bool) {
        self.base = base
        self.context = context
        self.forwardsToBase = forwardsToBase && base != nil
        self.store = store
        self.localTrace = localTrace
        self.isLocalRoot = isLocalRoot
        self.identity = identity
        self.parentSpanID = parentSpanID
        self.kind = kind
        self.startNanoseconds = startNanoseconds
        self.state = Mutex(State(name: name, attributes: attributes))
    }

    /// The trace and span ids, `nil` when the base tracer dropped the span (sampled out).
    package var spanIdentity: SpanIdentity? { identity }

    package let context: ServiceContext

    package var operationName: String {
        get { state.withLock { $0.name } }
        set {
            state.withLock { $0.name = newValue }
            if forwardsToBase { base?.operationName = newValue }
        }
    }

    package var attributes: SpanAttributes {
        get { state.withLock { $0.attributes } }
        set {
            state.withLock { $0.attributes = newValue }
            if forwardsToBase { base?.attributes = newValue }
        }
    }

    /// Renames the span (unless `name` is `nil`), adds `attributes` and sets `status` (unless `nil`),
    /// under one lock: what a request's span learns when its response is ready.
    package func finish(name: String?, attributes added: SpanAttributes, status: SpanStatus?) {
        let attributes = state.withLock { state in
            if let name { state.name = name }
            if state.attributes.isEmpty {
                state.attributes = added
            } else {
                added.forEach { state.attributes[$0] = $1 }
            }
            if let status { state.status = status }
            return forwardsToBase ? state.attributes : nil
        }
        guard let attributes, let base else { return }
        if let name { base.operationName = name }
        base.attributes = attributes
        if let status { base.setStatus(status) }
    }

    package var isRecording: Bool { identity != nil || (base?.isRecording ?? false) }

    package func setStatus(_ status: SpanStatus) {
        state.withLock { $0.status = status }
        if forwardsToBase { base?.setStatus(status) }
    }

    package func addEvent(_ event: SpanEvent) {
        state.withLock { $0.events.append(event) }
        if forwardsToBase { base?.addEvent(event) }
    }

    package func recordError<Instant: TracerInstant>(
        _ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant
    ) {
        let instant = instant()
        let event = Self.exceptionEvent(error, attributes: attributes, at: instant)
        state.withLock { $0.events.append(event) }
        if forwardsToBase { base?.recordError(error, attributes: attributes, at: instant) }
    }

    /// The `exception` event of a recorded error: its type and (at most 1,000 characters of) message.
    static func exceptionEvent<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes,
                                                       at instant: Instant) -> SpanEvent {
        var eventAttributes = attributes
        eventAttributes["exception.type"] = String(describing: type(of: error))
        eventAttributes["exception.message"] = String(String(describing: error).prefix(1000))
        return SpanEvent(name: "exception", at: instant, attributes: eventAttributes)
    }

    package func addLink(_ link: SpanLink) {
        base?.addLink(link)
    }

    package func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        let instant = instant()
        guard let finished = markEnded() else { return }
        base?.end(at: instant)
        record(finished, endNanoseconds: instant.nanosecondsSinceEpoch)
    }

    /// Ends the span now; the non-generic form of `end()` for PPT's own spans.
    package func endNow() {
        guard let finished = markEnded() else { return }
        let now = DefaultTracerClock.now
        base?.end(at: now)
        record(finished, endNanoseconds: now.nanosecondsSinceEpoch)
    }

    /// Ends the span now as `endNow()` does, with the name, attributes and status that `describe`
    /// gives (as `finish(name:attributes:status:)` sets them), asked for only when they are needed.
    ///
    /// On the embedded default, a local root's trace is kept or passed over when the root ends
    /// (`TraceRetention`); most ordinary traces are passed over under load, and describing their
    /// root — its name and attribute dictionary, its recorded copy — would be most of the span's
    /// cost. So the store decides first, from the times and `failed` (or an error status already
    /// set), and `describe` runs only for a trace it keeps. With a base tracer that exports spans,
    /// or for a span that is not a local root, `describe` always runs.
    package func endNow(failed: Bool, describe: () -> SpanDescription) {
        guard let localTrace, isLocalRoot, !forwardsToBase, let identity else {
            let description = describe()
            finish(name: description.name, attributes: description.attributes, status: description.status)
            return endNow()
        }
        guard var finished = markEnded() else { return }
        let end = DefaultTracerClock.now.nanosecondsSinceEpoch
        let hasFailed = failed || finished.status?.code == .error
        guard localTrace.close(rootStart: startNanoseconds, rootEnd: end, rootFailed: hasFailed) else { return }
        let description = describe()
        if let name = description.name { finished.name = name }
        if finished.attributes.isEmpty {
            finished.attributes = description.attributes
        } else {
            description.attributes.forEach { finished.attributes[$0] = $1 }
        }
        if let status = description.status { finished.status = status }
        localTrace.commit(root: RecordedSpan(
            traceID: identity.traceID, spanID: identity.spanID, parentSpanID: parentSpanID, name: finished.name,
            kind: kind, startNanoseconds: startNanoseconds, endNanoseconds: end, attributes: finished.attributes,
            status: finished.status, events: finished.events))
    }

    /// The state at the end, once; `nil` when the span had already ended.
    private func markEnded() -> State? {
        state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            return state
        }
    }

    private func record(_ finished: State, endNanoseconds: UInt64) {
        guard let identity else { return }
        let span = RecordedSpan(
            traceID: identity.traceID, spanID: identity.spanID, parentSpanID: parentSpanID, name: finished.name,
            kind: kind, startNanoseconds: startNanoseconds, endNanoseconds: endNanoseconds,
            attributes: finished.attributes, status: finished.status, events: finished.events)
        switch (localTrace, isLocalRoot) {
        case (let trace?, true): trace.close(root: span)
        case (let trace?, false): trace.add(span)
        case (nil, _): store.record(span)
        }
    }
}

/// What a span learns when it ends: a new name (`nil` keeps the one it started with), attributes to
/// add, and a status (`nil` leaves it unset).
package struct SpanDescription: Sendable {
    /// The span's final name, or `nil` to keep its name.
    package var name: String?
    /// Attributes added to the span's own.
    package var attributes: SpanAttributes
    /// The span's status, or `nil` to leave it as it is.
    package var status: SpanStatus?

    /// A description of these parts.
    package init(name: String?, attributes: SpanAttributes, status: SpanStatus?) {
        self.name = name
        self.attributes = attributes
        self.status = status
    }
}
