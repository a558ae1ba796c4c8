import Foundation

/// What a meter measures.
package enum MeterKind: String, Codable, Sendable, CaseIterable {
    case coldWater = "cold_water", hotWater = "hot_water", heat, electricity, gas

    /// The unit of measure such meters usually count in.
    package var defaultMeasureUnit: String {
        switch self {
        case .coldWater, .hotWater, .gas: "m³"
        case .heat, .electricity: "kWh"
        }
    }
}

/// A meter in a unit.
package struct Meter: Codable, Sendable, Hashable {
    package var id: MeterID
    package var organizationID: OrganizationID
    package var unitID: UnitID
    package var kind: MeterKind
    package var serialNumber: String
    package var unit: String
    package var createdAt: Date

    package init(
        id: MeterID,
        organizationID: OrganizationID,
        unitID: UnitID,
        kind: MeterKind,
        serialNumber: String,
        unit: String,
        createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.unitID = unitID
        self.kind = kind
        self.serialNumber = serialNumber
        self.unit = unit
        self.createdAt = createdAt
    }
}

/// A reading of a meter.
package struct MeterReading: Codable, Sendable, Hashable {
    package var id: String
    package var meterID: MeterID
    package var value: Double
    package var readOn: CalendarDate
    package var submittedBy: UserID
    package var windowID: ReadingWindowID?
    package var createdAt: Date

    package init(
        id: String,
        meterID: MeterID,
        value: Double,
        readOn: CalendarDate,
        submittedBy: UserID,
        windowID: ReadingWindowID? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.meterID = meterID
        self.value = value
        self.readOn = readOn
        self.submittedBy = submittedBy
        self.windowID = windowID
        self.createdAt = createdAt
    }
}

/// A period in which residents submit readings, for a building or the whole organization.
package struct ReadingWindow: Codable, Sendable, Hashable {
    package var id: ReadingWindowID
    package var organizationID: OrganizationID
    package var buildingID: BuildingID?
    package var title: String
    package var opensOn: CalendarDate
    package var closesOn: CalendarDate
    /// Set when the window's `meter_reading_due` events were emitted.
    package var openedAt: Date?
    package var createdAt: Date

    package init(
        id: ReadingWindowID,
        organizationID: OrganizationID,
        buildingID: BuildingID? = nil,
        title: String,
        opensOn: CalendarDate,
        closesOn: CalendarDate,
        openedAt: Date? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.title = title
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.openedAt = openedAt
        self.createdAt = createdAt
    }

    /// Whether submissions are accepted on `today`.
    package func isOpen(on today: CalendarDate) -> Bool { opensOn <= today && today <= closesOn }
}
