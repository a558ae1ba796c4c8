import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import PPTObservability

/// Sends provider requests: a client span per request (via `TracedHTTPClient`), non-2xx answers
/// turned into `LLMProviderError` with the retry hints, transport failures classified.
package struct LLMTransport: Sendable {
    private let http: TracedHTTPClient
    private let requestTimeout: TimeAmount

    /// Calls through `http`; `requestTimeout` bounds the wait for a response head.
    package init(http: TracedHTTPClient, requestTimeout: TimeAmount = .seconds(600)) {
        self.http = http
        self.requestTimeout = requestTimeout
    }

    /// Parses a provider's error body into its type and message.
    package typealias ErrorParser = @Sendable (_ status: Int, _ body: ByteBuffer) -> (type: String?, message: String)

    /// Sends a request and returns the 2xx response (its body not yet read).
    package func send(_ method: HTTPMethod, url: String, headers: HTTPHeaders, body: ByteBuffer?,
                      parseError: ErrorParser) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        if let body { request.body = .bytes(body) }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: requestTimeout)
        } catch {
            throw Self.map(error)
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let bytes = (try? await response.body.collect(upTo: 64 * 1024)) ?? ByteBuffer()
            let parsed = parseError(status, bytes)
            throw LLMProviderError(
                kind: .http, status: status, providerType: parsed.type, message: parsed.message,
                retryAfter: Self.retryAfter(response.headers), shouldRetryHeader: Self.shouldRetry(response.headers))
        }
        return response
    }

    /// Sends a request and collects a JSON answer (at most 32 MiB).
    package func sendForBody(_ method: HTTPMethod, url: String, headers: HTTPHeaders, body: ByteBuffer?,
                             parseError: ErrorParser) async throws -> ByteBuffer {
        let response = try await send(method, url: url, headers: headers, body: body, parseError: parseError)
        do {
            return try await response.body.collect(upTo: 32 * 1024 * 1024)
        } catch {
            throw Self.map(error)
        }
    }

    /// The delay the provider asked for: `retry-after-ms` (milliseconds) first, then `retry-after`
    /// (seconds, fractional allowed, or an HTTP date).
    package static func retryAfter(_ headers: HTTPHeaders, now: Date = Date()) -> Duration? {
        if let text = headers.first(name: "retry-after-ms"), let ms = Double(text), ms.isFinite, ms >= 0 {
            return .milliseconds(ms)
        }
        guard let text = headers.first(name: "retry-after")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 { return .milliseconds(seconds * 1000) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return .milliseconds(max(0, date.timeIntervalSince(now)) * 1000)
    }

    private static func shouldRetry(_ headers: HTTPHeaders) -> Bool? {
        switch headers.first(name: "x-should-retry")?.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// Classifies a transport failure; cancellation stays `CancellationError`.
    package static func map(_ error: any Error) -> any Error {
        if error is CancellationError || error is LLMProviderError { return error }
        if let error = error as? HTTPClientError {
            if error == .cancelled { return CancellationError() }
            if [.readTimeout, .deadlineExceeded, .connectTimeout, .writeTimeout].contains(error) {
                return LLMProviderError(kind: .timeout, message: "The provider did not answer in time.")
            }
            if [.invalidURL, .emptyHost, .emptyScheme].contains(error) {
                return LLMProviderError(kind: .configuration, message: "The provider's base URL is not usable.")
            }
            return LLMProviderError(kind: .connection, message: "Connection to the provider failed (\(error)).")
        }
        if Task.isCancelled { return CancellationError() }
        return LLMProviderError(kind: .connection, message: "Connection to the provider failed (\(type(of: error))).")
    }

    /// JSON-encodes a request body.
    package static func encode(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return ByteBuffer(data: try encoder.encode(value))
    }

    /// Joins a base URL and a path without doubling the slash.
    package static func join(_ base: String, _ path: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }
}
