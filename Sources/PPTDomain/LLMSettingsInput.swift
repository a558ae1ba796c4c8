import Foundation

/// The body of `PUT /orgs/{orgID}/llm/config`: the settings, API keys to store or remove, and
/// whether to save even when the live probe fails.
package struct LLMSettingsInput: Codable, Sendable {
    /// The settings to save.
    package var settings: LLMSettings
    /// API keys by provider (`openai`, `anthropic`, …): a string stores or replaces the key, `null`
    /// removes it, an absent provider keeps what is stored. Keys are never returned.
    package var apiKeys: [String: String?]
    /// Save even if the probe fails.
    package var force: Bool

    package init(settings: LLMSettings, apiKeys: [String: String?] = [:], force: Bool = false) {
        self.settings = settings
        self.apiKeys = apiKeys
        self.force = force
    }

    private enum CodingKeys: String, CodingKey {
        case primary, temperature, maxTokens, featureOverrides, fallbacks, rateLimits, budget, currency, prices
        case apiKeys, force
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        settings = LLMSettings(
            primary: try c.decode(LLMEndpoint.self, forKey: .primary),
            temperature: try c.decodeIfPresent(Double.self, forKey: .temperature),
            maxTokens: try c.decodeIfPresent(Int.self, forKey: .maxTokens),
            featureOverrides: try c.decodeIfPresent([LLMFeature: LLMFeatureOverride].self, forKey: .featureOverrides)
                ?? [:],
            fallbacks: try c.decodeIfPresent([LLMEndpoint].self, forKey: .fallbacks) ?? [],
            rateLimits: try c.decodeIfPresent(LLMRateLimits.self, forKey: .rateLimits) ?? LLMRateLimits(),
            budget: try c.decodeIfPresent(LLMBudget.self, forKey: .budget),
            currency: try c.decodeIfPresent(Currency.self, forKey: .currency)
                ?? (try c.decodeIfPresent(LLMBudget.self, forKey: .budget))?.monthlyLimit.currency ?? .EUR,
            prices: try c.decodeIfPresent([LLMModelPrice].self, forKey: .prices) ?? [])
        apiKeys = try c.decodeIfPresent([String: String?].self, forKey: .apiKeys) ?? [:]
        force = try c.decodeIfPresent(Bool.self, forKey: .force) ?? false
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(settings.primary, forKey: .primary)
        try c.encodeIfPresent(settings.temperature, forKey: .temperature)
        try c.encodeIfPresent(settings.maxTokens, forKey: .maxTokens)
        try c.encode(settings.featureOverrides, forKey: .featureOverrides)
        try c.encode(settings.fallbacks, forKey: .fallbacks)
        try c.encode(settings.rateLimits, forKey: .rateLimits)
        try c.encodeIfPresent(settings.budget, forKey: .budget)
        try c.encode(settings.currency, forKey: .currency)
        try c.encode(settings.prices, forKey: .prices)
        try c.encode(apiKeys, forKey: .apiKeys)
        try c.encode(force, forKey: .force)
    }

    /// Field checks (the live probe is the gateway's).
    package func validate() throws(DomainError) {
        var v = Validator()
        Self.check(settings.primary, "/primary", &v)
        if let t = settings.temperature { v.check(t.isFinite && t >= 0 && t <= 2, "/temperature", "must be between 0 and 2") }
        if let m = settings.maxTokens { v.check(m >= 1 && m <= 1_000_000, "/maxTokens", "must be between 1 and 1000000") }
        for (feature, override) in settings.featureOverrides {
            let pointer = "/featureOverrides/\(feature.rawValue)"
            Self.checkModel(override.model, pointer + "/model", &v)
            if let url = override.baseURL { Self.checkURL(url, pointer + "/baseURL", &v) }
            if override.provider == .builtin || (override.provider == nil && settings.primary.provider == .builtin) {
                v.check(override.model == LLMSettings.builtinDefault.primary.model, pointer + "/model",
                        "the built-in provider has one model, \(LLMSettings.builtinDefault.primary.model)")
            }
        }
        v.check(settings.fallbacks.count <= 5, "/fallbacks", "at most 5 fallbacks")
        for (index, endpoint) in settings.fallbacks.enumerated() { Self.check(endpoint, "/fallbacks/\(index)", &v) }
        let limits = settings.rateLimits
        for (value, name) in [(limits.requestsPerMinute, "requestsPerMinute"), (limits.tokensPerMinute, "tokensPerMinute"),
                              (limits.userRequestsPerMinute, "userRequestsPerMinute")] {
            if let value { v.check(value >= 1 && value <= 100_000_000, "/rateLimits/\(name)", "must be at least 1") }
        }
        if let budget = settings.budget {
            v.check(budget.monthlyLimit.amountMinor > 0, "/budget/monthlyLimit/amountMinor", "must be positive")
            v.check(budget.monthlyLimit.currency == settings.currency, "/budget/monthlyLimit/currency",
                    "must be the configuration's currency (\(settings.currency.rawValue))")
            v.check((1...100).contains(budget.softAlertPercent), "/budget/softAlertPercent", "must be between 1 and 100")
        }
        var seen = Set<String>()
        for (index, price) in settings.prices.enumerated() {
            Self.checkModel(price.model, "/prices/\(index)/model", &v)
            v.check(seen.insert(price.model).inserted, "/prices/\(index)/model", "is listed twice")
            v.check(price.inputPerMillion.isFinite && price.inputPerMillion >= 0, "/prices/\(index)/inputPerMillion",
                    "must be zero or more")
            v.check(price.outputPerMillion.isFinite && price.outputPerMillion >= 0, "/prices/\(index)/outputPerMillion",
                    "must be zero or more")
        }
        for (provider, key) in apiKeys {
            let pointer = "/apiKeys/\(provider)"
            v.check(LLMProviderKind(rawValue: provider) != nil && provider != LLMProviderKind.builtin.rawValue, pointer,
                    "is not a provider that takes a key")
            if let key {
                v.check(!key.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && key.count <= 512
                        && !key.contains(where: { $0.isNewline }), pointer, "must be a single line of at most 512 characters")
            }
        }
        try v.finish()
    }

    private static func check(_ endpoint: LLMEndpoint, _ pointer: String, _ v: inout Validator) {
        checkModel(endpoint.model, pointer + "/model", &v)
        if let url = endpoint.baseURL { checkURL(url, pointer + "/baseURL", &v) }
        if endpoint.provider == .builtin {
            v.check(endpoint.model == LLMSettings.builtinDefault.primary.model, pointer + "/model",
                    "the built-in provider has one model, \(LLMSettings.builtinDefault.primary.model)")
        }
    }

    private static func checkModel(_ model: String, _ pointer: String, _ v: inout Validator) {
        v.text(model, pointer, max: 200)
        v.check(!model.contains(where: { $0.isWhitespace }), pointer, "must not contain spaces")
    }

    private static func checkURL(_ text: String, _ pointer: String, _ v: inout Validator) {
        let components = URLComponents(string: text)
        let scheme = components?.scheme?.lowercased()
        v.check((scheme == "http" || scheme == "https") && !(components?.host ?? "").isEmpty
                && components?.query == nil && components?.user == nil && text.count <= 500,
                pointer, "must be an http(s) URL without credentials or query")
    }
}
