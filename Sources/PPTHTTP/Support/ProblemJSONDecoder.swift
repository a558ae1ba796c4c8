import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PPTDomain

/// Decodes JSON request bodies, turning every decoding failure into a problem with a JSON pointer
/// to the offending field, instead of Hummingbird's plain 400.
package struct ProblemJSONDecoder: RequestDecoder {
    package init() {}

    package func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext)
        async throws -> T
    {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw APIError(status: .contentTooLarge, code: "request.too_large",
                           detail: "The request body is larger than \(context.maxUploadSize) bytes.")
        }
        if let contentType = request.headers[.contentType], !contentType.lowercased().contains("json") {
            throw APIError(status: .unsupportedMediaType, code: "request.unsupported_media_type",
                           detail: "Send the body as application/json.")
        }
        return try Self.decode(type, from: Data(buffer.readableBytesView))
    }

    /// Decodes `data`, mapping `DecodingError` to a problem with a pointer.
    package static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try APIJSON.decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Self.problem(error)
        }
    }

    static func pointer(_ path: [any CodingKey]) -> String {
        "/" + path.map { key in key.intValue.map(String.init) ?? key.stringValue }.joined(separator: "/")
    }

    static func problem(_ error: DecodingError) -> APIError {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .badRequest("request.malformed_json", "The body is not valid JSON.")
        case .dataCorrupted(let context):
            return invalid(pointer(context.codingPath), context.debugDescription)
        case .keyNotFound(let key, let context):
            return invalid(pointer(context.codingPath + [key]), "is required")
        case .typeMismatch(let type, let context):
            return invalid(pointer(context.codingPath), "must be \(describe(type))")
        case .valueNotFound(let type, let context):
            return invalid(pointer(context.codingPath), "must be \(describe(type)), not null")
        @unknown default:
            return .badRequest("request.malformed_json", "The body could not be read.")
        }
    }

    private static func invalid(_ pointer: String, _ detail: String) -> APIError {
        let readable = detail.contains("Cannot initialize") ? "has a value that is not allowed" : detail
        return APIError(DomainError.invalid(pointer, readable))
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        default: "of the right type"
        }
    }
}
