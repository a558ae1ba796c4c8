import Foundation

/// The alert conditions of `deploy/prometheus/alerts.yml`, evaluated in-app over one
/// `AlertSnapshot` (the embedded default has no Prometheus): a pure function from the snapshot to
/// the alerts that fire, in `AlertRule` order.
///
/// Prometheus also waits (`for:`) before firing; here a condition fires at the first evaluation
/// that sees it, and notifications are limited to one per alert and hour instead.
package struct AlertEvaluator: Sendable {
    /// How far back a newly dead job counts (`delta(…[30m])` in the Prometheus rule).
    package static let deadJobWindowMinutes = 30

    /// The thresholds the conditions compare against.
    package let thresholds: AlertThresholds

    /// An evaluator with `thresholds`.
    package init(thresholds: AlertThresholds = AlertThresholds()) {
        self.thresholds = thresholds
    }

    /// The alerts that fire for `snapshot`.
    package func evaluate(_ snapshot: AlertSnapshot) -> [FiringAlert] {
        var alerts: [FiringAlert] = []
        let recent = snapshot.last5Minutes
        if hasEnoughRequests(recent), recent.errorRate > thresholds.errorRate {
            alerts.append(FiringAlert(
                rule: .highErrorRate,
                summary: "\(Self.percent(recent.errorRate)) of requests failed with 5xx in the last \(recent.minutes) minutes "
                    + "(\(recent.errors) of \(recent.requests); threshold \(Self.percent(thresholds.errorRate)))",
                values: ["errorRate": recent.errorRate, "threshold": thresholds.errorRate,
                         "requests": Double(recent.requests), "errors": Double(recent.errors)]))
        }
        let latency = snapshot.last10Minutes
        if hasEnoughRequests(latency), let p95 = latency.p95Milliseconds, p95 > thresholds.p95Milliseconds {
            alerts.append(FiringAlert(
                rule: .highLatencyP95,
                summary: "p95 latency was \(Self.milliseconds(p95)) over the last \(latency.minutes) minutes "
                    + "(threshold \(Self.milliseconds(thresholds.p95Milliseconds)))",
                values: ["p95Ms": p95, "thresholdMs": thresholds.p95Milliseconds, "requests": Double(latency.requests)]))
        }
        let hour = snapshot.lastHour
        let burn = thresholds.fastBurnErrorRatio
        if hasEnoughRequests(recent), hasEnoughRequests(hour), hour.errorRate > burn, recent.errorRate > burn {
            alerts.append(FiringAlert(
                rule: .errorBudgetBurn,
                summary: "The error budget of the \(Self.percent(thresholds.slo, digits: 3)) availability SLO burns at "
                    + "\(Self.number(hour.errorRate / max(1e-12, 1 - thresholds.slo)))× "
                    + "(5xx: \(Self.percent(hour.errorRate)) over \(hour.minutes) minutes, "
                    + "\(Self.percent(recent.errorRate)) over \(recent.minutes) minutes; limit \(Self.percent(burn)))",
                values: ["errorRate1h": hour.errorRate, "errorRate5m": recent.errorRate, "threshold": burn,
                         "slo": thresholds.slo]))
        }
        if snapshot.jobLagSeconds > thresholds.jobLagSeconds {
            alerts.append(FiringAlert(
                rule: .jobQueueLagging,
                summary: "The oldest due job has waited \(Self.duration(snapshot.jobLagSeconds)) "
                    + "(threshold \(Self.duration(thresholds.jobLagSeconds)))",
                values: ["lagSeconds": snapshot.jobLagSeconds, "thresholdSeconds": thresholds.jobLagSeconds]))
        }
        if snapshot.deadJobs > 0, snapshot.newlyDeadJobs > 0 {
            alerts.append(FiringAlert(
                rule: .deadJobsIncreasing,
                summary: "\(snapshot.newlyDeadJobs) job(s) exhausted their retries in the last "
                    + "\(Self.deadJobWindowMinutes) minutes (\(snapshot.deadJobs) dead in all)",
                values: ["newlyDead": Double(snapshot.newlyDeadJobs), "dead": Double(snapshot.deadJobs)]))
        }
        if snapshot.outboxLagSeconds > thresholds.outboxLagSeconds {
            alerts.append(FiringAlert(
                rule: .outboxLagging,
                summary: "The oldest undispatched domain event is \(Self.duration(snapshot.outboxLagSeconds)) old "
                    + "(threshold \(Self.duration(thresholds.outboxLagSeconds)))",
                values: ["lagSeconds": snapshot.outboxLagSeconds, "thresholdSeconds": thresholds.outboxLagSeconds]))
        }
        for (service, state) in snapshot.circuits.sorted(by: { $0.key < $1.key }) where state == .open {
            alerts.append(FiringAlert(
                rule: .circuitBreakerOpen, subject: service,
                summary: "The circuit breaker for \(service) is open: calls to it fail fast",
                values: ["state": state.gaugeValue]))
        }
        for check in snapshot.readiness where check.status == .fail {
            alerts.append(FiringAlert(
                rule: .healthCheckFailing, subject: check.name,
                summary: "The readiness check \(check.name) fails" + (check.message.map { ": \($0)" } ?? ""),
                values: ["status": check.status.gaugeValue]))
        }
        return alerts
    }

    private func hasEnoughRequests(_ window: AlertRequestWindow) -> Bool {
        window.requests > 0 && window.requests >= thresholds.minimumRequests
    }

    static func percent(_ ratio: Double, digits: Int = 2) -> String {
        "\(number(ratio * 100, digits: digits)) %"
    }

    static func milliseconds(_ value: Double) -> String { "\(number(value)) ms" }

    static func duration(_ seconds: Double) -> String {
        seconds >= 120 ? "\(number(seconds / 60)) min" : "\(number(seconds)) s"
    }

    /// At most `digits` decimals, without trailing zeros.
    static func number(_ value: Double, digits: Int = 1) -> String {
        let scale = pow(10, Double(digits))
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(format: "%.\(digits)f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
