import Foundation
import Logging
import PPTDomain
import PPTLLM
import PPTObservability
import Synchronization
import Testing

/// The gateway's storage as an in-memory double: per-organization configuration, flags switched
/// off, budget and admission failures to throw, and the ledger rows recorded. (Storage only: the
/// providers behind the gateway stay real HTTP servers.)
final class InMemoryLLMGatewayStore: LLMGatewayStore {
    private struct State {
        var configurations: [OrganizationID: LLMResolvedConfiguration] = [:]
        var disabled: Set<String> = []
        var budgetErrors: [OrganizationID: DomainError] = [:]
        var admitErrors: [OrganizationID: DomainError] = [:]
        var entries: [LLMUsageEntry] = []
        var budgetChecks = 0
        var admissions = 0
    }

    private let state = Mutex(State())

    /// Sets an organization's settings and keys.
    func configure(_ organizationID: OrganizationID, _ settings: LLMSettings, keys: [LLMProviderKind: String]) {
        state.withLock {
            $0.configurations[organizationID] = LLMResolvedConfiguration(settings: settings, keys: keys,
                                                                         source: .organization)
        }
    }

    /// Switches `flag` off for an organization.
    func disable(_ flag: FeatureFlag, for organizationID: OrganizationID) {
        _ = state.withLock { $0.disabled.insert("\(organizationID.rawValue)|\(flag.rawValue)") }
    }

    /// Makes the budget check of an organization throw `error`.
    func failBudget(of organizationID: OrganizationID, with error: DomainError) {
        state.withLock { $0.budgetErrors[organizationID] = error }
    }

    /// Makes the rate-limit admission of an organization throw `error`.
    func failAdmission(of organizationID: OrganizationID, with error: DomainError) {
        state.withLock { $0.admitErrors[organizationID] = error }
    }

    /// The ledger rows, in the order they were written.
    var entries: [LLMUsageEntry] { state.withLock { $0.entries } }
    /// How often the budget was checked.
    var budgetChecks: Int { state.withLock { $0.budgetChecks } }
    /// How often a request was admitted against the rate limits.
    var admissions: Int { state.withLock { $0.admissions } }

    /// Waits (up to 2 s) until `count` ledger rows exist; rows of dropped streams are written by a task.
    func waitForEntries(_ count: Int) async -> [LLMUsageEntry] {
        let deadline = ContinuousClock.now + .seconds(2)
        while entries.count < count, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
        return entries
    }

    func configuration(for organizationID: OrganizationID) async throws -> LLMResolvedConfiguration {
        guard let configuration = state.withLock({ $0.configurations[organizationID] }) else {
            throw DomainError.notFound("llm_settings")
        }
        return configuration
    }

    func isEnabled(_ flag: FeatureFlag, organizationID: OrganizationID) async throws -> Bool {
        state.withLock { !$0.disabled.contains("\(organizationID.rawValue)|\(flag.rawValue)") }
    }

    func checkBudget(organizationID: OrganizationID, settings: LLMSettings, now: Date) async throws {
        let error = state.withLock { state -> DomainError? in
            state.budgetChecks += 1
            return state.budgetErrors[organizationID]
        }
        if let error { throw error }
    }

    func admit(organizationID: OrganizationID, userID: UserID?, limits: LLMRateLimits, now: Date) async throws {
        let error = state.withLock { state -> DomainError? in
            if let error = state.admitErrors[organizationID] { return error }
            state.admissions += 1
            return nil
        }
        if let error { throw error }
    }

    func record(_ entry: LLMUsageEntry, settings: LLMSettings) async throws -> [LLMBudgetEvent] {
        state.withLock { $0.entries.append(entry) }
        return []
    }
}

/// Records the delays the gateway asks for, then sleeps only a millisecond.
final class SleepRecorder: Sendable {
    private let recorded = Mutex<[Duration]>([])

    /// The delays asked for, in order.
    var durations: [Duration] { recorded.withLock { $0 } }

    /// The closure to give the gateway.
    var sleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in
            recorded.withLock { $0.append(duration) }
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}

/// A gateway over real HTTP providers (loopback fakes), with in-memory storage, recorded sleeps, a
/// manual clock for the circuit breakers, an in-memory tracer and captured logs.
struct LLMGatewayHarness {
    let store = InMemoryLLMGatewayStore()
    let sleeps = SleepRecorder()
    let breakerClock = ManualClock()
    let traces = TraceStore()
    let logs: RecordingLogHandler.Store
    let breakers: CircuitBreakerRegistry
    let factory: LLMProviderFactory
    let gateway: LLMGateway
    let organizationID = OrganizationID()
    let userID = UserID()

    static let openAIKey = "sk-test-openai-gateway-7f3a"
    static let anthropicKey = "sk-ant-test-gateway-91bc"
    static let keys: [LLMProviderKind: String] = [.openai: openAIKey, .anthropic: anthropicKey]

    private init(maxRetries: Int, timeouts: LLMTimeouts, breaker: CircuitBreakerConfiguration) {
        let (logger, logs) = RecordingLogHandler.logger()
        self.logs = logs
        let clock = breakerClock
        breakers = CircuitBreakerRegistry(configuration: breaker, now: { clock.now() })
        factory = LLMProviderFactory(timeouts: timeouts)
        gateway = LLMGateway(store: store, factory: factory, breakers: breakers, metrics: nil,
                             tracer: RecordingTracer(store: traces),
                             retry: LLMRetryPolicy(maxRetries: maxRetries, random: { 0 }),
                             logger: logger, sleep: sleeps.sleep)
    }

    /// Runs `body` with a new harness and shuts its HTTP client down afterwards.
    static func run<T>(maxRetries: Int = 2, timeouts: LLMTimeouts = LLMTimeouts(read: .seconds(30)),
                       breaker: CircuitBreakerConfiguration = CircuitBreakerConfiguration(openDuration: .milliseconds(200)),
                       _ body: (LLMGatewayHarness) async throws -> T) async throws -> T {
        let harness = LLMGatewayHarness(maxRetries: maxRetries, timeouts: timeouts, breaker: breaker)
        do {
            let result = try await body(harness)
            try await harness.factory.shutdown()
            return result
        } catch {
            try? await harness.factory.shutdown()
            throw error
        }
    }

    /// Configures the harness's organization (or `organizationID`) with `primary` and `fallbacks`.
    func configure(_ primary: LLMEndpoint, fallbacks: [LLMEndpoint] = [], budget: LLMBudget? = nil,
                   rateLimits: LLMRateLimits = LLMRateLimits(), keys: [LLMProviderKind: String] = Self.keys,
                   organizationID: OrganizationID? = nil) {
        store.configure(organizationID ?? self.organizationID,
                        LLMSettings(primary: primary, fallbacks: fallbacks, rateLimits: rateLimits, budget: budget),
                        keys: keys)
    }

    /// A chat call with the configured model.
    func call(_ text: String = "Hello there", feature: LLMFeature = .chat,
              organizationID: OrganizationID? = nil) -> LLMCall {
        LLMCall(organizationID: organizationID ?? self.organizationID, userID: userID, feature: feature,
                request: LLMChatRequest(model: "", messages: [.user(text)]), conversationID: "conv-1")
    }

    /// The text a streamed call delivered before it failed, and its `DomainError` (`nil` if it
    /// succeeded or threw something else). A dropped connection can discard bytes the client had
    /// not read yet, so tests about a cut compare with what actually reached the caller.
    func textBeforeFailure(_ call: LLMCall) async -> (text: String, error: DomainError?) {
        var text = ""
        do {
            for try await event in try await gateway.stream(call) {
                if case .textDelta(let piece) = event { text += piece }
            }
            Issue.record("the call was expected to fail")
            return (text, nil)
        } catch let error as DomainError {
            return (text, error)
        } catch {
            Issue.record("expected a DomainError, got \(error)")
            return (text, nil)
        }
    }

    /// The `DomainError` a complete call throws (`nil` if it succeeds or throws something else).
    func domainError(_ call: LLMCall) async -> DomainError? {
        do {
            _ = try await gateway.complete(call)
            Issue.record("the call was expected to fail")
            return nil
        } catch let error as DomainError {
            return error
        } catch {
            Issue.record("expected a DomainError, got \(error)")
            return nil
        }
    }

    /// The ended spans named `name`.
    func spans(named name: String) -> [RecordedSpan] {
        traces.recentTraces(limit: 100).flatMap { summary in
            TraceID(hex: summary.traceID).flatMap { traces.spans(of: $0) } ?? []
        }.filter { $0.name == name }
    }

    /// The breaker state of `endpoint`'s provider.
    func breakerState(_ endpoint: LLMEndpoint) async -> CircuitState {
        await breakers.state(of: LLMGateway.breakerName(for: endpoint))
    }
}

/// Endpoints pointing at loopback fakes.
extension FakeLLMServer {
    /// OpenAI at this server.
    func openAI(_ model: String = "gpt-4o-mini") -> LLMEndpoint {
        LLMEndpoint(provider: .openai, model: model, baseURL: baseURL + "/v1")
    }

    /// Anthropic at this server.
    func anthropic(_ model: String = "claude-sonnet-4-5") -> LLMEndpoint {
        LLMEndpoint(provider: .anthropic, model: model, baseURL: baseURL + "/v1")
    }

    /// Native Ollama at this server.
    func ollama(_ model: String = "llama3.2") -> LLMEndpoint {
        LLMEndpoint(provider: .ollama, model: model, baseURL: baseURL)
    }
}
