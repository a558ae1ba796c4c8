import Foundation

/// How an LLM call ended.
package enum LLMCallOutcome: String, Codable, Sendable, CaseIterable {
    /// The provider answered completely.
    case ok
    /// Every provider tried failed, or the stream broke after output began.
    case error
    /// The caller went away before the answer was complete.
    case cancelled
}

/// One row of the usage ledger: a call through the gateway.
package struct LLMUsageEntry: Codable, Sendable, Hashable {
    /// Ledger row id.
    package var id: String
    /// The organization billed.
    package var organizationID: OrganizationID
    /// The user the call was made for (`nil` for system work such as workflows).
    package var userID: UserID?
    /// What the call was for.
    package var feature: LLMFeature
    /// The provider that served (or last failed) the call.
    package var provider: LLMProviderKind
    /// The model.
    package var model: String
    /// Input tokens (from the provider's usage, or estimated).
    package var inputTokens: Int
    /// Output tokens (from the provider's usage, or estimated).
    package var outputTokens: Int
    /// Whether the token counts are estimates because the provider sent no usage.
    package var usageEstimated: Bool
    /// Cost in millionths of a currency unit.
    package var costMicros: Int64
    /// The cost's currency.
    package var currency: Currency
    /// Wall time of the whole call, in milliseconds.
    package var latencyMilliseconds: Int
    /// Time until the first output reached the caller, in milliseconds (streamed calls with output).
    package var timeToFirstTokenMilliseconds: Int?
    /// How the call ended.
    package var outcome: LLMCallOutcome
    /// The error's stable code when it failed.
    package var errorCode: String?
    /// Provider requests made (retries and fallbacks included).
    package var attempts: Int
    /// When the call finished.
    package var createdAt: Date

    package init(
        id: String = UUID().uuidString.lowercased(), organizationID: OrganizationID, userID: UserID?, feature: LLMFeature,
        provider: LLMProviderKind, model: String, inputTokens: Int, outputTokens: Int, usageEstimated: Bool,
        costMicros: Int64, currency: Currency, latencyMilliseconds: Int, timeToFirstTokenMilliseconds: Int?,
        outcome: LLMCallOutcome, errorCode: String?, attempts: Int, createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.userID = userID
        self.feature = feature
        self.provider = provider
        self.model = model
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.usageEstimated = usageEstimated
        self.costMicros = costMicros
        self.currency = currency
        self.latencyMilliseconds = latencyMilliseconds
        self.timeToFirstTokenMilliseconds = timeToFirstTokenMilliseconds
        self.outcome = outcome
        self.errorCode = errorCode
        self.attempts = attempts
        self.createdAt = createdAt
    }
}

/// How usage aggregates are grouped.
package enum LLMUsageGrouping: String, Codable, Sendable, CaseIterable {
    case day, feature, model, user
}

/// Usage summed over one group.
package struct LLMUsageAggregate: Codable, Sendable, Hashable {
    /// The group: a `YYYY-MM-DD` day, a feature, `provider/model`, or a user id (`system` for none).
    package var key: String
    /// Calls.
    package var requests: Int
    /// Failed or cancelled calls.
    package var failures: Int
    /// Input tokens.
    package var inputTokens: Int
    /// Output tokens.
    package var outputTokens: Int
    /// Cost in millionths of a currency unit.
    package var costMicros: Int64

    package init(key: String, requests: Int, failures: Int, inputTokens: Int, outputTokens: Int, costMicros: Int64) {
        self.key = key
        self.requests = requests
        self.failures = failures
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costMicros = costMicros
    }
}

/// Usage between two days, grouped.
package struct LLMUsageReport: Codable, Sendable, Hashable {
    /// First day (inclusive, UTC).
    package var from: CalendarDate
    /// Last day (inclusive, UTC).
    package var to: CalendarDate
    /// The grouping.
    package var groupBy: LLMUsageGrouping
    /// The cost currency.
    package var currency: Currency
    /// One row per group, largest cost first (days in order).
    package var groups: [LLMUsageAggregate]
    /// All groups together.
    package var total: LLMUsageAggregate

    package init(from: CalendarDate, to: CalendarDate, groupBy: LLMUsageGrouping, currency: Currency,
                 groups: [LLMUsageAggregate], total: LLMUsageAggregate) {
        self.from = from
        self.to = to
        self.groupBy = groupBy
        self.currency = currency
        self.groups = groups
        self.total = total
    }
}

/// The budget's state this month.
package struct LLMBudgetStatus: Codable, Sendable, Hashable {
    /// `YYYY-MM` (UTC).
    package var month: String
    /// Spent this month in millionths of a currency unit.
    package var spentMicros: Int64
    /// The currency.
    package var currency: Currency
    /// The configured budget (`nil`: none).
    package var budget: LLMBudget?
    /// What is left, in millionths (`nil` without a budget; never negative).
    package var remainingMicros: Int64?
    /// Share of the budget spent, in percent (`nil` without a budget).
    package var percentUsed: Double?
    /// Whether the soft alert fired this month.
    package var softAlertReached: Bool
    /// Whether calls are being refused this month.
    package var hardStopReached: Bool

    package init(month: String, spentMicros: Int64, currency: Currency, budget: LLMBudget?, remainingMicros: Int64?,
                 percentUsed: Double?, softAlertReached: Bool, hardStopReached: Bool) {
        self.month = month
        self.spentMicros = spentMicros
        self.currency = currency
        self.budget = budget
        self.remainingMicros = remainingMicros
        self.percentUsed = percentUsed
        self.softAlertReached = softAlertReached
        self.hardStopReached = hardStopReached
    }
}

/// The moment a budget threshold was crossed.
package struct LLMBudgetEvent: Codable, Sendable, Hashable {
    /// Which threshold.
    package enum Kind: String, Codable, Sendable { case softAlert = "soft_alert", hardStop = "hard_stop" }
    /// Event id.
    package var id: String
    /// The threshold.
    package var kind: Kind
    /// `YYYY-MM`.
    package var month: String
    /// Spent when it was crossed, in millionths.
    package var spentMicros: Int64
    /// The budget at that time, in minor units.
    package var limit: Money
    /// When.
    package var createdAt: Date

    package init(id: String, kind: Kind, month: String, spentMicros: Int64, limit: Money, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.month = month
        self.spentMicros = spentMicros
        self.limit = limit
        self.createdAt = createdAt
    }
}

extension DomainError {
    /// The feature is switched off for the organization.
    package static func llmFeatureDisabled(_ feature: LLMFeature) -> DomainError {
        DomainError(code: "llm.feature_disabled", kind: .forbidden,
                    message: "The AI feature '\(feature.rawValue)' is switched off for this organization.")
    }

    /// The monthly budget is spent and the hard stop is on.
    package static func llmBudgetExhausted(retryAfterSeconds: Int) -> DomainError {
        DomainError(code: "llm.budget_exhausted", kind: .tooManyRequests,
                    message: "This organization's monthly AI budget is spent; calls resume next month or when an admin raises it.",
                    retryAfterSeconds: retryAfterSeconds)
    }

    /// A per-minute limit is reached.
    package static func llmRateLimited(scope: String, retryAfterSeconds: Int) -> DomainError {
        DomainError(code: "llm.rate_limited", kind: .tooManyRequests,
                    message: "Too many AI requests (\(scope) limit); try again in \(retryAfterSeconds) s.",
                    retryAfterSeconds: retryAfterSeconds)
    }
}
