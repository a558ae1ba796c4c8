import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// Buildings, units and residents under `/api/v1/orgs/{orgID}`.
///
/// Every controller follows this shape: a struct holding repositories, `addRoutes(to:)` taking the
/// organization-scoped group, and one `@Sendable` method per route that reads `context.requireScope()`
/// and delegates to a repository (which checks permissions and confines queries to the organization).
package struct BuildingController: Sendable {
    private let properties: PropertyRepository

    package init(properties: PropertyRepository) { self.properties = properties }

    /// Registers the routes on the organization-scoped group (`/api/v1/orgs/{orgID}`).
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("buildings", use: listBuildings)
        org.post("buildings", use: createBuilding)
        org.get("buildings/:buildingID", use: getBuilding)
        org.put("buildings/:buildingID", use: updateBuilding)
        org.delete("buildings/:buildingID", use: deleteBuilding)
        org.get("units", use: listUnits)
        org.post("units", use: createUnit)
        org.get("units/:unitID", use: getUnit)
        org.put("units/:unitID", use: updateUnit)
        org.get("units/:unitID/residents", use: listResidents)
        org.post("units/:unitID/residents", use: addResident)
        org.delete("units/:unitID/residents/:residentID", use: removeResident)
    }

    @Sendable func listBuildings(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<Building>>
    {
        JSONResponse(try await properties.buildings(try context.requireScope(), page: try request.pageRequest()))
    }

    @Sendable func createBuilding(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Building>
    {
        let input = try await request.decode(as: BuildingInput.self, context: context)
        return JSONResponse(try await properties.createBuilding(try context.requireScope(), input), status: .created)
    }

    @Sendable func getBuilding(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Building> {
        JSONResponse(try await properties.building(
            try context.requireScope(), id: try context.id("buildingID", resource: "building")))
    }

    @Sendable func updateBuilding(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Building>
    {
        let scope = try context.requireScope()
        let id: BuildingID = try context.id("buildingID", resource: "building")
        let input = try await request.decode(as: BuildingInput.self, context: context)
        return JSONResponse(try await properties.updateBuilding(scope, id: id, input))
    }

    @Sendable func deleteBuilding(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        try await properties.deleteBuilding(
            try context.requireScope(), id: try context.id("buildingID", resource: "building"))
        return EmptyResponse()
    }

    @Sendable func listUnits(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<BuildingUnit>>
    {
        let buildingID = try request.query("buildingID") { BuildingID($0) }
        return JSONResponse(try await properties.units(
            try context.requireScope(), buildingID: buildingID, page: try request.pageRequest()))
    }

    @Sendable func createUnit(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<BuildingUnit>
    {
        let input = try await request.decode(as: UnitInput.self, context: context)
        return JSONResponse(try await properties.createUnit(try context.requireScope(), input), status: .created)
    }

    @Sendable func getUnit(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<BuildingUnit> {
        JSONResponse(try await properties.unit(try context.requireScope(), id: try context.id("unitID", resource: "unit")))
    }

    @Sendable func updateUnit(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<BuildingUnit>
    {
        let scope = try context.requireScope()
        let id: UnitID = try context.id("unitID", resource: "unit")
        let input = try await request.decode(as: UnitInput.self, context: context)
        return JSONResponse(try await properties.updateUnit(scope, id: id, input))
    }

    @Sendable func listResidents(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<[UnitResident]>
    {
        JSONResponse(try await properties.residents(
            try context.requireScope(), unitID: try context.id("unitID", resource: "unit")))
    }

    @Sendable func addResident(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<UnitResident>
    {
        let scope = try context.requireScope()
        let unitID: UnitID = try context.id("unitID", resource: "unit")
        let input = try await request.decode(as: ResidentInput.self, context: context)
        return JSONResponse(try await properties.addResident(scope, unitID: unitID, input), status: .created)
    }

    @Sendable func removeResident(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        try await properties.removeResident(
            try context.requireScope(), unitID: try context.id("unitID", resource: "unit"),
            residentID: try context.id("residentID", resource: "resident"))
        return EmptyResponse()
    }
}
