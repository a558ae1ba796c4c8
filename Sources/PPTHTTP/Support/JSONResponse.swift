import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PPTDomain

/// A JSON response with PPT's encoder and a chosen status.
package struct JSONResponse<Value: Encodable & Sendable>: ResponseGenerator, Sendable {
    package let value: Value
    package let status: HTTPResponse.Status
    package let headers: HTTPFields

    package init(_ value: Value, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) {
        self.value = value
        self.status = status
        self.headers = headers
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let data = try APIJSON.encoder.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A body-less response (`204 No Content`).
package struct EmptyResponse: ResponseGenerator, Sendable {
    package init() {}
    package func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .noContent)
    }
}
