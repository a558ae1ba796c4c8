import PPTDomain

/// What PPT knows about well-known models: capabilities and list prices (USD per million tokens,
/// as published by the providers in 2026). Names match by longest prefix, so dated snapshots
/// (`gpt-4o-2024-08-06`, `claude-sonnet-4-5-20250929`) find their family.
package enum ModelCatalog {
    struct Entry {
        let prefix: String
        let capabilities: LLMCapabilities
        let input: Double
        let output: Double
    }

    private static func chat(_ prefix: String, context: Int, tools: Bool = true, schema: Bool = true,
                             _ input: Double, _ output: Double) -> Entry {
        Entry(prefix: prefix, capabilities: LLMCapabilities(contextWindow: context, tools: tools, jsonSchema: schema,
                                                            embeddings: false), input: input, output: output)
    }

    private static func embedding(_ prefix: String, context: Int, _ input: Double) -> Entry {
        Entry(prefix: prefix, capabilities: LLMCapabilities(contextWindow: context, tools: false, jsonSchema: false,
                                                            embeddings: true, streaming: false), input: input, output: 0)
    }

    private static let entries: [Entry] = [
        chat("gpt-5", context: 400_000, 1.25, 10.0),
        chat("gpt-5-mini", context: 400_000, 0.25, 2.0),
        chat("gpt-5-nano", context: 400_000, 0.05, 0.40),
        chat("gpt-4.1", context: 1_047_576, 2.0, 8.0),
        chat("gpt-4.1-mini", context: 1_047_576, 0.40, 1.60),
        chat("gpt-4.1-nano", context: 1_047_576, 0.10, 0.40),
        chat("gpt-4o", context: 128_000, 2.50, 10.0),
        chat("gpt-4o-mini", context: 128_000, 0.15, 0.60),
        chat("o4-mini", context: 200_000, 1.10, 4.40),
        chat("o3", context: 200_000, 2.0, 8.0),
        embedding("text-embedding-3-small", context: 8_191, 0.02),
        embedding("text-embedding-3-large", context: 8_191, 0.13),
        chat("claude-opus-4", context: 200_000, schema: false, 15.0, 75.0),
        chat("claude-sonnet-4", context: 200_000, schema: false, 3.0, 15.0),
        chat("claude-haiku-4", context: 200_000, schema: false, 1.0, 5.0),
        chat("claude-3-5-haiku", context: 200_000, schema: false, 0.80, 4.0),
        chat("claude-3-7-sonnet", context: 200_000, schema: false, 3.0, 15.0),
        chat("llama3.1", context: 128_000, 0, 0),
        chat("llama3.2", context: 128_000, 0, 0),
        chat("llama3.3", context: 128_000, 0, 0),
        chat("qwen2.5", context: 32_768, 0, 0),
        chat("qwen3", context: 40_960, 0, 0),
        chat("mistral", context: 32_768, 0, 0),
        chat("gemma3", context: 128_000, tools: false, 0, 0),
        embedding("nomic-embed-text", context: 8_192, 0),
        embedding("mxbai-embed-large", context: 512, 0),
        embedding("bge-m3", context: 8_192, 0),
        chat(BuiltinProvider.model, context: 32_768, tools: false, 0, 0),
        embedding(BuiltinProvider.embeddingModel, context: 32_768, 0),
    ]

    private static func entry(for model: String) -> Entry? {
        let name = model.split(separator: "/").last.map(String.init) ?? model
        return entries.filter { name.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }
    }

    /// Facts about `model` (capabilities and list price `nil` when unknown).
    package static func info(for model: String) -> LLMModelInfo {
        guard let entry = entry(for: model) else { return LLMModelInfo(id: model, capabilities: nil, listPriceUSD: nil) }
        return LLMModelInfo(id: model, capabilities: entry.capabilities,
                            listPriceUSD: LLMModelPrice(model: model, inputPerMillion: entry.input, outputPerMillion: entry.output))
    }

    /// The well-known models of a provider kind, for the admin's model list.
    package static func knownModels(for kind: LLMProviderKind) -> [LLMModelInfo] {
        let prefixes: [String] = switch kind {
        case .openai: ["gpt-", "o3", "o4", "text-embedding"]
        case .anthropic: ["claude"]
        case .ollama, .openaiCompatible: ["llama", "qwen", "mistral", "gemma", "nomic", "mxbai", "bge"]
        case .builtin: ["ppt-"]
        }
        return entries.filter { entry in prefixes.contains { entry.prefix.hasPrefix($0) } }
            .map { info(for: $0.prefix) }
    }

    /// USD → currency reference rates used only to turn list prices into default prices (an admin's
    /// price table replaces them).
    package static let referenceRatesFromUSD: [Currency: Double] = [.EUR: 0.86, .CZK: 21.0]

    /// The price of `model` in `currency`: the organization's table first, else the list price
    /// converted at the reference rate, else zero (unknown and local models).
    package static func price(for model: String, in settings: LLMSettings) -> LLMModelPrice {
        if let own = settings.prices.first(where: { $0.model == model }) { return own }
        guard let list = info(for: model).listPriceUSD else {
            return LLMModelPrice(model: model, inputPerMillion: 0, outputPerMillion: 0)
        }
        let rate = referenceRatesFromUSD[settings.currency] ?? 1
        return LLMModelPrice(model: model, inputPerMillion: list.inputPerMillion * rate,
                             outputPerMillion: list.outputPerMillion * rate)
    }

    /// The cost of a call in millionths of the settings' currency.
    package static func costMicros(model: String, usage: LLMUsage, settings: LLMSettings) -> Int64 {
        let price = price(for: model, in: settings)
        // price per million tokens × tokens / 10⁶ units = price × tokens micro-units.
        let micros = Double(usage.inputTokens) * price.inputPerMillion + Double(usage.outputTokens) * price.outputPerMillion
        return micros.isFinite ? Int64(micros.rounded()) : 0
    }
}
