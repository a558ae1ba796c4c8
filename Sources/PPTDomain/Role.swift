/// A member's role in one organization (DESIGN §4). The platform-wide `superadmin` is a flag on the
/// user, not a membership role.
package enum Role: String, Codable, Sendable, CaseIterable {
    case admin, manager, technician, owner, tenant, resident, realtor

    /// Roles that run the organization (see everything in it, manage its data).
    package var isStaff: Bool { self == .admin || self == .manager }

    /// Roles whose access to units, invoices and faults is limited to the units they live in or own.
    package var isResidentLike: Bool { self == .owner || self == .tenant || self == .resident }
}
