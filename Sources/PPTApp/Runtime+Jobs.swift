import Foundation
import Logging
import PPTDocuments
import PPTDomain
import PPTObservability
import PPTStorage
import PPTWorkflow

extension Runtime {
    /// The recurring scanners. Each is idempotent (events carry dedupe keys), so slots shorter than
    /// "once a day" only make events appear sooner after midnight and recover a missed run.
    package var scheduledTasks: [ScheduledTask] {
        [
            ScheduledTask(name: "payment_overdue", every: .seconds(3600), jobKind: "scan.payment_overdue"),
            ScheduledTask(name: "lease_expiring", every: .seconds(3600), jobKind: "scan.lease_expiring"),
            ScheduledTask(name: "reading_windows", every: .seconds(900), jobKind: "scan.reading_windows"),
            ScheduledTask(name: "announcements", every: .seconds(60), jobKind: "scan.announcements"),
            ScheduledTask(name: "votes", every: .seconds(60), jobKind: "scan.votes"),
            HealthProbeJob.scheduledTask(every: telemetry.health.probeInterval),
            AlertEvaluationJob.scheduledTask(),
            ScheduledTask(name: "idempotency_cleanup", every: .seconds(3600), jobKind: "maintenance.idempotency_cleanup"),
            DocumentIndexJobs.backfillTask(),
            AssistantRuntime.abandonedAnswersTask(),
            Runtime.platformTokenRefreshTask,
            ScheduledTask(name: "oauth_cleanup", every: .seconds(86_400), jobKind: "maintenance.oauth_cleanup"),
        ] + WorkflowTriggers.scheduledTasks
    }

    /// Handlers for the scanners' jobs (and, later, outbox subscribers).
    package var jobHandlers: [any JobHandler] {
        let (database, clock, days, metrics) = (self.database, self.clock, configuration.leaseExpiryDays, telemetry.metrics)
        func scanner(_ kind: String, _ scan: @escaping @Sendable (Date) async throws -> Int) -> any JobHandler {
            ClosureJobHandler(kind: kind) { _, logger in
                let emitted = try await scan(clock.now())
                if emitted > 0 { logger.info("scan emitted events", metadata: ["ppt.events": "\(emitted)"]) }
            }
        }
        return [
            HealthProbeJob(health: health, history: HealthHistoryRepository(database: database, clock: clock),
                           retentionDays: telemetry.health.retentionDays),
            AlertEvaluationJob(database: database, performance: metrics.performance, health: health,
                               thresholds: telemetry.alerts, clock: clock),
            scanner("scan.payment_overdue") {
                let emitted = try await FinanceRepository(database: database, clock: clock).scanOverdue(now: $0)
                metrics.recordPaymentsOverdue(emitted)
                return emitted
            },
            scanner("scan.lease_expiring") {
                try await LeaseRepository(database: database, clock: clock).scanExpiringLeases(now: $0, daysAhead: days)
            },
            scanner("scan.reading_windows") {
                try await MeterRepository(database: database, clock: clock).scanReadingWindows(now: $0)
            },
            scanner("scan.announcements") {
                try await AnnouncementRepository(database: database, clock: clock).scanScheduledAnnouncements(now: $0)
            },
            scanner("scan.votes") { try await VoteRepository(database: database, clock: clock).scanVotes(now: $0) },
            scanner("maintenance.idempotency_cleanup") { try await IdempotencyStore(database: database).purgeExpired(now: $0) },
            scanner("maintenance.oauth_cleanup") { try await OAuthRepository(database: database, clock: clock).scanExpiredOAuth(now: $0) },
            scanner("maintenance.chat_abandoned") { [chats = assistant.chats] now in
                try await chats.failAbandoned(olderThan: now.addingTimeInterval(-120))
            },
        ] + search.jobs.handlers + platformTokenHandlers(configuration.platformTokens) + workflows.handlers
    }
}
