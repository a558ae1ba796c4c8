import Foundation
import Logging
import PPTObservability
import Testing
import Tracing

@Suite("Tracing: trace store and recording tracer")
struct TracingStoreTests {
    static func span(_ trace: TraceID, _ id: UInt64, parent: UInt64? = nil, name: String = "op",
                     start: UInt64 = 1_000_000_000, end: UInt64 = 2_000_000_000, error: Bool = false) -> RecordedSpan {
        RecordedSpan(traceID: trace, spanID: SpanID(id)!, parentSpanID: parent.flatMap(SpanID.init), name: name,
                     kind: .internal, startNanoseconds: start, endNanoseconds: end,
                     status: error ? SpanStatus(code: .error, message: "boom") : nil)
    }

    @Test("beyond the trace limit the least recently active whole trace is evicted")
    func evictsOldestTraces() {
        let store = TraceStore(maxTraces: 3, maxSpans: 100)
        let traces = (0..<4).map { _ in TraceID.random() }
        for trace in traces.prefix(3) {
            store.record(Self.span(trace, 1))
            store.record(Self.span(trace, 2, parent: 1))
        }
        store.record(Self.span(traces[0], 3, parent: 1))  // trace 0 is active again
        store.record(Self.span(traces[3], 1))
        #expect(store.spans(of: traces[1]) == nil, "the least recently active trace went")
        #expect(store.spans(of: traces[0])?.count == 3)
        #expect(store.spans(of: traces[2])?.count == 2)
        #expect(store.spans(of: traces[3])?.count == 1)
        #expect(store.counts.traces == 3 && store.counts.spans == 6)
    }

    @Test("beyond the span limit whole traces are evicted, and one trace cannot exceed it")
    func evictsBySpanCount() {
        let store = TraceStore(maxTraces: 100, maxSpans: 5)
        let first = TraceID.random()
        let second = TraceID.random()
        for id in 1...3 { store.record(Self.span(first, UInt64(id))) }
        for id in 1...3 { store.record(Self.span(second, UInt64(id))) }
        #expect(store.spans(of: first) == nil, "evicted whole, not span by span")
        #expect(store.spans(of: second)?.count == 3)
        for id in 4...9 { store.record(Self.span(second, UInt64(id))) }
        #expect(store.spans(of: second)?.count == 5)
        #expect(store.counts.dropped == 4)
        for round in 0..<3000 { store.record(Self.span(TraceID.random(), UInt64(round + 1))) }
        #expect(store.counts.spans <= 5 && store.counts.traces <= 5)
    }

    @Test("recent traces are summarised newest first with root, duration, span count and error flag")
    func summaries() throws {
        let store = TraceStore()
        let old = TraceID.random()
        let new = TraceID.random()
        store.record(Self.span(old, 1, name: "GET /a", start: 1_000_000_000, end: 1_500_000_000))
        store.record(Self.span(new, 2, parent: 1, name: "db select faults", start: 3_100_000_000, end: 3_200_000_000,
                               error: true))
        store.record(Self.span(new, 1, name: "GET /b", start: 3_000_000_000, end: 3_250_000_000))
        let recent = store.recentTraces(limit: 10)
        #expect(recent.map(\.traceID) == [new.description, old.description])
        let summary = try #require(recent.first)
        #expect(summary.rootName == "GET /b")
        #expect(summary.spanCount == 2 && summary.hasError)
        #expect(summary.durationMs == 250)
        #expect(summary.start == Date(timeIntervalSince1970: 3))
        #expect(store.recentTraces(limit: 1).count == 1)
    }

    @Test("a trace becomes a tree: children nested under parents, offsets from the trace start")
    func tree() throws {
        let trace = TraceID.random()
        let remoteParent: UInt64 = 0xABC
        let spans = [
            Self.span(trace, 3, parent: 2, name: "db select units", start: 1_020_000_000, end: 1_030_000_000),
            Self.span(trace, 4, parent: 1, name: "HTTP GET", start: 1_040_000_000, end: 1_090_000_000),
            Self.span(trace, 2, parent: 1, name: "db select buildings", start: 1_010_000_000, end: 1_035_000_000),
            Self.span(trace, 1, parent: remoteParent, name: "GET /api/v1/orgs/{orgID}", start: 1_000_000_000,
                      end: 1_100_000_000),
        ]
        let detail = try #require(TraceDetail(spans: spans))
        #expect(detail.roots.count == 1, "the remote parent is not in the trace, so the server span is the root")
        let root = try #require(detail.roots.first)
        #expect(root.name == "GET /api/v1/orgs/{orgID}" && root.startOffsetMs == 0 && root.durationMs == 100)
        #expect(root.parentSpanID == SpanID(remoteParent)?.description)
        #expect(root.children.map(\.name) == ["db select buildings", "HTTP GET"], "children ordered by start")
        let buildings = root.children[0]
        #expect(buildings.startOffsetMs == 10 && buildings.durationMs == 25)
        #expect(buildings.children.map(\.name) == ["db select units"])
        #expect(buildings.children[0].startOffsetMs == 20)
        #expect(detail.spanCount == 4 && detail.durationMs == 100)
    }

    @Test("the recording tracer records name, kind, parent, attributes, status and errors of finished spans")
    func recordingTracer() throws {
        let store = TraceStore()
        let tracer = RecordingTracer(store: store)
        let root = tracer.startSpan("GET", context: .topLevel, ofKind: .server, at: FixedInstant(nanosecondsSinceEpoch: 5_000_000_000))
        root.operationName = "GET /api/v1/me"
        root.attributes["http.response.status_code"] = 500
        let child = tracer.startSpan("db select users", context: root.context, ofKind: .client,
                                     at: FixedInstant(nanosecondsSinceEpoch: 5_001_000_000))
        struct Boom: Error {}
        child.recordError(Boom())
        child.setStatus(SpanStatus(code: .error))
        child.end(at: FixedInstant(nanosecondsSinceEpoch: 5_002_000_000))
        child.end(at: FixedInstant(nanosecondsSinceEpoch: 5_009_000_000))
        #expect(store.counts.spans == 0, "a finished span waits for its trace's root")
        root.end(at: FixedInstant(nanosecondsSinceEpoch: 5_010_000_000))
        #expect(store.counts.spans == 2, "only finished spans are recorded, and only once")

        let identity = try #require(root.spanIdentity)
        let spans = try #require(store.spans(of: identity.traceID))
        #expect(spans.count == 2)
        let recordedRoot = try #require(spans.first { $0.name == "GET /api/v1/me" })
        let recordedChild = try #require(spans.first { $0.name == "db select users" })
        #expect(recordedRoot.parentSpanID == nil && recordedRoot.kind == .server)
        #expect(recordedRoot.attributes.get("http.response.status_code") == .int64(500))
        #expect(recordedChild.parentSpanID == identity.spanID && recordedChild.kind == .client)
        #expect(recordedChild.isError)
        #expect(recordedChild.events.first?.name == "exception")
        #expect(recordedChild.endNanoseconds - recordedChild.startNanoseconds == 1_000_000)
        let detail = try #require(TraceDetail(spans: spans))
        #expect(detail.roots.first?.children.first?.events.first?.attributes["exception.type"] == .string("Boom"))
    }

    @Test("log lines inside a span carry its trace and span ids")
    func loggingMetadata() throws {
        let tracer = RecordingTracer(store: TraceStore())
        #expect(ServiceContext.$current.withValue(nil) { RecordingTracer.loggingMetadataProvider.get() }.isEmpty)
        let span = tracer.startSpan("job send-email", context: .topLevel)
        let identity = try #require(span.spanIdentity)
        let metadata = ServiceContext.$current.withValue(span.context) { RecordingTracer.loggingMetadataProvider.get() }
        #expect(metadata["trace_id"] == .string(identity.traceID.description))
        #expect(metadata["span_id"] == .string(identity.spanID.description))
        let current = ServiceContext.$current.withValue(span.context) { RecordingTracer.currentSpanIdentity() }
        #expect(current == identity)
        span.end()
    }
}
