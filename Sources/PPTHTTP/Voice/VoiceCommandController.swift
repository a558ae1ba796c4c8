import Foundation
import HTTPTypes
import Hummingbird
import PPTDomain
import PPTStorage

/// The voice command log: the signed-in user's own commands (`/api/v1/me/voice/commands`) and an
/// organization's commands for its admins and managers (`/api/v1/orgs/{orgID}/voice/commands`).
package struct VoiceCommandController: Sendable {
    private let log: VoiceCommandRepository

    package init(log: VoiceCommandRepository) { self.log = log }

    /// Registers the routes: `api` is `/api/v1` (signed in), `org` is `/api/v1/orgs/{orgID}` (a member).
    package func addRoutes(api: RouterGroup<AppRequestContext>, org: RouterGroup<AppRequestContext>) {
        api.get("me/voice/commands", use: mine)
        org.get("voice/commands", use: organization)
    }

    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<VoiceCommandRecord>>
    {
        let identity = try context.requireIdentity()
        let organizationID: OrganizationID? = try request.query("orgID") { OrganizationID($0) }
        return JSONResponse(try await log.mine(userID: identity.userID, organizationID: organizationID,
                                               page: try request.pageRequest()))
    }

    @Sendable func organization(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<VoiceCommandRecord>>
    {
        let scope = try context.requireScope()
        let userID: UserID? = try request.query("userID") { UserID($0) }
        let result = try request.query("result", as: VoiceCommandResult.self)
        return JSONResponse(try await log.organization(scope, userID: userID, result: result,
                                                       page: try request.pageRequest()))
    }
}
