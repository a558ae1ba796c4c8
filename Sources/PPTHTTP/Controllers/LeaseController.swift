import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// Leases and their lifecycle under `/api/v1/orgs/{orgID}`.
package struct LeaseController: Sendable {
    private let leases: LeaseRepository

    package init(leases: LeaseRepository) { self.leases = leases }

    /// Registers the routes on the organization-scoped group (`/api/v1/orgs/{orgID}`).
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("leases", use: list)
        org.post("leases", use: create)
        org.get("leases/:leaseID", use: get)
        org.put("leases/:leaseID", use: update)
        org.post("leases/:leaseID/status", use: setStatus)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Page<Lease>> {
        let filter = LeaseFilter(
            unitID: try request.query("unitID") { UnitID($0) },
            status: try request.query("status", as: LeaseStatus.self))
        return JSONResponse(try await leases.leases(
            try context.requireScope(), filter: filter, page: try request.pageRequest()))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Lease> {
        let input = try await request.decode(as: LeaseInput.self, context: context)
        return JSONResponse(try await leases.createLease(try context.requireScope(), input), status: .created)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Lease> {
        JSONResponse(try await leases.lease(
            try context.requireScope(), id: try context.id("leaseID", resource: "lease")))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Lease> {
        let scope = try context.requireScope()
        let id: LeaseID = try context.id("leaseID", resource: "lease")
        let input = try await request.decode(as: LeaseInput.self, context: context)
        return JSONResponse(try await leases.updateLease(scope, id: id, input))
    }

    @Sendable func setStatus(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Lease> {
        let scope = try context.requireScope()
        let id: LeaseID = try context.id("leaseID", resource: "lease")
        let change = try await request.decode(as: LeaseStatusChange.self, context: context)
        return JSONResponse(try await leases.setStatus(scope, id: id, to: change.status))
    }
}
