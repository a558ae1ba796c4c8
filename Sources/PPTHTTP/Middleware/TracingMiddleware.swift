import HTTPTypes
import Hummingbird
import Instrumentation
import PPTObservability
import Synchronization
import Tracing

/// Starts a server span for every request, continuing the caller's trace when it sends a valid W3C
/// `traceparent` (and passing its `tracestate` on).
///
/// The span is named `<METHOD> <route template>` (just `<METHOD>` when no route matched) once the
/// router has matched the request, and carries `http.request.method`, `http.route`,
/// `http.response.status_code` and `ppt.request_id`; never the concrete path, which holds ids.
/// 5xx responses mark it as an error. The handler runs with the span's context as the task's
/// `ServiceContext` (so log lines carry its ids) and with the tracer bound as `ActiveTracer`
/// (so database and outbound HTTP spans join it). Add it first, before `RequestIDMiddleware`.
///
/// Hummingbird's own `TracingMiddleware` records `url.path` (with ids) and always uses the global
/// tracer, so PPT has this one.
package struct TracingMiddleware: RouterMiddleware {
    package typealias Context = AppRequestContext
    private let tracer: any Tracer

    /// Traces with `tracer` (default: the process-global one).
    package init(tracer: any Tracer = InstrumentationSystem.tracer) {
        self.tracer = tracer
    }

    private static let knownMethods: Set<String> = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
    ]

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var parent = ServiceContext.current ?? .topLevel
        tracer.extract(request.headers, into: &parent, using: HTTPFieldsExtractor())
        let method = Self.knownMethods.contains(request.method.rawValue) ? request.method.rawValue : "_OTHER"
        let span = tracer.startSpan(method, context: parent, ofKind: .server)
        span.attributes["http.request.method"] = method
        let response: Response
        do {
            response = try await ActiveTracer.$bound.withValue(tracer) {
                try await ServiceContext.$current.withValue(span.context) {
                    try await next(request, context)
                }
            }
        } catch {
            let status = (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500
            finish(span, method: method, route: context.endpointPath, status: status, requestID: nil)
            if status >= 500 { span.recordError(error) }
            span.end()
            throw error
        }
        finish(span, method: method, route: context.endpointPath, status: Int(response.status.code),
               requestID: response.headers[.requestID])
        guard response.body.contentLength == nil else {
            span.end()
            return response
        }
        // A streamed body: the span lasts until it is written (or dropped).
        var streamed = response
        let body = response.body
        let ender = SpanEnder(span)
        streamed.body = ResponseBody { writer in
            defer { ender.end() }
            try await body.write(writer)
        }
        return streamed
    }

    private func finish(_ span: any Span, method: String, route: String?, status: Int, requestID: String?) {
        let matched = route.flatMap { $0.isEmpty || $0 == "NotFound" ? nil : $0 }
        var attributes = span.attributes
        if let matched {
            span.operationName = "\(method) \(matched)"
            attributes["http.route"] = matched
        }
        attributes["http.response.status_code"] = status
        if let requestID { attributes["ppt.request_id"] = requestID }
        if status >= 500 { attributes["error.type"] = "\(status)" }
        span.attributes = attributes
        if status >= 500 { span.setStatus(SpanStatus(code: .error)) }
    }
}

/// Ends a span once: after its streamed body is written, or when the body is dropped unwritten.
private final class SpanEnder: Sendable {
    private let span: Mutex<(any Span)?>

    init(_ span: any Span) { self.span = Mutex(span) }

    func end() {
        span.withLock { span in
            span?.end()
            span = nil
        }
    }

    deinit { end() }
}

/// Reads trace headers from Hummingbird request headers.
package struct HTTPFieldsExtractor: Extractor {
    /// An extractor.
    package init() {}

    package func extract(key: String, from headers: HTTPFields) -> String? {
        guard let name = HTTPField.Name(key) else { return nil }
        return headers[name]
    }
}
