import Foundation
import PPTObservability
import Testing

@Suite("Health circuit breakers")
struct HealthCircuitBreakerTests {
    struct ProviderDown: Error {}

    @Test("opens after five failures, half-opens after 30 s, closes after three successes, reopens on a trial failure")
    func lifecycle() async throws {
        let clock = ManualClock()
        let exporter = MetricsExporter()
        let metrics = PPTMetrics(factory: exporter.factory)
        let breakers = CircuitBreakerRegistry(metrics: metrics, now: { clock.now() })
        for _ in 0..<4 { await breakers.recordFailure("openai") }
        #expect(await breakers.state(of: "openai") == .closed)
        await breakers.recordSuccess("openai")
        for _ in 0..<4 { await breakers.recordFailure("openai") }
        #expect(await breakers.state(of: "openai") == .closed, "a success resets the failure count")
        await breakers.recordFailure("openai")
        #expect(await breakers.state(of: "openai") == .open)
        #expect(await breakers.allowsRequest(to: "openai") == false)
        #expect(exporter.render().contains(#"ppt_circuit_breaker_state{service="openai"} 2.0"#))
        await #expect(throws: CircuitOpenError.self) {
            try await breakers.execute("openai") { "never called" }
        }

        clock.advance(by: 29)
        #expect(await breakers.state(of: "openai") == .open)
        clock.advance(by: 1)
        #expect(await breakers.state(of: "openai") == .halfOpen)
        #expect(exporter.render().contains(#"ppt_circuit_breaker_state{service="openai"} 1.0"#))
        await breakers.recordFailure("openai")
        #expect(await breakers.state(of: "openai") == .open, "a failed trial call opens it again")

        clock.advance(by: 30)
        for expected in [CircuitState.halfOpen, .halfOpen, .closed] {
            #expect(try await breakers.execute("openai") { 42 } == 42)
            #expect(await breakers.state(of: "openai") == expected)
        }
        #expect(exporter.render().contains(#"ppt_circuit_breaker_state{service="openai"} 0.0"#))
    }

    @Test("execute counts thrown errors unless told otherwise, and never counts cancellation")
    func executeClassification() async {
        let breakers = CircuitBreakerRegistry(configuration: CircuitBreakerConfiguration(failureThreshold: 2))
        await #expect(throws: CancellationError.self) {
            try await breakers.execute("smtp") { () async throws -> Int in throw CancellationError() }
        }
        await #expect(throws: ProviderDown.self) {
            try await breakers.execute("smtp", isFailure: { _ in false }) { () async throws -> Int in throw ProviderDown() }
        }
        #expect(await breakers.snapshots().first?.consecutiveFailures == 0)
        for _ in 0..<2 {
            await #expect(throws: ProviderDown.self) {
                try await breakers.execute("smtp") { () async throws -> Int in throw ProviderDown() }
            }
        }
        #expect(await breakers.state(of: "smtp") == .open)
    }

    @Test("each breaker is a readiness check: open or half-open is a warning (degraded, still 200)")
    func readiness() async {
        let clock = ManualClock()
        let breakers = CircuitBreakerRegistry(
            configuration: CircuitBreakerConfiguration(failureThreshold: 1, openDuration: .seconds(10)),
            now: { clock.now() })
        var configuration = HealthConfiguration()
        configuration.cacheDuration = .zero
        let health = HealthRegistry(configuration: configuration, breakers: breakers)
        await health.markStarted()
        await health.register(name: "database") { .pass() }
        await breakers.register(service: "smtp")
        var report = await health.readiness()
        #expect(report.status == .pass)
        #expect(report.checks.map(\.name) == ["database", "circuit:smtp"])
        await breakers.recordFailure("smtp")
        report = await health.readiness()
        #expect(report.status == .warn && !report.isUnavailable)
        #expect(report.checks.last?.status == .warn)
        #expect(report.checks.last?.message == "circuit open after repeated failures")
        clock.advance(by: 10)
        #expect(await health.readiness().checks.last?.message == "circuit half-open: trial calls")
        await breakers.recordSuccess("smtp")
        await breakers.recordSuccess("smtp")
        await breakers.recordSuccess("smtp")
        #expect(await health.readiness().status == .pass)
    }
}
