import Foundation

/// The model providers the LLM gateway speaks to.
package enum LLMProviderKind: String, Codable, Sendable, CaseIterable {
    /// PPT's own offline provider: no network, deterministic.
    case builtin
    /// OpenAI Chat Completions and embeddings.
    case openai
    /// Anthropic Messages.
    case anthropic
    /// Any OpenAI-compatible server (Ollama's `/v1`, llama.cpp server, vLLM, LM Studio).
    case openaiCompatible = "openai_compatible"
    /// Ollama's native `/api/chat` NDJSON stream.
    case ollama

    /// The value of `gen_ai.provider.name` (OpenTelemetry GenAI conventions).
    package var telemetryName: String {
        switch self {
        case .builtin: "ppt.builtin"
        case .openai: "openai"
        case .anthropic: "anthropic"
        case .openaiCompatible: "openai_compatible"
        case .ollama: "ollama"
        }
    }

    /// Whether calls need an API key (local servers and the built-in provider do not).
    package var requiresKey: Bool { self == .openai || self == .anthropic }

    /// The base URL used when none is configured.
    package var defaultBaseURL: String? {
        switch self {
        case .builtin: nil
        case .openai: "https://api.openai.com/v1"
        case .anthropic: "https://api.anthropic.com/v1"
        case .openaiCompatible: "http://127.0.0.1:11434/v1"
        case .ollama: "http://127.0.0.1:11434"
        }
    }
}

/// What an LLM call is for; each feature may use its own model and has its own usage figures.
package enum LLMFeature: String, Codable, Sendable, CaseIterable {
    case chat, generation, summarization, embeddings, voice, workflow

    /// The organization feature flag that switches this feature on or off (`nil`: always on when
    /// the feature that uses it is).
    package var flag: FeatureFlag? {
        switch self {
        case .chat: .chat
        case .generation, .summarization: .documentGeneration
        case .voice: .voiceAssistant
        case .workflow: .workflowAutomation
        case .embeddings: nil
        }
    }
}

/// One provider and model to call.
package struct LLMEndpoint: Codable, Sendable, Hashable {
    /// The provider.
    package var provider: LLMProviderKind
    /// The model name as the provider knows it.
    package var model: String
    /// Base URL (`nil`: the provider's default).
    package var baseURL: String?

    package init(provider: LLMProviderKind, model: String, baseURL: String? = nil) {
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
    }

    /// The base URL to call.
    package var effectiveBaseURL: String? { baseURL ?? provider.defaultBaseURL }
}

/// A feature's override of the primary endpoint: another model, optionally of another provider.
package struct LLMFeatureOverride: Codable, Sendable, Hashable {
    /// Another provider (`nil`: the primary's).
    package var provider: LLMProviderKind?
    /// The model.
    package var model: String
    /// Base URL when the provider differs from the primary's (`nil`: that provider's default).
    package var baseURL: String?

    package init(provider: LLMProviderKind? = nil, model: String, baseURL: String? = nil) {
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
    }
}

/// Request and token limits per minute, shared by every instance through the database.
package struct LLMRateLimits: Codable, Sendable, Hashable {
    /// Requests per minute for the whole organization (`nil`: unlimited).
    package var requestsPerMinute: Int?
    /// Input plus output tokens per minute for the whole organization (`nil`: unlimited).
    package var tokensPerMinute: Int?
    /// Requests per minute for each user (`nil`: unlimited).
    package var userRequestsPerMinute: Int?

    package init(requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil, userRequestsPerMinute: Int? = nil) {
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.userRequestsPerMinute = userRequestsPerMinute
    }

    /// Whether any limit is set.
    package var isEmpty: Bool { requestsPerMinute == nil && tokensPerMinute == nil && userRequestsPerMinute == nil }
}

/// A monthly spending limit.
package struct LLMBudget: Codable, Sendable, Hashable {
    /// The limit per calendar month (UTC), in minor units of its currency.
    package var monthlyLimit: Money
    /// At this share of the limit org admins are alerted once a month (1–100).
    package var softAlertPercent: Int
    /// Whether calls are refused once the limit is spent.
    package var hardStop: Bool

    package init(monthlyLimit: Money, softAlertPercent: Int = 80, hardStop: Bool = true) {
        self.monthlyLimit = monthlyLimit
        self.softAlertPercent = softAlertPercent
        self.hardStop = hardStop
    }

    private enum CodingKeys: String, CodingKey { case monthlyLimit, softAlertPercent, hardStop }

    /// `softAlertPercent` defaults to 80 and `hardStop` to `true` when absent.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(monthlyLimit: try c.decode(Money.self, forKey: .monthlyLimit),
                  softAlertPercent: try c.decodeIfPresent(Int.self, forKey: .softAlertPercent) ?? 80,
                  hardStop: try c.decodeIfPresent(Bool.self, forKey: .hardStop) ?? true)
    }
}

/// What a model costs, per million tokens, in the organization's budget currency.
package struct LLMModelPrice: Codable, Sendable, Hashable {
    /// The model name (exact, as sent to the provider).
    package var model: String
    /// Price of one million input tokens, in currency units (e.g. 2.15 EUR).
    package var inputPerMillion: Double
    /// Price of one million output tokens, in currency units.
    package var outputPerMillion: Double

    package init(model: String, inputPerMillion: Double, outputPerMillion: Double) {
        self.model = model
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }
}

/// An organization's LLM configuration (or the platform default), without its API keys.
package struct LLMSettings: Codable, Sendable, Hashable {
    /// The provider and model used unless a feature overrides them.
    package var primary: LLMEndpoint
    /// Default sampling temperature (`nil`: the provider's).
    package var temperature: Double?
    /// Default output token limit (`nil`: the provider's, or 1,024 where one is required).
    package var maxTokens: Int?
    /// Per-feature model overrides.
    package var featureOverrides: [LLMFeature: LLMFeatureOverride]
    /// Endpoints tried in order when the primary fails before its first output.
    package var fallbacks: [LLMEndpoint]
    /// Rate limits.
    package var rateLimits: LLMRateLimits
    /// Monthly budget (`nil`: none).
    package var budget: LLMBudget?
    /// Currency of `prices` and of recorded costs (the budget's currency when there is a budget).
    package var currency: Currency
    /// Price table; models missing from it fall back to the built-in list prices.
    package var prices: [LLMModelPrice]

    package init(
        primary: LLMEndpoint, temperature: Double? = nil, maxTokens: Int? = nil,
        featureOverrides: [LLMFeature: LLMFeatureOverride] = [:], fallbacks: [LLMEndpoint] = [],
        rateLimits: LLMRateLimits = LLMRateLimits(), budget: LLMBudget? = nil, currency: Currency = .EUR,
        prices: [LLMModelPrice] = []
    ) {
        self.primary = primary
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.featureOverrides = featureOverrides
        self.fallbacks = fallbacks
        self.rateLimits = rateLimits
        self.budget = budget
        self.currency = currency
        self.prices = prices
    }

    /// The built-in provider with no limits: what a fresh installation uses.
    package static let builtinDefault = LLMSettings(primary: LLMEndpoint(provider: .builtin, model: "ppt-builtin-1"))

    /// The endpoints to try for `feature`, in order: the feature's model (or the primary) first,
    /// then the fallbacks (duplicates removed).
    package func endpoints(for feature: LLMFeature) -> [LLMEndpoint] {
        var first = primary
        if let override = featureOverrides[feature] {
            if let provider = override.provider, provider != primary.provider {
                first = LLMEndpoint(provider: provider, model: override.model, baseURL: override.baseURL)
            } else {
                first = LLMEndpoint(provider: primary.provider, model: override.model,
                                    baseURL: override.baseURL ?? primary.baseURL)
            }
        }
        var chain = [first]
        for endpoint in fallbacks where !chain.contains(endpoint) { chain.append(endpoint) }
        return chain
    }

    /// Providers that appear anywhere in the configuration.
    package var providers: Set<LLMProviderKind> {
        var kinds: Set<LLMProviderKind> = [primary.provider]
        for endpoint in fallbacks { kinds.insert(endpoint.provider) }
        for override in featureOverrides.values { if let provider = override.provider { kinds.insert(provider) } }
        return kinds
    }
}

extension LLMFeature: CodingKeyRepresentable {}
