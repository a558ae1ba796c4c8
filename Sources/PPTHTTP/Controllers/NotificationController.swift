import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// The signed-in user's notifications under `/api/v1/me/notifications`.
package struct NotificationController: Sendable {
    private let notifications: NotificationRepository

    package init(notifications: NotificationRepository) { self.notifications = notifications }

    /// Registers the routes on `/api/v1`.
    package func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("me/notifications", use: list)
        api.post("me/notifications/read-all", use: readAll)
        api.post("me/notifications/:notificationID/read", use: read)
    }

    struct ReadAllResponse: Encodable, Sendable { let updated: Int }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<UserNotification>>
    {
        let identity = try context.requireIdentity()
        let unread = try request.query("unread") { Bool($0) } ?? false
        return JSONResponse(try await notifications.notifications(
            userID: identity.userID, unreadOnly: unread, page: try request.pageRequest()))
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<UserNotification>
    {
        let identity = try context.requireIdentity()
        guard let id = context.parameters.get("notificationID"), UUID(uuidString: id) != nil else {
            throw APIError(DomainError.notFound("notification"))
        }
        return JSONResponse(try await notifications.markRead(userID: identity.userID, id: id.lowercased()))
    }

    @Sendable func readAll(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<ReadAllResponse>
    {
        let identity = try context.requireIdentity()
        return JSONResponse(ReadAllResponse(updated: try await notifications.markAllRead(userID: identity.userID)))
    }
}
