import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// Meters, readings and reading windows under `/api/v1/orgs/{orgID}`.
package struct MeterController: Sendable {
    private let meters: MeterRepository

    package init(meters: MeterRepository) { self.meters = meters }

    /// Registers the routes on the organization-scoped group (`/api/v1/orgs/{orgID}`).
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("meters", use: listMeters)
        org.post("meters", use: createMeter)
        org.get("meters/:meterID", use: getMeter)
        org.get("meters/:meterID/readings", use: listReadings)
        org.post("meters/:meterID/readings", use: submitReading)
        org.get("reading-windows", use: listWindows)
        org.post("reading-windows", use: createWindow)
    }

    @Sendable func listMeters(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<Meter>>
    {
        let unitID = try request.query("unitID") { UnitID($0) }
        return JSONResponse(try await meters.meters(
            try context.requireScope(), unitID: unitID, page: try request.pageRequest()))
    }

    @Sendable func createMeter(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Meter> {
        let input = try await request.decode(as: MeterInput.self, context: context)
        return JSONResponse(try await meters.createMeter(try context.requireScope(), input), status: .created)
    }

    @Sendable func getMeter(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Meter> {
        JSONResponse(try await meters.meter(
            try context.requireScope(), id: try context.id("meterID", resource: "meter")))
    }

    @Sendable func listReadings(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<[MeterReading]>
    {
        let scope = try context.requireScope()
        let id: MeterID = try context.id("meterID", resource: "meter")
        let limit = try request.query("limit") { Int($0).flatMap { (1...500).contains($0) ? $0 : nil } } ?? 100
        return JSONResponse(try await meters.readings(scope, meterID: id, limit: limit))
    }

    @Sendable func submitReading(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<MeterReading>
    {
        let scope = try context.requireScope()
        let id: MeterID = try context.id("meterID", resource: "meter")
        let input = try await request.decode(as: ReadingInput.self, context: context)
        return JSONResponse(try await meters.submitReading(scope, meterID: id, input), status: .created)
    }

    @Sendable func listWindows(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<ReadingWindow>>
    {
        JSONResponse(try await meters.readingWindows(try context.requireScope(), page: try request.pageRequest()))
    }

    @Sendable func createWindow(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<ReadingWindow>
    {
        let input = try await request.decode(as: ReadingWindowInput.self, context: context)
        return JSONResponse(try await meters.createReadingWindow(try context.requireScope(), input), status: .created)
    }
}
