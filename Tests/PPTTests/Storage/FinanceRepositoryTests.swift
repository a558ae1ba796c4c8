import Foundation
import PPTDomain
import PPTStorage
import Testing

@Suite("Finance repository contract")
struct FinanceRepositoryTests {
    static let clock = FixedClock("2025-03-10")

    static func invoice(_ unit: UnitID, _ number: String, amount: Int64, due: String) -> InvoiceInput {
        InvoiceInput(unitID: unit, number: number, description: "Service charges", amountMinor: amount,
                     currency: .EUR, issueDate: CalendarDate("2025-01-01")!, dueDate: CalendarDate(due)!)
    }

    static func payment(invoice: InvoiceID? = nil, unit: UnitID? = nil, amount: Int64,
                        currency: Currency = .EUR) -> PaymentInput {
        PaymentInput(unitID: unit, invoiceID: invoice, amountMinor: amount, currency: currency,
                     receivedOn: CalendarDate("2025-03-01")!, reference: "VS 2025001")
    }

    static func events(_ database: any Database, _ org: OrganizationID, _ type: DomainEventType) async throws
        -> [DomainEvent]
    {
        try await OutboxStore(database: database).events(organizationID: org).map(\.event).filter { $0.type == type }
    }

    @Test("a unit's balance counts live invoices, every payment and what is overdue", arguments: TestDatabase.dialects)
    func balance(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let finance = FinanceRepository(database: database, clock: Self.clock)
            let overdue = try await finance.createInvoice(a.admin, Self.invoice(a.unit.id, "2025-001", amount: 10_000,
                                                                                due: "2025-02-15"))
            let current = try await finance.createInvoice(a.admin, Self.invoice(a.unit.id, "2025-002", amount: 12_000,
                                                                                due: "2025-03-31"))
            let cancelled = try await finance.createInvoice(a.admin, Self.invoice(a.unit.id, "2025-003", amount: 5_000,
                                                                                  due: "2025-02-01"))
            _ = try await finance.cancelInvoice(a.admin, id: cancelled.id)
            _ = try await finance.recordPayment(a.admin, Self.payment(invoice: overdue.id, amount: 4_000))
            _ = try await finance.recordPayment(a.admin, Self.payment(unit: a.unit.id, amount: 1_000))

            let expected = UnitBalance(unitID: a.unit.id, currency: .EUR, invoicedMinor: 22_000, paidMinor: 5_000,
                                       balanceMinor: 17_000, overdueMinor: 6_000, overdueInvoices: 1)
            #expect(try await finance.balance(a.tenant, unitID: a.unit.id) == expected)
            #expect(try await finance.balances(a.admin) == [expected])
            let overdueOnly = try await finance.invoices(a.admin, filter: InvoiceFilter(overdue: true), page: .init())
            #expect(overdueOnly.items.map(\.id) == [overdue.id])
            let notOverdue = try await finance.invoices(a.admin, filter: InvoiceFilter(overdue: false), page: .init())
            #expect(Set(notOverdue.items.map(\.id)) == [current.id, cancelled.id])
            let cancelledOnly = try await finance.invoices(a.admin, filter: InvoiceFilter(status: .cancelled),
                                                           page: .init())
            #expect(cancelledOnly.items.map(\.id) == [cancelled.id])
        }
    }

    @Test("a tenant reads only their unit's finances and another organization reads none of them",
          arguments: TestDatabase.dialects)
    func isolation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let other = try await PropertyRepository(database: database).createUnit(a.admin, UnitInput(
                buildingID: a.building.id, number: "2", type: .flat, floor: 1, sizeSqm: 40, rooms: 2,
                ownershipShareNumerator: 400, ownershipShareDenominator: 10_000))
            let finance = FinanceRepository(database: database, clock: Self.clock)
            let mine = try await finance.createInvoice(a.admin, Self.invoice(a.unit.id, "1", amount: 100,
                                                                             due: "2025-04-01"))
            let theirs = try await finance.createInvoice(a.admin, Self.invoice(other.id, "2", amount: 200,
                                                                               due: "2025-04-01"))
            _ = try await finance.recordPayment(a.admin, Self.payment(invoice: theirs.id, amount: 50))

            #expect(try await finance.invoice(a.tenant, id: mine.id) == mine)
            let invoiceMissing = DomainError.notFound("invoice"), unitMissing = DomainError.notFound("unit")
            await #expect(throws: invoiceMissing) { try await finance.invoice(a.tenant, id: theirs.id) }
            await #expect(throws: invoiceMissing) { try await finance.invoice(b.admin, id: mine.id) }
            await #expect(throws: unitMissing) { try await finance.balance(a.tenant, unitID: other.id) }
            await #expect(throws: unitMissing) { try await finance.balance(b.admin, unitID: a.unit.id) }
            #expect(try await finance.invoices(a.tenant, page: .init()).items.map(\.id) == [mine.id])
            #expect(try await finance.invoices(b.admin, page: .init()).items.isEmpty)
            #expect(try await finance.payments(a.tenant, page: .init()).items.isEmpty)
            #expect(try await finance.balances(a.tenant).map(\.unitID) == [a.unit.id])
            await #expect { try await finance.createInvoice(a.tenant, Self.invoice(a.unit.id, "3", amount: 1,
                                                                                     due: "2025-04-01")) }
                throws: { ($0 as? DomainError)?.kind == .forbidden }
            await #expect { try await finance.recordPayment(b.admin, Self.payment(invoice: mine.id, amount: 10)) }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/invoiceID"] }
            await #expect { try await finance.createInvoice(b.admin, Self.invoice(a.unit.id, "4", amount: 1,
                                                                                    due: "2025-04-01")) }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/unitID"] }
        }
    }

    @Test("each payment writes payment_received once and settles its invoice; bad payments write nothing",
          arguments: TestDatabase.dialects)
    func payments(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let finance = FinanceRepository(database: database, clock: Self.clock)
            let invoice = try await finance.createInvoice(a.admin, Self.invoice(a.unit.id, "7", amount: 10_000,
                                                                                due: "2025-03-31"))
            let first = try await finance.recordPayment(a.admin, Self.payment(invoice: invoice.id, amount: 6_000))
            #expect(try await finance.invoice(a.admin, id: invoice.id).status == .open)
            await #expect { try await finance.recordPayment(a.admin, Self.payment(invoice: invoice.id, amount: 4_001)) }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/amountMinor"] }
            await #expect {
                try await finance.recordPayment(a.admin, Self.payment(invoice: invoice.id, amount: 100, currency: .CZK))
            } throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/currency"] }
            let second = try await finance.recordPayment(a.admin, Self.payment(invoice: invoice.id, amount: 4_000))
            let settled = try await finance.invoice(a.admin, id: invoice.id)
            #expect(settled.status == .paid)
            #expect(settled.paidMinor == 10_000)
            await #expect { try await finance.recordPayment(a.admin, Self.payment(invoice: invoice.id, amount: 1)) }
                throws: { ($0 as? DomainError)?.code == "invoice.not_open" }
            await #expect { try await finance.cancelInvoice(a.admin, id: invoice.id) }
                throws: { ($0 as? DomainError)?.code == "invoice.invalid_transition" }

            let events = try await Self.events(database, a.organization.id, .paymentReceived)
            #expect(events.map(\.aggregateID) == [first.id.rawValue, second.id.rawValue])
            #expect(events[0].payload["paymentID"] == .string(first.id.rawValue))
            #expect(events[0].payload["invoiceID"] == .string(invoice.id.rawValue))
            #expect(events[0].payload["unitID"] == .string(a.unit.id.rawValue))
            #expect(events[0].payload["amountMinor"] == .number(6_000))
            #expect(events[0].payload["currency"] == .string("EUR"))
            let listed = try await finance.payments(a.tenant, invoiceID: invoice.id, page: .init())
            #expect(Set(listed.items.map(\.id)) == [first.id, second.id])
        }
    }

    @Test("invoices are validated, numbered uniquely and cancelled only while open", arguments: TestDatabase.dialects)
    func invoiceRules(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let finance = FinanceRepository(database: database, clock: Self.clock)
            await #expect { try await finance.createInvoice(a.admin, Self.invoice(a.unit.id, "1", amount: 0,
                                                                                    due: "2025-04-01")) }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/amountMinor"] }
            var czk = Self.invoice(a.unit.id, "1", amount: 100, due: "2025-04-01")
            czk.currency = .CZK
            await #expect { try await finance.createInvoice(a.admin, czk) }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/currency"] }
            let invoice = try await finance.createInvoice(a.admin, Self.invoice(a.unit.id, "1", amount: 100,
                                                                                due: "2025-04-01"))
            await #expect { try await finance.createInvoice(a.admin, Self.invoice(a.unit.id, "1", amount: 100,
                                                                                    due: "2025-04-01")) }
                throws: { ($0 as? DomainError)?.code == "invoice.number_taken" }
            #expect(try await finance.cancelInvoice(a.admin, id: invoice.id).status == .cancelled)
            await #expect { try await finance.cancelInvoice(a.admin, id: invoice.id) }
                throws: { ($0 as? DomainError)?.kind == .conflict }
        }
    }

    @Test("the overdue scan writes one payment_overdue per invoice and day", arguments: TestDatabase.dialects)
    func overdueScan(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let finance = FinanceRepository(database: database, clock: Self.clock)
            let late = try await finance.createInvoice(a.admin, Self.invoice(a.unit.id, "1", amount: 10_000,
                                                                             due: "2025-03-01"))
            _ = try await finance.recordPayment(a.admin, Self.payment(invoice: late.id, amount: 2_500))
            _ = try await finance.createInvoice(a.admin, Self.invoice(a.unit.id, "2", amount: 500, due: "2025-03-31"))
            let settled = try await finance.createInvoice(a.admin, Self.invoice(a.unit.id, "3", amount: 700,
                                                                                due: "2025-02-01"))
            _ = try await finance.recordPayment(a.admin, Self.payment(invoice: settled.id, amount: 700))
            let lateB = try await finance.createInvoice(b.admin, Self.invoice(b.unit.id, "1", amount: 900,
                                                                              due: "2025-03-09"))

            let morning = Self.clock.now()
            #expect(try await finance.scanOverdue(now: morning) == 2)
            #expect(try await finance.scanOverdue(now: morning.addingTimeInterval(3 * 3600)) == 0)
            #expect(try await finance.scanOverdue(now: morning.addingTimeInterval(24 * 3600)) == 2)

            let events = try await Self.events(database, a.organization.id, .paymentOverdue)
            #expect(events.map(\.dedupeKey) == ["payment_overdue:\(late.id):2025-03-10",
                                                "payment_overdue:\(late.id):2025-03-11"])
            #expect(events[0].payload["invoiceID"] == .string(late.id.rawValue))
            #expect(events[0].payload["unitID"] == .string(a.unit.id.rawValue))
            #expect(events[0].payload["amountDueMinor"] == .number(7_500))
            #expect(events[0].payload["currency"] == .string("EUR"))
            #expect(events[0].payload["dueDate"] == .string("2025-03-01"))
            #expect(events[0].payload["daysOverdue"] == .number(9))
            #expect(events[1].payload["daysOverdue"] == .number(10))
            let eventsB = try await Self.events(database, b.organization.id, .paymentOverdue)
            #expect(eventsB.map(\.aggregateID) == [lateB.id.rawValue, lateB.id.rawValue])
        }
    }
}
