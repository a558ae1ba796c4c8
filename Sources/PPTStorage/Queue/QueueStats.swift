import Foundation
import Logging
import PPTDomain
import PPTObservability
import SQLKit
import ServiceLifecycle

/// Reads the job queue's and the outbox's backlog, for metrics and readiness (same SQL on both engines).
package struct QueueStats: Sendable {
    /// The backlog at one instant.
    package struct Snapshot: Sendable, Hashable {
        /// Jobs per status among pending, running and dead (absent statuses are 0).
        package let depth: [JobStatus: Int]
        /// Age in seconds of the oldest pending job that is due (0 when none).
        package let jobLagSeconds: Double
        /// Events not yet dispatched.
        package let outboxPending: Int
        /// Age in seconds of the oldest undispatched event (0 when none).
        package let outboxLagSeconds: Double
    }

    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// Jobs per status (pending, running, dead).
    package func depth() async throws -> [JobStatus: Int] {
        try await database.read { sql in
            var depth: [JobStatus: Int] = [.pending: 0, .running: 0, .dead: 0]
            for row in try await sql.raw("""
                SELECT status, COUNT(*) AS n FROM jobs WHERE status IN ('pending', 'running', 'dead') GROUP BY status
                """).all() {
                depth[try row.enumValue("status")] = try row.int("n")
            }
            return depth
        }
    }

    /// Age in seconds of the oldest due pending job (0 when none).
    package func jobLag() async throws -> Double {
        let now = clock.now()
        let oldest = try await database.read { sql in
            try await sql.raw("""
                SELECT MIN(run_at) AS oldest FROM jobs WHERE status = 'pending' AND run_at <= \(bind: now)
                """).first()?.optionalDate("oldest")
        }
        return oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0
    }

    /// Undispatched outbox events and the age in seconds of the oldest (0 when none).
    package func outbox() async throws -> (pending: Int, lagSeconds: Double) {
        let now = clock.now()
        let (count, oldest) = try await database.read { sql -> (Int, Date?) in
            let row = try await sql.raw("""
                SELECT COUNT(*) AS n, MIN(occurred_at) AS oldest FROM outbox WHERE dispatched_at IS NULL
                """).first()
            return (try row?.int("n") ?? 0, try row?.optionalDate("oldest"))
        }
        return (count, oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0)
    }

    /// Everything at once.
    package func snapshot() async throws -> Snapshot {
        let depth = try await depth()
        let lag = try await jobLag()
        let outbox = try await outbox()
        return Snapshot(depth: depth, jobLagSeconds: lag, outboxPending: outbox.pending,
                        outboxLagSeconds: outbox.lagSeconds)
    }
}

/// Sets `ppt_jobs_queue_depth`, `ppt_jobs_lag_seconds`, `ppt_outbox_pending` and
/// `ppt_outbox_lag_seconds` from `QueueStats` every `interval` (15 s by default).
package struct QueueMetricsUpdater: Service {
    private let stats: QueueStats
    private let metrics: PPTMetrics
    private let interval: Duration
    private let logger: Logger

    package init(stats: QueueStats, metrics: PPTMetrics, interval: Duration = .seconds(15), logger: Logger) {
        self.stats = stats
        self.metrics = metrics
        self.interval = interval
        self.logger = logger
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await update()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Reads the backlog once and sets the gauges; a failed read leaves them as they were.
    package func update() async {
        do {
            let snapshot = try await stats.snapshot()
            for status in [JobStatus.pending, .running, .dead] {
                metrics.setQueueDepth(status: status.rawValue, count: snapshot.depth[status] ?? 0)
            }
            metrics.setJobLag(seconds: snapshot.jobLagSeconds)
            metrics.setOutboxPending(snapshot.outboxPending)
            metrics.setOutboxLag(seconds: snapshot.outboxLagSeconds)
        } catch {
            logger.warning("reading queue metrics failed", metadata: ["error.type": "\(type(of: error))"])
        }
    }
}

extension HealthRegistry {
    /// Registers the storage checks of `/health/ready`: `database` (round trip), `job_queue` (lag of
    /// the oldest due job), `outbox` (lag of the oldest undispatched event) and `blob_store`
    /// (write, read back and delete a probe file), with the thresholds of `configuration`.
    package func registerStorageChecks(database: any Database, blobDirectory: String,
                                       clock: any WallClock = SystemWallClock()) {
        let stats = QueueStats(database: database, clock: clock)
        let settings = configuration
        register(name: "database", check: StandardHealthChecks.roundTrip(failure: "database unreachable") {
            try await database.ping()
        })
        register(name: "job_queue", check: StandardHealthChecks.lag(
            subject: "job queue", warnAfter: settings.jobLagWarnSeconds, failAfter: settings.jobLagFailSeconds
        ) { try await stats.jobLag() })
        register(name: "outbox", check: StandardHealthChecks.lag(
            subject: "outbox", warnAfter: settings.outboxLagWarnSeconds, failAfter: settings.outboxLagFailSeconds
        ) { try await stats.outbox().lagSeconds })
        register(name: "blob_store", check: StandardHealthChecks.directoryWritable(blobDirectory))
    }
}
