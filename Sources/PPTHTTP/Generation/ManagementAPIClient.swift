import AsyncHTTPClient
import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import PPTDomain
import PPTObservability

/// The management API as the Reality Portal calls it over HTTP where it needs management features
/// (DESIGN §2). Calls go through `TracedHTTPClient`, so each has a client span and carries its
/// `traceparent`: one user action spans both services in one trace.
package struct ManagementAPIClient: Sendable {
    /// The management API's base URL without a trailing slash, e.g. `http://127.0.0.1:8080`.
    package let baseURL: String
    private let http: TracedHTTPClient
    private let timeout: TimeAmount

    /// Request headers passed on to the management API; everything else stays at the portal.
    static let forwardedHeaders: [HTTPField.Name] = [
        .authorization, .contentType, .accept, .acceptLanguage, HTTPField.Name("Idempotency-Key")!, .requestID,
    ]
    /// Largest management response relayed.
    static let maxResponseBytes = 4 * 1024 * 1024

    /// Calls the management API at `baseURL`; generation waits up to `timeout` (a model may take a while).
    package init(baseURL: String, http: TracedHTTPClient = TracedHTTPClient(), timeout: TimeAmount = .seconds(180)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.http = http
        self.timeout = timeout
    }

    /// A relayed answer: the management API's status, content type and body, unchanged.
    package struct Relayed: Sendable {
        package var status: Int
        package var contentType: String?
        package var body: ByteBuffer
    }

    /// Sends `method path` (a path under `/api/v1`) with the forwardable `headers` and `body`, and
    /// returns the answer as it came. An unreachable management API is `portal.management_unavailable`.
    package func send(_ method: HTTPRequest.Method, path: String, headers: HTTPFields, body: ByteBuffer?,
                      logger: Logger) async throws -> Relayed {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = HTTPMethod(rawValue: method.rawValue)
        for name in Self.forwardedHeaders {
            if let value = headers[name] { request.headers.replaceOrAdd(name: name.rawName, value: value) }
        }
        if let body { request.body = .bytes(body) }
        do {
            let response = try await http.execute(request, timeout: timeout, logger: logger)
            let collected = try await response.body.collect(upTo: Self.maxResponseBytes)
            return Relayed(status: Int(response.status.code), contentType: response.headers.first(name: "content-type"),
                           body: collected)
        } catch {
            logger.warning("management API call failed", metadata: [
                "error.type": "\(type(of: error))", "ppt.management_url": "\(baseURL)",
            ])
            throw DomainError(code: "portal.management_unavailable", kind: .unavailable,
                              message: "The management service is not reachable; try again shortly.")
        }
    }
}
