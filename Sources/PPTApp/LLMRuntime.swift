import Foundation
import Logging
import PPTDomain
import PPTHTTP
import PPTLLM
import PPTObservability
import PPTStorage
import Synchronization

/// The LLM gateway of a process, over the database: one per `Runtime`, shared by the HTTP layer
/// and the workers.
package struct LLMRuntime: Sendable {
    /// The gateway.
    package let gateway: LLMGateway
    /// Stored configuration, usage and budgets.
    package let repository: LLMRepository
    /// The gateway's view of storage (with its short-lived configuration cache).
    package let store: DatabaseLLMGatewayStore
    /// The platform default settings and keys.
    package let platformSettings: LLMSettings
    package let platformKeys: [LLMProviderKind: String]
    private let clock: any WallClock

    /// Builds the gateway for `configuration` over `database`.
    package init(configuration: AppConfiguration, database: any Database, keyRing: KeyRing, clock: any WallClock,
                 health: HealthRegistry, telemetry: Telemetry, logger: Logger) {
        self.clock = clock
        let notifications = NotificationRepository(database: database, clock: clock)
        repository = LLMRepository(database: database, secrets: SecretStore(database: database, keyRing: keyRing),
                                   notifications: notifications, clock: clock)
        platformSettings = configuration.llmPlatformSettings
        platformKeys = configuration.llmPlatformKeys
        store = DatabaseLLMGatewayStore(
            repository: repository, flags: FeatureFlagRepository(database: database, clock: clock),
            platform: LLMResolvedConfiguration(settings: configuration.llmPlatformSettings,
                                               keys: configuration.llmPlatformKeys, source: .platform))
        let timeouts = LLMTimeouts(read: .seconds(configuration.llmReadTimeoutSeconds))
        gateway = LLMGateway(store: store, factory: .shared(timeouts: timeouts), breakers: health.breakers,
                             metrics: telemetry.metrics, retry: LLMRetryPolicy(maxRetries: configuration.llmMaxRetries),
                             clock: clock, logger: logger)
    }

    /// What the HTTP layer needs.
    package var httpServices: LLMHTTPServices {
        let store = self.store
        return LLMHTTPServices(gateway: gateway, repository: repository, platformSettings: platformSettings,
                               platformKeys: platformKeys, clock: clock, configurationChanged: { store.invalidate($0) })
    }
}

/// `LLMGatewayStore` over the database. Configurations and feature flags are cached for a few
/// seconds per organization (a change made through this process applies at once; other
/// instances see it within `ttl`).
package final class DatabaseLLMGatewayStore: LLMGatewayStore {
    private let repository: LLMRepository
    private let flags: FeatureFlagRepository
    private let platform: LLMResolvedConfiguration
    private let ttl: Duration
    private let configurations = Mutex<[OrganizationID: (expires: ContinuousClock.Instant, value: LLMResolvedConfiguration)]>([:])
    private let flagValues = Mutex<[String: (expires: ContinuousClock.Instant, value: Bool)]>([:])

    package init(repository: LLMRepository, flags: FeatureFlagRepository, platform: LLMResolvedConfiguration,
                 ttl: Duration = .seconds(5)) {
        self.repository = repository
        self.flags = flags
        self.platform = platform
        self.ttl = ttl
    }

    /// Drops the cached configuration and feature flags of an organization.
    package func invalidate(_ organizationID: OrganizationID) {
        _ = configurations.withLock { $0.removeValue(forKey: organizationID) }
        let prefix = organizationID.rawValue + "|"
        flagValues.withLock { cache in
            for key in cache.keys where key.hasPrefix(prefix) { cache.removeValue(forKey: key) }
        }
    }

    package func configuration(for organizationID: OrganizationID) async throws -> LLMResolvedConfiguration {
        let now = ContinuousClock.now
        if let cached = configurations.withLock({ $0[organizationID] }), cached.expires > now { return cached.value }
        let value: LLMResolvedConfiguration
        if let own = try await repository.resolvedSettings(organizationID: organizationID) {
            // Providers without an organization key use the platform's (e.g. a shared local server).
            value = LLMResolvedConfiguration(settings: own.settings,
                                             keys: platform.keys.merging(own.keys) { _, own in own }, source: .organization)
        } else {
            value = platform
        }
        configurations.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[organizationID] = (now + ttl, value)
        }
        return value
    }

    package func isEnabled(_ flag: FeatureFlag, organizationID: OrganizationID) async throws -> Bool {
        let key = organizationID.rawValue + "|" + flag.rawValue
        let now = ContinuousClock.now
        if let cached = flagValues.withLock({ $0[key] }), cached.expires > now { return cached.value }
        let value = try await flags.isEnabled(organizationID: organizationID, flag: flag)
        flagValues.withLock { cache in
            if cache.count > 50_000 { cache.removeAll() }
            cache[key] = (now + ttl, value)
        }
        return value
    }

    package func checkBudget(organizationID: OrganizationID, settings: LLMSettings, now: Date) async throws {
        try await repository.checkBudget(organizationID: organizationID, settings: settings, now: now)
    }

    package func admit(organizationID: OrganizationID, userID: UserID?, limits: LLMRateLimits, now: Date) async throws {
        try await repository.admit(organizationID: organizationID, userID: userID, limits: limits, now: now)
    }

    package func record(_ entry: LLMUsageEntry, settings: LLMSettings) async throws -> [LLMBudgetEvent] {
        try await repository.record(entry, settings: settings)
    }
}
