import PPTDomain
import PPTLLM
import PPTStorage

/// What the LLM endpoints need: the gateway, the configuration repository and the platform defaults.
package struct LLMHTTPServices: Sendable {
    /// The gateway every call goes through.
    package let gateway: LLMGateway
    /// Stored configuration, usage and budget.
    package let repository: LLMRepository
    /// The platform default for organizations without their own configuration.
    package let platformSettings: LLMSettings
    /// The platform's keys (used for probes and model lists; never returned).
    package let platformKeys: [LLMProviderKind: String]
    /// The clock (default usage ranges, the budget's month).
    package let clock: any WallClock
    /// Called after an organization's configuration changed (drops cached copies).
    package let configurationChanged: @Sendable (OrganizationID) -> Void

    package init(gateway: LLMGateway, repository: LLMRepository, platformSettings: LLMSettings,
                 platformKeys: [LLMProviderKind: String], clock: any WallClock,
                 configurationChanged: @escaping @Sendable (OrganizationID) -> Void) {
        self.clock = clock
        self.gateway = gateway
        self.repository = repository
        self.platformSettings = platformSettings
        self.platformKeys = platformKeys
        self.configurationChanged = configurationChanged
    }
}
