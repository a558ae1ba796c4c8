import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTLLM
import PPTObservability
import PPTStorage

/// Everything the HTTP layer needs, built by the composition root (PPTApp). Repositories are cheap
/// value types over the database and are made on demand.
package struct HTTPServices: Sendable {
    package var database: any Database
    package var clock: any WallClock
    package var blobs: BlobStore
    package var tokens: TokenService
    package var hasher: PasswordHasher
    package var health: HealthRegistry
    /// Platform defaults of the feature flags.
    package var featureDefaults: [FeatureFlag: Bool]
    /// Largest document upload in bytes.
    package var maxUploadBytes: Int
    /// Whether `X-Forwarded-For` names the client (only behind a reverse proxy that sets it).
    package var trustForwardedFor: Bool
    /// Metrics, tracing and error reporting of this process.
    package var telemetry: Telemetry
    /// Whether requests get spans and metrics (switched off only to measure their cost).
    package var instrumentRequests = true
    /// The management API's base URL as the Reality Portal calls it (`nil`: the portal offers no
    /// management features, such as description generation for realtors).
    package var managementURL: String?
    /// The Alexa skill webhook's verifier (`nil`: no skill configured, the webhook answers 404).
    package var alexa: AlexaHTTPServices?
    /// The OAuth server's issuer and consent-form key (a per-process random key unless the runtime
    /// derives one from the key ring, which every instance shares).
    package var oauth = OAuthHTTPServices()
    /// The LLM gateway and its configuration.
    package var llm: LLMHTTPServices
    /// Document search and indexing.
    package var search: SearchHTTPServices
    /// The assistant's chat.
    package var assistant: AssistantHTTPServices
    /// The workflow engine's endpoints (`nil` in routers built without a runtime: they are not mounted).
    package var workflows: WorkflowHTTPServices?
    /// The Reality Portal's public base URL for canonical links (`nil`: from the request's `Host`).
    package var portalPublicURL: String?
    /// The management web app's files (bundled unless `PPT_WEB_ROOT` names a development folder).
    package var web = WebAssets.bundled()
    /// Told about every failed request (error reporting, metrics).
    package var requestFailureObservers: [any RequestFailureObserver] { telemetry.requestFailureObservers }

    package init(database: any Database, clock: any WallClock, blobs: BlobStore, tokens: TokenService,
                 hasher: PasswordHasher, health: HealthRegistry, telemetry: Telemetry, llm: LLMHTTPServices,
                 search: SearchHTTPServices, assistant: AssistantHTTPServices, featureDefaults: [FeatureFlag: Bool] = [:], maxUploadBytes: Int = 25 * 1024 * 1024,
                 trustForwardedFor: Bool = false) {
        self.database = database
        self.clock = clock
        self.blobs = blobs
        self.tokens = tokens
        self.hasher = hasher
        self.health = health
        self.telemetry = telemetry
        self.llm = llm
        self.search = search
        self.assistant = assistant
        self.featureDefaults = featureDefaults
        self.maxUploadBytes = maxUploadBytes
        self.trustForwardedFor = trustForwardedFor
    }

    package var accounts: AccountRepository { AccountRepository(database: database, clock: clock) }
    package var sessions: SessionRepository { SessionRepository(database: database, clock: clock) }
    package var properties: PropertyRepository { PropertyRepository(database: database, clock: clock) }
    package var faults: FaultRepository { FaultRepository(database: database, clock: clock) }
    package var announcements: AnnouncementRepository { AnnouncementRepository(database: database, clock: clock) }
    package var votes: VoteRepository { VoteRepository(database: database, clock: clock) }
    package var featureFlags: FeatureFlagRepository {
        FeatureFlagRepository(database: database, clock: clock, platformDefaults: featureDefaults)
    }
    package var finance: FinanceRepository { FinanceRepository(database: database, clock: clock) }
    package var meters: MeterRepository { MeterRepository(database: database, clock: clock) }
    package var leases: LeaseRepository { LeaseRepository(database: database, clock: clock) }
    package var documents: DocumentRepository {
        DocumentRepository(database: database, blobs: blobs, clock: clock, maxUploadBytes: maxUploadBytes)
    }
    package var listings: ListingRepository { ListingRepository(database: database, clock: clock) }
    package var listingMedia: ListingMediaRepository {
        ListingMediaRepository(database: database, blobs: blobs, clock: clock, maxUploadBytes: maxUploadBytes)
    }
    package var portal: PortalRepository { PortalRepository(database: database, clock: clock) }
    package var notifications: NotificationRepository { NotificationRepository(database: database, clock: clock) }
    package var healthHistory: HealthHistoryRepository { HealthHistoryRepository(database: database, clock: clock) }
    package var idempotency: IdempotencyStore { IdempotencyStore(database: database) }
}

/// Builds the routers of the two public services.
package enum APIRouter {
    /// The management API (`/api/v1`), health probes and the OpenAPI document.
    package static func management(_ services: HTTPServices) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        addCommonMiddleware(to: router, services)
        SystemController(health: services.health).addRoutes(to: router)
        SystemController.addMetrics(to: router, exporter: services.telemetry.exporter)
        SystemController.addOpenAPI(to: router, path: "api/v1/openapi.json", resource: "openapi")
        services.web.addRoutes(to: router)
        GoogleSmartHomeController(services: services).addRoutes(to: router)  // OAuth bearer, not a PPT JWT
        OAuthController(services: services, oauth: services.oauth).addRoutes(to: router)  // Basic client auth; own auth on /api/v1
        router.add(middleware: AuthenticationMiddleware(tokens: services.tokens))

        let api = router.group("api/v1")
        AuthController(accounts: services.accounts, sessions: services.sessions, tokens: services.tokens,
                       hasher: services.hasher, oauth: OAuthRepository(database: services.database, clock: services.clock),
                       trustForwardedFor: services.trustForwardedFor).addRoutes(to: api)
        AlexaController(services: services, alexa: services.alexa).addRoutes(to: api)
        NotificationController(notifications: services.notifications).addRoutes(to: api)
        TraceController(store: services.telemetry.tracing.store).addRoutes(to: api)
        HealthController.addAdminRoutes(to: api, history: services.healthHistory)
        PerformanceController(metrics: services.telemetry.metrics).addRoutes(to: api)
        let organizations = OrganizationController(accounts: services.accounts, hasher: services.hasher)
        organizations.addRoutes(api: api)

        // Idempotency-Key only on organization routes: never on sign-in, whose responses hold tokens.
        let org = api.group("orgs/:orgID")
            .add(middleware: OrganizationScopeMiddleware(accounts: services.accounts))
            .add(middleware: IdempotencyMiddleware(
                store: services.idempotency, maxRequestBody: services.maxUploadBytes + DocumentUploadForm.framingAllowance))
        organizations.addRoutes(to: org)
        BuildingController(properties: services.properties).addRoutes(to: org)
        FaultController(faults: services.faults, metrics: services.telemetry.metrics).addRoutes(to: org)
        AnnouncementController(announcements: services.announcements).addRoutes(to: org)
        VoteController(votes: services.votes).addRoutes(to: org)
        FeatureFlagController(flags: services.featureFlags, changed: services.llm.configurationChanged).addRoutes(to: org)
        FinanceController(finance: services.finance).addRoutes(to: org)
        MeterController(meters: services.meters).addRoutes(to: org)
        LeaseController(leases: services.leases).addRoutes(to: org)
        DocumentController(documents: services.documents).addRoutes(to: org)
        ListingController(listings: services.listings).addRoutes(to: org)
        ListingMediaController(media: services.listingMedia, maxUploadBytes: services.maxUploadBytes).addRoutes(to: org)
        LLMConfigController(llm: services.llm).addRoutes(to: org)
        LLMCompletionsController(gateway: services.llm.gateway).addRoutes(to: org)
        SearchController(search: services.search).addRoutes(to: org)
        ChatController(assistant: services.assistant).addRoutes(to: org)
        GenerationController(generation: services.assistant.generation).addRoutes(to: org)
        LeaseGenerationController(generation: services.assistant.generation).addRoutes(to: org)
        ListingDescriptionController(generation: services.assistant.generation).addRoutes(to: org)
        AnnouncementDraftController(generation: services.assistant.generation).addRoutes(to: org)
        SummaryController(generation: services.assistant.generation).addRoutes(to: org)
        VoiceCommandController(log: VoiceCommandRepository(database: services.database, clock: services.clock)).addRoutes(api: api, org: org)
        if let workflows = services.workflows {
            WorkflowController(service: workflows.service).addRoutes(to: org)
            WorkflowRunController(service: workflows.service).addRoutes(to: org)
            WorkflowTemplateController(service: workflows.service, templates: workflows.templates).addRoutes(to: org)
            MailboxController(mail: workflows.mail).addRoutes(to: org)
            HTTPAllowlistController(allowlist: workflows.allowlist).addRoutes(to: org)
        }
        return router
    }

    /// The public Reality Portal (`/portal/api/v1`): no sign-in.
    package static func portal(_ services: HTTPServices) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        addCommonMiddleware(to: router, services)
        SystemController(health: services.health).addRoutes(to: router)
        SystemController.addOpenAPI(to: router, path: "portal/api/v1/openapi.json", resource: "portal-openapi")
        PortalController(portal: services.portal).addRoutes(to: router.group("portal/api/v1"))
        do {
            try PortalPages(portal: services.portal, blobs: services.blobs, publicURL: services.portalPublicURL)
                .addRoutes(to: router)
        } catch {
            // The templates ship inside the binary's bundle; without them only the JSON API is served.
            Logger(label: "ppt.portal").error("Reality Portal pages are off: \(error)")
        }
        if let managementURL = services.managementURL {
            PortalDescriptionController(management: ManagementAPIClient(baseURL: managementURL))
                .addRoutes(to: router.group("portal/api/v1"))
        }
        return router
    }

    /// Instrumentation outermost (so the span and timing cover everything), then request ids and error mapping.
    /// Middleware applies to routes added after it, so this comes before any route.
    private static func addCommonMiddleware(to router: Router<AppRequestContext>, _ services: HTTPServices) {
        if services.instrumentRequests {
            router.add(middleware: RequestInstrumentationMiddleware(tracer: services.telemetry.tracing.tracer,
                                                                    metrics: services.telemetry.metrics))
        }
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware(observers: services.requestFailureObservers))
    }
}
