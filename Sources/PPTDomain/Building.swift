import Foundation

/// A building managed by an organization.
package struct Building: Codable, Sendable, Hashable {
    package var id: BuildingID
    package var organizationID: OrganizationID
    package var name: String
    package var street: String
    package var city: String
    package var postalCode: String
    package var country: String
    package var yearBuilt: Int?
    package var createdAt: Date
    package var updatedAt: Date

    package init(
        id: BuildingID,
        organizationID: OrganizationID,
        name: String,
        street: String,
        city: String,
        postalCode: String,
        country: String,
        yearBuilt: Int? = nil,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.street = street
        self.city = city
        self.postalCode = postalCode
        self.country = country
        self.yearBuilt = yearBuilt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a unit is used for.
package enum UnitType: String, Codable, Sendable, CaseIterable {
    case flat, commercial, garage, parking, storage, other
}

/// A flat, shop, garage or other part of a building.
package struct BuildingUnit: Codable, Sendable, Hashable {
    package var id: UnitID
    package var organizationID: OrganizationID
    package var buildingID: BuildingID
    /// Door number as people say it ("12", "A-3").
    package var number: String
    package var type: UnitType
    package var floor: Int
    /// Floor area in square metres.
    package var sizeSqm: Double
    package var rooms: Int
    /// Share of the common parts, as numerator over denominator (e.g. 6512/100000); weights votes.
    package var ownershipShareNumerator: Int64
    package var ownershipShareDenominator: Int64
    package var createdAt: Date
    package var updatedAt: Date

    package init(
        id: UnitID,
        organizationID: OrganizationID,
        buildingID: BuildingID,
        number: String,
        type: UnitType,
        floor: Int,
        sizeSqm: Double,
        rooms: Int,
        ownershipShareNumerator: Int64,
        ownershipShareDenominator: Int64,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.number = number
        self.type = type
        self.floor = floor
        self.sizeSqm = sizeSqm
        self.rooms = rooms
        self.ownershipShareNumerator = ownershipShareNumerator
        self.ownershipShareDenominator = ownershipShareDenominator
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The share as a fraction between 0 and 1.
    package var ownershipShare: Double {
        ownershipShareDenominator == 0 ? 0 : Double(ownershipShareNumerator) / Double(ownershipShareDenominator)
    }
}

/// How a person relates to a unit.
package enum ResidentRelation: String, Codable, Sendable, CaseIterable {
    case owner, tenant, familyMember = "family_member"
}

/// A person living in or owning a unit for a period.
package struct UnitResident: Codable, Sendable, Hashable {
    package var id: ResidentID
    package var organizationID: OrganizationID
    package var unitID: UnitID
    /// The PPT user, when the person has a login.
    package var userID: UserID?
    package var name: String
    package var email: String?
    package var relation: ResidentRelation
    package var startDate: CalendarDate
    package var endDate: CalendarDate?
    package var createdAt: Date

    package init(
        id: ResidentID,
        organizationID: OrganizationID,
        unitID: UnitID,
        userID: UserID? = nil,
        name: String,
        email: String? = nil,
        relation: ResidentRelation,
        startDate: CalendarDate,
        endDate: CalendarDate? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.unitID = unitID
        self.userID = userID
        self.name = name
        self.email = email
        self.relation = relation
        self.startDate = startDate
        self.endDate = endDate
        self.createdAt = createdAt
    }
}
