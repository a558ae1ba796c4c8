import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Tracing

/// Outbound HTTP with a client span `HTTP <METHOD>` and the W3C `traceparent` (and `tracestate`)
/// of that span on the request, so the called service continues the trace.
///
/// Span attributes: `http.request.method`, `server.address`, `server.port`,
/// `http.response.status_code` (4xx and 5xx mark an error, as OpenTelemetry asks of client spans),
/// `error.type` when the call fails. The URL's path and query are not recorded (they hold ids and
/// sometimes secrets). The span covers the call until the response head arrives; the body is
/// streamed by the caller afterwards.
///
/// AsyncHTTPClient traces by itself when its configuration has a tracer, which by default is the
/// process-global one at the time the client is made; it would record the full URL and add a second
/// `traceparent`. So the client used here must have `configuration.tracing.tracer = nil`:
/// `TracedHTTPClient.makeHTTPClient(configuration:)` makes one, and the default is a shared one.
package struct TracedHTTPClient: Sendable {
    /// The underlying client.
    package let client: HTTPClient
    private let tracer: (any Tracer)?

    /// Calls through `client` (default: a process-wide client without AsyncHTTPClient tracing);
    /// spans go to `tracer` (default: the calling task's `ActiveTracer`).
    package init(client: HTTPClient = TracedHTTPClient.sharedClient, tracer: (any Tracer)? = nil) {
        self.client = client
        self.tracer = tracer
    }

    /// A process-wide client with AsyncHTTPClient's own tracing off; never shut down.
    package static let sharedClient: HTTPClient = makeHTTPClient()

    /// A client with AsyncHTTPClient's own tracing off; shut it down when done.
    package static func makeHTTPClient(configuration: HTTPClient.Configuration = .init()) -> HTTPClient {
        var configuration = configuration
        configuration.tracing.tracer = nil
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Sends `request` and returns the response head (stream or collect its body afterwards).
    package func execute(_ request: HTTPClientRequest, timeout: TimeAmount, logger: Logger? = nil) async throws
        -> HTTPClientResponse
    {
        try await execute(request, deadline: .now() + timeout, logger: logger)
    }

    /// Sends `request` and returns the response head (stream or collect its body afterwards).
    package func execute(_ request: HTTPClientRequest, deadline: NIODeadline, logger: Logger? = nil) async throws
        -> HTTPClientResponse
    {
        let tracer = self.tracer ?? ActiveTracer.current
        let method = request.method.rawValue
        let span = tracer.startSpan("HTTP \(method)", context: ServiceContext.current ?? .topLevel, ofKind: .client)
        var attributes = span.attributes
        attributes["http.request.method"] = method
        if let components = URLComponents(string: request.url), let host = components.host {
            attributes["server.address"] = host
            attributes["server.port"] = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        }
        span.attributes = attributes
        var request = request
        tracer.inject(span.context, into: &request.headers, using: HTTPHeadersInjector())
        do {
            let response = try await client.execute(request, deadline: deadline, logger: logger)
            let status = Int(response.status.code)
            span.attributes["http.response.status_code"] = status
            if status >= 400 {
                span.attributes["error.type"] = "\(status)"
                span.setStatus(SpanStatus(code: .error))
            }
            span.end()
            return response
        } catch {
            span.attributes["error.type"] = String(describing: type(of: error))
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
            span.end()
            throw error
        }
    }
}

/// Writes trace headers into AsyncHTTPClient request headers, replacing any already there.
struct HTTPHeadersInjector: Injector {
    func inject(_ value: String, forKey name: String, into headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: name, value: value)
    }
}
