import Instrumentation
import Logging
import OTel
import Tracing

/// PPT's tracer: a base tracer that names, samples, propagates and (with swift-otel) exports spans,
/// plus a record of every finished span in a bounded in-memory `TraceStore` for the admin trace
/// endpoint.
///
/// The base is swift-otel's OTLP/HTTP tracer when a collector is configured, otherwise `W3CTracer`
/// (see `TracingBackend`). Pass a `RecordingTracer` explicitly where the process-global
/// `InstrumentationSystem` must not be bootstrapped (tests).
package struct RecordingTracer: Tracer {
    package typealias Span = RecordingSpan

    /// How trace and span ids are read from a base tracer's `ServiceContext`.
    package enum IdentitySource: Sendable {
        /// `W3CTracer`'s context key.
        case w3c
        /// swift-otel, whose span context is internal: its public logging metadata provider is evaluated
        /// with the context bound (`trace_id` / `span_id`).
        case otel
    }

    /// The tracer doing the real work.
    package let base: any Tracer
    /// Where finished spans are kept.
    package let store: TraceStore
    private let identitySource: IdentitySource

    /// Records the spans of `base` into `store`, reading their ids as `identitySource` says.
    package init(base: any Tracer, store: TraceStore, identitySource: IdentitySource) {
        self.base = base
        self.store = store
        self.identitySource = identitySource
    }

    /// The W3C tracer of the embedded default, recording into `store`.
    package init(store: TraceStore = TraceStore()) {
        self.init(base: W3CTracer(), store: store, identitySource: .w3c)
    }

    package func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> ServiceContext,
        ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> RecordingSpan {
        let parent = context()
        let start = instant()
        guard identitySource != .w3c else {
            return startW3CSpan(operationName, parent: parent, kind: kind, startNanoseconds: start.nanosecondsSinceEpoch,
                                attributes: SpanAttributes())
        }
        let span = base.startSpan(
            operationName, context: parent, ofKind: kind, at: start, function: function, file: fileID, line: line)
        let spanIdentity = identity(of: span.context)
        let parentIdentity = spanIdentity == nil ? nil : identity(of: parent)
        let parentSpanID = parentIdentity?.traceID == spanIdentity?.traceID ? parentIdentity?.spanID : nil
        let (trace, isRoot) = localTrace(parent: parent, identity: spanIdentity)
        var context = span.context
        if isRoot { context.localTrace = trace }
        return RecordingSpan(
            base: span, context: context, store: store, localTrace: trace, isLocalRoot: isRoot, identity: spanIdentity,
            parentSpanID: parentSpanID, name: operationName, kind: kind, startNanoseconds: start.nanosecondsSinceEpoch,
            attributes: span.attributes, forwardsToBase: true)
    }

    /// Starts a span that already knows its attributes: PPT's own per-request and per-query spans.
    /// Unlike the generic `startSpan`, it needs no clock type or source location, and the attributes
    /// are stored once instead of being read, copied and written back one by one.
    package func startSpan(_ operationName: String, context parent: ServiceContext, ofKind kind: SpanKind,
                           attributes: SpanAttributes) -> RecordingSpan {
        let start = DefaultTracerClock.now
        guard identitySource != .w3c else {
            return startW3CSpan(operationName, parent: parent, kind: kind, startNanoseconds: start.nanosecondsSinceEpoch,
                                attributes: attributes)
        }
        let span = startSpan(operationName, context: parent, ofKind: kind, at: start,
                             function: #function, file: #fileID, line: #line)
        span.attributes = attributes
        return span
    }

    /// The embedded default: the span's identity is made here (no base span to wrap), as `W3CTracer`
    /// would make it.
    private func startW3CSpan(_ operationName: String, parent: ServiceContext, kind: SpanKind,
                              startNanoseconds: UInt64, attributes: SpanAttributes) -> RecordingSpan {
        // The parent's local trace is always of the parent's trace (the one this span joins); a span
        // without a local parent (a request's, a job's) starts a local trace of its own.
        let parentSpan = parent.w3cSpanContext
        let traceID = parentSpan?.traceID ?? .random()
        let inherited = parentSpan?.localTrace
        let trace = inherited ?? LocalTrace(traceID: traceID, store: store)
        // The parent's span context is read once and the child's is made here, not read back out
        // of the new context: each read is a dictionary lookup and a dynamic cast.
        let spanContext = W3CTracer.childSpanContext(of: parentSpan, traceID: traceID, localTrace: trace)
        var context = parent
        context.w3cSpanContext = spanContext
        let identity = SpanIdentity(traceID: traceID, spanID: spanContext.spanID)
        return RecordingSpan(
            base: nil, context: context, store: store, localTrace: trace, isLocalRoot: inherited == nil,
            identity: identity, parentSpanID: parentSpan?.spanID, name: operationName, kind: kind,
            startNanoseconds: startNanoseconds, attributes: attributes, forwardsToBase: false)
    }

    /// The local trace a new span of the base tracer ends into: its parent's when that is of the same
    /// trace, otherwise a new one, of which the span is the root. `nil` for a span without ids
    /// (sampled out by the base).
    private func localTrace(parent: ServiceContext, identity: SpanIdentity?) -> (LocalTrace?, isRoot: Bool) {
        guard let identity else { return (nil, false) }
        if let trace = parent.localTrace, trace.traceID == identity.traceID { return (trace, false) }
        return (LocalTrace(traceID: identity.traceID, store: store), true)
    }

    @available(*, deprecated, message: "forwarded to the base tracer")
    package func forceFlush() {
        base.forceFlush()
    }

    package func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract
    ) where Extract.Carrier == Carrier {
        base.extract(carrier, into: &context, using: extractor)
    }

    package func inject<Carrier, Inject: Injector>(
        _ context: ServiceContext, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        base.inject(context, into: &carrier, using: injector)
    }

    /// Whether spans get their identity from PPT's W3C tracer (the embedded default, no collector),
    /// which propagates W3C trace context and nothing else.
    package var recordsW3CIdentity: Bool { identitySource == .w3c }

    /// Whether this tracer is the process-global one (`InstrumentationSystem`), which `ActiveTracer`
    /// falls back to anyway: then nothing needs to bind it to a task.
    package var isProcessGlobal: Bool {
        (ActiveTracer.processTracerIfBootstrapped as? RecordingTracer)?.store === store
    }

    /// The ids of the span a context belongs to, for this tracer's base.
    package func identity(of context: ServiceContext) -> SpanIdentity? {
        switch identitySource {
        case .w3c: Self.w3cIdentity(of: context)
        case .otel: Self.otelIdentity(of: context)
        }
    }

    static func w3cIdentity(of context: ServiceContext) -> SpanIdentity? {
        context.w3cSpanContext.map { SpanIdentity(traceID: $0.traceID, spanID: $0.spanID) }
    }

    static let otelMetadata = OTel.makeLoggingMetadataProvider()

    static func otelIdentity(of context: ServiceContext) -> SpanIdentity? {
        let metadata = ServiceContext.$current.withValue(context) { otelMetadata.get() }
        return identity(in: metadata)
    }

    /// The ids in `trace_id` / `span_id` metadata.
    static func identity(in metadata: Logger.Metadata) -> SpanIdentity? {
        guard let trace = metadata["trace_id"].flatMap({ TraceID(hex: $0.description) }),
            let span = metadata["span_id"].flatMap({ SpanID(hex: $0.description) })
        else { return nil }
        return SpanIdentity(traceID: trace, spanID: span)
    }
}
