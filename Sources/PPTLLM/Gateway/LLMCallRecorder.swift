import Foundation
import Logging
import PPTDomain
import PPTObservability
import Synchronization
import Tracing

/// Follows one gateway call from its first attempt to its end and records it exactly once: the
/// usage ledger row (through the store), the `gen_ai.*` span attributes and metrics. If the
/// caller drops the stream without finishing it, the call is recorded as cancelled.
final class LLMCallRecorder: Sendable {
    struct Context: Sendable {
        let store: any LLMGatewayStore
        let metrics: PPTMetrics?
        let logger: Logger
        let call: LLMCall
        let settings: LLMSettings
        let span: any Span
        let started: ContinuousClock.Instant
        let clock: any WallClock
    }

    struct State: Sendable {
        var endpoint: LLMEndpoint
        var attempts = 0
        var usage: LLMUsage?
        var outputText = ""
        var timeToFirstOutput: Duration?
        var responseID: String?
        var responseModel: String?
        var finishReason: LLMFinishReason?
        var finished = false
    }

    let context: Context
    private let state: Mutex<State>

    init(context: Context, endpoint: LLMEndpoint) {
        self.context = context
        state = Mutex(State(endpoint: endpoint))
    }

    /// A new provider request is about to go out to `endpoint`.
    func attempt(_ endpoint: LLMEndpoint) {
        state.withLock {
            $0.endpoint = endpoint
            $0.attempts += 1
        }
    }

    var attempts: Int { state.withLock { $0.attempts } }

    /// Notes an event on its way to the caller.
    func observe(_ event: LLMChatEvent) {
        state.withLock { state in
            switch event {
            case .textDelta(let text):
                if state.timeToFirstOutput == nil, !text.isEmpty {
                    state.timeToFirstOutput = ContinuousClock.now - context.started
                }
                state.outputText += text
            case .toolCallStart(_, _, let name):
                if state.timeToFirstOutput == nil { state.timeToFirstOutput = ContinuousClock.now - context.started }
                state.outputText += name
            case .toolCallArgumentsDelta(_, let fragment): state.outputText += fragment
            case .usage(let usage): state.usage = usage
            case .finish(let reason): state.finishReason = reason
            case .responseMetadata(let id, let model):
                if let id { state.responseID = id }
                if let model { state.responseModel = model }
            }
        }
    }

    /// Records the call's end (once; later calls do nothing).
    func finish(_ outcome: LLMCallOutcome, error: (any Error)?) async {
        guard let entry = makeEntry(outcome, error: error) else { return }
        let context = self.context
        // The ledger row must be written even when the caller's task was cancelled.
        await Task { await Self.persist(entry, context: context) }.value
    }

    deinit {
        guard let entry = makeEntry(.cancelled, error: nil) else { return }
        let context = self.context
        Task { await Self.persist(entry, context: context) }
    }

    private func makeEntry(_ outcome: LLMCallOutcome, error: (any Error)?) -> LLMUsageEntry? {
        let snapshot: State? = state.withLock { state in
            if state.finished { return nil }
            state.finished = true
            return state
        }
        guard let snapshot else { return nil }
        let elapsed = ContinuousClock.now - context.started
        var usage = snapshot.usage
        let hadOutput = snapshot.timeToFirstOutput != nil
        if usage == nil, hadOutput || outcome == .ok {
            // No usage payload (stream cut short, or a server that sends none): estimate and mark it.
            usage = LLMUsage(inputTokens: TokenEstimator.estimate(context.call.request),
                             outputTokens: TokenEstimator.estimate(snapshot.outputText), estimated: true)
        }
        if var reported = usage, outcome != .ok, hadOutput {
            // A stream cut short may carry only early usage (Anthropic's `message_start` output count is a
            // placeholder): the output that reached the caller is at least what it estimates to.
            let estimate = TokenEstimator.estimate(snapshot.outputText)
            if estimate > reported.outputTokens {
                reported.outputTokens = estimate
                reported.estimated = true
                usage = reported
            }
        }
        let finalUsage = usage ?? LLMUsage(inputTokens: 0, outputTokens: 0)
        let model = snapshot.endpoint.model
        let cost = ModelCatalog.costMicros(model: model, usage: finalUsage, settings: context.settings)
        let errorCode: String? = switch error {
        case let error as LLMProviderError: error.code
        case let error as DomainError: error.code
        case nil: nil
        default: "llm.error"
        }
        annotateSpan(snapshot, usage: finalUsage, outcome: outcome, errorCode: errorCode, error: error)
        return LLMUsageEntry(
            organizationID: context.call.organizationID, userID: context.call.userID, feature: context.call.feature,
            provider: snapshot.endpoint.provider, model: model, inputTokens: finalUsage.inputTokens,
            outputTokens: finalUsage.outputTokens, usageEstimated: finalUsage.estimated, costMicros: cost,
            currency: context.settings.currency, latencyMilliseconds: Self.milliseconds(elapsed),
            timeToFirstTokenMilliseconds: snapshot.timeToFirstOutput.map(Self.milliseconds),
            outcome: outcome, errorCode: errorCode, attempts: snapshot.attempts, createdAt: context.clock.now())
    }

    private func annotateSpan(_ state: State, usage: LLMUsage, outcome: LLMCallOutcome, errorCode: String?,
                              error: (any Error)?) {
        let span = context.span
        var attributes = span.attributes
        // After a fallback the span describes the endpoint that served (or failed last).
        attributes["gen_ai.provider.name"] = state.endpoint.provider.telemetryName
        attributes["gen_ai.request.model"] = state.endpoint.model
        let descriptor = LLMProviderDescriptor(kind: state.endpoint.provider, baseURL: state.endpoint.effectiveBaseURL)
        attributes["server.address"] = descriptor.serverAddress
        attributes["server.port"] = descriptor.serverPort
        attributes["gen_ai.response.model"] = state.responseModel ?? state.endpoint.model
        if let id = state.responseID { attributes["gen_ai.response.id"] = id }
        if let reason = state.finishReason { attributes["gen_ai.response.finish_reasons"] = [reason.rawValue] }
        if usage.inputTokens > 0 || usage.outputTokens > 0 {
            attributes["gen_ai.usage.input_tokens"] = usage.inputTokens
            attributes["gen_ai.usage.output_tokens"] = usage.outputTokens
        }
        if let cached = usage.cacheReadInputTokens { attributes["gen_ai.usage.cache_read.input_tokens"] = cached }
        if let ttft = state.timeToFirstOutput {
            attributes["gen_ai.response.time_to_first_chunk"] = Double(ttft.components.seconds)
                + Double(ttft.components.attoseconds) / 1e18
        }
        attributes["ppt.llm.attempts"] = state.attempts
        attributes["ppt.llm.outcome"] = outcome.rawValue
        if usage.estimated { attributes["ppt.llm.usage_estimated"] = true }
        if let errorCode { attributes["error.type"] = errorCode }
        span.attributes = attributes
        if outcome == .error {
            if let error { span.recordError(error) }
            span.setStatus(SpanStatus(code: .error))
        }
        span.end()
    }

    private static func persist(_ entry: LLMUsageEntry, context: Context) async {
        let provider = entry.provider.telemetryName
        if let metrics = context.metrics {
            metrics.recordLLMTokens(provider: provider, model: entry.model, tokenType: "input", count: entry.inputTokens)
            metrics.recordLLMTokens(provider: provider, model: entry.model, tokenType: "output", count: entry.outputTokens)
            metrics.recordLLMOperationDuration(provider: provider, model: entry.model,
                                               seconds: Double(entry.latencyMilliseconds) / 1000)
            if let ttft = entry.timeToFirstTokenMilliseconds {
                metrics.recordLLMTimeToFirstChunk(provider: provider, model: entry.model, seconds: Double(ttft) / 1000)
            }
            metrics.recordLLMCost(provider: provider, model: entry.model, currency: entry.currency.rawValue,
                                  amount: Double(entry.costMicros) / 1_000_000)
        }
        do {
            let events = try await context.store.record(entry, settings: context.settings)
            for event in events where event.kind == .softAlert { context.metrics?.recordLLMBudgetSoftAlert() }
        } catch {
            context.logger.error("llm usage ledger write failed", metadata: [
                "organization_id": "\(entry.organizationID.rawValue)", "error": "\(String(describing: type(of: error)))",
            ])
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let parts = duration.components
        return Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000)
    }
}
