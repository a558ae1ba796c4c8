import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTObservability
import PPTStorage

/// Faults and their timelines under `/api/v1/orgs/{orgID}`.
package struct FaultController: Sendable {
    private let faults: FaultRepository
    private let metrics: PPTMetrics?

    package init(faults: FaultRepository, metrics: PPTMetrics? = nil) {
        self.faults = faults
        self.metrics = metrics
    }

    /// Registers the routes on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("faults", use: list)
        org.post("faults", use: report)
        org.get("faults/:faultID", use: get)
        org.patch("faults/:faultID", use: update)
        org.get("faults/:faultID/timeline", use: timeline)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Page<Fault>> {
        let filter = FaultRepository.Filter(
            status: try request.query("status", as: FaultStatus.self),
            priority: try request.query("priority", as: FaultPriority.self),
            buildingID: try request.query("buildingID") { BuildingID($0) },
            assigneeID: try request.query("assigneeID") { UserID($0) })
        return JSONResponse(try await faults.faults(
            try context.requireScope(), filter: filter, page: try request.pageRequest()))
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Fault> {
        let input = try await request.decode(as: FaultInput.self, context: context)
        let fault = try await faults.report(try context.requireScope(), input)
        metrics?.recordFaultsCreated()
        return JSONResponse(fault, status: .created)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Fault> {
        JSONResponse(try await faults.fault(try context.requireScope(), id: try context.id("faultID", resource: "fault")))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Fault> {
        let scope = try context.requireScope()
        let id: FaultID = try context.id("faultID", resource: "fault")
        let change = try await request.decode(as: FaultUpdate.self, context: context)
        return JSONResponse(try await faults.update(scope, id: id, change))
    }

    @Sendable func timeline(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<[FaultTimelineEntry]>
    {
        JSONResponse(try await faults.timeline(
            try context.requireScope(), id: try context.id("faultID", resource: "fault")))
    }
}
