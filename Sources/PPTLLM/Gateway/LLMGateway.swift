import Foundation
import Logging
import PPTDomain
import PPTObservability
import Tracing

/// The one choke point for LLM calls (DESIGN §6): configuration → feature flag → budget → rate
/// limit → provider call with the SDKs' retry policy → circuit breaker per provider → fallback
/// before the first output → usage ledger, metrics and a `gen_ai.*` span.
package final class LLMGateway: Sendable {
    let store: any LLMGatewayStore
    let factory: LLMProviderFactory
    let breakers: CircuitBreakerRegistry
    let metrics: PPTMetrics?
    private let tracer: (any Tracer)?
    let retry: LLMRetryPolicy
    let sleep: @Sendable (Duration) async throws -> Void
    let clock: any WallClock
    let logger: Logger

    /// A gateway over `store`; providers are made by `factory`, breakers live in `breakers`.
    package init(store: any LLMGatewayStore, factory: LLMProviderFactory, breakers: CircuitBreakerRegistry,
                 metrics: PPTMetrics? = nil, tracer: (any Tracer)? = nil, retry: LLMRetryPolicy = LLMRetryPolicy(),
                 clock: any WallClock = SystemWallClock(), logger: Logger = Logger(label: "ppt.llm"),
                 sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.store = store
        self.factory = factory
        self.breakers = breakers
        self.metrics = metrics
        self.tracer = tracer
        self.retry = retry
        self.sleep = sleep
        self.clock = clock
        self.logger = logger
    }

    /// The circuit-breaker name of an endpoint's provider (also shown in health).
    package static func breakerName(for endpoint: LLMEndpoint) -> String {
        guard endpoint.provider != .builtin, let descriptor = Optional(LLMProviderDescriptor(
            kind: endpoint.provider, baseURL: endpoint.effectiveBaseURL)), let host = descriptor.serverAddress
        else { return "llm:\(endpoint.provider.rawValue)" }
        return "llm:\(endpoint.provider.rawValue):\(host):\(descriptor.serverPort ?? 0)"
    }

    // MARK: Chat

    /// Starts a streamed answer. Returns once a provider has produced its first output (or finished
    /// without any); everything that fails before that is retried or falls back, and what cannot be
    /// served throws a `DomainError` (feature off, budget, rate limit, providers unavailable).
    package func stream(_ call: LLMCall) async throws -> LLMGatewayStream {
        let configuration = try await admit(call.organizationID, call.userID, feature: call.feature)
        let settings = configuration.settings
        let chain = settings.endpoints(for: call.feature)
        let first = chain[0]
        let firstModel = settings.offers(model: call.request.model, provider: first.provider) ? call.request.model : first.model
        let span = startSpan(operation: "chat", endpoint: first, model: firstModel)
        var attributes = span.attributes
        attributes["gen_ai.request.stream"] = true
        if let conversation = call.conversationID { attributes["gen_ai.conversation.id"] = conversation }
        if let temperature = call.request.temperature ?? settings.temperature { attributes["gen_ai.request.temperature"] = temperature }
        if let maxTokens = call.request.maxTokens ?? settings.maxTokens { attributes["gen_ai.request.max_tokens"] = maxTokens }
        span.attributes = attributes
        let recorder = LLMCallRecorder(
            context: .init(store: store, metrics: metrics, logger: logger, call: call, settings: settings, span: span,
                           started: .now, clock: clock),
            endpoint: first)

        var lastError: LLMProviderError?
        var sawClosedBreaker = false
        for (position, endpoint) in chain.enumerated() {
            let breaker = Self.breakerName(for: endpoint)
            guard await breakers.allowsRequest(to: breaker) else { continue }
            sawClosedBreaker = true
            var request = call.request
            if position > 0 || !settings.offers(model: request.model, provider: endpoint.provider) {
                request.model = endpoint.model
            }
            request.temperature = request.temperature ?? settings.temperature
            request.maxTokens = request.maxTokens ?? settings.maxTokens
            let provider: any LLMProvider
            do {
                provider = try factory.provider(for: endpoint, key: configuration.keys[endpoint.provider])
            } catch {
                lastError = error
                continue
            }
            var retries = 0
            while true {
                recorder.attempt(LLMEndpoint(provider: endpoint.provider, model: request.model, baseURL: endpoint.baseURL))
                do {
                    let (buffered, upstream) = try await firstOutput(of: provider, request: request, span: span,
                                                                     recorder: recorder)
                    await breakers.recordSuccess(breaker)
                    let served = LLMServedBy(provider: endpoint.provider, model: request.model,
                                             attempts: recorder.attempts, fellBack: position > 0)
                    return LLMGatewayStream(servedBy: served, buffered: buffered, upstream: upstream, recorder: recorder)
                } catch let error as LLMProviderError {
                    lastError = error
                    if Self.countsAgainstBreaker(error) { await breakers.recordFailure(breaker) }
                    logger.warning("llm provider call failed", metadata: [
                        "provider": "\(endpoint.provider.rawValue)", "model": "\(request.model)",
                        "error_code": "\(error.code)", "status": "\(error.status.map(String.init) ?? "-")",
                        "retry": "\(retries)",
                    ])
                    guard let delay = retry.delay(after: error, retry: retries),
                          await breakers.allowsRequest(to: breaker)
                    else { break }
                    do {
                        try await sleep(delay)
                    } catch {
                        await recorder.finish(.cancelled, error: nil)
                        throw CancellationError()
                    }
                    retries += 1
                } catch is CancellationError {
                    await recorder.finish(.cancelled, error: nil)
                    throw CancellationError()
                } catch {
                    // Anything else (a request that cannot be encoded) will not improve with a retry.
                    lastError = LLMProviderError(kind: .configuration, message: "The request could not be sent (\(type(of: error))).")
                    break
                }
            }
        }
        let failure = sawClosedBreaker || lastError != nil ? DomainError.llmProviderUnavailable(lastError) : .llmCircuitOpen
        await recorder.finish(.error, error: lastError ?? failure)
        throw failure
    }

    /// The whole answer at once (retries and fallback as for `stream`).
    package func complete(_ call: LLMCall) async throws -> (response: LLMChatResponse, servedBy: LLMServedBy) {
        let stream = try await stream(call)
        var response = LLMChatResponse()
        for try await event in stream { response.apply(event) }
        return (response, stream.servedBy)
    }

    /// Pulls events until the first output (or the end) so that failures before it can be retried.
    private func firstOutput(of provider: any LLMProvider, request: LLMChatRequest, span: any Span,
                             recorder: LLMCallRecorder) async throws -> ([LLMChatEvent], LLMEventStream.Iterator?) {
        let stream = try await ServiceContext.withValue(span.context) { try await provider.streamChat(request) }
        var iterator = stream.makeAsyncIterator()
        var buffered: [LLMChatEvent] = []
        while let event = try await iterator.next() {
            buffered.append(event)
            if event.isOutput {
                for event in buffered { recorder.observe(event) }
                return (buffered, iterator)
            }
        }
        for event in buffered { recorder.observe(event) }
        return (buffered, nil)
    }

    /// Failures that say the provider is unwell (not that the request or the key is wrong).
    static func countsAgainstBreaker(_ error: LLMProviderError) -> Bool {
        switch error.kind {
        case .timeout, .connection, .malformedResponse: true
        case .http: (error.status ?? 0) >= 500 || error.status == 429 || error.status == 408
        case .streamError: error.isRetryable
        case .unsupported, .configuration: false
        }
    }

    // MARK: Shared steps

    /// Configuration, feature flag, budget and rate limit, in that order.
    func admit(_ organizationID: OrganizationID, _ userID: UserID?, feature: LLMFeature) async throws
        -> LLMResolvedConfiguration
    {
        let configuration = try await store.configuration(for: organizationID)
        if let flag = feature.flag, try await !store.isEnabled(flag, organizationID: organizationID) {
            throw DomainError.llmFeatureDisabled(feature)
        }
        let now = clock.now()
        if configuration.settings.budget != nil {
            try await store.checkBudget(organizationID: organizationID, settings: configuration.settings, now: now)
        }
        if !configuration.settings.rateLimits.isEmpty {
            try await store.admit(organizationID: organizationID, userID: userID,
                                  limits: configuration.settings.rateLimits, now: now)
        }
        return configuration
    }

    func startSpan(operation: String, endpoint: LLMEndpoint, model: String) -> any Span {
        let tracer = self.tracer ?? ActiveTracer.current
        let kind: SpanKind = endpoint.provider == .builtin ? .internal : .client
        let span = tracer.startSpan("\(operation) \(model)", context: ServiceContext.current ?? .topLevel, ofKind: kind)
        var attributes = span.attributes
        attributes["gen_ai.operation.name"] = operation
        attributes["gen_ai.provider.name"] = endpoint.provider.telemetryName
        attributes["gen_ai.request.model"] = model
        let descriptor = LLMProviderDescriptor(kind: endpoint.provider, baseURL: endpoint.effectiveBaseURL)
        if let address = descriptor.serverAddress {
            attributes["server.address"] = address
            if let port = descriptor.serverPort { attributes["server.port"] = port }
        }
        span.attributes = attributes
        return span
    }
}

extension LLMSettings {
    /// Whether `model` is configured for `provider` anywhere in these settings (a caller may pick
    /// among the configured models, not any model the key could reach).
    package func offers(model: String, provider: LLMProviderKind) -> Bool {
        guard !model.isEmpty else { return false }
        if primary.provider == provider, primary.model == model { return true }
        if fallbacks.contains(where: { $0.provider == provider && $0.model == model }) { return true }
        return featureOverrides.values.contains { ($0.provider ?? primary.provider) == provider && $0.model == model }
    }
}
