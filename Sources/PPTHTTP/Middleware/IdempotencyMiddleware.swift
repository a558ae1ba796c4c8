import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PPTDomain
import PPTStorage

/// Honours `Idempotency-Key` on POST: the first response (2xx) is stored and replayed for retries
/// with the same body; a different body under the same key is a 422, a concurrent retry a 409.
package struct IdempotencyMiddleware: RouterMiddleware {
    package typealias Context = AppRequestContext
    private let store: IdempotencyStore
    /// Largest request body that is hashed (the document upload limit).
    private let maxRequestBody: Int
    /// Largest response body that is stored for replay.
    private let maxResponseBody = 1024 * 1024

    package init(store: IdempotencyStore, maxRequestBody: Int) {
        self.store = store
        self.maxRequestBody = maxRequestBody
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard request.method == .post, let key = request.headers[.idempotencyKey] else {
            return try await next(request, context)
        }
        guard (1...255).contains(key.count) else {
            throw APIError.badRequest("idempotency.invalid_key", "Idempotency-Key must be 1 to 255 characters.")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: max(context.maxUploadSize, maxRequestBody))
        } catch is NIOTooManyBytesError {
            throw APIError(status: .contentTooLarge, code: "request.too_large",
                           detail: "The request body is larger than \(maxRequestBody) bytes.")
        }
        let digest = SHA256.hash(data: Self.canonical(body, contentType: request.headers[.contentType]))
            .map { String(format: "%02x", $0) }.joined()
        let scope = "\(context.identity?.userID.rawValue ?? "anonymous") \(request.uri.path)"
        switch try await store.claim(scope: scope, key: key, requestHash: digest) {
        case .mismatch:
            throw APIError(status: .unprocessableContent, code: "idempotency.key_reused",
                           detail: "This Idempotency-Key was used with a different request body.")
        case .inProgress:
            throw APIError(status: .conflict, code: "idempotency.in_progress",
                           detail: "A request with this Idempotency-Key is still being processed.")
        case .replay(let stored):
            var headers: HTTPFields = [.contentType: stored.contentType]
            headers[HTTPField.Name("Idempotent-Replayed")!] = "true"
            return Response(status: .init(code: stored.status), headers: headers,
                            body: .init(byteBuffer: ByteBuffer(string: stored.body)))
        case .proceed:
            do {
                let response = try await next(request, context)
                // A stream is not replayable (and must not be buffered): the key is released.
                guard (200..<300).contains(response.status.code),
                      response.headers[.contentType]?.hasPrefix("text/event-stream") != true
                else {
                    try await store.finish(scope: scope, key: key, response: nil)
                    return response
                }
                var copy = response
                let buffer = try await copy.body.collect(upTo: maxResponseBody)
                try await store.finish(scope: scope, key: key, response: .init(
                    status: response.status.code, contentType: response.headers[.contentType] ?? "application/json",
                    body: String(buffer: buffer)))
                copy.body = .init(byteBuffer: buffer)
                return copy
            } catch {
                try? await store.finish(scope: scope, key: key, response: nil)
                throw error
            }
        }
    }
}

extension IdempotencyMiddleware {
    /// JSON bodies are compared by content, not by bytes: clients may order keys differently on a retry.
    static func canonical(_ body: ByteBuffer, contentType: String?) -> Data {
        let data = Data(body.readableBytesView)
        guard contentType?.lowercased().contains("json") == true,
            let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
            let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        else { return data }
        return sorted
    }
}

extension ResponseBody {
    /// Collects a response body into one buffer.
    fileprivate mutating func collect(upTo limit: Int) async throws -> ByteBuffer {
        let collector = BodyCollector(limit: limit)
        let writer = collector
        try await self.write(writer)
        return await collector.buffer()
    }
}

private actor BodyCollectorState {
    var buffer = ByteBuffer()
    func append(_ part: ByteBuffer) { var part = part; buffer.writeBuffer(&part) }
}

private struct BodyCollector: ResponseBodyWriter {
    let state = BodyCollectorState()
    let limit: Int
    init(limit: Int) { self.limit = limit }
    mutating func write(_ buffer: ByteBuffer) async throws { await state.append(buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    func buffer() async -> ByteBuffer { await state.buffer }
}
