import Foundation

/// An announcement's lifecycle.
package enum AnnouncementStatus: String, Codable, Sendable, CaseIterable {
    case draft, scheduled, published, archived
}

/// Who an announcement is for. Empty lists mean "no restriction on that axis"; `all` ignores the lists.
package struct AnnouncementTarget: Codable, Sendable, Hashable {
    package var all: Bool
    package var buildingIDs: [BuildingID]
    package var unitIDs: [UnitID]
    package var roles: [Role]

    package init(all: Bool = true, buildingIDs: [BuildingID] = [], unitIDs: [UnitID] = [], roles: [Role] = []) {
        self.all = all; self.buildingIDs = buildingIDs; self.unitIDs = unitIDs; self.roles = roles
    }

    /// Whether a member with `scope` is in the audience.
    package func includes(_ scope: OrgScope) -> Bool {
        if scope.role.isStaff || all { return true }
        if !roles.isEmpty && !roles.contains(scope.role) { return false }
        if buildingIDs.isEmpty && unitIDs.isEmpty { return true }
        return !scope.buildingIDs.isDisjoint(with: buildingIDs) || !scope.unitIDs.isDisjoint(with: unitIDs)
    }
}

/// A notice to residents.
package struct Announcement: Codable, Sendable, Hashable {
    package var id: AnnouncementID
    package var organizationID: OrganizationID
    package var title: String
    package var body: String
    package var status: AnnouncementStatus
    package var target: AnnouncementTarget
    package var pinned: Bool
    package var publishAt: Date?
    package var publishedAt: Date?
    package var authorID: UserID
    package var createdAt: Date
    package var updatedAt: Date
    /// Whether the asking user has read it (filled per request).
    package var readByMe: Bool?
    /// How many members have read it (filled for staff).
    package var readCount: Int?

    package init(
        id: AnnouncementID,
        organizationID: OrganizationID,
        title: String,
        body: String,
        status: AnnouncementStatus,
        target: AnnouncementTarget,
        pinned: Bool,
        publishAt: Date? = nil,
        publishedAt: Date? = nil,
        authorID: UserID,
        createdAt: Date,
        updatedAt: Date,
        readByMe: Bool? = nil,
        readCount: Int? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.title = title
        self.body = body
        self.status = status
        self.target = target
        self.pinned = pinned
        self.publishAt = publishAt
        self.publishedAt = publishedAt
        self.authorID = authorID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.readByMe = readByMe
        self.readCount = readCount
    }
}
