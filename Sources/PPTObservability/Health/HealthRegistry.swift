import Foundation

/// The health checks of the process (seed 95.3) behind `/health/live`, `/health/ready` and
/// `/health/startup`, and the `health.probe` job.
///
/// Checks run concurrently, each under `HealthConfiguration.checkTimeout` (a slower one fails with
/// "timed out" without holding the response), and `/health/ready` reuses results for
/// `cacheDuration`, with concurrent callers sharing one evaluation. Every circuit breaker of
/// `breakers` is a check too (`circuit:<service>`: open or half-open → warn). Each evaluation sets
/// `ppt_health_check_status{check}`.
package actor HealthRegistry {
    /// The breakers shown in readiness; external clients (SMTP, LLM providers) take theirs from here.
    package nonisolated let breakers: CircuitBreakerRegistry
    /// The settings.
    package nonisolated let configuration: HealthConfiguration
    private let metrics: PPTMetrics?
    private var checks: [(name: String, check: HealthCheck)] = []
    private var started = false
    private var cached: (report: HealthReport, at: ContinuousClock.Instant)?
    private var inFlight: Task<HealthReport, Never>?

    /// A registry without checks; add them with `register(name:check:)`.
    package init(configuration: HealthConfiguration = HealthConfiguration(), metrics: PPTMetrics? = nil,
                 breakers: CircuitBreakerRegistry? = nil) {
        self.configuration = configuration
        self.metrics = metrics
        self.breakers = breakers ?? CircuitBreakerRegistry(configuration: configuration.circuitBreaker, metrics: metrics)
    }

    /// Adds a readiness check, or replaces the one with the same name. Names are metric labels: keep
    /// them short and fixed (`database`, `smtp`, `llm:openai`).
    package func register(name: String, check: @escaping HealthCheck) {
        if let index = checks.firstIndex(where: { $0.name == name }) {
            checks[index] = (name, check)
        } else {
            checks.append((name, check))
        }
        cached = nil
    }

    /// Removes a check.
    package func unregister(name: String) {
        checks.removeAll { $0.name == name }
        cached = nil
    }

    /// The names of the registered checks, in order.
    package var checkNames: [String] { checks.map(\.name) }

    /// Marks start-up complete (migrations applied, services starting).
    package func markStarted() {
        started = true
        cached = nil
    }

    /// Whether start-up finished.
    package var isStarted: Bool { started }

    /// `/health/live`: the process answers.
    package nonisolated func liveness() -> HealthReport {
        HealthReport(checks: [], checkedAt: Date())
    }

    /// `/health/startup`: passes once migrations are done.
    package func startup() -> HealthReport {
        HealthReport(checks: [Self.startupCheck(started)], checkedAt: Date())
    }

    /// `/health/ready`: every check, reusing results younger than `cacheDuration`.
    package func readiness() async -> HealthReport {
        if let cached, ContinuousClock.now - cached.at < configuration.cacheDuration { return cached.report }
        if let inFlight { return await inFlight.value }
        return await evaluate()
    }

    /// Runs every check now, bypassing the cache (the `health.probe` job).
    package func probe() async -> HealthReport {
        if let inFlight { _ = await inFlight.value }
        return await evaluate()
    }

    private func evaluate() async -> HealthReport {
        let checks = self.checks
        let started = self.started
        let timeout = configuration.checkTimeout
        let breakers = self.breakers
        let task = Task { () -> HealthReport in
            var results = await Self.run(checks, timeout: timeout)
            for snapshot in await breakers.snapshots() {
                let outcome: HealthCheckOutcome =
                    switch snapshot.state {
                    case .closed: .pass()
                    case .halfOpen: .warn("circuit half-open: trial calls")
                    case .open: .warn("circuit open after repeated failures")
                    }
                results.append(HealthCheckResult(name: "circuit:\(snapshot.service)", status: outcome.status,
                                                 latencyMs: 0, message: outcome.message))
            }
            if !started { results.insert(Self.startupCheck(false), at: 0) }
            return HealthReport(checks: results, checkedAt: Date())
        }
        inFlight = task
        let report = await task.value
        inFlight = nil
        cached = (report, ContinuousClock.now)
        for result in report.checks { metrics?.setHealthCheckStatus(check: result.name, value: result.status.gaugeValue) }
        return report
    }

    private static func startupCheck(_ started: Bool) -> HealthCheckResult {
        HealthCheckResult(name: "startup", status: started ? .pass : .fail, latencyMs: 0,
                          message: started ? "migrations applied" : "starting up")
    }

    /// Runs `checks` concurrently, each under `timeout`; results in the order of `checks`.
    package static func run(_ checks: [(name: String, check: HealthCheck)], timeout: Duration) async
        -> [HealthCheckResult]
    {
        await withTaskGroup(of: (Int, HealthCheckResult).self) { group in
            for (index, entry) in checks.enumerated() {
                group.addTask { (index, await runOne(entry.name, entry.check, timeout: timeout)) }
            }
            var results: [(Int, HealthCheckResult)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// Runs one check under `timeout`.
    package static func runOne(_ name: String, _ check: @escaping HealthCheck, timeout: Duration) async
        -> HealthCheckResult
    {
        let started = ContinuousClock.now
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<HealthCheckOutcome, Never>) in
            let gate = TimeoutGate(continuation)
            // Unstructured on purpose: a check stuck in a call that ignores cancellation (a
            // connection attempt to a database that is gone) must not hold the response; it is
            // cancelled and left to finish on its own.
            let work = Task {
                let outcome: HealthCheckOutcome
                do { outcome = try await check() } catch { outcome = .fail("check failed") }
                gate.resume(outcome)
            }
            gate.setTimer(Task {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled, gate.resume(.fail("timed out")) { work.cancel() }
            })
        }
        let elapsed = PPTMetrics.seconds(ContinuousClock.now - started) * 1000
        return HealthCheckResult(name: name, status: outcome.status, latencyMs: elapsed, message: outcome.message)
    }
}
