import Foundation
import PPTDomain
import PPTStorage
import Testing

@Suite("Lease repository contract")
struct LeaseRepositoryTests {
    static let clock = FixedClock("2025-03-10")

    static func input(_ unit: UnitID, start: String = "2025-01-01", end: String? = "2025-12-31",
                      tenant: UserID? = nil) -> LeaseInput {
        LeaseInput(unitID: unit, landlord: LeaseParty(name: "Ján Vlastník", email: "jan@example.com"),
                   tenants: [LeaseParty(name: "Eva Nájomná", email: "eva@example.com", userID: tenant)],
                   startDate: CalendarDate(start)!, endDate: end.map { CalendarDate($0)! }, rentMinor: 65_000,
                   depositMinor: 130_000, currency: .EUR)
    }

    @Test("a tenant sees only the leases that name them, not an earlier tenant's lease of the same unit; owners see all",
          arguments: TestDatabase.dialects)
    func tenantsSeeOnlyTheirOwnLeases(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let leases = LeaseRepository(database: database, clock: Self.clock)
            let earlier = try await leases.createLease(a.admin, Self.input(a.unit.id, start: "2023-01-01",
                                                                           end: "2023-12-31"))
            let current = try await leases.createLease(a.admin, Self.input(a.unit.id, tenant: a.tenantUser.id))
            #expect(try await leases.leases(a.tenant, page: .init()).items.map(\.id) == [current.id])
            await #expect(throws: DomainError.notFound("lease")) { try await leases.lease(a.tenant, id: earlier.id) }
            let accounts = AccountRepository(database: database)
            let owner = try await accounts.createUser(email: "owner@example.com", name: "Owner", passwordHash: "x",
                                                      locale: .sk)
            _ = try await accounts.setMember(a.admin, email: owner.email, role: .owner)
            _ = try await PropertyRepository(database: database).addResident(a.admin, unitID: a.unit.id, ResidentInput(
                userID: owner.id, name: owner.name, relation: .owner, startDate: CalendarDate("2020-01-01")!))
            let ownerScope = try #require(try await accounts.scope(userID: owner.id, organizationID: a.organization.id))
            #expect(Set(try await leases.leases(ownerScope, page: .init()).items.map(\.id)) == [earlier.id, current.id])
        }
    }

    @Test("leases are created as drafts, updated, and read only by their unit's members and staff",
          arguments: TestDatabase.dialects)
    func crudAndIsolation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let other = try await PropertyRepository(database: database).createUnit(a.admin, UnitInput(
                buildingID: a.building.id, number: "2", type: .flat, floor: 2, sizeSqm: 40, rooms: 1,
                ownershipShareNumerator: 400, ownershipShareDenominator: 10_000))
            let leases = LeaseRepository(database: database, clock: Self.clock)
            let mine = try await leases.createLease(a.admin, Self.input(a.unit.id, tenant: a.tenantUser.id))
            let theirs = try await leases.createLease(a.admin, Self.input(other.id))
            #expect(mine.status == .draft)
            #expect(mine.tenants[0].userID == a.tenantUser.id)

            var change = Self.input(a.unit.id, end: "2026-06-30", tenant: a.tenantUser.id)
            change.rentMinor = 70_000
            let updated = try await leases.updateLease(a.admin, id: mine.id, change)
            #expect(updated.rent == Money(amountMinor: 70_000, currency: .EUR))
            #expect(try await leases.lease(a.tenant, id: mine.id) == updated)

            await #expect(throws: DomainError.notFound("lease")) { try await leases.lease(a.tenant, id: theirs.id) }
            await #expect(throws: DomainError.notFound("lease")) { try await leases.lease(b.admin, id: mine.id) }
            #expect(try await leases.leases(a.tenant, page: .init()).items.map(\.id) == [mine.id])
            #expect(try await leases.leases(b.admin, page: .init()).items.isEmpty)
            let byUnit = try await leases.leases(a.admin, filter: LeaseFilter(unitID: other.id), page: .init())
            #expect(byUnit.items.map(\.id) == [theirs.id])
            await #expect { try await leases.createLease(a.tenant, Self.input(a.unit.id)) }
                throws: { ($0 as? DomainError)?.kind == .forbidden }
            await #expect { try await leases.createLease(b.admin, Self.input(a.unit.id)) }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/unitID"] }
            await #expect { try await leases.createLease(b.admin, Self.input(b.unit.id, tenant: a.tenantUser.id)) }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/tenants/0/userID"] }
            var bad = Self.input(a.unit.id, start: "2025-06-01", end: "2025-05-01")
            bad.tenants = []
            bad.rentMinor = 0
            await #expect { try await leases.createLease(a.admin, bad) }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/tenants", "/endDate", "/rentMinor"] }
        }
    }

    @Test("a lease goes from draft to active to terminated or expired and nowhere else",
          arguments: TestDatabase.dialects)
    func lifecycle(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let leases = LeaseRepository(database: database, clock: Self.clock)
            let first = try await leases.createLease(a.admin, Self.input(a.unit.id))
            await #expect { try await leases.setStatus(a.admin, id: first.id, to: .terminated) }
                throws: { ($0 as? DomainError)?.code == "lease.invalid_transition" }
            #expect(try await leases.setStatus(a.admin, id: first.id, to: .active).status == .active)

            let overlapping = try await leases.createLease(a.admin, Self.input(a.unit.id, start: "2025-12-01",
                                                                                 end: nil))
            await #expect { try await leases.setStatus(a.admin, id: overlapping.id, to: .active) }
                throws: { ($0 as? DomainError)?.code == "lease.unit_occupied" }
            let following = try await leases.createLease(a.admin, Self.input(a.unit.id, start: "2026-01-01", end: nil))
            #expect(try await leases.setStatus(a.admin, id: following.id, to: .active).status == .active)

            #expect(try await leases.setStatus(a.admin, id: first.id, to: .terminated).status == .terminated)
            await #expect { try await leases.setStatus(a.admin, id: first.id, to: .active) }
                throws: { ($0 as? DomainError)?.code == "lease.invalid_transition" }
            await #expect { try await leases.updateLease(a.admin, id: first.id, Self.input(a.unit.id)) }
                throws: { ($0 as? DomainError)?.code == "lease.closed" }
            #expect(try await leases.setStatus(a.admin, id: following.id, to: .expired).status == .expired)
            let active = try await leases.leases(a.admin, filter: LeaseFilter(status: .active), page: .init())
            #expect(active.items.isEmpty)
        }
    }

    @Test("lease_expiring is written once per active lease and end date within the horizon",
          arguments: TestDatabase.dialects)
    func expiringScan(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let properties = PropertyRepository(database: database)
            var units: [UnitID] = [a.unit.id]
            for number in 2...4 {
                units.append(try await properties.createUnit(a.admin, UnitInput(
                    buildingID: a.building.id, number: "\(number)", type: .flat, floor: 1, sizeSqm: 40, rooms: 1,
                    ownershipShareNumerator: 1, ownershipShareDenominator: 100)).id)
            }
            let leases = LeaseRepository(database: database, clock: Self.clock)
            let soon = try await leases.createLease(a.admin, Self.input(units[0], end: "2025-04-05"))
            _ = try await leases.setStatus(a.admin, id: soon.id, to: .active)
            let far = try await leases.createLease(a.admin, Self.input(units[1], end: "2025-09-30"))
            _ = try await leases.setStatus(a.admin, id: far.id, to: .active)
            _ = try await leases.createLease(a.admin, Self.input(units[2], end: "2025-03-20"))
            let openEnded = try await leases.createLease(a.admin, Self.input(units[3], end: nil))
            _ = try await leases.setStatus(a.admin, id: openEnded.id, to: .active)

            let now = Self.clock.now()
            #expect(try await leases.scanExpiringLeases(now: now, daysAhead: 30) == 1)
            #expect(try await leases.scanExpiringLeases(now: now, daysAhead: 30) == 0)
            #expect(try await leases.scanExpiringLeases(now: now.addingTimeInterval(86_400), daysAhead: 30) == 0)

            var extended = Self.input(units[0], end: "2025-04-06")
            extended.rentMinor = soon.rent.amountMinor
            _ = try await leases.updateLease(a.admin, id: soon.id, extended)
            #expect(try await leases.scanExpiringLeases(now: now.addingTimeInterval(86_400), daysAhead: 30) == 1)

            let events = try await OutboxStore(database: database).events(organizationID: a.organization.id)
                .map(\.event).filter { $0.type == .leaseExpiring }
            #expect(events.map(\.dedupeKey) == ["lease_expiring:\(soon.id):2025-04-05",
                                                "lease_expiring:\(soon.id):2025-04-06"])
            #expect(events[0].payload["leaseID"] == .string(soon.id.rawValue))
            #expect(events[0].payload["unitID"] == .string(units[0].rawValue))
            #expect(events[0].payload["endDate"] == .string("2025-04-05"))
            #expect(events[0].payload["daysRemaining"] == .number(26))
        }
    }
}
