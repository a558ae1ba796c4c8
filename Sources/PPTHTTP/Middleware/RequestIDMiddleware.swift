import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain

/// Gives each request an id (the caller's `X-Request-ID` when it is sane), puts it on every log
/// line as `ppt.request_id` and echoes it in the response.
package struct RequestIDMiddleware: RouterMiddleware {
    package typealias Context = AppRequestContext

    package init() {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        let offered = request.headers[.requestID]
        let id =
            if let offered, (1...128).contains(offered.count),
                offered.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
            {
                offered
            } else {
                UUID().uuidString.lowercased()
            }
        context.requestID = id
        context.logger[metadataKey: "ppt.request_id"] = "\(id)"
        do {
            var response = try await next(request, context)
            response.headers[.requestID] = id
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[.requestID] = id
            return response
        }
    }
}

extension HTTPField.Name {
    /// `X-Request-ID`.
    package static let requestID = Self("X-Request-ID")!
    /// `Idempotency-Key`.
    package static let idempotencyKey = Self("Idempotency-Key")!
}
