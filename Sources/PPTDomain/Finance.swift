import Foundation

/// An invoice's state; `overdue` is derived from the due date, not stored.
package enum InvoiceStatus: String, Codable, Sendable, CaseIterable {
    case open, paid, cancelled
}

/// A charge to a unit (service charges, rent, repair fund).
package struct Invoice: Codable, Sendable, Hashable {
    package var id: InvoiceID
    package var organizationID: OrganizationID
    package var unitID: UnitID
    package var number: String
    package var description: String
    package var amount: Money
    package var paidMinor: Int64
    package var issueDate: CalendarDate
    package var dueDate: CalendarDate
    package var status: InvoiceStatus
    package var createdAt: Date
    package var updatedAt: Date

    package init(
        id: InvoiceID,
        organizationID: OrganizationID,
        unitID: UnitID,
        number: String,
        description: String,
        amount: Money,
        paidMinor: Int64,
        issueDate: CalendarDate,
        dueDate: CalendarDate,
        status: InvoiceStatus,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.unitID = unitID
        self.number = number
        self.description = description
        self.amount = amount
        self.paidMinor = paidMinor
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether the invoice is unpaid past its due date on `today`.
    package func isOverdue(on today: CalendarDate) -> Bool { status == .open && dueDate < today }
}

/// Money received for a unit, optionally against one invoice.
package struct Payment: Codable, Sendable, Hashable {
    package var id: PaymentID
    package var organizationID: OrganizationID
    package var unitID: UnitID
    package var invoiceID: InvoiceID?
    package var amount: Money
    package var receivedOn: CalendarDate
    package var reference: String?
    package var createdAt: Date

    package init(
        id: PaymentID,
        organizationID: OrganizationID,
        unitID: UnitID,
        invoiceID: InvoiceID? = nil,
        amount: Money,
        receivedOn: CalendarDate,
        reference: String? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.unitID = unitID
        self.invoiceID = invoiceID
        self.amount = amount
        self.receivedOn = receivedOn
        self.reference = reference
        self.createdAt = createdAt
    }
}

/// A unit's account: what was charged, what was paid, what is owed.
package struct UnitBalance: Codable, Sendable, Hashable {
    package var unitID: UnitID
    package var currency: Currency
    package var invoicedMinor: Int64
    package var paidMinor: Int64
    /// Positive: the unit owes; negative: credit.
    package var balanceMinor: Int64
    package var overdueMinor: Int64
    package var overdueInvoices: Int

    package init(
        unitID: UnitID,
        currency: Currency,
        invoicedMinor: Int64,
        paidMinor: Int64,
        balanceMinor: Int64,
        overdueMinor: Int64,
        overdueInvoices: Int
    ) {
        self.unitID = unitID
        self.currency = currency
        self.invoicedMinor = invoicedMinor
        self.paidMinor = paidMinor
        self.balanceMinor = balanceMinor
        self.overdueMinor = overdueMinor
        self.overdueInvoices = overdueInvoices
    }
}
