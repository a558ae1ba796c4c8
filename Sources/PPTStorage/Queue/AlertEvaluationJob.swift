import Foundation
import Logging
import PPTDomain
import PPTObservability
import SQLKit

/// The `alerts.evaluate` job: the conditions of `deploy/prometheus/alerts.yml` evaluated in-app
/// (the embedded default runs without Prometheus). It gathers an `AlertSnapshot` — this process's
/// performance window (last 5, 10 and 60 minutes), the job queue and outbox backlog, newly dead
/// jobs, the circuit breakers and the readiness checks — evaluates it with `AlertEvaluator`, logs
/// a warning per firing alert and notifies every operator (`NotificationRepository.operatorIDs`)
/// at most once per alert and UTC hour (`FiringAlert.dedupeKey(at:)`), however many instances
/// evaluate.
///
/// The request windows describe the process that runs the job: with `serve all` (the embedded
/// default) that is the API process; a separate worker sees no requests, and its rate and latency
/// alerts stay quiet.
package struct AlertEvaluationJob: JobHandler {
    /// The job kind.
    package static let jobKind = "alerts.evaluate"

    /// What one evaluation found and sent.
    package struct Outcome: Sendable {
        /// The alerts that fire, in `AlertRule` order.
        package let alerts: [FiringAlert]
        /// Notifications created (0 when every operator was already told this hour).
        package let notificationsCreated: Int
    }

    /// `alerts.evaluate`.
    package let kind = AlertEvaluationJob.jobKind
    private let database: any Database
    private let performance: PerformanceWindow
    private let health: HealthRegistry
    private let evaluator: AlertEvaluator
    private let clock: any WallClock

    /// A handler evaluating `performance`, the queue in `database` and `health` against `thresholds`.
    package init(database: any Database, performance: PerformanceWindow, health: HealthRegistry,
                 thresholds: AlertThresholds, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.performance = performance
        self.health = health
        self.evaluator = AlertEvaluator(thresholds: thresholds)
        self.clock = clock
    }

    /// The schedule slot task that enqueues the evaluation every `interval` (a minute by default).
    package static func scheduledTask(every interval: Duration = .seconds(60)) -> ScheduledTask {
        ScheduledTask(name: "alerts_evaluate", every: interval, jobKind: jobKind)
    }

    /// Evaluates once; a failed read throws, and the queue retries.
    package func handle(_ job: Job, logger: Logger) async throws {
        _ = try await evaluate(logger: logger)
    }

    /// Gathers a snapshot, evaluates it, logs and notifies.
    @discardableResult
    package func evaluate(logger: Logger) async throws -> Outcome {
        let alerts = evaluator.evaluate(try await snapshot())
        guard !alerts.isEmpty else { return Outcome(alerts: [], notificationsCreated: 0) }
        let now = clock.now()
        let notifications = NotificationRepository(database: database, clock: clock)
        let operators = try await notifications.operatorIDs()
        var created = 0
        for alert in alerts {
            logger.warning("alert firing", metadata: [
                "ppt.alert": "\(alert.name)", "ppt.alert.severity": "\(alert.rule.severity.rawValue)",
                "ppt.alert.prometheus": "\(alert.rule.prometheusAlert)", "ppt.alert.summary": "\(alert.summary)",
            ])
            created += try await notifications.notify(
                operators, kind: alert.notificationKind, title: alert.title, body: alert.body,
                data: Self.data(alert), dedupeKey: alert.dedupeKey(at: now))
        }
        return Outcome(alerts: alerts, notificationsCreated: created)
    }

    /// What the rules look at now.
    package func snapshot() async throws -> AlertSnapshot {
        let report = performance.report()
        let stats = QueueStats(database: database, clock: clock)
        let jobLag = try await stats.jobLag()
        let outbox = try await stats.outbox()
        let dead = try await deadJobs(since: clock.now().addingTimeInterval(
            -Double(AlertEvaluator.deadJobWindowMinutes) * 60))
        let circuits = await health.breakers.snapshots()
        let readiness = await health.readiness()
        return AlertSnapshot(
            last5Minutes: report.alertWindow(lastMinutes: 5), last10Minutes: report.alertWindow(lastMinutes: 10),
            lastHour: report.alertWindow(lastMinutes: 60), jobLagSeconds: jobLag, deadJobs: dead.total,
            newlyDeadJobs: dead.recent, outboxLagSeconds: outbox.lagSeconds,
            circuits: Dictionary(circuits.map { ($0.service, $0.state) }, uniquingKeysWith: { first, _ in first }),
            readiness: readiness.checks)
    }

    /// Dead jobs in all, and those that died at or after `since`.
    private func deadJobs(since: Date) async throws -> (total: Int, recent: Int) {
        try await database.read { sql in
            let row = try await sql.raw("""
                SELECT COUNT(*) AS total, COUNT(CASE WHEN finished_at >= \(bind: since) THEN 1 END) AS recent
                FROM jobs WHERE status = 'dead'
                """).first()
            return (try row?.int("total") ?? 0, try row?.int("recent") ?? 0)
        }
    }

    /// The notification's `data`: the rule, its Prometheus twin, severity, subject and values.
    static func data(_ alert: FiringAlert) -> [String: JSONValue] {
        var data: [String: JSONValue] = [
            "alert": .string(alert.rule.rawValue), "prometheusAlert": .string(alert.rule.prometheusAlert),
            "severity": .string(alert.rule.severity.rawValue),
            "values": .object(alert.values.mapValues { .number($0) }),
        ]
        if let subject = alert.subject { data["subject"] = .string(subject) }
        return data
    }
}
