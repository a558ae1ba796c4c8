import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// Announcements, their lifecycle and read receipts under `/api/v1/orgs/{orgID}`.
package struct AnnouncementController: Sendable {
    private let announcements: AnnouncementRepository

    package init(announcements: AnnouncementRepository) { self.announcements = announcements }

    /// Registers the routes on the organization-scoped group (`/api/v1/orgs/{orgID}`).
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("announcements", use: list)
        org.post("announcements", use: create)
        org.get("announcements/:announcementID", use: get)
        org.put("announcements/:announcementID", use: update)
        org.put("announcements/:announcementID/pinned", use: setPinned)
        org.post("announcements/:announcementID/schedule", use: schedule)
        org.post("announcements/:announcementID/publish", use: publish)
        org.post("announcements/:announcementID/archive", use: archive)
        org.post("announcements/:announcementID/read", use: markRead)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<Announcement>>
    {
        JSONResponse(try await announcements.announcements(try context.requireScope(), page: try request.pageRequest()))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Announcement> {
        let input = try await request.decode(as: AnnouncementInput.self, context: context)
        return JSONResponse(try await announcements.create(try context.requireScope(), input), status: .created)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Announcement> {
        JSONResponse(try await announcements.announcement(
            try context.requireScope(), id: try context.id("announcementID", resource: "announcement")))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Announcement> {
        let scope = try context.requireScope()
        let id: AnnouncementID = try context.id("announcementID", resource: "announcement")
        let input = try await request.decode(as: AnnouncementInput.self, context: context)
        return JSONResponse(try await announcements.update(scope, id: id, input))
    }

    @Sendable func setPinned(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Announcement>
    {
        let scope = try context.requireScope()
        let id: AnnouncementID = try context.id("announcementID", resource: "announcement")
        let input = try await request.decode(as: AnnouncementPinRequest.self, context: context)
        return JSONResponse(try await announcements.setPinned(scope, id: id, pinned: input.pinned))
    }

    @Sendable func schedule(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Announcement>
    {
        let scope = try context.requireScope()
        let id: AnnouncementID = try context.id("announcementID", resource: "announcement")
        let input = try await request.decode(as: AnnouncementSchedule.self, context: context)
        return JSONResponse(try await announcements.schedule(scope, id: id, input))
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Announcement> {
        JSONResponse(try await announcements.publish(
            try context.requireScope(), id: try context.id("announcementID", resource: "announcement")))
    }

    @Sendable func archive(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Announcement> {
        JSONResponse(try await announcements.archive(
            try context.requireScope(), id: try context.id("announcementID", resource: "announcement")))
    }

    @Sendable func markRead(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Announcement>
    {
        JSONResponse(try await announcements.markRead(
            try context.requireScope(), id: try context.id("announcementID", resource: "announcement")))
    }
}

/// Body of `PUT /announcements/{announcementID}/pinned`.
package struct AnnouncementPinRequest: Codable, Sendable {
    /// Whether the announcement is shown above unpinned ones.
    package var pinned: Bool
}
