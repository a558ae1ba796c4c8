import Foundation
import Logging
import PPTDomain
import PPTObservability
import SQLKit

/// One recorded health check result.
package struct HealthHistoryEntry: Sendable, Codable, Hashable {
    package let id: Int64
    package let check: String
    package let status: HealthStatus
    package let latencyMs: Double
    package let message: String?
    package let checkedAt: Date

    init(row: any SQLRow) throws {
        id = try row.int64("id")
        check = try row.string("check_name")
        status = try row.enumValue("status")
        latencyMs = try row.double("latency_ms")
        message = try row.optionalString("message")
        checkedAt = try row.date("checked_at")
    }
}

/// The `health_checks` table: results of the periodic probe, kept for a retention period.
/// Platform data (no organization): only superadmins read it.
package struct HealthHistoryRepository: Sendable {
    /// Largest page of `history`.
    package static let maximumLimit = 1000

    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// Stores every check of `report` at its `checkedAt`.
    package func record(_ report: HealthReport) async throws {
        guard !report.checks.isEmpty else { return }
        let time = report.checkedAt
        try await database.write { sql in
            for result in report.checks {
                try await sql.raw("""
                    INSERT INTO health_checks (check_name, status, latency_ms, message, checked_at)
                    VALUES (\(bind: String(result.name.prefix(100))), \(bind: result.status.rawValue),
                            \(bind: result.latencyMs), \(bind: result.message), \(bind: time))
                    """).run()
            }
        }
    }

    /// Deletes results older than `days` days; returns how many.
    @discardableResult
    package func applyRetention(days: Int) async throws -> Int {
        try await deleteOlderThan(clock.now().addingTimeInterval(-Double(max(1, days)) * 86_400))
    }

    /// Deletes results checked before `cutoff`; returns how many.
    @discardableResult
    package func deleteOlderThan(_ cutoff: Date) async throws -> Int {
        try await database.write { sql in
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM health_checks WHERE checked_at < \(bind: cutoff)")
                .first()?.int("n") ?? 0
            if count > 0 { try await sql.raw("DELETE FROM health_checks WHERE checked_at < \(bind: cutoff)").run() }
            return count
        }
    }

    /// Results newest first, optionally of one check and since an instant; `limit` is 1…1000.
    package func history(check: String? = nil, since: Date? = nil, limit: Int = 100) async throws
        -> [HealthHistoryEntry]
    {
        var problems: [FieldError] = []
        if !(1...Self.maximumLimit).contains(limit) {
            problems.append(FieldError(pointer: "/query/limit", detail: "must be between 1 and \(Self.maximumLimit)"))
        }
        if let check, check.isEmpty || check.count > 100 {
            problems.append(FieldError(pointer: "/query/check", detail: "must be 1 to 100 characters"))
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        return try await database.read { sql in
            var query: SQLQueryString = "SELECT * FROM health_checks WHERE 1 = 1"
            if let check { query += " AND check_name = \(bind: check)" }
            if let since { query += " AND checked_at >= \(bind: since)" }
            query += " ORDER BY checked_at DESC, id DESC LIMIT \(bind: limit)"
            return try await sql.raw(query).all().map(HealthHistoryEntry.init(row:))
        }
    }
}

/// The `health.probe` job: runs every readiness check (bypassing the cache, which also sets
/// `ppt_health_check_status`), records the results and deletes those past the retention period.
package struct HealthProbeJob: JobHandler {
    /// The job kind.
    package static let jobKind = "health.probe"

    package let kind = HealthProbeJob.jobKind
    private let health: HealthRegistry
    private let history: HealthHistoryRepository
    private let retentionDays: Int

    /// A handler recording `health`'s results into `history`.
    package init(health: HealthRegistry, history: HealthHistoryRepository, retentionDays: Int) {
        self.health = health
        self.history = history
        self.retentionDays = retentionDays
    }

    /// The schedule slot task that enqueues the probe every `interval`.
    package static func scheduledTask(every interval: Duration = .seconds(60)) -> ScheduledTask {
        ScheduledTask(name: "health_probe", every: interval, jobKind: jobKind)
    }

    package func handle(_ job: Job, logger: Logger) async throws {
        let report = await health.probe()
        try await history.record(report)
        let removed = try await history.applyRetention(days: retentionDays)
        if report.status != .pass || removed > 0 {
            logger.info("health probe", metadata: [
                "ppt.health.status": "\(report.status.rawValue)", "ppt.health.removed": "\(removed)",
            ])
        }
    }
}
