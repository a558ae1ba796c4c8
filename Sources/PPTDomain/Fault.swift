import Foundation

/// What a fault is about.
package enum FaultCategory: String, Codable, Sendable, CaseIterable {
    case plumbing, electrical, heating, elevator, structural, cleaning, security, other
}

/// How urgent a fault is.
package enum FaultPriority: String, Codable, Sendable, CaseIterable {
    case low, medium, high, urgent
}

/// A fault's lifecycle.
package enum FaultStatus: String, Codable, Sendable, CaseIterable {
    case new, acknowledged, inProgress = "in_progress", onHold = "on_hold", resolved, closed, rejected

    /// The statuses a fault may move to from this one.
    package var allowedNext: Set<FaultStatus> {
        switch self {
        case .new: [.acknowledged, .inProgress, .rejected, .resolved]
        case .acknowledged: [.inProgress, .onHold, .resolved, .rejected]
        case .inProgress: [.onHold, .resolved]
        case .onHold: [.inProgress, .resolved, .rejected]
        case .resolved: [.closed, .inProgress]
        case .closed: []
        case .rejected: [.new]
        }
    }
}

/// A reported defect in a building or unit.
package struct Fault: Codable, Sendable, Hashable {
    package var id: FaultID
    package var organizationID: OrganizationID
    package var buildingID: BuildingID
    package var unitID: UnitID?
    package var title: String
    package var description: String
    package var category: FaultCategory
    package var priority: FaultPriority
    package var status: FaultStatus
    package var reportedBy: UserID
    package var assigneeID: UserID?
    /// Photos, as document ids.
    package var photoDocumentIDs: [DocumentID]
    package var createdAt: Date
    package var updatedAt: Date
    package var resolvedAt: Date?

    package init(
        id: FaultID,
        organizationID: OrganizationID,
        buildingID: BuildingID,
        unitID: UnitID? = nil,
        title: String,
        description: String,
        category: FaultCategory,
        priority: FaultPriority,
        status: FaultStatus,
        reportedBy: UserID,
        assigneeID: UserID? = nil,
        photoDocumentIDs: [DocumentID],
        createdAt: Date,
        updatedAt: Date,
        resolvedAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.unitID = unitID
        self.title = title
        self.description = description
        self.category = category
        self.priority = priority
        self.status = status
        self.reportedBy = reportedBy
        self.assigneeID = assigneeID
        self.photoDocumentIDs = photoDocumentIDs
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.resolvedAt = resolvedAt
    }
}

/// One entry of a fault's timeline: a status change, an assignment or a comment.
package struct FaultTimelineEntry: Codable, Sendable, Hashable {
    package enum Kind: String, Codable, Sendable { case created, statusChanged = "status_changed", assigned, comment }
    package var id: String
    package var faultID: FaultID
    package var kind: Kind
    package var actorID: UserID
    package var fromStatus: FaultStatus?
    package var toStatus: FaultStatus?
    package var assigneeID: UserID?
    package var comment: String?
    package var createdAt: Date

    package init(
        id: String,
        faultID: FaultID,
        kind: Kind,
        actorID: UserID,
        fromStatus: FaultStatus? = nil,
        toStatus: FaultStatus? = nil,
        assigneeID: UserID? = nil,
        comment: String? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.faultID = faultID
        self.kind = kind
        self.actorID = actorID
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.assigneeID = assigneeID
        self.comment = comment
        self.createdAt = createdAt
    }
}
