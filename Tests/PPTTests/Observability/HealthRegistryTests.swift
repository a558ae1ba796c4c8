import Foundation
import PPTObservability
import Synchronization
import Testing

@Suite("Health registry")
struct HealthRegistryTests {
    /// Counts a check's invocations.
    final class Calls: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func increment() { count.withLock { $0 += 1 } }
    }

    static func registry(cache: Duration = .seconds(1), timeout: Duration = .seconds(30)) -> HealthRegistry {
        var configuration = HealthConfiguration()
        configuration.cacheDuration = cache
        configuration.checkTimeout = timeout
        return HealthRegistry(configuration: configuration)
    }

    @Test("all pass is pass, any warn is degraded (still 200), any fail is unavailable (503)")
    func overallStatus() async {
        let health = Self.registry(cache: .zero)
        await health.markStarted()
        await health.register(name: "a") { .pass() }
        await health.register(name: "b") { .pass("fine") }
        var report = await health.readiness()
        #expect(report.status == .pass && !report.isUnavailable)
        #expect(report.checks.map(\.name) == ["a", "b"])
        await health.register(name: "c") { .warn("slow") }
        report = await health.readiness()
        #expect(report.status == .warn && !report.isUnavailable)
        await health.register(name: "d") { .fail("down") }
        report = await health.readiness()
        #expect(report.status == .fail && report.isUnavailable)
        #expect(report.checks.map(\.status) == [.pass, .pass, .warn, .fail])
        await health.unregister(name: "d")
        #expect(await health.readiness().status == .warn)
    }

    @Test("a thrown error fails the check with a generic message and its text never appears")
    func errorsDoNotLeak() async throws {
        struct Secret: Error, CustomStringConvertible {
            var description: String { "connect to postgres://admin:hunter2@db.internal failed" }
        }
        let health = Self.registry()
        await health.markStarted()
        await health.register(name: "database") { throw Secret() }
        let report = await health.readiness()
        #expect(report.checks.first?.status == .fail)
        #expect(report.checks.first?.message == "check failed")
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!json.contains("hunter2") && !json.contains("db.internal"))
    }

    @Test("a check slower than the timeout fails as timed out without holding the report")
    func timeout() async {
        let health = Self.registry(timeout: .milliseconds(100))
        await health.markStarted()
        await health.register(name: "stuck") {
            try await Task.sleep(for: .seconds(120))
            return .pass()
        }
        await health.register(name: "quick") { .pass() }
        let started = ContinuousClock.now
        let report = await health.readiness()
        #expect(ContinuousClock.now - started < .seconds(60), "the report waited for the stuck check")
        #expect(report.checks.map(\.status) == [.fail, .pass])
        #expect(report.checks.first?.message == "timed out")
        #expect((report.checks.first?.latencyMs ?? 0) >= 100)
    }

    /// Releases its waiters once `parties` have arrived.
    actor Barrier {
        private let parties: Int
        private var arrived = 0
        private var waiters: [CheckedContinuation<Void, Never>] = []

        init(parties: Int) { self.parties = parties }

        func arriveAndWait() async {
            arrived += 1
            if arrived == parties {
                for waiter in waiters { waiter.resume() }
                waiters = []
                return
            }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    @Test("checks run concurrently: four checks that each wait for all four to start all pass")
    func concurrent() async {
        let health = Self.registry(timeout: .seconds(30))
        await health.markStarted()
        let barrier = Barrier(parties: 4)
        for name in ["a", "b", "c", "d"] {
            await health.register(name: name) {
                await barrier.arriveAndWait()
                return .pass()
            }
        }
        let report = await health.readiness()
        #expect(report.status == .pass, "\(report.checks)")
    }

    @Test("readiness reuses results within the cache period, concurrent callers share one run, the probe bypasses")
    func caching() async {
        let calls = Calls()
        let health = Self.registry(cache: .seconds(30))
        await health.markStarted()
        await health.register(name: "counted") {
            calls.increment()
            try await Task.sleep(for: .milliseconds(200))
            return .pass()
        }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<5 { group.addTask { _ = await health.readiness() } }
        }
        #expect(calls.value == 1)
        _ = await health.readiness()
        #expect(calls.value == 1)
        _ = await health.probe()
        #expect(calls.value == 2)
        let uncached = Self.registry(cache: .zero)
        await uncached.markStarted()
        await uncached.register(name: "counted") {
            calls.increment()
            return .pass()
        }
        _ = await uncached.readiness()
        _ = await uncached.readiness()
        #expect(calls.value == 4)
    }

    @Test("before start-up the startup probe and readiness fail; liveness always passes")
    func startup() async {
        let health = Self.registry()
        await health.register(name: "a") { .pass() }
        #expect(await health.startup().status == .fail)
        let before = await health.readiness()
        #expect(before.status == .fail && before.checks.first?.name == "startup")
        #expect(health.liveness().status == .pass)
        await health.markStarted()
        #expect(await health.startup().status == .pass)
        #expect(await health.readiness().status == .pass)
    }

    @Test("lags are graded against the warn and fail thresholds")
    func lagGrading() {
        #expect(StandardHealthChecks.grade(lag: 5, warnAfter: 60, failAfter: 600, subject: "job queue").status == .pass)
        let warn = StandardHealthChecks.grade(lag: 61.7, warnAfter: 60, failAfter: 600, subject: "job queue")
        #expect(warn == .warn("job queue 61 s behind"))
        #expect(StandardHealthChecks.grade(lag: 600, warnAfter: 60, failAfter: 600, subject: "outbox").status == .fail)
    }

    @Test("configuration reads every key and rejects bad values with the key's name")
    func configuration() throws {
        let configuration = try HealthConfiguration(environment: [
            "PPT_HEALTH_CHECK_TIMEOUT_MS": "500", "PPT_HEALTH_CACHE_MS": "0", "PPT_HEALTH_JOB_LAG_WARN_SECONDS": "30",
            "PPT_HEALTH_JOB_LAG_FAIL_SECONDS": "90", "PPT_HEALTH_RETENTION_DAYS": "14",
            "PPT_CIRCUIT_FAILURE_THRESHOLD": "2", "PPT_CIRCUIT_OPEN_SECONDS": "5", "PPT_CIRCUIT_SUCCESS_THRESHOLD": "1",
        ])
        #expect(configuration.checkTimeout == .milliseconds(500) && configuration.cacheDuration == .zero)
        #expect(configuration.jobLagWarnSeconds == 30 && configuration.jobLagFailSeconds == 90)
        #expect(configuration.outboxLagWarnSeconds == 60 && configuration.retentionDays == 14)
        #expect(configuration.circuitBreaker == CircuitBreakerConfiguration(
            failureThreshold: 2, openDuration: .seconds(5), successThreshold: 1))
        #expect(try HealthConfiguration(environment: [:]) == HealthConfiguration())
        #expect { try HealthConfiguration(environment: ["PPT_HEALTH_RETENTION_DAYS": "0"]) } throws: {
            "\($0)".contains("PPT_HEALTH_RETENTION_DAYS")
        }
        #expect { try HealthConfiguration(environment: ["PPT_HEALTH_CACHE_MS": "soon"]) } throws: {
            "\($0)".contains("PPT_HEALTH_CACHE_MS")
        }
        #expect {
            try HealthConfiguration(environment: ["PPT_HEALTH_OUTBOX_LAG_WARN_SECONDS": "900"])
        } throws: { "\($0)".contains("PPT_HEALTH_OUTBOX_LAG_WARN_SECONDS") }
    }
}
