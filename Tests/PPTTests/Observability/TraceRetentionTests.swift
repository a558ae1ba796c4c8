import Instrumentation
import PPTObservability
import Testing
import Tracing

@Suite("Tracing: which traces the store keeps")
struct TraceRetentionTests {
    struct Boom: Error {}

    /// One local trace: a server span from `start` lasting `milliseconds`, with a child span (failed
    /// when `fails`) and a query leaf inside it. Returns its trace id.
    @discardableResult
    static func trace(_ tracer: RecordingTracer, second: UInt64, milliseconds: UInt64 = 10, fails: Bool = false,
                      parent: ServiceContext = .topLevel) throws -> TraceID {
        let start = second * 1_000_000_000
        let root = tracer.startSpan("GET /things", context: parent, ofKind: .server, at: FixedInstant(nanosecondsSinceEpoch: start))
        let child = tracer.startSpan("render", context: root.context, ofKind: .internal,
                                     at: FixedInstant(nanosecondsSinceEpoch: start + 1_000_000))
        if fails {
            child.recordError(Boom())
            child.setStatus(SpanStatus(code: .error))
        }
        child.end(at: FixedInstant(nanosecondsSinceEpoch: start + 2_000_000))
        let leaf = try #require(tracer.startLeafSpan("db select things", context: root.context, ofKind: .client,
                                                     attributes: [:]))
        leaf.end()
        root.end(at: FixedInstant(nanosecondsSinceEpoch: start + milliseconds * 1_000_000))
        return try #require(root.spanIdentity).traceID
    }

    @Test("failed and slow traces are always kept, the others up to the rate in each second")
    func rate() throws {
        let store = TraceStore(retention: TraceRetention(slowThreshold: .milliseconds(100), ordinaryPerSecond: 2))
        let tracer = RecordingTracer(store: store)
        let first = try Self.trace(tracer, second: 5)
        let second = try Self.trace(tracer, second: 5)
        let third = try Self.trace(tracer, second: 5)
        let slow = try Self.trace(tracer, second: 5, milliseconds: 150)
        let failed = try Self.trace(tracer, second: 5, fails: true)
        let nextSecond = try Self.trace(tracer, second: 6)
        #expect(store.spans(of: first)?.count == 3 && store.spans(of: second)?.count == 3)
        #expect(store.spans(of: third) == nil, "the third ordinary trace of the second is passed over")
        #expect(store.spans(of: slow)?.count == 3)
        #expect(store.spans(of: failed)?.count == 3)
        #expect(store.spans(of: nextSecond)?.count == 3, "a new second, a new allowance")
        #expect(store.counts.passedOver == 1 && store.counts.traces == 5)
    }

    @Test("a rate of zero keeps only failed and slow traces; no rate keeps every trace")
    func extremes() throws {
        let strict = TraceStore(retention: TraceRetention(slowThreshold: .milliseconds(100), ordinaryPerSecond: 0))
        let strictTracer = RecordingTracer(store: strict)
        try Self.trace(strictTracer, second: 7)
        let failed = try Self.trace(strictTracer, second: 7, fails: true)
        #expect(strict.recentTraces(limit: 10).map(\.traceID) == [failed.description])
        #expect(strict.counts.passedOver == 1)

        let everything = TraceStore()
        let tracer = RecordingTracer(store: everything)
        for _ in 0..<20 { try Self.trace(tracer, second: 7) }
        #expect(everything.counts.traces == 20 && everything.counts.passedOver == 0)
    }

    @Test("a trace's spans wait for its root, then are kept or passed over together")
    func heldUntilRootEnds() throws {
        let store = TraceStore(retention: TraceRetention(slowThreshold: .seconds(10), ordinaryPerSecond: 0))
        let tracer = RecordingTracer(store: store)
        let root = tracer.startSpan("job", context: .topLevel, ofKind: .consumer)
        let leaf = try #require(tracer.startLeafSpan("db update jobs", context: root.context, ofKind: .client,
                                                     attributes: [:]))
        leaf.end(error: Boom())
        let child = tracer.startSpan("send", context: root.context, ofKind: .client)
        child.end()
        #expect(store.counts.spans == 0)
        root.end()
        let traceID = try #require(root.spanIdentity).traceID
        let spans = try #require(store.spans(of: traceID))
        #expect(Set(spans.map(\.name)) == ["job", "db update jobs", "send"], "the failed query keeps the whole trace")
    }

    @Test("after its root ended, a kept trace takes late spans; a passed-over one takes only failed ones")
    func lateSpans() throws {
        let all = TraceStore()
        let allTracer = RecordingTracer(store: all)
        let keptRoot = allTracer.startSpan("GET /stream", context: .topLevel, ofKind: .server)
        let lateInKept = allTracer.startSpan("flush", context: keptRoot.context, ofKind: .internal)
        keptRoot.end()
        lateInKept.end()
        #expect(all.spans(of: try #require(keptRoot.spanIdentity).traceID)?.count == 2)

        let strict = TraceStore(retention: TraceRetention(slowThreshold: .seconds(10), ordinaryPerSecond: 0))
        let tracer = RecordingTracer(store: strict)
        let root = tracer.startSpan("GET /stream", context: .topLevel, ofKind: .server)
        let ordinary = tracer.startSpan("flush", context: root.context, ofKind: .internal)
        let failing = tracer.startSpan("notify", context: root.context, ofKind: .internal)
        root.end()
        let traceID = try #require(root.spanIdentity).traceID
        ordinary.end()
        #expect(strict.spans(of: traceID) == nil)
        failing.setStatus(SpanStatus(code: .error))
        failing.end()
        #expect(strict.spans(of: traceID)?.map(\.name) == ["notify"], "the failure is kept, even without the rest")
    }

    @Test("a second part of a trace already kept (a remote parent in this process) is kept past the rate")
    func otherPartOfKeptTrace() throws {
        let store = TraceStore(retention: TraceRetention(slowThreshold: .seconds(10), ordinaryPerSecond: 1))
        let tracer = RecordingTracer(store: store)
        let portal = try Self.trace(tracer, second: 9)
        try Self.trace(tracer, second: 9)
        #expect(store.counts.passedOver == 1, "the second's allowance is used up")
        var remote = ServiceContext.topLevel
        remote.w3cSpanContext = W3CSpanContext(traceID: portal, spanID: .random(), parentSpanID: nil, flags: 1,
                                               traceState: nil, isRemote: true)
        let api = try Self.trace(tracer, second: 9, parent: remote)
        #expect(api == portal)
        #expect(store.spans(of: portal)?.count == 6, "both parts: three spans each")
    }

    @Test("ordinary traces are evicted before failed or slow ones, which go least recently active first")
    func evictsOrdinaryFirst() {
        let store = TraceStore(maxTraces: 3, maxSpans: 100)
        let failed = TraceID.random()
        store.record(TracingStoreTests.span(failed, 1, error: true))
        let ordinary = (0..<3).map { _ in TraceID.random() }
        for trace in ordinary { store.record(TracingStoreTests.span(trace, 1)) }
        #expect(store.spans(of: failed) != nil, "the oldest trace, but a failed one")
        #expect(store.spans(of: ordinary[0]) == nil)
        #expect(store.spans(of: ordinary[1]) != nil && store.spans(of: ordinary[2]) != nil)

        store.record(TracingStoreTests.span(ordinary[1], 2, parent: 1, error: true))  // fails later: notable
        let more = (0..<2).map { _ in TraceID.random() }
        for trace in more { store.record(TracingStoreTests.span(trace, 1)) }
        #expect(store.spans(of: failed) != nil && store.spans(of: ordinary[1])?.count == 2)
        #expect(store.spans(of: ordinary[2]) == nil && store.spans(of: more[0]) == nil)
        #expect(store.spans(of: more[1]) != nil)

        let laterFailures = (0..<2).map { _ in TraceID.random() }
        for trace in laterFailures { store.record(TracingStoreTests.span(trace, 1, error: true)) }
        #expect(store.spans(of: more[1]) == nil, "the last ordinary trace went first")
        #expect(store.spans(of: failed) == nil, "then the least recently active notable one")
        #expect(store.spans(of: ordinary[1]) != nil && laterFailures.allSatisfy { store.spans(of: $0) != nil })
        #expect(store.counts.traces == 3)
    }

    @Test("a slow trace is notable too: it outlasts ordinary ones")
    func slowIsNotable() throws {
        let store = TraceStore(maxTraces: 2, retention: TraceRetention(slowThreshold: .milliseconds(100), ordinaryPerSecond: nil))
        let tracer = RecordingTracer(store: store)
        let slow = try Self.trace(tracer, second: 3, milliseconds: 200)
        let ordinary = try (0..<3).map { _ in try Self.trace(tracer, second: 3) }
        #expect(store.spans(of: slow) != nil)
        #expect(store.spans(of: ordinary[2]) != nil && store.spans(of: ordinary[1]) == nil)
    }

    @Test("a root ended with a description is described only when its trace is kept")
    func describedOnlyWhenKept() throws {
        // Two stores, so no second boundary decides: one keeps every trace, one only failed ones.
        let store = TraceStore()
        let tracer = RecordingTracer(store: store)
        let strict = TraceStore(retention: TraceRetention(slowThreshold: .seconds(10), ordinaryPerSecond: 0))
        let strictTracer = RecordingTracer(store: strict)
        var descriptions = 0
        func end(_ span: RecordingSpan, failed: Bool) {
            span.endNow(failed: failed) {
                descriptions += 1
                return SpanDescription(name: "GET /things/{id}", attributes: ["http.response.status_code": 200],
                                       status: failed ? SpanStatus(code: .error) : nil)
            }
        }
        let kept = tracer.startSpan("GET", context: .topLevel, ofKind: .server, attributes: ["http.request.method": "GET"])
        let leaf = try #require(tracer.startLeafSpan("db select things", context: kept.context, ofKind: .client,
                                                     attributes: [:]))
        leaf.end()
        end(kept, failed: false)
        #expect(descriptions == 1)
        let keptTrace = try #require(kept.spanIdentity).traceID
        let keptSpans = try #require(store.spans(of: keptTrace))
        let root = try #require(keptSpans.first { $0.kind == .server })
        #expect(root.name == "GET /things/{id}" && keptSpans.count == 2)
        #expect(root.attributes.get("http.request.method") == .string("GET"))
        #expect(root.attributes.get("http.response.status_code") == .int64(200))

        let passedOver = strictTracer.startSpan("GET", context: .topLevel, ofKind: .server, attributes: [:])
        end(passedOver, failed: false)
        #expect(descriptions == 1, "a trace the store passes over is never described")
        let passedOverTrace = try #require(passedOver.spanIdentity).traceID
        #expect(strict.spans(of: passedOverTrace) == nil)
        #expect(strict.counts.passedOver == 1)

        let failed = strictTracer.startSpan("GET", context: .topLevel, ofKind: .server, attributes: [:])
        end(failed, failed: true)
        end(failed, failed: true)
        #expect(descriptions == 2, "a failed request is always kept, and a span ends once")
        let failedTrace = try #require(failed.spanIdentity).traceID
        let failedRoot = try #require(strict.spans(of: failedTrace)?.first)
        #expect(failedRoot.isError && failedRoot.name == "GET /things/{id}")
    }

    @Test("retention is configured by PPT_TRACE_STORE_SLOW_MS and PPT_TRACE_STORE_PER_SECOND")
    func configuration() {
        let defaults = TracingConfiguration(environment: [:]).storeRetention
        #expect(defaults == TraceRetention(slowThreshold: .milliseconds(500), ordinaryPerSecond: 50))
        let set = TracingConfiguration(environment: ["PPT_TRACE_STORE_SLOW_MS": "250", "PPT_TRACE_STORE_PER_SECOND": "0"])
        #expect(set.storeRetention == TraceRetention(slowThreshold: .milliseconds(250), ordinaryPerSecond: 0))
        let all = TracingConfiguration(environment: ["PPT_TRACE_STORE_PER_SECOND": "ALL"])
        #expect(all.storeRetention.ordinaryPerSecond == nil)
        let invalid = TracingConfiguration(environment: ["PPT_TRACE_STORE_SLOW_MS": "-3", "PPT_TRACE_STORE_PER_SECOND": "many"])
        #expect(invalid.storeRetention == defaults)
    }
}
