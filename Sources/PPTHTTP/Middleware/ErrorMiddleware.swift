import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTObservability

/// Maps domain failures to problem+json; anything unexpected becomes an opaque 500 and is logged
/// in full (STYLE §5).
package struct ErrorMiddleware: RouterMiddleware {
    package typealias Context = AppRequestContext
    private let observers: [any RequestFailureObserver]

    package init(observers: [any RequestFailureObserver] = []) { self.observers = observers }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let mapped = map(error, context: context)
            if !observers.isEmpty {
                let failure = RequestFailure(
                    error: error, status: Int(mapped.status.code), code: mapped.code,
                    category: ErrorCategory(status: Int(mapped.status.code), code: mapped.code),
                    method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
                    requestID: context.requestID, organizationID: context.scope?.organizationID.rawValue,
                    userID: context.identity?.userID.rawValue)
                for observer in observers { await observer.requestFailed(failure) }
            }
            throw mapped
        }
    }

    private func map(_ error: any Error, context: Context) -> APIError {
        switch error {
        case let error as DomainError:
            return APIError(error)
        case let error as APIError:
            return error
        case let error as HTTPError:
            return APIError(status: error.status, code: Self.code(for: error.status),
                            detail: error.body ?? error.status.reasonPhrase)
        case let error as any HTTPResponseError:
            return APIError(status: error.status, code: Self.code(for: error.status), detail: error.status.reasonPhrase)
        case is CancellationError:
            return APIError(status: .serviceUnavailable, code: "request.cancelled", detail: "The request was cancelled.")
        default:
            context.logger.error(
                "unhandled error", metadata: ["error.type": "\(type(of: error))", "error": "\(String(reflecting: error))"])
            return APIError.internalError
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
