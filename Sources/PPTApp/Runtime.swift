import Foundation
import Hummingbird
import Logging
import PPTDocuments
import PPTDomain
import PPTHTTP
import PPTLLM
import PPTObservability
import PPTStorage
import PPTWorkflow
import ServiceLifecycle

/// Which parts of PPT a process runs (DESIGN §2).
package enum ServeRole: String, Sendable, CaseIterable {
    case all, api, portal, worker
}

/// The composition root: the database, the key ring, the repositories and the services built on them.
package struct Runtime: Sendable {
    package let configuration: AppConfiguration
    package let database: any Database
    package let keyRing: KeyRing
    package let keyRingSource: KeyRingSource
    package let clock: any WallClock
    package let logger: Logger
    package let health: HealthRegistry
    package let wake: WakeSignal
    package let telemetry: Telemetry
    /// The LLM gateway over this runtime's database.
    package let llm: LLMRuntime
    /// Document ingestion and search.
    package let search: SearchRuntime
    /// The assistant's chat.
    package let assistant: AssistantRuntime
    /// The workflow engine.
    package let workflows: WorkflowRuntime

    /// Opens the configured database (not yet running) and loads the key ring.
    package static func open(_ configuration: AppConfiguration, telemetry: Telemetry, logger: Logger,
                             clock: any WallClock = SystemWallClock()) async throws -> Runtime {
        let source: KeyRingSource =
            configuration.masterKey.map { .environment($0) } ?? .file(path: configuration.keyRingPath)
        let keyRing = try source.load()
        let database: any Database
        if let url = configuration.databaseURL {
            database = try PostgresDatabase(url: url, logger: logger)
        } else {
            database = try await SQLiteDatabase.open(path: configuration.sqlitePath, logger: logger)
        }
        let health = HealthRegistry(configuration: telemetry.health, metrics: telemetry.metrics)
        return Runtime(configuration: configuration, database: database, keyRing: keyRing, keyRingSource: source,
                       clock: clock, logger: logger, health: health, telemetry: telemetry)
    }

    /// Assembles a runtime around an already-open database (tests, tools).
    package static func make(_ configuration: AppConfiguration, database: any Database, keyRing: KeyRing,
                             telemetry: Telemetry? = nil, logger: Logger,
                             clock: any WallClock = SystemWallClock()) throws -> Runtime {
        let telemetry = try telemetry ?? Telemetry.isolated(logger: logger)
        let health = HealthRegistry(configuration: telemetry.health, metrics: telemetry.metrics)
        return Runtime(configuration: configuration, database: database, keyRing: keyRing,
                       keyRingSource: .environment(keyRing.serialized), clock: clock, logger: logger,
                       health: health, telemetry: telemetry)
    }

    private init(configuration: AppConfiguration, database: any Database, keyRing: KeyRing, keyRingSource: KeyRingSource,
                 clock: any WallClock, logger: Logger, health: HealthRegistry, telemetry: Telemetry) {
        self.configuration = configuration
        self.database = database
        self.keyRing = keyRing
        self.keyRingSource = keyRingSource
        self.clock = clock
        self.logger = logger
        self.health = health
        self.wake = WakeSignal()
        self.telemetry = telemetry
        llm = LLMRuntime(configuration: configuration, database: database, keyRing: keyRing, clock: clock,
                         health: health, telemetry: telemetry, logger: logger)
        search = SearchRuntime(database: database, blobs: BlobStore(directory: configuration.blobDirectory),
                               gateway: llm.gateway, clock: clock,
                               maxUploadBytes: configuration.maxUploadMegabytes * 1024 * 1024, logger: logger)
        assistant = AssistantRuntime(database: database, blobs: BlobStore(directory: configuration.blobDirectory),
                                     clock: clock, gateway: llm.gateway, search: search, logger: logger)
        workflows = WorkflowRuntime(configuration: configuration, database: database, keyRing: keyRing, clock: clock,
                                    gateway: llm.gateway, logger: logger)
    }

    /// Registers the storage health checks (database, job queue, outbox, blob store) and marks
    /// start-up complete: call when migrations are applied and services are about to run.
    package func markStarted() async {
        await health.registerStorageChecks(database: database, blobDirectory: configuration.blobDirectory, clock: clock)
        // The platform's provider shows in readiness (closed) before its first call.
        if configuration.llmPlatformSettings.primary.provider != .builtin {
            await health.breakers.register(service: LLMGateway.breakerName(for: configuration.llmPlatformSettings.primary))
        }
        await health.markStarted()
    }

    /// Checks that the database answers within `timeout`, with a readable error when it does not
    /// (PostgresNIO would otherwise keep retrying the connection for ever).
    package func checkConnection(timeout: Duration = .seconds(10)) async throws {
        let database = self.database
        let reached: Result<Bool, any Error> = await withTaskGroup(of: Result<Bool, any Error>.self) { group in
            group.addTask {
                do {
                    try await database.ping()
                    return .success(true)
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .success(false)
            }
            let first = await group.next() ?? .success(false)
            group.cancelAll()
            return first
        }
        switch reached {
        case .success(true):
            return
        case .success(false):
            throw ConfigurationError(
                "Cannot reach the \(database.dialect.rawValue) database within \(timeout); check PPT_DATABASE_URL.")
        case .failure(let error):
            throw ConfigurationError(
                "Cannot open the \(database.dialect.rawValue) database: \(String(reflecting: error))")
        }
    }

    /// Applies migrations when configured to; otherwise requires the schema to be current.
    package func prepareSchema() async throws {
        let migrator = Migrator(database: database, logger: logger)
        if configuration.autoMigrate { try await migrator.migrate() } else { try await migrator.requireCurrent() }
    }

    package var accounts: AccountRepository { AccountRepository(database: database, clock: clock) }
    package var properties: PropertyRepository { PropertyRepository(database: database, clock: clock) }
    package var faults: FaultRepository { FaultRepository(database: database, clock: clock) }
    package var queue: JobQueue { JobQueue(database: database, clock: clock) }
    package var secrets: SecretStore { SecretStore(database: database, keyRing: keyRing) }
    package var blobs: BlobStore { BlobStore(directory: configuration.blobDirectory) }
    package var hasher: PasswordHasher { PasswordHasher(cost: UInt8(configuration.bcryptCost)) }

    /// The HTTP layer's dependencies.
    package func httpServices() async throws -> HTTPServices {
        let tokens = await TokenService(signingKey: keyRing.derivedKey(purpose: "jwt-access"))
        var services = HTTPServices(
            database: database, clock: clock, blobs: blobs, tokens: tokens, hasher: hasher,
            health: health, telemetry: telemetry, llm: llm.httpServices,
            search: SearchHTTPServices(search: search.search, index: search.repository, jobs: search.jobs),
            assistant: assistant.httpServices,
            maxUploadBytes: configuration.maxUploadMegabytes * 1024 * 1024,
            trustForwardedFor: configuration.trustForwardedFor)
        services.instrumentRequests = configuration.requestInstrumentation
        services.managementURL = configuration.portalManagementURL
        services.oauth = OAuthHTTPServices(publicURL: configuration.publicURL,
                                           consentKey: keyRing.derivedKey(purpose: "oauth-consent"))
        services.workflows = workflows.httpServices
        if let webRoot = configuration.webRoot { services.web = .directory(webRoot) }
        services.portalPublicURL = configuration.portalPublicURL
        services.alexa = AlexaHTTPServices.live(skillIDs: configuration.alexaSkillIDs, clock: clock,
                                                platformUsers: platformTokens)
        return services
    }

    /// Outbox subscribers: the search indexer, the Alexa fault notifier and the workflow engine.
    package var outboxSubscribers: [OutboxSubscriber] {
        [DocumentIndexJobs.subscriber, PlatformTokenAlexaNotifier.subscriber, WorkflowTriggers.subscriber]
    }

    /// The long-running services of `role`, in start order. The database is not among them: it runs
    /// around the service group (`Database.withRunning`) so that it is up before them and stops after.
    package func services(role: ServeRole) async throws -> [any Service] {
        var services: [any Service] = telemetry.services
        if let postgres = database as? PostgresDatabase, role == .all || role == .worker {
            services.append(PostgresWakeListener(client: postgres.client, channel: "ppt_jobs", wake: wake, logger: logger))
            services.append(PostgresWakeListener(client: postgres.client, channel: "ppt_outbox", wake: wake, logger: logger))
        }
        if role == .all || role == .worker {
            var workerConfiguration = JobWorker.Configuration()
            workerConfiguration.concurrency = configuration.workerConcurrency
            workerConfiguration.lease = .seconds(configuration.jobLeaseSeconds)
            services.append(QueueMetricsUpdater(stats: QueueStats(database: database, clock: clock),
                                                metrics: telemetry.metrics, logger: logger))
            // SQLite has no NOTIFY: the dispatcher polls the outbox (an indexed read) often enough that
            // a workflow starts within tens of milliseconds of the change that triggers it.
            services.append(OutboxDispatcher(database: database, subscribers: outboxSubscribers, wake: wake,
                                             clock: clock,
                                             pollInterval: database.dialect == .sqlite ? .milliseconds(25) : .seconds(1),
                                             logger: logger))
            services.append(Scheduler(queue: queue, tasks: scheduledTasks, clock: clock, logger: logger))
            services.append(JobWorker(queue: queue, handlers: jobHandlers, wake: wake,
                                      configuration: workerConfiguration, observers: telemetry.jobObservers,
                                      logger: logger))
        }
        if role != .worker {
            let http = try await httpServices()
            if role == .all || role == .api {
                services.append(Application(
                    router: APIRouter.management(http),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                         serverName: "ppt-api"),
                    logger: logger))
            }
            if role == .all || role == .portal {
                services.append(Application(
                    router: APIRouter.portal(http),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.portalPort),
                                         serverName: "ppt-portal"),
                    logger: logger))
            }
        }
        return services
    }
}
