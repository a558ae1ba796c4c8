import Foundation
import PPTDomain
import SQLKit

/// Leases with their lifecycle (draft → active → terminated | expired); the daily scan writes `lease_expiring`
/// once per active lease and end date.
package struct LeaseRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func lease(_ r: any SQLRow) throws -> Lease {
        let currency: Currency = try r.enumValue("currency")
        return Lease(id: try r.id("id"), organizationID: try r.id("org_id"), unitID: try r.id("unit_id"),
                     landlord: try r.json("landlord"), tenants: try r.json("tenants"),
                     startDate: try r.calendarDate("start_date"), endDate: try r.optionalCalendarDate("end_date"),
                     rent: Money(amountMinor: try r.int64("rent_minor"), currency: currency),
                     deposit: Money(amountMinor: try r.int64("deposit_minor"), currency: currency),
                     status: try r.enumValue("status"), createdAt: try r.date("created_at"),
                     updatedAt: try r.date("updated_at"))
    }

    /// The units whose leases the member may read: `nil` for all (staff), otherwise their own units.
    private static func readableUnits(_ scope: OrgScope) throws -> Set<UnitID>? {
        try scope.require(.leasesRead)
        return scope.unitFilter
    }

    /// Owners see every lease of their units; tenants and residents only the leases that name them
    /// (by user id) as a tenant, not earlier tenants' contracts with their personal details. Parties
    /// are stored as canonical JSON (sorted keys, no spaces), so the match is exact.
    private static func partyCondition(_ scope: OrgScope) -> SQLQueryString {
        guard scope.role == .tenant || scope.role == .resident else { return "" }
        return " AND tenants LIKE \(bind: "%\"userID\":\"\(scope.userID.rawValue)\"%")"
    }

    // MARK: Reads

    /// Leases the member may see, newest first.
    package func leases(_ scope: OrgScope, filter: LeaseFilter = .init(), page: PageRequest) async throws
        -> Page<Lease>
    {
        let units = try Self.readableUnits(scope)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM leases WHERE org_id = \(bind: scope.organizationID.rawValue)"
            q += FinanceRepository.unitCondition(units) + Self.partyCondition(scope)
            if let unitID = filter.unitID { q += " AND unit_id = \(bind: unitID.rawValue)" }
            if let status = filter.status { q += " AND status = \(bind: status.rawValue)" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.lease), page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// One lease the member may see; another unit's or organization's lease is not found.
    package func lease(_ scope: OrgScope, id: LeaseID) async throws -> Lease {
        let units = try Self.readableUnits(scope)
        return try await database.read { sql in try await Self.lease(sql, scope, id, units: units) }
    }

    static func lease(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: LeaseID, units: Set<UnitID>? = nil)
        async throws -> Lease
    {
        var q: SQLQueryString = """
            SELECT * FROM leases WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """
        q += FinanceRepository.unitCondition(units)
        if units != nil { q += partyCondition(scope) }
        guard let row = try await sql.raw(q).first() else { throw DomainError.notFound("lease") }
        return try lease(row)
    }

    // MARK: Writes

    /// Creates a lease as a draft.
    package func createLease(_ scope: OrgScope, _ input: LeaseInput) async throws -> Lease {
        try scope.require(.leasesManage)
        try input.validate()
        let now = clock.now()
        let lease = Lease(id: .init(), organizationID: scope.organizationID, unitID: input.unitID,
                          landlord: input.landlord, tenants: input.tenants, startDate: input.startDate,
                          endDate: input.endDate, rent: Money(amountMinor: input.rentMinor, currency: input.currency),
                          deposit: Money(amountMinor: input.depositMinor, currency: input.currency), status: .draft,
                          createdAt: now, updatedAt: now)
        try await database.write { sql in
            try await Self.requireReferences(sql, scope, input)
            try await sql.raw("""
                INSERT INTO leases (id, org_id, unit_id, landlord, tenants, start_date, end_date, rent_minor,
                                    deposit_minor, currency, status, created_at, updated_at)
                VALUES (\(bind: lease.id.rawValue), \(bind: scope.organizationID.rawValue),
                        \(bind: lease.unitID.rawValue),
                        \(bind: jsonText(lease.landlord)), \(bind: jsonText(lease.tenants)),
                        \(bind: lease.startDate.description), \(bind: lease.endDate?.description),
                        \(bind: lease.rent.amountMinor), \(bind: lease.deposit.amountMinor),
                        \(bind: lease.rent.currency.rawValue), \(bind: lease.status.rawValue), \(bind: now),
                        \(bind: now))
                """).run()
        }
        return lease
    }

    /// Replaces a draft or active lease's terms; terminated and expired leases are closed (conflict).
    package func updateLease(_ scope: OrgScope, id: LeaseID, _ input: LeaseInput) async throws -> Lease {
        try scope.require(.leasesManage)
        try input.validate()
        let now = clock.now()
        return try await database.write { sql in
            var lease = try await Self.lease(sql, scope, id)
            guard lease.status.isEditable else {
                throw DomainError(code: "lease.closed", kind: .conflict,
                                  message: "A \(lease.status.rawValue) lease can no longer be changed.")
            }
            try await Self.requireReferences(sql, scope, input)
            (lease.unitID, lease.landlord, lease.tenants) = (input.unitID, input.landlord, input.tenants)
            (lease.startDate, lease.endDate, lease.updatedAt) = (input.startDate, input.endDate, now)
            lease.rent = Money(amountMinor: input.rentMinor, currency: input.currency)
            lease.deposit = Money(amountMinor: input.depositMinor, currency: input.currency)
            if lease.status == .active { try await Self.requireUnitFree(sql, scope, lease) }
            try await sql.raw("""
                UPDATE leases SET unit_id = \(bind: lease.unitID.rawValue),
                  landlord = \(bind: jsonText(lease.landlord)), tenants = \(bind: jsonText(lease.tenants)),
                  start_date = \(bind: lease.startDate.description),
                  end_date = \(bind: lease.endDate?.description), rent_minor = \(bind: lease.rent.amountMinor),
                  deposit_minor = \(bind: lease.deposit.amountMinor), currency = \(bind: lease.rent.currency.rawValue),
                  updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            return lease
        }
    }

    /// Moves a lease along its lifecycle: draft → active → terminated | expired. Other moves are conflicts, and
    /// so is activating a lease whose term overlaps another active lease of the unit.
    package func setStatus(_ scope: OrgScope, id: LeaseID, to status: LeaseStatus) async throws -> Lease {
        try scope.require(.leasesManage)
        let now = clock.now()
        return try await database.write { sql in
            var lease = try await Self.lease(sql, scope, id)
            guard lease.status.canTransition(to: status) else {
                throw DomainError.invalidTransition("lease", from: lease.status.rawValue, to: status.rawValue)
            }
            if status == .active { try await Self.requireUnitFree(sql, scope, lease) }
            (lease.status, lease.updatedAt) = (status, now)
            try await sql.raw("""
                UPDATE leases SET status = \(bind: status.rawValue), updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            return lease
        }
    }

    /// The unit must be the organization's, and parties with a user id must be members of it.
    private static func requireReferences(_ sql: any SQLDatabase, _ scope: OrgScope, _ input: LeaseInput) async throws {
        try await FinanceRepository.requireUnit(sql, scope, input.unitID)
        let parties = [("/landlord", input.landlord)]
            + input.tenants.enumerated().map { ("/tenants/\($0.offset)", $0.element) }
        var fields: [FieldError] = []
        for (pointer, party) in parties {
            guard let userID = party.userID else { continue }
            let member = try await sql.raw("""
                SELECT user_id FROM memberships WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND user_id = \(bind: userID.rawValue)
                """).first()
            if member == nil { fields.append(FieldError(pointer: "\(pointer)/userID", detail: "is not a member")) }
        }
        if !fields.isEmpty { throw DomainError.invalid(fields) }
    }

    /// Throws a conflict when another active lease of the same unit overlaps `lease`'s term.
    private static func requireUnitFree(_ sql: any SQLDatabase, _ scope: OrgScope, _ lease: Lease) async throws {
        let others = try await sql.raw("""
            SELECT * FROM leases WHERE org_id = \(bind: scope.organizationID.rawValue)
            AND unit_id = \(bind: lease.unitID.rawValue) AND status = \(bind: LeaseStatus.active.rawValue)
            AND id <> \(bind: lease.id.rawValue)
            """).all().map(Self.lease)
        let overlapping = others.first { other in
            (other.endDate.map { lease.startDate <= $0 } ?? true)
                && (lease.endDate.map { other.startDate <= $0 } ?? true)
        }
        if let overlapping {
            throw DomainError(code: "lease.unit_occupied", kind: .conflict,
                              message: "The unit already has an active lease (\(overlapping.id)) in this term.")
        }
    }

    // MARK: Scheduled scan

    /// Daily, as the system across all organizations: writes `lease_expiring` for every active lease whose end
    /// date is between today and `daysAhead` days from now, once per lease and end date (a changed end date
    /// alerts again). Returns how many events were new.
    package func scanExpiringLeases(now: Date, daysAhead: Int) async throws -> Int {
        let today = CalendarDate(now)
        let horizon = today.adding(days: max(0, daysAhead))
        return try await database.write { sql in
            let leases = try await sql.raw("""
                SELECT * FROM leases WHERE status = \(bind: LeaseStatus.active.rawValue) AND end_date IS NOT NULL
                AND end_date >= \(bind: today.description) AND end_date <= \(bind: horizon.description)
                ORDER BY org_id, end_date, id
                """).all().map(Self.lease)
            var written = 0
            for lease in leases {
                guard let endDate = lease.endDate else { continue }
                let days = Calendar.utc.dateComponents([.day], from: today.startOfDay, to: endDate.startOfDay).day ?? 0
                let event = DomainEvent(
                    type: .leaseExpiring, organizationID: lease.organizationID, aggregateType: "lease",
                    aggregateID: lease.id.rawValue,
                    payload: ["leaseID": .id(lease.id), "unitID": .id(lease.unitID),
                              "startDate": .string(lease.startDate.description),
                              "endDate": .string(endDate.description), "daysRemaining": .int(Int64(days)),
                              "rentMinor": .int(lease.rent.amountMinor),
                              "currency": .string(lease.rent.currency.rawValue)],
                    dedupeKey: "lease_expiring:\(lease.id.rawValue):\(endDate.description)")
                if try await Outbox.append(event, at: now, on: sql) { written += 1 }
            }
            return written
        }
    }
}
