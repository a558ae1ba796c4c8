import Foundation
import PPTDomain

/// An organization's effective LLM configuration with its decrypted API keys.
package struct LLMResolvedConfiguration: Sendable {
    /// Where the settings come from.
    package enum Source: String, Codable, Sendable { case organization, platform }
    /// The settings.
    package var settings: LLMSettings
    /// API keys by provider (decrypted; never logged or returned).
    package var keys: [LLMProviderKind: String]
    /// Organization's own or the platform default.
    package var source: Source

    package init(settings: LLMSettings, keys: [LLMProviderKind: String], source: Source) {
        self.settings = settings
        self.keys = keys
        self.source = source
    }
}

/// What the gateway needs from storage: configuration, feature flags, shared rate and budget
/// counters, and the usage ledger. Implemented over the database by the composition root, so
/// every instance of PPT sees the same counters.
package protocol LLMGatewayStore: Sendable {
    /// The organization's configuration, or the platform default.
    func configuration(for organizationID: OrganizationID) async throws -> LLMResolvedConfiguration
    /// Whether the organization has `flag` on.
    func isEnabled(_ flag: FeatureFlag, organizationID: OrganizationID) async throws -> Bool
    /// Throws `DomainError.llmBudgetExhausted` when the month's budget is spent and the hard stop is on.
    func checkBudget(organizationID: OrganizationID, settings: LLMSettings, now: Date) async throws
    /// Counts one request against the per-minute limits; throws `DomainError.llmRateLimited` when a
    /// limit is reached (the request is then not counted).
    func admit(organizationID: OrganizationID, userID: UserID?, limits: LLMRateLimits, now: Date) async throws
    /// Writes the ledger row, adds its tokens to the minute's counter and its cost to the month's
    /// spend, and records budget thresholds crossed (returned, soft alert notified to org admins).
    func record(_ entry: LLMUsageEntry, settings: LLMSettings) async throws -> [LLMBudgetEvent]
}
