import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTObservability
import PPTStorage

/// Everything the HTTP layer needs, built by the composition root (PPTApp).
package struct HTTPServices: Sendable {
    package var accounts: AccountRepository
    package var sessions: SessionRepository
    package var properties: PropertyRepository
    package var faults: FaultRepository
    package var idempotency: IdempotencyStore
    package var tokens: TokenService
    package var hasher: PasswordHasher
    /// A bcrypt hash of a random password, verified against when an email is unknown.
    package var decoyHash: String
    package var health: HealthRegistry

    package init(accounts: AccountRepository, sessions: SessionRepository, properties: PropertyRepository,
                 faults: FaultRepository, idempotency: IdempotencyStore, tokens: TokenService, hasher: PasswordHasher,
                 decoyHash: String, health: HealthRegistry) {
        self.accounts = accounts
        self.sessions = sessions
        self.properties = properties
        self.faults = faults
        self.idempotency = idempotency
        self.tokens = tokens
        self.hasher = hasher
        self.decoyHash = decoyHash
        self.health = health
    }
}

/// Builds the routers of the two public services.
package enum APIRouter {
    /// The management API (`/api/v1`), health probes and the OpenAPI document.
    package static func management(_ services: HTTPServices) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware())
        SystemController(health: services.health).addRoutes(to: router)
        SystemController.addOpenAPI(to: router, path: "api/v1/openapi.json", resource: "openapi")
        router.add(middleware: AuthenticationMiddleware(tokens: services.tokens))
        router.add(middleware: IdempotencyMiddleware(store: services.idempotency))

        let api = router.group("api/v1")
        AuthController(accounts: services.accounts, sessions: services.sessions, tokens: services.tokens,
                       hasher: services.hasher, decoyHash: services.decoyHash).addRoutes(to: api)
        let organizations = OrganizationController(accounts: services.accounts)
        organizations.addRoutes(api: api)

        let org = api.group("orgs/:orgID").add(middleware: OrganizationScopeMiddleware(accounts: services.accounts))
        organizations.addRoutes(to: org)
        BuildingController(properties: services.properties).addRoutes(to: org)
        FaultController(faults: services.faults).addRoutes(to: org)
        return router
    }

    /// The public Reality Portal (`/portal/api/v1`): no sign-in.
    package static func portal(_ services: HTTPServices) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware())
        SystemController(health: services.health).addRoutes(to: router)
        SystemController.addOpenAPI(to: router, path: "portal/api/v1/openapi.json", resource: "portal-openapi")
        return router
    }
}
