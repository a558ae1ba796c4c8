import Instrumentation
import Synchronization

/// The spans of one trace that end in this process under one local root span (a request's server
/// span, a job's or a workflow step's span), held together until the root ends. Then the
/// `TraceStore` keeps them all or none (`TraceRetention`).
///
/// Holding a trace's spans here, rather than recording each into the store as it ends, means a
/// trace the store does not keep costs no store work at all, and its memory is freed at once, while
/// still in cache, instead of a thousand requests later. The root's span context carries the local
/// trace (`W3CSpanContext.localTrace`, or a context key of its own with another base tracer), so its
/// descendants find it.
package final class LocalTrace: Sendable {
    /// The trace all its spans belong to.
    package let traceID: TraceID
    private let store: TraceStore
    private let state: Mutex<State>

    private struct State {
        var spans: [RecordedSpan] = []
        var hasError = false
        var phase = Phase.open
    }

    private enum Phase {
        /// The root is still running: spans are held.
        case open
        /// The root has ended and the store admitted the trace, but the root's own span is not yet
        /// made (`commit(root:)`): spans are still held.
        case closing(TraceStore.Admission)
        /// The store kept the trace: later spans go straight to it.
        case kept
        /// The store passed over the trace: later spans are dropped, unless one failed.
        case dropped
    }

    /// A local trace of `traceID` whose spans end up in `store`.
    init(traceID: TraceID, store: TraceStore) {
        self.traceID = traceID
        self.store = store
        var state = State()
        // A request's trace is its server span and a few queries.
        state.spans.reserveCapacity(4)
        self.state = Mutex(state)
    }

    /// A span that ended under the root (not the root itself).
    ///
    /// While the root runs, the span is held (up to the store's per-trace span limit; beyond it, it
    /// is counted as dropped). After the root ended it goes to the store if the trace was kept; in a
    /// trace the store passed over, only a failed span is recorded: a part of a trace that shows an
    /// error is worth more than none.
    func add(_ span: RecordedSpan) {
        state.withLock { state in
            switch state.phase {
            case .open, .closing:
                guard state.spans.count < store.maxSpans else {
                    store.countDroppedSpan()
                    return
                }
                state.spans.append(span)
                if span.isError { state.hasError = true }
            case .kept:
                store.record(span)
            case .dropped:
                guard span.isError else { return }
                state.phase = .kept
                store.record(span)
            }
        }
    }

    /// Ends the trace with its `root`: the store keeps the spans held so far and the root, or none.
    func close(root: RecordedSpan) {
        if close(rootStart: root.startNanoseconds, rootEnd: root.endNanoseconds, rootFailed: root.isError) {
            commit(root: root)
        }
    }

    /// Ends the trace with a root that ran from `rootStart` to `rootEnd` (ns since 1970), before the
    /// root's span is made: returns whether the store keeps the trace, and then the caller makes
    /// the root's span and passes it to `commit(root:)`. A trace passed over lets its held spans go.
    func close(rootStart: UInt64, rootEnd: UInt64, rootFailed: Bool) -> Bool {
        state.withLock { state in
            // Only a second root with this trace (not made by `RecordingTracer`) finds it closed.
            guard case .open = state.phase else { return true }
            let admission = store.admit(traceID, rootStart: rootStart, rootEnd: rootEnd,
                                        hasError: state.hasError || rootFailed)
            guard admission != .passedOver else {
                state.phase = .dropped
                state.spans = []
                return false
            }
            state.phase = .closing(admission)
            return true
        }
    }

    /// Keeps the root of a trace `close(rootStart:rootEnd:rootFailed:)` admitted, with every span
    /// held until now.
    func commit(root: RecordedSpan) {
        state.withLock { state in
            guard case .closing(let admission) = state.phase else { return store.record(root) }
            var spans = state.spans
            state.spans = []
            spans.append(root)
            store.insert(spans, admission: root.isError ? .notable : admission)
            state.phase = .kept
        }
    }
}

private enum LocalTraceKey: ServiceContextKey {
    typealias Value = LocalTrace
    static var nameOverride: String? { "ppt-local-trace" }
}

extension ServiceContext {
    /// The local trace of the span this context belongs to, for spans of a base tracer other than
    /// PPT's W3C tracer (whose span context carries it: `W3CSpanContext.localTrace`). Set on a local
    /// root's context, inherited by its descendants.
    var localTrace: LocalTrace? {
        get { self[LocalTraceKey.self] }
        set { self[LocalTraceKey.self] = newValue }
    }
}
