import Foundation
import PPTDomain
import PPTObservability
import Tracing

extension LLMGateway {
    // MARK: Embeddings

    /// The endpoint that embeds for an organization: the embeddings override, else the primary
    /// provider's usual embedding model; Anthropic has none, so the built-in embeddings serve then.
    package static func embeddingEndpoint(_ settings: LLMSettings) -> LLMEndpoint {
        if let override = settings.featureOverrides[.embeddings] {
            return settings.endpoints(for: .embeddings)[0].with(model: override.model)
        }
        let primary = settings.primary
        switch primary.provider {
        case .openai: return LLMEndpoint(provider: .openai, model: "text-embedding-3-small", baseURL: primary.baseURL)
        case .openaiCompatible, .ollama:
            return LLMEndpoint(provider: primary.provider, model: "nomic-embed-text", baseURL: primary.baseURL)
        case .anthropic, .builtin: return LLMEndpoint(provider: .builtin, model: BuiltinProvider.embeddingModel)
        }
    }

    /// Embeds `inputs` for an organization (budget, rate limit, retries, breaker and ledger as for chat).
    package func embed(organizationID: OrganizationID, userID: UserID?, inputs: [String]) async throws
        -> (response: LLMEmbeddingResponse, servedBy: LLMServedBy)
    {
        let configuration = try await admit(organizationID, userID, feature: .embeddings)
        let endpoint = Self.embeddingEndpoint(configuration.settings)
        let call = LLMCall(organizationID: organizationID, userID: userID, feature: .embeddings,
                           request: LLMChatRequest(model: endpoint.model, messages: inputs.map { .user($0) }))
        let span = startSpan(operation: "embeddings", endpoint: endpoint, model: endpoint.model)
        let recorder = LLMCallRecorder(
            context: .init(store: store, metrics: metrics, logger: logger, call: call,
                           settings: configuration.settings, span: span, started: .now, clock: clock),
            endpoint: endpoint)
        let breaker = Self.breakerName(for: endpoint)
        var lastError: LLMProviderError?
        do {
            let provider = try factory.provider(for: endpoint, key: configuration.keys[endpoint.provider])
            var retries = 0
            while await breakers.allowsRequest(to: breaker) {
                recorder.attempt(endpoint)
                do {
                    let response = try await ServiceContext.withValue(span.context) {
                        try await provider.embed(LLMEmbeddingRequest(model: endpoint.model, inputs: inputs))
                    }
                    await breakers.recordSuccess(breaker)
                    recorder.observe(.usage(response.usage))
                    await recorder.finish(.ok, error: nil)
                    return (response, LLMServedBy(provider: endpoint.provider, model: endpoint.model,
                                                  attempts: recorder.attempts, fellBack: false))
                } catch let error as LLMProviderError {
                    lastError = error
                    if Self.countsAgainstBreaker(error) { await breakers.recordFailure(breaker) }
                    guard let delay = retry.delay(after: error, retry: retries) else { break }
                    try await sleep(delay)
                    retries += 1
                }
            }
        } catch let error as LLMProviderError {
            lastError = error
        } catch {
            await recorder.finish(.cancelled, error: nil)
            throw error
        }
        let failure = lastError.map { DomainError.llmProviderUnavailable($0) } ?? .llmCircuitOpen
        await recorder.finish(.error, error: lastError ?? failure)
        throw failure
    }

    // MARK: Probe and models

    /// Sends one tiny request to each endpoint of `settings` (primary, then fallbacks), once, with
    /// `timeout`; nothing is retried or recorded in the ledger.
    package func probe(_ settings: LLMSettings, keys: [LLMProviderKind: String],
                       timeout: Duration = .seconds(20)) async -> [LLMProbeResult] {
        var results: [LLMProbeResult] = []
        for endpoint in [settings.primary] + settings.fallbacks {
            results.append(await probe(endpoint, key: keys[endpoint.provider], timeout: timeout))
        }
        return results
    }

    private func probe(_ endpoint: LLMEndpoint, key: String?, timeout: Duration) async -> LLMProbeResult {
        let started = ContinuousClock.now
        let elapsed = { LLMCallRecorder.milliseconds(ContinuousClock.now - started) }
        do {
            let provider = try factory.provider(for: endpoint, key: key)
            let request = LLMChatRequest(model: endpoint.model, messages: [.user("Reply with the word OK.")], maxTokens: 16)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await provider.chat(request) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw LLMProviderError(kind: .timeout, message: "No answer within \(timeout).")
                }
                try await group.next()
                group.cancelAll()
            }
            return LLMProbeResult(endpoint: endpoint, ok: true, latencyMilliseconds: elapsed())
        } catch let error as LLMProviderError {
            return LLMProbeResult(endpoint: endpoint, ok: false, latencyMilliseconds: elapsed(), errorCode: error.code,
                                  message: error.message)
        } catch {
            return LLMProbeResult(endpoint: endpoint, ok: false, latencyMilliseconds: elapsed(), errorCode: "llm.error",
                                  message: "The probe did not complete.")
        }
    }

    /// The models a provider offers: its own list when reachable (with PPT's facts where known),
    /// else PPT's catalog of well-known models with the reason the list could not be read.
    package func models(provider kind: LLMProviderKind, baseURL: String?, key: String?) async
        -> (models: [LLMModelInfo], source: String, error: String?)
    {
        do {
            let provider = try factory.provider(
                for: LLMEndpoint(provider: kind, model: "-", baseURL: baseURL), key: key)
            return (try await provider.listModels(), "provider", nil)
        } catch let error as LLMProviderError {
            return (ModelCatalog.knownModels(for: kind), "catalog", error.code)
        } catch {
            return (ModelCatalog.knownModels(for: kind), "catalog", "llm.error")
        }
    }
}

extension LLMEndpoint {
    /// The same endpoint with another model.
    package func with(model: String) -> LLMEndpoint {
        LLMEndpoint(provider: provider, model: model, baseURL: baseURL)
    }
}

extension LLMGateway {
    /// The organization's effective settings, as `stream` will use them: to plan a request (the
    /// model's context window and tool support) and to price its usage.
    package func settings(for organizationID: OrganizationID) async throws -> LLMSettings {
        try await store.configuration(for: organizationID).settings
    }
}
