import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// The organization's AI feature switches under `/api/v1/orgs/{orgID}`.
package struct FeatureFlagController: Sendable {
    private let flags: FeatureFlagRepository
    private let changed: @Sendable (OrganizationID) -> Void

    /// `changed` is told after a flag of an organization changed (the LLM gateway drops its cache).
    package init(flags: FeatureFlagRepository, changed: @escaping @Sendable (OrganizationID) -> Void = { _ in }) {
        self.flags = flags
        self.changed = changed
    }

    /// Registers the routes on the organization-scoped group (`/api/v1/orgs/{orgID}`).
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("feature-flags", use: list)
        org.put("feature-flags/:flag", use: set)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<[FeatureFlagValue]>
    {
        JSONResponse(try await flags.list(try context.requireScope()))
    }

    @Sendable func set(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<FeatureFlagValue> {
        let scope = try context.requireScope()
        guard let flag = context.parameters.get("flag").flatMap(FeatureFlag.init(rawValue:)) else {
            throw APIError(DomainError.notFound("feature_flag"))
        }
        let input = try await request.decode(as: FeatureFlagUpdate.self, context: context)
        let value = try await flags.set(scope, flag: flag, enabled: input.enabled)
        changed(scope.organizationID)
        return JSONResponse(value)
    }
}
