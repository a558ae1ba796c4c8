import Foundation
import PPTDomain
import PPTStorage
import Testing

@Suite("Property repository contract")
struct PropertyRepositoryTests {
    @Test("a tenant's scope holds the unit they live in, and other organizations' buildings are not found",
          arguments: TestDatabase.dialects)
    func scopesAndIsolation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            #expect(a.tenant.unitIDs == [a.unit.id])
            #expect(a.tenant.buildingIDs == [a.building.id])
            let properties = PropertyRepository(database: database)
            await #expect(throws: DomainError.notFound("building")) {
                try await properties.building(b.admin, id: a.building.id)
            }
            let listed = try await properties.buildings(b.admin, page: PageRequest())
            #expect(listed.items.map(\.id) == [b.building.id])
        }
    }

    @Test("unit numbers are unique per building and bad input is rejected with field pointers",
          arguments: TestDatabase.dialects)
    func validation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let properties = PropertyRepository(database: database)
            let duplicate = UnitInput(buildingID: a.building.id, number: "1", type: .flat, floor: 2, sizeSqm: 40,
                                      rooms: 2, ownershipShareNumerator: 1, ownershipShareDenominator: 100)
            await #expect { try await properties.createUnit(a.admin, duplicate) } throws: { error in
                (error as? DomainError)?.code == "unit.number_taken"
            }
            var bad = duplicate
            bad.number = "2"
            bad.sizeSqm = -3
            await #expect { try await properties.createUnit(a.admin, bad) } throws: { error in
                (error as? DomainError)?.fields.map(\.pointer) == ["/sizeSqm"]
            }
        }
    }

    @Test("pagination walks every building once", arguments: TestDatabase.dialects)
    func pagination(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let properties = PropertyRepository(database: database)
            for index in 0..<7 {
                _ = try await properties.createBuilding(a.admin, BuildingInput(
                    name: "B\(index)", street: "Street", city: "Košice", postalCode: "04001", country: "SK"))
            }
            var seen: [BuildingID] = []
            var cursor: Cursor?
            repeat {
                let page = try await properties.buildings(a.admin, page: PageRequest(limit: 3, cursor: cursor))
                seen += page.items.map(\.id)
                cursor = page.nextCursor.flatMap(Cursor.init(token:))
            } while cursor != nil
            #expect(seen.count == 8)
            #expect(Set(seen).count == 8)
        }
    }
}
