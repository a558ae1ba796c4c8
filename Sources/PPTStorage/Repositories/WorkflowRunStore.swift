import Foundation
import PPTDomain
import SQLKit

/// Workflow runs inside the caller's transaction: what the runner uses to persist every transition
/// (DESIGN §7). Each save bumps the run's revision. Every run stored and every save appends a row to
/// the organization's feed of run changes (`workflow_run_updates`), written by the database's
/// triggers (migration 21) in the same statement.
package enum WorkflowRunStore {
    static func run(_ r: any SQLRow) throws -> WorkflowRunRecord {
        WorkflowRunRecord(
            id: try r.id("id"), organizationID: try r.id("org_id"), workflowID: try r.id("workflow_id"),
            version: try r.int("version"), triggerKey: try r.string("trigger_key"), triggerType: try r.string("trigger_type"),
            status: try r.enumValue("status"), trigger: try r.json("trigger_data"), event: try r.json("event_data"),
            state: try r.json("state"), trace: try r.json("trace"), currentStep: try r.optionalString("current_step"),
            failedStep: try r.optionalString("failed_step"), errorCode: try r.optionalString("error_code"),
            errorMessage: try r.optionalString("error_message"), wakeAt: try r.optionalDate("wake_at"),
            revision: try r.int("revision"), parentRunID: try r.optionalID("parent_run_id"),
            startedBy: try r.optionalID("started_by"), createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"), finishedAt: try r.optionalDate("finished_at"))
    }

    /// Inserts a new run; `false` when a run for the same workflow version and trigger key exists
    /// (exactly one run per event, schedule instant or idempotent manual request).
    package static func insert(_ sql: any SQLDatabase, _ run: WorkflowRunRecord) async throws -> Bool {
        let rows = try await sql.raw("""
            INSERT INTO workflow_runs (id, org_id, workflow_id, version, trigger_key, trigger_type, status, trigger_data,
              event_data, state, trace, current_step, failed_step, error_code, error_message, wake_at, revision,
              parent_run_id, started_by, created_at, updated_at, finished_at)
            VALUES (\(bind: run.id.rawValue), \(bind: run.organizationID.rawValue), \(bind: run.workflowID.rawValue),
              \(bind: run.version), \(bind: run.triggerKey), \(bind: run.triggerType), \(bind: run.status.rawValue),
              \(bind: jsonText(run.trigger)), \(bind: jsonText(run.event)), \(bind: jsonText(run.state)),
              \(bind: jsonText(run.trace)), \(bind: run.currentStep), \(bind: run.failedStep), \(bind: run.errorCode),
              \(bind: run.errorMessage), \(bind: run.wakeAt), \(bind: run.revision), \(bind: run.parentRunID?.rawValue),
              \(bind: run.startedBy?.rawValue), \(bind: run.createdAt), \(bind: run.updatedAt), \(bind: run.finishedAt))
            ON CONFLICT DO NOTHING RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// The run with a trigger key, if one exists (the answer to a repeated manual request).
    package static func run(_ sql: any SQLDatabase, workflowID: WorkflowID, version: Int, triggerKey: String) async throws
        -> WorkflowRunRecord?
    {
        try await sql.raw("""
            SELECT * FROM workflow_runs WHERE workflow_id = \(bind: workflowID.rawValue) AND version = \(bind: version)
              AND trigger_key = \(bind: triggerKey)
            """).first().map(run)
    }

    /// Loads a run for changing it: locked on PostgreSQL until the transaction ends.
    package static func load(_ sql: any SQLDatabase, id: WorkflowRunID) async throws -> WorkflowRunRecord? {
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        return try await sql.raw("SELECT * FROM workflow_runs WHERE id = \(bind: id.rawValue)\(lock)").first().map(run)
    }

    /// Saves a changed run if nobody else changed it since it was loaded at `run.revision`; returns
    /// the saved record (revision bumped) or `nil` on a lost race.
    package static func save(_ sql: any SQLDatabase, _ run: WorkflowRunRecord, at now: Date) async throws -> WorkflowRunRecord? {
        var saved = run
        saved.revision += 1
        saved.updatedAt = now
        if saved.status.isTerminal, saved.finishedAt == nil { saved.finishedAt = now }
        let rows = try await sql.raw("""
            UPDATE workflow_runs SET status = \(bind: saved.status.rawValue), state = \(bind: jsonText(saved.state)),
              trace = \(bind: jsonText(saved.trace)), current_step = \(bind: saved.currentStep),
              failed_step = \(bind: saved.failedStep), error_code = \(bind: saved.errorCode),
              error_message = \(bind: saved.errorMessage), wake_at = \(bind: saved.wakeAt),
              revision = \(bind: saved.revision), updated_at = \(bind: now), finished_at = \(bind: saved.finishedAt)
            WHERE id = \(bind: run.id.rawValue) AND revision = \(bind: run.revision) RETURNING id
            """).all()
        return rows.isEmpty ? nil : saved
    }

    /// Stores a run that was admitted and advanced before it was ever stored, as it is after that
    /// advance (revision 1); `nil` when a run for the same trigger exists (see `insert`).
    package static func insertAdvanced(_ sql: any SQLDatabase, _ run: WorkflowRunRecord, at now: Date) async throws
        -> WorkflowRunRecord?
    {
        var stored = run
        stored.updatedAt = now
        if stored.status.isTerminal, stored.finishedAt == nil { stored.finishedAt = now }
        return try await insert(sql, stored) ? stored : nil
    }

    /// Runs of a workflow holding a concurrency slot (running or waiting).
    package static func activeCount(_ sql: any SQLDatabase, workflowID: WorkflowID) async throws -> Int {
        try await sql.raw("""
            SELECT COUNT(*) AS n FROM workflow_runs WHERE workflow_id = \(bind: workflowID.rawValue)
              AND status IN ('running', 'waiting')
            """).first()?.int("n") ?? 0
    }

    /// Ids of a workflow's active runs (and queued ones, if asked), oldest first.
    package static func activeRunIDs(_ sql: any SQLDatabase, workflowID: WorkflowID, includingQueued: Bool) async throws
        -> [WorkflowRunID]
    {
        let statuses: SQLQueryString = includingQueued ? "('running', 'waiting', 'queued')" : "('running', 'waiting')"
        return try await sql.raw("""
            SELECT id FROM workflow_runs WHERE workflow_id = \(bind: workflowID.rawValue) AND status IN \(statuses)
            ORDER BY created_at
            """).all().map { try $0.id("id") }
    }

    /// The oldest queued run of a workflow.
    package static func oldestQueued(_ sql: any SQLDatabase, workflowID: WorkflowID) async throws -> WorkflowRunRecord? {
        try await sql.raw("""
            SELECT * FROM workflow_runs WHERE workflow_id = \(bind: workflowID.rawValue) AND status = 'queued'
            ORDER BY created_at, id LIMIT 1
            """).first().map(run)
    }

    /// Cancels a run that has not ended; `false` when it had.
    @discardableResult
    package static func cancel(_ sql: any SQLDatabase, runID: WorkflowRunID, reason: String, at now: Date) async throws -> Bool {
        guard var run = try await load(sql, id: runID), !run.status.isTerminal else { return false }
        run.status = .cancelled
        run.errorCode = "run.cancelled"
        run.errorMessage = reason
        run.wakeAt = nil
        return try await save(sql, run, at: now) != nil
    }
}

/// Reading runs for people (scoped), following the feed, and pruning history.
package struct WorkflowRunRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// Filters for run lists.
    package struct Filter: Sendable {
        package var workflowID: WorkflowID?
        package var status: WorkflowRunStatus?
        package init(workflowID: WorkflowID? = nil, status: WorkflowRunStatus? = nil) {
            self.workflowID = workflowID
            self.status = status
        }
    }

    /// Runs of the organization, newest first.
    package func runs(_ scope: OrgScope, filter: Filter = .init(), page: PageRequest) async throws -> Page<WorkflowRunRecord> {
        try scope.require(.workflowsRead)
        return try await database.read { sql in
            var query: SQLQueryString = "SELECT * FROM workflow_runs WHERE org_id = \(bind: scope.organizationID.rawValue)"
            if let id = filter.workflowID { query += " AND workflow_id = \(bind: id.rawValue)" }
            if let status = filter.status { query += " AND status = \(bind: status.rawValue)" }
            query += Paging.after(sql, page, timeColumn: "created_at")
            query += Paging.order(sql, page, timeColumn: "created_at")
            let items = try await sql.raw(query).all().map(WorkflowRunStore.run)
            return Paging.page(items, page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// One run of the organization.
    package func run(_ scope: OrgScope, id: WorkflowRunID) async throws -> WorkflowRunRecord {
        try scope.require(.workflowsRead)
        return try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT * FROM workflow_runs WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).first() else { throw DomainError.notFound("workflow_run") }
            return try WorkflowRunStore.run(row)
        }
    }

    /// Changes after `sequence` in the organization's feed, optionally of one run, oldest first.
    package func updates(_ scope: OrgScope, after sequence: Int64, runID: WorkflowRunID? = nil, limit: Int = 200) async throws
        -> [WorkflowRunUpdate]
    {
        try scope.require(.workflowsRead)
        return try await database.read { sql in
            var query: SQLQueryString = """
                SELECT * FROM workflow_run_updates WHERE org_id = \(bind: scope.organizationID.rawValue) AND seq > \(bind: sequence)
                """
            if let runID { query += " AND run_id = \(bind: runID.rawValue)" }
            query += " ORDER BY seq LIMIT \(bind: limit)"
            return try await sql.raw(query).all().map { r in
                WorkflowRunUpdate(sequence: try r.int64("seq"), runID: try r.id("run_id"), workflowID: try r.id("workflow_id"),
                                  status: try r.enumValue("status"), stepID: try r.optionalString("step_id"), at: try r.date("at"))
            }
        }
    }

    /// The newest position of the organization's feed (where a live feed without `Last-Event-ID` starts).
    package func latestSequence(_ scope: OrgScope) async throws -> Int64 {
        try scope.require(.workflowsRead)
        return try await database.read { sql in
            try await sql.raw("""
                SELECT COALESCE(MAX(seq), 0) AS n FROM workflow_run_updates WHERE org_id = \(bind: scope.organizationID.rawValue)
                """).first()?.int64("n") ?? 0
        }
    }

    /// Deletes ended runs finished before `now - maxAge`, and beyond the newest `keepPerWorkflow`
    /// ended runs of each workflow, with their feed rows. Returns how many runs went.
    package func prune(maxAge: TimeInterval, keepPerWorkflow: Int) async throws -> Int {
        let cutoff = clock.now().addingTimeInterval(-maxAge)
        return try await database.write(isolation: .readCommitted) { sql in
            let old = try await sql.raw("""
                SELECT id FROM workflow_runs WHERE finished_at IS NOT NULL AND finished_at < \(bind: cutoff)
                  AND status IN ('succeeded', 'failed', 'cancelled', 'skipped') LIMIT 5000
                """).all().map { try $0.string("id") }
            let excess = try await sql.raw("""
                SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY workflow_id ORDER BY finished_at DESC, id DESC) AS n
                  FROM workflow_runs WHERE status IN ('succeeded', 'failed', 'cancelled', 'skipped')) ranked
                WHERE n > \(bind: keepPerWorkflow) LIMIT 5000
                """).all().map { try $0.string("id") }
            let ids = Array(Set(old + excess))
            guard !ids.isEmpty else { return 0 }
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                try await sql.raw("DELETE FROM workflow_run_updates WHERE run_id IN (\(binds: chunk))").run()
                try await sql.raw("DELETE FROM workflow_runs WHERE id IN (\(binds: chunk))").run()
            }
            return ids.count
        }
    }
}
