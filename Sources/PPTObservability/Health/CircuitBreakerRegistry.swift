import Foundation

/// The state of one external service's circuit breaker.
package enum CircuitState: String, Sendable, Codable {
    /// Calls go through; failures are counted.
    case closed
    /// Calls are refused until the cool-down ends.
    case open
    /// Trial calls go through; enough successes close it, a failure opens it again.
    case halfOpen = "half_open"

    /// The `ppt_circuit_breaker_state` value: 0 closed, 1 half-open, 2 open.
    package var gaugeValue: Double {
        switch self {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
    }
}

/// A call refused because the service's breaker is open.
package struct CircuitOpenError: Error, CustomStringConvertible, Sendable {
    /// The service name.
    package let service: String
    package var description: String { "the circuit breaker of \(service) is open" }
}

/// Circuit breakers for external services (SMTP, LLM providers, …), one per service name.
///
/// Closed → open after `failureThreshold` consecutive failures; open → half-open once
/// `openDuration` has passed; half-open → closed after `successThreshold` consecutive successes,
/// or back to open on any failure. Every breaker shows in `/health/ready` (open or half-open →
/// warn) and in `ppt_circuit_breaker_state{service}`.
package actor CircuitBreakerRegistry {
    private struct Breaker {
        var state = CircuitState.closed
        var consecutiveFailures = 0
        var consecutiveSuccesses = 0
        var openedAt: Date?
    }

    /// A breaker as seen from outside.
    package struct Snapshot: Sendable, Hashable {
        package let service: String
        package let state: CircuitState
        package let consecutiveFailures: Int
    }

    private let configuration: CircuitBreakerConfiguration
    private let metrics: PPTMetrics?
    private let now: @Sendable () -> Date
    private var breakers: [String: Breaker] = [:]

    /// A registry; `now` is injectable for tests.
    package init(configuration: CircuitBreakerConfiguration = CircuitBreakerConfiguration(), metrics: PPTMetrics? = nil,
                 now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.metrics = metrics
        self.now = now
    }

    /// Declares a service so that its (closed) breaker shows before its first call.
    package func register(service: String) {
        guard breakers[service] == nil else { return }
        breakers[service] = Breaker()
        metrics?.setCircuitBreakerState(service: service, value: CircuitState.closed.gaugeValue)
    }

    /// The current state (an open breaker whose cool-down is over reads as half-open).
    package func state(of service: String) -> CircuitState {
        advance(service)
        return breakers[service]?.state ?? .closed
    }

    /// Whether a call may go out now.
    package func allowsRequest(to service: String) -> Bool {
        state(of: service) != .open
    }

    /// Records a successful call.
    package func recordSuccess(_ service: String) {
        advance(service)
        var breaker = breakers[service] ?? Breaker()
        breaker.consecutiveFailures = 0
        if breaker.state == .halfOpen {
            breaker.consecutiveSuccesses += 1
            if breaker.consecutiveSuccesses >= configuration.successThreshold {
                breaker = Breaker()
            }
        }
        store(breaker, for: service)
    }

    /// Records a failed call.
    package func recordFailure(_ service: String) {
        advance(service)
        var breaker = breakers[service] ?? Breaker()
        breaker.consecutiveSuccesses = 0
        breaker.consecutiveFailures += 1
        switch breaker.state {
        case .closed where breaker.consecutiveFailures >= configuration.failureThreshold, .halfOpen:
            breaker.state = .open
            breaker.openedAt = now()
        case .closed, .open:
            break
        }
        store(breaker, for: service)
    }

    /// Runs `operation` through the breaker: refused with `CircuitOpenError` while open; a thrown
    /// error counts as a failure unless `isFailure` says otherwise (cancellation never counts).
    package func execute<T: Sendable>(
        _ service: String, isFailure: @Sendable (any Error) -> Bool = { _ in true },
        _ operation: @Sendable () async throws -> T
    ) async throws -> T {
        guard allowsRequest(to: service) else { throw CircuitOpenError(service: service) }
        do {
            let value = try await operation()
            recordSuccess(service)
            return value
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if isFailure(error) { recordFailure(service) } else { recordSuccess(service) }
            throw error
        }
    }

    /// Every breaker, by service name.
    package func snapshots() -> [Snapshot] {
        breakers.keys.sorted().map { service in
            advance(service)
            let breaker = breakers[service] ?? Breaker()
            return Snapshot(service: service, state: breaker.state, consecutiveFailures: breaker.consecutiveFailures)
        }
    }

    /// Moves an open breaker to half-open once its cool-down is over.
    private func advance(_ service: String) {
        guard var breaker = breakers[service], breaker.state == .open, let openedAt = breaker.openedAt,
            now().timeIntervalSince(openedAt) >= PPTMetrics.seconds(configuration.openDuration)
        else { return }
        breaker.state = .halfOpen
        breaker.consecutiveSuccesses = 0
        store(breaker, for: service)
    }

    private func store(_ breaker: Breaker, for service: String) {
        let previous = breakers[service]?.state
        breakers[service] = breaker
        if previous != breaker.state || previous == nil {
            metrics?.setCircuitBreakerState(service: service, value: breaker.state.gaugeValue)
        }
    }
}
