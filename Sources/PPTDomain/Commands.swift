import Foundation

/// Input for creating or replacing a building.
package struct BuildingInput: Codable, Sendable {
    package var name: String
    package var street: String
    package var city: String
    package var postalCode: String
    package var country: String
    package var yearBuilt: Int?

    package init(
        name: String,
        street: String,
        city: String,
        postalCode: String,
        country: String,
        yearBuilt: Int? = nil
    ) {
        self.name = name
        self.street = street
        self.city = city
        self.postalCode = postalCode
        self.country = country
        self.yearBuilt = yearBuilt
    }

    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(name, "/name")
        v.text(street, "/street")
        v.text(city, "/city", max: 100)
        v.text(postalCode, "/postalCode", max: 20)
        v.check(country.count == 2 && country.allSatisfy(\.isLetter), "/country", "must be a two-letter country code")
        if let yearBuilt { v.check((1000...2100).contains(yearBuilt), "/yearBuilt", "must be a year between 1000 and 2100") }
        try v.finish()
    }
}

/// Input for creating or replacing a unit.
package struct UnitInput: Codable, Sendable {
    package var buildingID: BuildingID
    package var number: String
    package var type: UnitType
    package var floor: Int
    package var sizeSqm: Double
    package var rooms: Int
    package var ownershipShareNumerator: Int64
    package var ownershipShareDenominator: Int64

    package init(
        buildingID: BuildingID,
        number: String,
        type: UnitType,
        floor: Int,
        sizeSqm: Double,
        rooms: Int,
        ownershipShareNumerator: Int64,
        ownershipShareDenominator: Int64
    ) {
        self.buildingID = buildingID
        self.number = number
        self.type = type
        self.floor = floor
        self.sizeSqm = sizeSqm
        self.rooms = rooms
        self.ownershipShareNumerator = ownershipShareNumerator
        self.ownershipShareDenominator = ownershipShareDenominator
    }

    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(number, "/number", max: 20)
        v.check((-10...200).contains(floor), "/floor", "must be between -10 and 200")
        v.check(sizeSqm > 0 && sizeSqm < 100_000, "/sizeSqm", "must be a positive area in square metres")
        v.check((0...100).contains(rooms), "/rooms", "must be between 0 and 100")
        v.check(ownershipShareDenominator > 0, "/ownershipShareDenominator", "must be positive")
        v.check(ownershipShareNumerator >= 0 && ownershipShareNumerator <= ownershipShareDenominator,
                "/ownershipShareNumerator", "must be between 0 and the denominator")
        try v.finish()
    }
}

/// Input for adding a resident to a unit.
package struct ResidentInput: Codable, Sendable {
    package var userID: UserID?
    package var name: String
    package var email: String?
    package var relation: ResidentRelation
    package var startDate: CalendarDate
    package var endDate: CalendarDate?

    package init(
        userID: UserID? = nil,
        name: String,
        email: String? = nil,
        relation: ResidentRelation,
        startDate: CalendarDate,
        endDate: CalendarDate? = nil
    ) {
        self.userID = userID
        self.name = name
        self.email = email
        self.relation = relation
        self.startDate = startDate
        self.endDate = endDate
    }

    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(name, "/name")
        if let email { v.check(email.contains("@") && email.count <= 254, "/email", "must be an email address") }
        if let endDate { v.check(endDate >= startDate, "/endDate", "must not be before startDate") }
        try v.finish()
    }
}

/// Input for reporting a fault.
package struct FaultInput: Codable, Sendable {
    package var buildingID: BuildingID
    package var unitID: UnitID?
    package var title: String
    package var description: String
    package var category: FaultCategory
    package var priority: FaultPriority?
    package var photoDocumentIDs: [DocumentID]?

    package init(
        buildingID: BuildingID,
        unitID: UnitID? = nil,
        title: String,
        description: String,
        category: FaultCategory,
        priority: FaultPriority? = nil,
        photoDocumentIDs: [DocumentID]? = nil
    ) {
        self.buildingID = buildingID
        self.unitID = unitID
        self.title = title
        self.description = description
        self.category = category
        self.priority = priority
        self.photoDocumentIDs = photoDocumentIDs
    }

    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(title, "/title")
        v.text(description, "/description", max: 10_000)
        v.check((photoDocumentIDs?.count ?? 0) <= 20, "/photoDocumentIDs", "at most 20 photos")
        try v.finish()
    }
}

/// A change to a fault: any subset of status, priority, assignee and a comment.
package struct FaultUpdate: Codable, Sendable {
    package var status: FaultStatus?
    package var priority: FaultPriority?
    /// Set to assign; `unassign: true` removes the assignee.
    package var assigneeID: UserID?
    package var unassign: Bool?
    package var comment: String?
    package var photoDocumentIDs: [DocumentID]?

    package init(
        status: FaultStatus? = nil,
        priority: FaultPriority? = nil,
        assigneeID: UserID? = nil,
        unassign: Bool? = nil,
        comment: String? = nil,
        photoDocumentIDs: [DocumentID]? = nil
    ) {
        self.status = status
        self.priority = priority
        self.assigneeID = assigneeID
        self.unassign = unassign
        self.comment = comment
        self.photoDocumentIDs = photoDocumentIDs
    }
}
