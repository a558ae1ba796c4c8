import Foundation
import PPTDomain
import PPTStorage

/// Monthly advance invoices with payments (one invoice overdue), meters with readings, an open reading
/// window and the lease of the tenant's flat.
struct DemoFinance {
    let context: DemoContext
    let estate: DemoEstate

    /// The flat whose last month's invoice stays unpaid: the demo's one overdue invoice.
    static let overdueUnit = "A102"

    /// The lease of A102: started nine months ago on the first of the month, for one year, so it ends
    /// within the next three months (and the lease-expiry alert has something to say).
    static func leaseTerm(today: CalendarDate) -> (start: CalendarDate, end: CalendarDate) {
        let start = today.firstOfMonth(addingMonths: -9)
        return (start, start.firstOfMonth(addingMonths: 12).adding(days: -1))
    }

    func seed() async throws {
        try await seedInvoices()
        try await seedMeters()
        try await seedLease()
    }

    // MARK: Invoices and payments

    /// Advance payments (service charges, heating and water, repair fund) of building A's flats for this
    /// month and the two before, each due on the last day of its month. Earlier months are paid except
    /// last month's invoice of `overdueUnit`; this month's are partly paid and not yet due.
    private func seedInvoices() async throws {
        let finance = FinanceRepository(database: context.runtime.database, clock: context.runtime.clock)
        let today = context.today
        for offset in [-2, -1, 0] {
            let issued = today.firstOfMonth(addingMonths: offset)
            for (index, unit) in estate.flatsOfA.enumerated() {
                // 1.45 €/m² services, 0.70 €/m² repair fund, 38 € heating and water advance.
                let amount = Int64((unit.sizeSqm * 215).rounded()) + 3_800
                let number = "ZP" + String(format: "%04d%02d", issued.year, issued.month) + "-\(unit.number)"
                let invoice = try await finance.createInvoice(context.admin, InvoiceInput(
                    unitID: unit.id, number: number,
                    description: "Predpis zálohových platieb \(issued.periodText) – byt \(unit.number)",
                    amountMinor: amount, currency: .EUR, issueDate: issued, dueDate: issued.lastOfMonth))
                let paid: Int64
                switch offset {
                case 0: paid = [amount, 0, amount, 5_000, 0, 0][index % 6]
                default: paid = unit.number == Self.overdueUnit && offset == -1 ? 0 : amount
                }
                guard paid > 0 else { continue }
                let received = min(issued.adding(days: 8 + index), today)
                _ = try await finance.recordPayment(context.admin, PaymentInput(
                    invoiceID: invoice.id, amountMinor: paid, currency: .EUR, receivedOn: received,
                    reference: "VS" + number.filter(\.isNumber)))
            }
        }
    }

    // MARK: Meters

    /// Water and heat meters in A101 and A102 with last year's and the half-year readings (taken by the
    /// manager), an open organization-wide window, and the owner's reading of A101's cold water in it.
    private func seedMeters() async throws {
        let meters = MeterRepository(database: context.runtime.database, clock: context.runtime.clock)
        let admin = context.admin
        let today = context.today
        let plan: [(unit: String, kind: MeterKind, serial: String, values: [Double])] = [
            ("A101", .coldWater, "SV-19-448213", [96.412, 118.905]),
            ("A101", .hotWater, "TV-19-448214", [41.077, 52.631]),
            ("A101", .heat, "PRT-5502318", [1_850, 2_412]),
            ("A102", .coldWater, "SV-19-448231", [71.240, 84.118]),
            ("A102", .hotWater, "TV-19-448232", [30.512, 37.964]),
        ]
        var ownersColdWater: Meter?
        for entry in plan {
            let meter = try await meters.createMeter(admin, MeterInput(
                unitID: estate.unit(entry.unit).id, kind: entry.kind, serialNumber: entry.serial))
            for (value, daysAgo) in zip(entry.values, [372, 188]) {
                _ = try await meters.submitReading(admin, meterID: meter.id, ReadingInput(
                    value: value, readOn: today.adding(days: -daysAgo)))
            }
            if entry.unit == "A101" && entry.kind == .coldWater { ownersColdWater = meter }
        }
        _ = try await meters.createReadingWindow(admin, ReadingWindowInput(
            title: "Odpočet vodomerov a meračov tepla \(today.periodText)", opensOn: today.adding(days: -3),
            closesOn: today.adding(days: 11)))
        if let meter = ownersColdWater {
            let owner = try await context.scope(of: context.users.owner)
            _ = try await meters.submitReading(owner, meterID: meter.id, ReadingInput(value: 131.27))
        }
    }

    // MARK: Lease

    /// Ján Novák lets A102 to Eva Tóthová: 620 € a month, two months' rent as deposit.
    private func seedLease() async throws {
        let leases = LeaseRepository(database: context.runtime.database, clock: context.runtime.clock)
        let owner = context.users.owner, tenant = context.users.tenant
        let term = Self.leaseTerm(today: context.today)
        let lease = try await leases.createLease(context.admin, LeaseInput(
            unitID: estate.unit("A102").id,
            landlord: LeaseParty(name: owner.name, email: owner.email, userID: owner.id,
                                 address: "Mlynské nivy 12, 821 09 Bratislava"),
            tenants: [LeaseParty(name: tenant.name, email: tenant.email, userID: tenant.id,
                                 address: "Mlynské nivy 12, 821 09 Bratislava")],
            startDate: term.start, endDate: term.end, rentMinor: 62_000, depositMinor: 124_000, currency: .EUR))
        _ = try await leases.setStatus(context.admin, id: lease.id, to: .active)
    }
}
