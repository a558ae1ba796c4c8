import Foundation

/// A lease's state.
package enum LeaseStatus: String, Codable, Sendable, CaseIterable {
    case draft, active, terminated, expired

    /// Whether the lifecycle allows going from this status to `next`: draft → active → terminated | expired.
    package func canTransition(to next: LeaseStatus) -> Bool {
        switch (self, next) {
        case (.draft, .active), (.active, .terminated), (.active, .expired): true
        default: false
        }
    }

    /// Whether the lease's fields may still change.
    package var isEditable: Bool { self == .draft || self == .active }
}

/// A party to a lease.
package struct LeaseParty: Codable, Sendable, Hashable {
    package var name: String
    package var email: String?
    package var userID: UserID?
    package var address: String?
    package var idNumber: String?

    package init(
        name: String,
        email: String? = nil,
        userID: UserID? = nil,
        address: String? = nil,
        idNumber: String? = nil
    ) {
        self.name = name
        self.email = email
        self.userID = userID
        self.address = address
        self.idNumber = idNumber
    }
}

/// A rental contract for a unit.
package struct Lease: Codable, Sendable, Hashable {
    package var id: LeaseID
    package var organizationID: OrganizationID
    package var unitID: UnitID
    package var landlord: LeaseParty
    package var tenants: [LeaseParty]
    package var startDate: CalendarDate
    package var endDate: CalendarDate?
    package var rent: Money
    package var deposit: Money
    package var status: LeaseStatus
    package var createdAt: Date
    package var updatedAt: Date

    package init(
        id: LeaseID,
        organizationID: OrganizationID,
        unitID: UnitID,
        landlord: LeaseParty,
        tenants: [LeaseParty],
        startDate: CalendarDate,
        endDate: CalendarDate? = nil,
        rent: Money,
        deposit: Money,
        status: LeaseStatus,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.unitID = unitID
        self.landlord = landlord
        self.tenants = tenants
        self.startDate = startDate
        self.endDate = endDate
        self.rent = rent
        self.deposit = deposit
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
