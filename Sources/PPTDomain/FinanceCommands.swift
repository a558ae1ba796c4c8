import Foundation

/// The largest amount (in minor units) a single invoice, payment, rent or deposit may carry; keeps sums far from
/// `Int64` overflow.
package let maximumAmountMinor: Int64 = 100_000_000_000

/// Input for issuing an invoice to a unit.
package struct InvoiceInput: Codable, Sendable {
    package var unitID: UnitID
    /// Invoice number, unique in the organization.
    package var number: String
    package var description: String
    /// Amount in minor units; positive.
    package var amountMinor: Int64
    /// Must be the organization's currency.
    package var currency: Currency
    package var issueDate: CalendarDate
    package var dueDate: CalendarDate

    package init(unitID: UnitID, number: String, description: String, amountMinor: Int64, currency: Currency,
                 issueDate: CalendarDate, dueDate: CalendarDate) {
        self.unitID = unitID; self.number = number; self.description = description
        self.amountMinor = amountMinor; self.currency = currency; self.issueDate = issueDate; self.dueDate = dueDate
    }

    /// Checks the fields that need no database.
    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(number, "/number", max: 40)
        v.text(description, "/description", max: 500)
        v.check(amountMinor > 0, "/amountMinor", "must be positive")
        v.check(amountMinor <= maximumAmountMinor, "/amountMinor", "is too large")
        v.check(dueDate >= issueDate, "/dueDate", "must not be before issueDate")
        try v.finish()
    }
}

/// Which invoices to list.
package struct InvoiceFilter: Sendable, Hashable {
    package var unitID: UnitID?
    package var status: InvoiceStatus?
    /// `true`: only open invoices past their due date; `false`: only the others.
    package var overdue: Bool?

    package init(unitID: UnitID? = nil, status: InvoiceStatus? = nil, overdue: Bool? = nil) {
        self.unitID = unitID; self.status = status; self.overdue = overdue
    }
}

/// Input for recording money received, against an invoice or as credit on a unit's account.
package struct PaymentInput: Codable, Sendable {
    /// Required unless `invoiceID` is given; when both are given they must agree.
    package var unitID: UnitID?
    package var invoiceID: InvoiceID?
    /// Amount in minor units; positive, and not more than the invoice's remaining amount.
    package var amountMinor: Int64
    /// Must be the invoice's currency (or the organization's, without an invoice).
    package var currency: Currency
    package var receivedOn: CalendarDate
    /// Bank reference such as the variable symbol.
    package var reference: String?

    package init(unitID: UnitID? = nil, invoiceID: InvoiceID? = nil, amountMinor: Int64, currency: Currency,
                 receivedOn: CalendarDate, reference: String? = nil) {
        self.unitID = unitID; self.invoiceID = invoiceID; self.amountMinor = amountMinor
        self.currency = currency; self.receivedOn = receivedOn; self.reference = reference
    }

    /// Checks the fields that need no database.
    package func validate() throws(DomainError) {
        var v = Validator()
        v.check(unitID != nil || invoiceID != nil, "/unitID", "is required when no invoiceID is given")
        v.check(amountMinor > 0, "/amountMinor", "must be positive")
        v.check(amountMinor <= maximumAmountMinor, "/amountMinor", "is too large")
        v.text(reference, "/reference", max: 140, required: false)
        try v.finish()
    }
}

/// Input for registering a meter in a unit.
package struct MeterInput: Codable, Sendable {
    package var unitID: UnitID
    package var kind: MeterKind
    package var serialNumber: String
    /// Unit of measure; defaults to the kind's usual one (`m³`, `kWh`).
    package var measureUnit: String?

    package init(unitID: UnitID, kind: MeterKind, serialNumber: String, measureUnit: String? = nil) {
        self.unitID = unitID; self.kind = kind; self.serialNumber = serialNumber; self.measureUnit = measureUnit
    }

    /// Checks the fields that need no database.
    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(serialNumber, "/serialNumber", max: 64)
        v.text(measureUnit, "/measureUnit", max: 16, required: false)
        if let measureUnit {
            v.check(!measureUnit.trimmingCharacters(in: .whitespaces).isEmpty, "/measureUnit", "must not be empty")
        }
        try v.finish()
    }
}

/// Input for submitting a meter reading.
package struct ReadingInput: Codable, Sendable {
    /// The meter's register value; not lower than the previous reading.
    package var value: Double
    /// The day the meter was read; today when absent; never in the future.
    package var readOn: CalendarDate?

    package init(value: Double, readOn: CalendarDate? = nil) {
        self.value = value; self.readOn = readOn
    }

    /// Checks the fields that need no database.
    package func validate() throws(DomainError) {
        var v = Validator()
        v.check(value.isFinite && value >= 0, "/value", "must be a non-negative number")
        v.check(value < 1e12, "/value", "is too large")
        try v.finish()
    }
}

/// Input for announcing a reading window.
package struct ReadingWindowInput: Codable, Sendable {
    /// The building whose units submit; `nil` for the whole organization.
    package var buildingID: BuildingID?
    package var title: String
    package var opensOn: CalendarDate
    package var closesOn: CalendarDate

    package init(buildingID: BuildingID? = nil, title: String, opensOn: CalendarDate, closesOn: CalendarDate) {
        self.buildingID = buildingID; self.title = title; self.opensOn = opensOn; self.closesOn = closesOn
    }

    /// Checks the fields that need no database.
    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(title, "/title")
        v.check(closesOn >= opensOn, "/closesOn", "must not be before opensOn")
        v.check(closesOn <= opensOn.adding(days: 366), "/closesOn", "a window may last at most a year")
        try v.finish()
    }
}

/// Input for creating or replacing a lease.
package struct LeaseInput: Codable, Sendable {
    package var unitID: UnitID
    package var landlord: LeaseParty
    /// At least one tenant.
    package var tenants: [LeaseParty]
    package var startDate: CalendarDate
    /// `nil` for an open-ended lease.
    package var endDate: CalendarDate?
    /// Monthly rent in minor units; positive.
    package var rentMinor: Int64
    /// Deposit in minor units; zero or more.
    package var depositMinor: Int64
    package var currency: Currency

    package init(unitID: UnitID, landlord: LeaseParty, tenants: [LeaseParty], startDate: CalendarDate,
                 endDate: CalendarDate? = nil, rentMinor: Int64, depositMinor: Int64, currency: Currency) {
        self.unitID = unitID; self.landlord = landlord; self.tenants = tenants; self.startDate = startDate
        self.endDate = endDate; self.rentMinor = rentMinor; self.depositMinor = depositMinor; self.currency = currency
    }

    /// Checks the fields that need no database.
    package func validate() throws(DomainError) {
        var v = Validator()
        Self.check(landlord, "/landlord", &v)
        v.check(!tenants.isEmpty, "/tenants", "at least one tenant is required")
        v.check(tenants.count <= 10, "/tenants", "at most 10 tenants")
        for (index, tenant) in tenants.enumerated() { Self.check(tenant, "/tenants/\(index)", &v) }
        if let endDate { v.check(endDate > startDate, "/endDate", "must be after startDate") }
        v.check(rentMinor > 0, "/rentMinor", "must be positive")
        v.check(rentMinor <= maximumAmountMinor, "/rentMinor", "is too large")
        v.check(depositMinor >= 0, "/depositMinor", "must not be negative")
        v.check(depositMinor <= maximumAmountMinor, "/depositMinor", "is too large")
        try v.finish()
    }

    private static func check(_ party: LeaseParty, _ pointer: String, _ v: inout Validator) {
        v.text(party.name, "\(pointer)/name")
        if let email = party.email {
            v.check(email.contains("@") && email.count <= 254, "\(pointer)/email", "must be an email address")
        }
        v.text(party.address, "\(pointer)/address", max: 300, required: false)
        v.text(party.idNumber, "\(pointer)/idNumber", max: 40, required: false)
    }
}

/// Which leases to list.
package struct LeaseFilter: Sendable, Hashable {
    package var unitID: UnitID?
    package var status: LeaseStatus?

    package init(unitID: UnitID? = nil, status: LeaseStatus? = nil) {
        self.unitID = unitID; self.status = status
    }
}

/// A requested move along a lease's lifecycle (draft → active → terminated | expired).
package struct LeaseStatusChange: Codable, Sendable {
    package var status: LeaseStatus

    package init(status: LeaseStatus) { self.status = status }
}
