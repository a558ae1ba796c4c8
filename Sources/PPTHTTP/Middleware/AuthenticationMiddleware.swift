import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain

/// Reads `Authorization: Bearer <access token>` and sets `context.identity` when it verifies.
/// Routes that need a user call `context.requireIdentity()`.
package struct AuthenticationMiddleware: RouterMiddleware {
    package typealias Context = AppRequestContext
    private let tokens: TokenService

    package init(tokens: TokenService) { self.tokens = tokens }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                let identity = await tokens.verify(String(parts[1]))
            else {
                throw APIError(status: .unauthorized, code: "auth.invalid_token",
                               detail: "The access token is invalid or expired; refresh it or sign in again.")
            }
            context.identity = identity
            context.logger[metadataKey: "ppt.user_id"] = "\(identity.userID)"
        }
        return try await next(request, context)
    }
}
