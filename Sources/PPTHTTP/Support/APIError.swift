import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PPTDomain

/// An HTTP failure rendered as RFC 9457 problem+json with a stable `code`.
package struct APIError: Error, HTTPResponseError, Sendable {
    package let status: HTTPResponse.Status
    package let code: String
    package let title: String
    package let detail: String
    package let fields: [FieldError]
    package let retryAfterSeconds: Int?

    package init(status: HTTPResponse.Status, code: String, detail: String, fields: [FieldError] = [],
                 retryAfterSeconds: Int? = nil) {
        self.status = status
        self.code = code
        self.title = status.reasonPhrase
        self.detail = detail
        self.fields = fields
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Maps a domain failure to its status.
    package init(_ error: DomainError) {
        let status: HTTPResponse.Status =
            switch error.kind {
            case .notFound: .notFound
            case .conflict: .conflict
            case .invalid: .unprocessableContent
            case .forbidden: .forbidden
            case .unauthorized: .unauthorized
            case .tooManyRequests: .tooManyRequests
            case .unavailable: .serviceUnavailable
            }
        self.init(status: status, code: error.code, detail: error.message, fields: error.fields,
                  retryAfterSeconds: error.retryAfterSeconds)
    }

    package static let unauthenticated = APIError(
        status: .unauthorized, code: "auth.required", detail: "Sign in: send a valid bearer access token.")
    package static let internalError = APIError(
        status: .internalServerError, code: "internal", detail: "Something went wrong on our side. It has been logged.")

    /// A malformed request (unparseable body, bad parameter).
    package static func badRequest(_ code: String, _ detail: String, pointer: String? = nil) -> APIError {
        APIError(status: .badRequest, code: code, detail: detail,
                 fields: pointer.map { [FieldError(pointer: $0, detail: detail)] } ?? [])
    }

    private struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let code: String
        let instance: String?
        let errors: [FieldError]?
        let requestId: String?
    }

    package var headers: HTTPFields { [:] }

    package func body(allocator: ByteBufferAllocator) -> ByteBuffer? { nil }

    /// The problem document, for error events inside a stream whose status has already been sent.
    package func problemJSON(instance: String?, requestID: String?) throws -> Data {
        try APIJSON.encoder.encode(Body(
            type: "https://ppt.example/problems/\(code)", title: title, status: Int(status.code), detail: detail,
            code: code, instance: instance, errors: fields.isEmpty ? nil : fields, requestId: requestID))
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        let requestID = (context as? AppRequestContext)?.requestID
        let body = Body(
            type: "https://ppt.example/problems/\(code)", title: title, status: Int(status.code), detail: detail,
            code: code, instance: request.uri.path, errors: fields.isEmpty ? nil : fields, requestId: requestID)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfterSeconds { headers[.retryAfter] = String(max(1, retryAfterSeconds)) }
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        let data = try APIJSON.encoder.encode(body)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
