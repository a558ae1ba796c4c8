/// Health checks of the process, grouped by probe (DESIGN §5): liveness, readiness, start-up.
package actor HealthRegistry {
    /// The outcome of one check.
    package struct CheckResult: Sendable, Codable {
        package let name: String
        package let healthy: Bool
        package let detail: String?
    }

    /// A named readiness check.
    package typealias Check = @Sendable () async -> (healthy: Bool, detail: String?)

    private var readinessChecks: [(String, Check)] = []
    private var started = false

    package init() {}

    /// Registers a check that must pass for `/health/ready`.
    package func addReadinessCheck(_ name: String, _ check: @escaping Check) {
        readinessChecks.append((name, check))
    }

    /// Marks start-up complete (migrations applied, services running).
    package func markStarted() { started = true }

    /// Whether start-up finished.
    package var isStarted: Bool { started }

    /// Runs every readiness check.
    package func readiness() async -> [CheckResult] {
        var results: [CheckResult] = []
        for (name, check) in readinessChecks {
            let (healthy, detail) = await check()
            results.append(CheckResult(name: name, healthy: healthy, detail: detail))
        }
        return results
    }
}
