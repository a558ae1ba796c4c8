import Foundation
import PPTDomain
import SQLKit

/// Buildings, units and their residents.
package struct PropertyRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func building(_ r: any SQLRow) throws -> Building {
        Building(id: try r.id("id"), organizationID: try r.id("org_id"), name: try r.string("name"),
                 street: try r.string("street"), city: try r.string("city"), postalCode: try r.string("postal_code"),
                 country: try r.string("country"), yearBuilt: try r.decode(column: "year_built", as: Int?.self),
                 createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }

    static func unit(_ r: any SQLRow) throws -> BuildingUnit {
        BuildingUnit(id: try r.id("id"), organizationID: try r.id("org_id"), buildingID: try r.id("building_id"),
             number: try r.string("number"), type: try r.enumValue("type"), floor: try r.int("floor"),
             sizeSqm: try r.double("size_sqm"), rooms: try r.int("rooms"),
             ownershipShareNumerator: try r.int64("share_numerator"),
             ownershipShareDenominator: try r.int64("share_denominator"),
             createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }

    static func resident(_ r: any SQLRow) throws -> UnitResident {
        UnitResident(id: try r.id("id"), organizationID: try r.id("org_id"), unitID: try r.id("unit_id"),
                     userID: try r.optionalID("user_id"), name: try r.string("name"), email: try r.optionalString("email"),
                     relation: try r.enumValue("relation"), startDate: try r.calendarDate("start_date"),
                     endDate: try r.optionalCalendarDate("end_date"), createdAt: try r.date("created_at"))
    }

    // MARK: Buildings

    /// Buildings of the organization (resident-like roles see only their own).
    package func buildings(_ scope: OrgScope, page: PageRequest) async throws -> Page<Building> {
        try scope.require(.buildingsRead)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM buildings WHERE org_id = \(bind: scope.organizationID.rawValue)"
            if scope.role.isResidentLike { q += " AND id IN (\(binds: scope.buildingIDs.map(\.rawValue) + [""]))" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.building), page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// One building.
    package func building(_ scope: OrgScope, id: BuildingID) async throws -> Building {
        try scope.require(.buildingsRead)
        if scope.role.isResidentLike && !scope.buildingIDs.contains(id) { throw DomainError.notFound("building") }
        return try await database.read { sql in try await Self.building(sql, scope, id) }
    }

    static func building(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: BuildingID) async throws -> Building {
        guard let row = try await sql.raw("""
            SELECT * FROM buildings WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """).first() else { throw DomainError.notFound("building") }
        return try building(row)
    }

    /// Creates a building.
    package func createBuilding(_ scope: OrgScope, _ input: BuildingInput) async throws -> Building {
        try scope.require(.buildingsManage)
        try input.validate()
        let now = clock.now()
        let b = Building(id: .init(), organizationID: scope.organizationID, name: input.name, street: input.street,
                         city: input.city, postalCode: input.postalCode, country: input.country.uppercased(),
                         yearBuilt: input.yearBuilt, createdAt: now, updatedAt: now)
        try await database.write { sql in
            try await sql.raw("""
                INSERT INTO buildings (id, org_id, name, street, city, postal_code, country, year_built, created_at, updated_at)
                VALUES (\(bind: b.id.rawValue), \(bind: b.organizationID.rawValue), \(bind: b.name), \(bind: b.street),
                        \(bind: b.city), \(bind: b.postalCode), \(bind: b.country), \(bind: b.yearBuilt), \(bind: now),
                        \(bind: now))
                """).run()
        }
        return b
    }

    /// Replaces a building's fields.
    package func updateBuilding(_ scope: OrgScope, id: BuildingID, _ input: BuildingInput) async throws -> Building {
        try scope.require(.buildingsManage)
        try input.validate()
        let now = clock.now()
        return try await database.write { sql in
            var b = try await Self.building(sql, scope, id)
            (b.name, b.street, b.city, b.postalCode) = (input.name, input.street, input.city, input.postalCode)
            (b.country, b.yearBuilt, b.updatedAt) = (input.country.uppercased(), input.yearBuilt, now)
            try await sql.raw("""
                UPDATE buildings SET name = \(bind: b.name), street = \(bind: b.street), city = \(bind: b.city),
                  postal_code = \(bind: b.postalCode), country = \(bind: b.country), year_built = \(bind: b.yearBuilt),
                  updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            return b
        }
    }

    /// Deletes a building that has no units.
    package func deleteBuilding(_ scope: OrgScope, id: BuildingID) async throws {
        try scope.require(.buildingsManage)
        try await database.write { sql in
            _ = try await Self.building(sql, scope, id)
            let units = try await sql.raw("SELECT COUNT(*) AS n FROM units WHERE building_id = \(bind: id.rawValue)")
                .first()?.int("n") ?? 0
            let faults = try await sql.raw("SELECT COUNT(*) AS n FROM faults WHERE building_id = \(bind: id.rawValue)")
                .first()?.int("n") ?? 0
            let windows = try await sql.raw(
                "SELECT COUNT(*) AS n FROM reading_windows WHERE building_id = \(bind: id.rawValue)"
            ).first()?.int("n") ?? 0
            if units + faults + windows > 0 {
                throw DomainError(code: "building.in_use", kind: .conflict,
                                  message: "The building still has units, faults or reading windows; remove them first.")
            }
            try await sql.raw("DELETE FROM buildings WHERE id = \(bind: id.rawValue)").run()
        }
    }

    // MARK: Units

    /// Units of the organization, optionally of one building.
    package func units(_ scope: OrgScope, buildingID: BuildingID?, page: PageRequest) async throws -> Page<BuildingUnit> {
        try scope.require(.unitsRead)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM units WHERE org_id = \(bind: scope.organizationID.rawValue)"
            if let buildingID { q += " AND building_id = \(bind: buildingID.rawValue)" }
            if let allowed = scope.unitFilter { q += " AND id IN (\(binds: allowed.map(\.rawValue) + [""]))" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.unit), page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// One unit.
    package func unit(_ scope: OrgScope, id: UnitID) async throws -> BuildingUnit {
        try scope.require(.unitsRead)
        if let allowed = scope.unitFilter, !allowed.contains(id) { throw DomainError.notFound("unit") }
        return try await database.read { sql in try await Self.unit(sql, scope, id) }
    }

    static func unit(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: UnitID) async throws -> BuildingUnit {
        guard let row = try await sql.raw("""
            SELECT * FROM units WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """).first() else { throw DomainError.notFound("unit") }
        return try unit(row)
    }

    /// Creates a unit in a building of the organization.
    package func createUnit(_ scope: OrgScope, _ input: UnitInput) async throws -> BuildingUnit {
        try scope.require(.unitsManage)
        try input.validate()
        let now = clock.now()
        let u = BuildingUnit(id: .init(), organizationID: scope.organizationID, buildingID: input.buildingID,
                     number: input.number, type: input.type, floor: input.floor, sizeSqm: input.sizeSqm,
                     rooms: input.rooms, ownershipShareNumerator: input.ownershipShareNumerator,
                     ownershipShareDenominator: input.ownershipShareDenominator, createdAt: now, updatedAt: now)
        try await database.write { sql in
            do { _ = try await Self.building(sql, scope, input.buildingID) } catch {
                throw DomainError.invalid("/buildingID", "no such building in this organization")
            }
            try await Self.requireUniqueNumber(sql, u.buildingID, u.number, except: nil)
            try await sql.raw("""
                INSERT INTO units (id, org_id, building_id, number, type, floor, size_sqm, rooms, share_numerator,
                                   share_denominator, created_at, updated_at)
                VALUES (\(bind: u.id.rawValue), \(bind: u.organizationID.rawValue), \(bind: u.buildingID.rawValue),
                        \(bind: u.number), \(bind: u.type.rawValue), \(bind: u.floor), \(bind: u.sizeSqm),
                        \(bind: u.rooms), \(bind: u.ownershipShareNumerator), \(bind: u.ownershipShareDenominator),
                        \(bind: now), \(bind: now))
                """).run()
        }
        return u
    }

    private static func requireUniqueNumber(_ sql: any SQLDatabase, _ building: BuildingID, _ number: String,
                                            except: UnitID?) async throws {
        let clash = try await sql.raw("""
            SELECT id FROM units WHERE building_id = \(bind: building.rawValue) AND number = \(bind: number)
            AND id <> \(bind: except?.rawValue ?? "")
            """).first()
        if clash != nil {
            throw DomainError(code: "unit.number_taken", kind: .conflict,
                              message: "The building already has a unit with this number.",
                              fields: [FieldError(pointer: "/number", detail: "already used in this building")])
        }
    }

    /// Replaces a unit's fields.
    package func updateUnit(_ scope: OrgScope, id: UnitID, _ input: UnitInput) async throws -> BuildingUnit {
        try scope.require(.unitsManage)
        try input.validate()
        let now = clock.now()
        return try await database.write { sql in
            var u = try await Self.unit(sql, scope, id)
            do { _ = try await Self.building(sql, scope, input.buildingID) } catch {
                throw DomainError.invalid("/buildingID", "no such building in this organization")
            }
            try await Self.requireUniqueNumber(sql, input.buildingID, input.number, except: id)
            (u.buildingID, u.number, u.type, u.floor) = (input.buildingID, input.number, input.type, input.floor)
            (u.sizeSqm, u.rooms, u.updatedAt) = (input.sizeSqm, input.rooms, now)
            (u.ownershipShareNumerator, u.ownershipShareDenominator) =
                (input.ownershipShareNumerator, input.ownershipShareDenominator)
            try await sql.raw("""
                UPDATE units SET building_id = \(bind: u.buildingID.rawValue), number = \(bind: u.number),
                  type = \(bind: u.type.rawValue), floor = \(bind: u.floor), size_sqm = \(bind: u.sizeSqm),
                  rooms = \(bind: u.rooms), share_numerator = \(bind: u.ownershipShareNumerator),
                  share_denominator = \(bind: u.ownershipShareDenominator), updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            return u
        }
    }

    // MARK: Residents

    /// Residents of a unit.
    package func residents(_ scope: OrgScope, unitID: UnitID) async throws -> [UnitResident] {
        if scope.role.isResidentLike {
            guard scope.unitIDs.contains(unitID) else { throw DomainError.notFound("unit") }
        } else {
            try scope.require(.residentsRead)
        }
        return try await database.read { sql in
            _ = try await Self.unit(sql, scope, unitID)
            return try await sql.raw("""
                SELECT * FROM unit_residents WHERE unit_id = \(bind: unitID.rawValue)
                AND org_id = \(bind: scope.organizationID.rawValue) ORDER BY start_date, id
                """).all().map(Self.resident)
        }
    }

    /// Adds a resident to a unit.
    package func addResident(_ scope: OrgScope, unitID: UnitID, _ input: ResidentInput) async throws -> UnitResident {
        try scope.require(.residentsManage)
        try input.validate()
        let now = clock.now()
        let r = UnitResident(id: .init(), organizationID: scope.organizationID, unitID: unitID, userID: input.userID,
                             name: input.name, email: input.email, relation: input.relation,
                             startDate: input.startDate, endDate: input.endDate, createdAt: now)
        try await database.write { sql in
            _ = try await Self.unit(sql, scope, unitID)
            if let userID = input.userID {
                let member = try await sql.raw("""
                    SELECT user_id FROM memberships WHERE org_id = \(bind: scope.organizationID.rawValue)
                    AND user_id = \(bind: userID.rawValue)
                    """).first()
                if member == nil { throw DomainError.invalid("/userID", "is not a member of this organization") }
            }
            try await sql.raw("""
                INSERT INTO unit_residents (id, org_id, unit_id, user_id, name, email, relation, start_date, end_date,
                                            created_at)
                VALUES (\(bind: r.id.rawValue), \(bind: r.organizationID.rawValue), \(bind: unitID.rawValue),
                        \(bind: r.userID?.rawValue), \(bind: r.name), \(bind: r.email), \(bind: r.relation.rawValue),
                        \(bind: r.startDate.description), \(bind: r.endDate?.description), \(bind: now))
                """).run()
        }
        return r
    }

    /// Ends or removes a residency.
    package func removeResident(_ scope: OrgScope, unitID: UnitID, residentID: ResidentID) async throws {
        try scope.require(.residentsManage)
        try await database.write { sql in
            let deleted = try await sql.raw("""
                DELETE FROM unit_residents WHERE id = \(bind: residentID.rawValue) AND unit_id = \(bind: unitID.rawValue)
                AND org_id = \(bind: scope.organizationID.rawValue) RETURNING id
                """).all()
            if deleted.isEmpty { throw DomainError.notFound("resident") }
        }
    }
}
