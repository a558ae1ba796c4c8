/// The acting organization, user and role: every repository method over tenant data takes one,
/// so there is no unscoped query path (DESIGN §3).
package struct OrgScope: Sendable, Hashable {
    /// The organization all reads and writes are confined to.
    package let organizationID: OrganizationID
    /// The acting user.
    package let userID: UserID
    /// The user's role in this organization.
    package let role: Role
    /// Units the user lives in or owns (active residencies); the whole world of resident-like roles.
    package let unitIDs: Set<UnitID>
    /// Buildings of those units.
    package let buildingIDs: Set<BuildingID>

    package init(
        organizationID: OrganizationID, userID: UserID, role: Role,
        unitIDs: Set<UnitID> = [], buildingIDs: Set<BuildingID> = []
    ) {
        self.organizationID = organizationID
        self.userID = userID
        self.role = role
        self.unitIDs = unitIDs
        self.buildingIDs = buildingIDs
    }

    /// Whether the role grants `permission`.
    package func can(_ permission: Permission) -> Bool { role.permissions.contains(permission) }

    /// Throws `forbidden` unless the role grants `permission`.
    package func require(_ permission: Permission) throws(DomainError) {
        guard can(permission) else {
            throw DomainError.forbidden("Your role (\(role.rawValue)) may not do this.")
        }
    }

    /// `nil` when the user may see every unit of the organization; otherwise the units they may see.
    package var unitFilter: Set<UnitID>? { role.isResidentLike ? unitIDs : nil }
}
