import Foundation
import PPTDomain
import PPTStorage

/// A small organization for repository tests: one admin, one building, one unit, one tenant living in it.
struct Fixture: Sendable {
    let organization: Organization
    let admin: OrgScope
    let building: Building
    let unit: BuildingUnit
    let tenantUser: User
    /// The tenant's scope, with the unit in `unitIDs`.
    let tenant: OrgScope

    /// Builds the fixture in `database`; `name` keeps emails unique when a test makes two.
    static func make(_ database: any Database, name: String = "A") async throws -> Fixture {
        let accounts = AccountRepository(database: database)
        let properties = PropertyRepository(database: database)
        let adminUser = try await accounts.createUser(
            email: "admin-\(name.lowercased())@example.com", name: "Admin \(name)", passwordHash: "x", locale: .en)
        let organization = try await accounts.createOrganization(
            name: "Org \(name)", country: "SK", locale: .sk, currency: .EUR, admin: adminUser.id)
        let admin = try await accounts.scope(userID: adminUser.id, organizationID: organization.id)!
        let building = try await properties.createBuilding(admin, BuildingInput(
            name: "Building \(name)", street: "Hlavná 1", city: "Bratislava", postalCode: "81101", country: "SK"))
        let unit = try await properties.createUnit(admin, UnitInput(
            buildingID: building.id, number: "1", type: .flat, floor: 1, sizeSqm: 62.5, rooms: 3,
            ownershipShareNumerator: 625, ownershipShareDenominator: 10_000))
        let tenantUser = try await accounts.createUser(
            email: "tenant-\(name.lowercased())@example.com", name: "Tenant \(name)", passwordHash: "x", locale: .sk)
        _ = try await accounts.setMember(admin, email: tenantUser.email, role: .tenant)
        _ = try await properties.addResident(admin, unitID: unit.id, ResidentInput(
            userID: tenantUser.id, name: tenantUser.name, email: tenantUser.email, relation: .tenant,
            startDate: CalendarDate("2024-01-01")!))
        let tenant = try await accounts.scope(userID: tenantUser.id, organizationID: organization.id)!
        return Fixture(organization: organization, admin: admin, building: building, unit: unit,
                       tenantUser: tenantUser, tenant: tenant)
    }
}
