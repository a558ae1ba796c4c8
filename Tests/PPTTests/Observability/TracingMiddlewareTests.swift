import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PPTDomain
import PPTHTTP
import PPTObservability
import Testing
import Tracing

@Suite("Tracing: HTTP server spans")
struct TracingMiddlewareTests {
    static func withRouter(
        _ store: TraceStore, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestInstrumentationMiddleware(tracer: RecordingTracer(store: store), metrics: nil))
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.get("items/:itemID") { _, _ in "ok" }
        router.get("broken/:itemID") { _, _ -> String in throw CancellationError() }
        router.get("missing/:itemID") { _, _ -> String in throw APIError(DomainError.notFound("item")) }
        router.get("stream/:itemID") { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                try await Task.sleep(for: .milliseconds(30))
                try await writer.write(ByteBuffer(string: "streamed"))
                try await writer.finish(nil)
            })
        }
        try await Application(router: router, logger: TracingTestSupport.logger).test(.router, body)
    }

    static func only(_ store: TraceStore) throws -> RecordedSpan {
        let summary = try #require(store.recentTraces(limit: 10).first)
        #expect(store.recentTraces(limit: 10).count == 1)
        let traceID = try #require(TraceID(hex: summary.traceID))
        return try #require(store.spans(of: traceID)?.first)
    }

    @Test("a request span is named by method and route template, never by the concrete path")
    func namesByRoute() async throws {
        let store = TraceStore()
        try await Self.withRouter(store) { client in
            let status = try await client.execute(uri: "/items/4f1c2a", method: .get) { $0.status }
            #expect(status == .ok)
        }
        let span = try Self.only(store)
        #expect(span.name == "GET /items/{itemID}" && span.kind == .server)
        #expect(span.attributes.get("http.route") == .string("/items/{itemID}"))
        #expect(span.attributes.get("http.request.method") == .string("GET"))
        #expect(span.attributes.get("http.response.status_code") == .int64(200))
        #expect(span.attributes.get("ppt.request_id") != nil)
        #expect(span.attributes.get("url.path") == nil)
        #expect(!span.isError)
    }

    @Test("5xx marks the span as an error, 4xx does not")
    func errorStatus() async throws {
        let failing = TraceStore()
        try await Self.withRouter(failing) { client in
            _ = try await client.execute(uri: "/broken/1", method: .get) { $0.status }
        }
        let failed = try Self.only(failing)
        #expect(failed.attributes.get("http.response.status_code") == .int64(503))
        #expect(failed.isError)

        let missing = TraceStore()
        try await Self.withRouter(missing) { client in
            let status = try await client.execute(uri: "/missing/1", method: .get) { $0.status }
            #expect(status == .notFound)
        }
        let notFound = try Self.only(missing)
        #expect(notFound.name == "GET /missing/{itemID}" && !notFound.isError)

        let unmatched = TraceStore()
        try await Self.withRouter(unmatched) { client in
            _ = try await client.execute(uri: "/nowhere/at/all", method: .get) { $0.status }
        }
        let noRoute = try Self.only(unmatched)
        #expect(noRoute.name == "GET" && noRoute.attributes.get("http.route") == nil)
    }

    @Test("under a rate of none, a failed request's whole trace is kept and an ordinary one's is not")
    func retention() async throws {
        let store = TraceStore(retention: TraceRetention(slowThreshold: .seconds(10), ordinaryPerSecond: 0))
        try await Self.withRouter(store) { client in
            _ = try await client.execute(uri: "/items/1", method: .get) { $0.status }
            _ = try await client.execute(uri: "/missing/1", method: .get) { $0.status }
            _ = try await client.execute(uri: "/broken/1", method: .get) { $0.status }
        }
        let failed = try Self.only(store)
        #expect(failed.name == "GET /broken/{itemID}" && failed.isError)
        #expect(store.counts.passedOver == 2)
    }

    @Test("a streamed response's span lasts until its body is written")
    func streamedBody() async throws {
        let store = TraceStore()
        try await Self.withRouter(store) { client in
            let body = try await client.execute(uri: "/stream/1", method: .get) { String(buffer: $0.body) }
            #expect(body == "streamed")
        }
        let span = try Self.only(store)
        #expect(span.name == "GET /stream/{itemID}")
        #expect(span.endNanoseconds - span.startNanoseconds >= 30_000_000)
    }
}
