import Instrumentation
import Tracing

/// The identity of a span of `W3CTracer`, stored in its `ServiceContext`.
package struct W3CSpanContext: Hashable, Sendable {
    /// The trace.
    package let traceID: TraceID
    /// This span (for a remote context: the caller's span).
    package let spanID: SpanID
    /// The parent span, `nil` for a root (and for a context read from a `traceparent` header).
    package let parentSpanID: SpanID?
    /// Trace flags; bit 0 is `sampled`.
    package let flags: UInt8
    /// The caller's `tracestate`, passed on unchanged.
    package let traceState: String?
    /// Whether this describes the caller's span (read from a header) rather than a local one.
    package let isRemote: Bool
    /// The local trace its spans end into (`RecordingTracer`'s); kept here rather than under a context
    /// key of its own, so that starting a span writes one context entry, not two. Not part of equality.
    package let localTrace: LocalTrace?

    /// A span context of these parts.
    package init(traceID: TraceID, spanID: SpanID, parentSpanID: SpanID?, flags: UInt8, traceState: String?,
                 isRemote: Bool, localTrace: LocalTrace? = nil) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.flags = flags
        self.traceState = traceState
        self.isRemote = isRemote
        self.localTrace = localTrace
    }

    package static func == (lhs: W3CSpanContext, rhs: W3CSpanContext) -> Bool {
        lhs.traceID == rhs.traceID && lhs.spanID == rhs.spanID && lhs.parentSpanID == rhs.parentSpanID
            && lhs.flags == rhs.flags && lhs.traceState == rhs.traceState && lhs.isRemote == rhs.isRemote
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(traceID)
        hasher.combine(spanID)
    }
}

private enum W3CSpanContextKey: ServiceContextKey {
    typealias Value = W3CSpanContext
    static var nameOverride: String? { "ppt-w3c-span-context" }
}

extension ServiceContext {
    /// The span of `W3CTracer` this context belongs to.
    package var w3cSpanContext: W3CSpanContext? {
        get { self[W3CSpanContextKey.self] }
        set { self[W3CSpanContextKey.self] = newValue }
    }
}

/// PPT's own minimal tracer for the embedded default (no OTLP collector): it gives every span a
/// random 8-byte id in the parent's trace (or a new random 16-byte trace) and propagates the
/// context with W3C `traceparent` / `tracestate`.
///
/// Its spans only carry that identity; `RecordingTracer` wraps it and records what happens in them.
package struct W3CTracer: Tracer {
    package typealias Span = NoOpTracer.NoOpSpan

    /// A tracer.
    package init() {}

    package func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> ServiceContext,
        ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> NoOpTracer.NoOpSpan {
        NoOpTracer.NoOpSpan(context: Self.childContext(of: context()))
    }

    /// `parent` with a new local span: a random span id in the parent's trace (or in a new random
    /// trace), keeping its flags, `tracestate` and local trace.
    package static func childContext(of parent: ServiceContext) -> ServiceContext {
        childContext(of: parent, traceID: parent.w3cSpanContext?.traceID ?? .random(), localTrace: nil)
    }

    /// `parent` with a new local span in trace `traceID` (the parent's when it has one), ending into
    /// `localTrace`, or into the parent's when that is `nil`.
    static func childContext(of parent: ServiceContext, traceID: TraceID, localTrace: LocalTrace?) -> ServiceContext {
        var context = parent
        context.w3cSpanContext = childSpanContext(of: parent.w3cSpanContext, traceID: traceID, localTrace: localTrace)
        return context
    }

    /// A new local span's identity under `parent` (the parent context's span, already read), as
    /// `childContext(of:traceID:localTrace:)` makes it.
    static func childSpanContext(of parent: W3CSpanContext?, traceID: TraceID, localTrace: LocalTrace?)
        -> W3CSpanContext
    {
        W3CSpanContext(
            traceID: traceID, spanID: .random(), parentSpanID: parent?.spanID, flags: parent?.flags ?? 0x01,
            traceState: parent?.traceState, isRemote: false, localTrace: localTrace ?? parent?.localTrace)
    }

    /// Nothing is buffered.
    package func forceFlush() {}

    package func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract
    ) where Extract.Carrier == Carrier {
        guard let header = extractor.extract(key: TraceParent.headerName, from: carrier),
            let parent = TraceParent(header)
        else { return }
        context.w3cSpanContext = W3CSpanContext(
            traceID: parent.traceID, spanID: parent.parentID, parentSpanID: nil, flags: parent.flags,
            traceState: TraceParent.traceState(extractor.extract(key: TraceParent.stateHeaderName, from: carrier)),
            isRemote: true)
    }

    package func inject<Carrier, Inject: Injector>(
        _ context: ServiceContext, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        guard let span = context.w3cSpanContext else { return }
        let parent = TraceParent(traceID: span.traceID, parentID: span.spanID, flags: span.flags)
        injector.inject(parent.headerValue, forKey: TraceParent.headerName, into: &carrier)
        if let state = span.traceState {
            injector.inject(state, forKey: TraceParent.stateHeaderName, into: &carrier)
        }
    }
}
