import Foundation
import PPTDomain
import SQLKit

/// Invoices, payments and unit balances; emits `payment_received` with each payment and, from the daily
/// scan, `payment_overdue` once per overdue invoice and day.
package struct FinanceRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func invoice(_ r: any SQLRow) throws -> Invoice {
        Invoice(id: try r.id("id"), organizationID: try r.id("org_id"), unitID: try r.id("unit_id"),
                number: try r.string("number"), description: try r.string("description"),
                amount: Money(amountMinor: try r.int64("amount_minor"), currency: try r.enumValue("currency")),
                paidMinor: try r.int64("paid_minor"), issueDate: try r.calendarDate("issue_date"),
                dueDate: try r.calendarDate("due_date"), status: try r.enumValue("status"),
                createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }

    static func payment(_ r: any SQLRow) throws -> Payment {
        Payment(id: try r.id("id"), organizationID: try r.id("org_id"), unitID: try r.id("unit_id"),
                invoiceID: try r.optionalID("invoice_id"),
                amount: Money(amountMinor: try r.int64("amount_minor"), currency: try r.enumValue("currency")),
                receivedOn: try r.calendarDate("received_on"), reference: try r.optionalString("reference"),
                createdAt: try r.date("created_at"))
    }

    /// The units whose finances the member may read: `nil` for all (staff), otherwise their own units.
    static func readableUnits(_ scope: OrgScope) throws -> Set<UnitID>? {
        if scope.can(.financeReadAll) { return scope.unitFilter }
        try scope.require(.financeReadOwn)
        return scope.unitFilter ?? scope.unitIDs
    }

    /// ` AND <column> IN (...)` for members limited to their own units; empty for staff.
    static func unitCondition(_ units: Set<UnitID>?, column: String = "unit_id") -> SQLQueryString {
        guard let units else { return "" }
        return " AND \(ident: column) IN (\(binds: units.map(\.rawValue).sorted() + [""]))"
    }

    static func organizationCurrency(_ sql: any SQLDatabase, _ scope: OrgScope) async throws -> Currency {
        guard let row = try await sql.raw("""
            SELECT currency FROM organizations WHERE id = \(bind: scope.organizationID.rawValue)
            """).first() else { throw DomainError.notFound("organization") }
        return try row.enumValue("currency")
    }

    // MARK: Invoices

    /// Invoices the member may see, newest first.
    package func invoices(_ scope: OrgScope, filter: InvoiceFilter = .init(), page: PageRequest) async throws
        -> Page<Invoice>
    {
        let units = try Self.readableUnits(scope)
        let today = CalendarDate(clock.now()).description
        let open = InvoiceStatus.open.rawValue
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM invoices WHERE org_id = \(bind: scope.organizationID.rawValue)"
            q += Self.unitCondition(units)
            if let unitID = filter.unitID { q += " AND unit_id = \(bind: unitID.rawValue)" }
            if let status = filter.status { q += " AND status = \(bind: status.rawValue)" }
            switch filter.overdue {
            case true?: q += " AND status = \(bind: open) AND due_date < \(bind: today)"
            case false?: q += " AND NOT (status = \(bind: open) AND due_date < \(bind: today))"
            case nil: break
            }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.invoice), page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// One invoice; another unit's or organization's invoice is not found.
    package func invoice(_ scope: OrgScope, id: InvoiceID) async throws -> Invoice {
        let units = try Self.readableUnits(scope)
        return try await database.read { sql in try await Self.invoice(sql, scope, id, units: units) }
    }

    static func invoice(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: InvoiceID, units: Set<UnitID>? = nil)
        async throws -> Invoice
    {
        var q: SQLQueryString = """
            SELECT * FROM invoices WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """
        q += unitCondition(units)
        guard let row = try await sql.raw(q).first() else { throw DomainError.notFound("invoice") }
        return try invoice(row)
    }

    /// Issues an invoice to a unit of the organization, in the organization's currency.
    package func createInvoice(_ scope: OrgScope, _ input: InvoiceInput) async throws -> Invoice {
        try scope.require(.financeManage)
        try input.validate()
        let now = clock.now()
        let invoice = Invoice(id: .init(), organizationID: scope.organizationID, unitID: input.unitID,
                              number: input.number.trimmingCharacters(in: .whitespaces),
                              description: input.description,
                              amount: Money(amountMinor: input.amountMinor, currency: input.currency), paidMinor: 0,
                              issueDate: input.issueDate, dueDate: input.dueDate, status: .open, createdAt: now,
                              updatedAt: now)
        try await database.write { sql in
            try await Self.requireUnit(sql, scope, input.unitID)
            let currency = try await Self.organizationCurrency(sql, scope)
            if input.currency != currency {
                throw DomainError.invalid("/currency", "must be the organization's currency (\(currency.rawValue))")
            }
            let clash = try await sql.raw("""
                SELECT id FROM invoices WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND number = \(bind: invoice.number)
                """).first()
            if clash != nil {
                throw DomainError(code: "invoice.number_taken", kind: .conflict,
                                  message: "The organization already has an invoice with this number.",
                                  fields: [FieldError(pointer: "/number", detail: "already used")])
            }
            try await sql.raw("""
                INSERT INTO invoices (id, org_id, unit_id, number, description, amount_minor, currency, paid_minor,
                                      issue_date, due_date, status, created_at, updated_at)
                VALUES (\(bind: invoice.id.rawValue), \(bind: scope.organizationID.rawValue),
                        \(bind: invoice.unitID.rawValue), \(bind: invoice.number), \(bind: invoice.description),
                        \(bind: invoice.amount.amountMinor), \(bind: invoice.amount.currency.rawValue),
                        \(bind: Int64(0)),
                        \(bind: invoice.issueDate.description), \(bind: invoice.dueDate.description),
                        \(bind: invoice.status.rawValue), \(bind: now), \(bind: now))
                """).run()
        }
        return invoice
    }

    /// Cancels an open invoice; any other status is a conflict. Payments already made stay as credit.
    package func cancelInvoice(_ scope: OrgScope, id: InvoiceID) async throws -> Invoice {
        try scope.require(.financeManage)
        let now = clock.now()
        return try await database.write { sql in
            var invoice = try await Self.invoice(sql, scope, id)
            guard invoice.status == .open else {
                throw DomainError.invalidTransition("invoice", from: invoice.status.rawValue, to: "cancelled")
            }
            (invoice.status, invoice.updatedAt) = (.cancelled, now)
            try await sql.raw("""
                UPDATE invoices SET status = \(bind: invoice.status.rawValue), updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            return invoice
        }
    }

    static func requireUnit(_ sql: any SQLDatabase, _ scope: OrgScope, _ unitID: UnitID) async throws {
        do { _ = try await PropertyRepository.unit(sql, scope, unitID) } catch let error as DomainError
            where error.kind == .notFound
        {
            throw DomainError.invalid("/unitID", "no such unit in this organization")
        }
    }

    // MARK: Payments

    /// Payments the member may see, newest first, optionally of one unit or invoice.
    package func payments(_ scope: OrgScope, unitID: UnitID? = nil, invoiceID: InvoiceID? = nil,
                          page: PageRequest) async throws -> Page<Payment> {
        let units = try Self.readableUnits(scope)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM payments WHERE org_id = \(bind: scope.organizationID.rawValue)"
            q += Self.unitCondition(units)
            if let unitID { q += " AND unit_id = \(bind: unitID.rawValue)" }
            if let invoiceID { q += " AND invoice_id = \(bind: invoiceID.rawValue)" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.payment), page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// Records a payment. Against an invoice it must be in the invoice's currency and not exceed what is still
    /// owed; the invoice becomes `paid` when nothing is left. Writes `payment_received` in the same transaction.
    package func recordPayment(_ scope: OrgScope, _ input: PaymentInput) async throws -> Payment {
        try scope.require(.financeManage)
        try input.validate()
        let now = clock.now()
        return try await database.write { sql in
            var unitID = input.unitID
            if let invoiceID = input.invoiceID {
                var invoice: Invoice
                do { invoice = try await Self.invoice(sql, scope, invoiceID) } catch let error as DomainError
                    where error.kind == .notFound
                {
                    throw DomainError.invalid("/invoiceID", "no such invoice in this organization")
                }
                if let unitID, unitID != invoice.unitID {
                    throw DomainError.invalid("/unitID", "does not match the invoice's unit")
                }
                guard invoice.status == .open else {
                    throw DomainError(code: "invoice.not_open", kind: .conflict,
                                      message: "Only open invoices can be paid; this one is \(invoice.status).")
                }
                if input.currency != invoice.amount.currency {
                    let currency = invoice.amount.currency.rawValue
                    throw DomainError.invalid("/currency", "must be the invoice's currency (\(currency))")
                }
                let remaining = invoice.amount.amountMinor - invoice.paidMinor
                if input.amountMinor > remaining {
                    throw DomainError.invalid("/amountMinor", "exceeds the amount still due (\(remaining))")
                }
                invoice.paidMinor += input.amountMinor
                if invoice.paidMinor == invoice.amount.amountMinor { invoice.status = .paid }
                try await sql.raw("""
                    UPDATE invoices SET paid_minor = \(bind: invoice.paidMinor),
                      status = \(bind: invoice.status.rawValue), updated_at = \(bind: now)
                    WHERE id = \(bind: invoiceID.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                    """).run()
                unitID = invoice.unitID
            } else if let unitID {
                try await Self.requireUnit(sql, scope, unitID)
                let currency = try await Self.organizationCurrency(sql, scope)
                if input.currency != currency {
                    throw DomainError.invalid("/currency", "must be the organization's currency (\(currency.rawValue))")
                }
            }
            guard let unitID else { throw DomainError.invalid("/unitID", "is required when no invoiceID is given") }
            let payment = Payment(id: .init(), organizationID: scope.organizationID, unitID: unitID,
                                  invoiceID: input.invoiceID,
                                  amount: Money(amountMinor: input.amountMinor, currency: input.currency),
                                  receivedOn: input.receivedOn, reference: input.reference, createdAt: now)
            try await sql.raw("""
                INSERT INTO payments (id, org_id, unit_id, invoice_id, amount_minor, currency, received_on, reference,
                                      created_at)
                VALUES (\(bind: payment.id.rawValue), \(bind: scope.organizationID.rawValue), \(bind: unitID.rawValue),
                        \(bind: payment.invoiceID?.rawValue), \(bind: payment.amount.amountMinor),
                        \(bind: payment.amount.currency.rawValue), \(bind: payment.receivedOn.description),
                        \(bind: payment.reference), \(bind: now))
                """).run()
            try await Outbox.append(DomainEvent(
                type: .paymentReceived, organizationID: scope.organizationID, aggregateType: "payment",
                aggregateID: payment.id.rawValue,
                payload: ["paymentID": .id(payment.id), "invoiceID": .id(payment.invoiceID), "unitID": .id(unitID),
                          "amountMinor": .int(payment.amount.amountMinor),
                          "currency": .string(payment.amount.currency.rawValue),
                          "receivedOn": .string(payment.receivedOn.description)]), at: now, on: sql)
            return payment
        }
    }

    // MARK: Scheduled scan

    /// Daily, as the system across all organizations: writes `payment_overdue` for every open invoice past its
    /// due date, once per invoice and day. Returns how many events were new.
    package func scanOverdue(now: Date) async throws -> Int {
        let today = CalendarDate(now)
        return try await database.write { sql in
            let rows = try await sql.raw("""
                SELECT * FROM invoices WHERE status = \(bind: InvoiceStatus.open.rawValue)
                AND due_date < \(bind: today.description) ORDER BY org_id, due_date, id
                """).all()
            var written = 0
            for invoice in try rows.map(Self.invoice) {
                let days = Calendar.utc.dateComponents([.day], from: invoice.dueDate.startOfDay,
                                                       to: today.startOfDay).day ?? 0
                let event = DomainEvent(
                    type: .paymentOverdue, organizationID: invoice.organizationID, aggregateType: "invoice",
                    aggregateID: invoice.id.rawValue,
                    payload: ["invoiceID": .id(invoice.id), "unitID": .id(invoice.unitID),
                              "invoiceNumber": .string(invoice.number),
                              "amountDueMinor": .int(invoice.amount.amountMinor - invoice.paidMinor),
                              "currency": .string(invoice.amount.currency.rawValue),
                              "dueDate": .string(invoice.dueDate.description), "daysOverdue": .int(Int64(days))],
                    dedupeKey: "payment_overdue:\(invoice.id.rawValue):\(today.description)")
                if try await Outbox.append(event, at: now, on: sql) { written += 1 }
            }
            return written
        }
    }

    // MARK: Balances

    /// A unit's account on `today` (the clock's day): invoiced (not cancelled), paid, owed and overdue.
    package func balance(_ scope: OrgScope, unitID: UnitID) async throws -> UnitBalance {
        let units = try Self.readableUnits(scope)
        if let units, !units.contains(unitID) { throw DomainError.notFound("unit") }
        let today = CalendarDate(clock.now())
        return try await database.read { sql in
            _ = try await PropertyRepository.unit(sql, scope, unitID)
            return try await Self.balances(sql, scope, units: [unitID], today: today)[0]
        }
    }

    /// The accounts of every unit the member may see (optionally of one building), by unit number.
    package func balances(_ scope: OrgScope, buildingID: BuildingID? = nil) async throws -> [UnitBalance] {
        let units = try Self.readableUnits(scope)
        let today = CalendarDate(clock.now())
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT id FROM units WHERE org_id = \(bind: scope.organizationID.rawValue)"
            q += Self.unitCondition(units, column: "id")
            if let buildingID { q += " AND building_id = \(bind: buildingID.rawValue)" }
            q += " ORDER BY building_id, number, id"
            let ids: [UnitID] = try await sql.raw(q).all().map { try $0.id("id") }
            return try await Self.balances(sql, scope, units: ids, today: today)
        }
    }

    static func balances(_ sql: any SQLDatabase, _ scope: OrgScope, units: [UnitID], today: CalendarDate)
        async throws -> [UnitBalance]
    {
        guard !units.isEmpty else { return [] }
        let currency = try await organizationCurrency(sql, scope)
        let org = scope.organizationID.rawValue
        let ids = units.map(\.rawValue)
        let (open, cancelled, day) = (InvoiceStatus.open.rawValue, InvoiceStatus.cancelled.rawValue, today.description)
        let invoiced = try await sql.raw("""
            SELECT unit_id, CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS invoiced,
              CAST(COALESCE(SUM(CASE WHEN status = \(bind: open) AND due_date < \(bind: day)
                THEN amount_minor - paid_minor ELSE 0 END), 0) AS BIGINT) AS overdue,
              CAST(COALESCE(SUM(CASE WHEN status = \(bind: open) AND due_date < \(bind: day)
                THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue_count
            FROM invoices WHERE org_id = \(bind: org) AND status <> \(bind: cancelled) AND unit_id IN (\(binds: ids))
            GROUP BY unit_id
            """).all()
        let paid = try await sql.raw("""
            SELECT unit_id, CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS paid FROM payments
            WHERE org_id = \(bind: org) AND unit_id IN (\(binds: ids)) GROUP BY unit_id
            """).all()
        var charges: [String: (invoiced: Int64, overdue: Int64, count: Int)] = [:]
        for row in invoiced {
            charges[try row.string("unit_id")] =
                (try row.int64("invoiced"), try row.int64("overdue"), try row.int("overdue_count"))
        }
        var payments: [String: Int64] = [:]
        for row in paid { payments[try row.string("unit_id")] = try row.int64("paid") }
        return units.map { unit in
            let charge = charges[unit.rawValue] ?? (0, 0, 0)
            let received = payments[unit.rawValue] ?? 0
            return UnitBalance(unitID: unit, currency: currency, invoicedMinor: charge.invoiced, paidMinor: received,
                               balanceMinor: charge.invoiced - received, overdueMinor: charge.overdue,
                               overdueInvoices: charge.count)
        }
    }
}
