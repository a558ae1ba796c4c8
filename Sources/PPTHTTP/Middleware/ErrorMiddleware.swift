import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain

/// Maps domain failures to problem+json; anything unexpected becomes an opaque 500 and is logged
/// in full (STYLE §5).
package struct ErrorMiddleware: RouterMiddleware {
    package typealias Context = AppRequestContext

    package init() {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as DomainError {
            throw APIError(error)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(status: error.status, code: Self.code(for: error.status),
                           detail: error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {
            throw APIError(status: error.status, code: Self.code(for: error.status), detail: error.status.reasonPhrase)
        } catch is CancellationError {
            throw APIError(status: .serviceUnavailable, code: "request.cancelled", detail: "The request was cancelled.")
        } catch {
            context.logger.error(
                "unhandled error", metadata: ["error.type": "\(type(of: error))", "error": "\(String(reflecting: error))"])
            throw APIError.internalError
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "route.not_found"
        case .methodNotAllowed: "route.method_not_allowed"
        case .contentTooLarge: "request.too_large"
        case .unsupportedMediaType: "request.unsupported_media_type"
        case .badRequest: "request.malformed"
        case .unauthorized: "auth.required"
        default: "http.\(status.code)"
        }
    }
}
