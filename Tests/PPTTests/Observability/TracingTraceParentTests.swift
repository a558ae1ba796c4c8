import PPTObservability
import Testing
import Tracing

@Suite("Tracing: W3C traceparent")
struct TracingTraceParentTests {
    static let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test("a version 00 header gives its trace id, parent id and sampled flag")
    func parsesVersion00() throws {
        let parent = try #require(TraceParent(Self.valid))
        #expect(parent.traceID.description == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(parent.parentID.description == "00f067aa0ba902b7")
        #expect(parent.isSampled)
        #expect(parent.headerValue == Self.valid)
        let unsampled = try #require(TraceParent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"))
        #expect(!unsampled.isSampled)
        #expect(TraceParent("  \(Self.valid)\t")?.traceID == parent.traceID, "surrounding whitespace is allowed")
    }

    @Test("invalid headers are ignored", arguments: [
        "",
        "00",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // version ff is forbidden
        "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // version not hex
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // upper-case trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",  // upper-case parent id
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // all-zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  // all-zero parent id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",  // version 00 has no extra fields
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",  // short trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01",  // short parent id
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",  // wrong separators
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x",  // flags not hex
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",  // a later version must continue with "-"
    ])
    func rejectsInvalid(header: String) {
        #expect(TraceParent(header) == nil)
    }

    @Test("a later version is read as version 00, ignoring appended fields")
    func acceptsFutureVersions() throws {
        let parent = try #require(TraceParent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-what-the-future"))
        #expect(parent.traceID.description == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(parent.headerValue == Self.valid, "sent on as version 00 with only the sampled flag")
    }

    @Test("ids parse only from lowercase hex of the right length and are never zero")
    func identifiers() {
        #expect(TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")?.description == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(TraceID(hex: String(repeating: "0", count: 32)) == nil)
        #expect(TraceID(hex: "4bf92f3577b34da6") == nil)
        #expect(SpanID(hex: "00f067aa0ba902b7")?.value == 0x00f0_67aa_0ba9_02b7)
        #expect(SpanID(hex: "00f067aa0ba902bz") == nil)
        #expect(SpanID(0) == nil)
        let ids = Set((0..<100).map { _ in TraceID.random() })
        #expect(ids.count == 100)
        #expect(TraceID.random().description.count == 32 && SpanID.random().description.count == 16)
    }

    @Test("tracestate is passed on only when printable and short enough")
    func traceState() {
        #expect(TraceParent.traceState(" rojo=00f067aa0ba902b7,congo=t61rcWkgMzE ") == "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
        #expect(TraceParent.traceState("") == nil)
        #expect(TraceParent.traceState(nil) == nil)
        #expect(TraceParent.traceState("a=1\r\nInjected: yes") == nil)
        #expect(TraceParent.traceState(String(repeating: "a", count: 513)) == nil)
    }

    @Test("the W3C tracer continues an extracted trace and injects its own span as the parent")
    func extractAndInject() throws {
        let tracer = W3CTracer()
        var context = ServiceContext.topLevel
        tracer.extract(["traceparent": Self.valid, "tracestate": "vendor=x"], into: &context, using: DictionaryCarrier())
        let remote = try #require(context.w3cSpanContext)
        #expect(remote.isRemote && remote.parentSpanID == nil)

        let span = tracer.startSpan("work", context: context)
        let local = try #require(span.context.w3cSpanContext)
        #expect(local.traceID == remote.traceID)
        #expect(local.parentSpanID == remote.spanID)
        #expect(local.spanID != remote.spanID)
        #expect(!local.isRemote)

        var headers: [String: String] = [:]
        tracer.inject(span.context, into: &headers, using: DictionaryCarrier())
        #expect(headers["traceparent"] == "00-4bf92f3577b34da6a3ce929d0e0e4736-\(local.spanID)-01")
        #expect(headers["tracestate"] == "vendor=x")
    }

    @Test("an invalid traceparent starts a new trace and drops its tracestate")
    func invalidHeaderStartsNewTrace() throws {
        let tracer = W3CTracer()
        var context = ServiceContext.topLevel
        tracer.extract(["traceparent": "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "tracestate": "v=1"],
                       into: &context, using: DictionaryCarrier())
        #expect(context.w3cSpanContext == nil)
        let span = tracer.startSpan("root", context: context)
        let root = try #require(span.context.w3cSpanContext)
        #expect(root.parentSpanID == nil && root.traceState == nil && root.flags == 1)
        var headers: [String: String] = [:]
        tracer.inject(ServiceContext.topLevel, into: &headers, using: DictionaryCarrier())
        #expect(headers.isEmpty, "no span, no header")
    }
}

/// Trace headers in a dictionary.
struct DictionaryCarrier: Extractor, Injector {
    func extract(key: String, from carrier: [String: String]) -> String? { carrier[key] }
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) { carrier[key] = value }
}
