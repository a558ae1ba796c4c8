import HTTPTypes
import Hummingbird
import Instrumentation
import PPTObservability
import Synchronization
import Tracing

/// Instruments every request in one layer: a server span, and the request metrics.
///
/// **Span** (with a `tracer`): continues the caller's trace when it sends a valid W3C `traceparent`
/// (passing its `tracestate` on). It is named `<METHOD> <route template>` (just `<METHOD>` when no
/// route matched) once the router has matched the request, and carries `http.request.method`,
/// `http.route`, `http.response.status_code` and `ppt.request_id`; never the concrete path, which
/// holds ids. 5xx responses mark it as an error. The handler runs with the span's context as the
/// task's `ServiceContext` (so log lines carry its ids, and database and outbound HTTP spans join
/// it), and with the tracer bound as `ActiveTracer` unless it is the process-global tracer anyway.
/// Hummingbird's own `TracingMiddleware` records `url.path` (with ids) and always uses the global
/// tracer, so PPT has this one.
///
/// **Metrics** (with `metrics`): `ppt_http_requests_total` and `ppt_http_request_duration_seconds`
/// by method, route template (`unmatched` when no route matched) and status class, and the admin
/// dashboard's `PerformanceWindow`. Errors count with the status they map to; anything that is not an
/// `HTTPResponseError` counts as 500.
///
/// One layer rather than two: each middleware is another async frame on every request, and both
/// need the same start time and status. Add it first, before `RequestIDMiddleware`, `ErrorMiddleware`
/// and any route.
package struct RequestInstrumentationMiddleware: RouterMiddleware {
    package typealias Context = AppRequestContext
    private let tracer: RecordingTracer?
    /// Whether requests bind `tracer` as their `ActiveTracer` (not when it is the global tracer anyway).
    private let bindsTracer: Bool
    private let metrics: PPTMetrics?
    private let spanShapes = RequestSpanShapes()
    /// Whether `tracer` reads nothing but W3C trace context headers (the embedded default).
    private let extractsTraceContextOnly: Bool

    /// Traces with `tracer` (the telemetry's: the process-global one in `ppt serve`) and records into
    /// `metrics`; either may be left out.
    package init(tracer: RecordingTracer?, metrics: PPTMetrics?) {
        self.tracer = tracer
        self.bindsTracer = tracer.map { !$0.isProcessGlobal } ?? false
        self.extractsTraceContextOnly = tracer?.recordsW3CIdentity ?? false
        self.metrics = metrics
    }

    /// The method for span names and attributes: a standard one as it is, anything else `_OTHER`
    /// (OpenTelemetry's HTTP conventions). A switch, not a set: no hashing on every request.
    private static func spanMethod(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .delete, .connect, .options, .trace, .patch: method.rawValue
        default: "_OTHER"
        }
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        guard let tracer else {
            do {
                let response = try await next(request, context)
                record(request, context: context, status: Int(response.status.code), started: started)
                return response
            } catch {
                record(request, context: context, status: Self.status(of: error), started: started)
                throw error
            }
        }
        var parent = ServiceContext.current ?? .topLevel
        // The embedded default's tracer reads nothing but `traceparent` (and `tracestate` with it):
        // without one there is nothing to extract, and the generic extraction is skipped.
        if !extractsTraceContextOnly || request.headers.contains(HTTPFieldsExtractor.traceParent) {
            tracer.extract(request.headers, into: &parent, using: HTTPFieldsExtractor())
        }
        let method = Self.spanMethod(request.method)
        let span = tracer.startSpan(method, context: parent, ofKind: .server, attributes: SpanAttributes())
        let response: Response
        do {
            if bindsTracer {
                response = try await ActiveTracer.$bound.withValue(tracer) {
                    try await ServiceContext.$current.withValue(span.context) { try await next(request, context) }
                }
            } else {
                response = try await ServiceContext.$current.withValue(span.context) { try await next(request, context) }
            }
        } catch {
            let status = Self.status(of: error)
            record(request, context: context, status: status, started: started)
            if status >= 500 { span.recordError(error) }
            end(span, method: method, route: context.endpointPath, status: status, requestID: nil)
            throw error
        }
        let status = Int(response.status.code)
        record(request, context: context, status: status, started: started)
        // The first field as it is: `HTTPFields`' subscript joins all fields of a name into a new string.
        let requestID = response.headers.first { $0.name == .requestID }?.value
        let route = context.endpointPath
        guard response.body.contentLength == nil else {
            end(span, method: method, route: route, status: status, requestID: requestID)
            return response
        }
        // A streamed body: the span lasts until it is written (or dropped).
        var streamed = response
        let body = response.body
        let ender = SpanEnder { [self] in end(span, method: method, route: route, status: status, requestID: requestID) }
        streamed.body = ResponseBody { writer in
            defer { ender.end() }
            try await body.write(writer)
        }
        return streamed
    }

    private static func status(of error: any Error) -> Int {
        (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500
    }

    private func record(_ request: Request, context: Context, status: Int, started: ContinuousClock.Instant) {
        // The router stores the matched template before any route middleware runs.
        metrics?.recordHTTPRequest(method: request.method.rawValue, route: context.endpointPath, status: status,
                                   duration: ContinuousClock.now - started)
    }

    /// Ends the span, named by its route, with its attributes and status. All but the request id are
    /// the same for every request of a method, route and status, so they are made once each; and on
    /// the embedded default they are only asked for when the trace store keeps the trace.
    private func end(_ span: RecordingSpan, method: String, route: String?, status: Int, requestID: String?) {
        span.endNow(failed: status >= 500) {
            let shape = spanShapes.shape(method: method, route: route, status: status)
            var attributes = shape.attributes
            if let requestID { attributes["ppt.request_id"] = requestID }
            return SpanDescription(name: shape.name, attributes: attributes, status: shape.status)
        }
    }
}

/// The name, attributes and status of request spans by method, route template and status.
private final class RequestSpanShapes: Sendable {
    struct Shape: Sendable {
        /// `<METHOD> <route template>`, `nil` when no route matched (the span keeps its method name).
        let name: String?
        /// All attributes but `ppt.request_id`, with room for it.
        let attributes: SpanAttributes
        let status: SpanStatus?
    }

    private struct Key: Hashable {
        let method: String
        let route: String?
        let status: Int
    }

    private let shapes = Mutex<[Key: Shape]>([:])

    func shape(method: String, route: String?, status: Int) -> Shape {
        let key = Key(method: method, route: route, status: status)
        if let shape = shapes.withLock({ $0[key] }) { return shape }
        let shape = Self.make(method: method, route: route, status: status)
        shapes.withLock { shapes in
            // Methods are folded and routes are the router's, so this stays small; the bound is a guard.
            if shapes.count >= 4096 { shapes.removeAll() }
            shapes[key] = shape
        }
        return shape
    }

    private static func make(method: String, route: String?, status: Int) -> Shape {
        let matched = route.flatMap { $0.isEmpty || $0 == "NotFound" ? nil : $0 }
        var attributes = [String: SpanAttribute](minimumCapacity: 5)
        attributes["http.request.method"] = .string(method)
        if let matched { attributes["http.route"] = .string(matched) }
        attributes["http.response.status_code"] = .int64(Int64(status))
        if status >= 500 { attributes["error.type"] = .string("\(status)") }
        return Shape(name: matched.map { "\(method) \($0)" }, attributes: SpanAttributes(attributes),
                     status: status >= 500 ? SpanStatus(code: .error) : nil)
    }
}

/// Ends a span once: after its streamed body is written, or when the body is dropped unwritten.
private final class SpanEnder: Sendable {
    private let ending: Mutex<(@Sendable () -> Void)?>

    init(_ ending: @escaping @Sendable () -> Void) { self.ending = Mutex(ending) }

    func end() {
        ending.withLock { ending in
            ending?()
            ending = nil
        }
    }

    deinit { end() }
}

/// Reads trace headers from Hummingbird request headers.
package struct HTTPFieldsExtractor: Extractor {
    /// An extractor.
    package init() {}

    package func extract(key: String, from headers: HTTPFields) -> String? {
        // The two keys every request is asked for are named once, not parsed from the string each time.
        let name: HTTPField.Name? = switch key {
        case TraceParent.headerName: Self.traceParent
        case TraceParent.stateHeaderName: Self.traceState
        default: HTTPField.Name(key)
        }
        return name.flatMap { headers[$0] }
    }

    /// `traceparent` (a constant and valid field name).
    static let traceParent = HTTPField.Name(TraceParent.headerName)!
    private static let traceState = HTTPField.Name(TraceParent.stateHeaderName)
}
