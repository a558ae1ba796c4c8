import Foundation
import PPTDomain

/// One call through the gateway: who it is for, what it is for, and the conversation.
package struct LLMCall: Sendable {
    /// The organization billed and whose configuration applies.
    package var organizationID: OrganizationID
    /// The user it is made for (`nil` for system work).
    package var userID: UserID?
    /// The feature (chooses the model, the feature flag and the usage group).
    package var feature: LLMFeature
    /// The request; an empty `model` means the configured one, `nil` temperature and max tokens the
    /// configured defaults.
    package var request: LLMChatRequest
    /// The conversation, for `gen_ai.conversation.id`.
    package var conversationID: String?

    package init(organizationID: OrganizationID, userID: UserID?, feature: LLMFeature, request: LLMChatRequest,
                 conversationID: String? = nil) {
        self.organizationID = organizationID
        self.userID = userID
        self.feature = feature
        self.request = request
        self.conversationID = conversationID
    }
}

/// Who served a gateway call.
package struct LLMServedBy: Sendable, Hashable, Codable {
    /// The provider.
    package var provider: LLMProviderKind
    /// The model requested from it.
    package var model: String
    /// Provider requests made before output began (retries and fallbacks included).
    package var attempts: Int
    /// Whether a fallback endpoint served instead of the first.
    package var fellBack: Bool

    package init(provider: LLMProviderKind, model: String, attempts: Int, fellBack: Bool) {
        self.provider = provider
        self.model = model
        self.attempts = attempts
        self.fellBack = fellBack
    }

    /// Whether the built-in offline provider answered.
    package var isBuiltin: Bool { provider == .builtin }
}

/// One probe of an endpoint: a tiny request's latency and outcome.
package struct LLMProbeResult: Sendable, Hashable, Codable {
    /// The endpoint probed.
    package var endpoint: LLMEndpoint
    /// Whether it answered.
    package var ok: Bool
    /// Time until the answer ended, in milliseconds.
    package var latencyMilliseconds: Int
    /// The failure's stable code.
    package var errorCode: String?
    /// The failure, for people (the provider's own message).
    package var message: String?

    package init(endpoint: LLMEndpoint, ok: Bool, latencyMilliseconds: Int, errorCode: String? = nil, message: String? = nil) {
        self.endpoint = endpoint
        self.ok = ok
        self.latencyMilliseconds = latencyMilliseconds
        self.errorCode = errorCode
        self.message = message
    }
}

extension DomainError {
    /// Every configured provider failed before producing output.
    package static func llmProviderUnavailable(_ last: LLMProviderError?) -> DomainError {
        DomainError(code: "llm.provider_unavailable", kind: .unavailable,
                    message: "The AI provider could not answer" + (last.map { " (\($0.code))." } ?? "."))
    }

    /// Every configured provider's circuit breaker is open.
    package static let llmCircuitOpen = DomainError(
        code: "llm.circuit_open", kind: .unavailable,
        message: "The AI provider is failing and calls are paused; try again in a minute.", retryAfterSeconds: 30)

    /// The answer broke off after it had begun.
    package static func llmStreamInterrupted(_ error: LLMProviderError) -> DomainError {
        DomainError(code: "llm.stream_interrupted", kind: .unavailable,
                    message: "The AI answer broke off (\(error.code)).")
    }
}
