import Foundation
import PPTDomain
import SQLKit

/// The columns derived from a definition that storage needs to find workflows without parsing them:
/// the trigger (for the event dispatcher and the schedule scanner) and the run mode.
package struct WorkflowTriggerColumns: Sendable, Hashable {
    /// `event`, `schedule` or `manual`.
    package var type: String
    /// Event type for event triggers.
    package var event: String?
    /// The run mode's raw value.
    package var mode: String
    /// The concurrency limit; `nil` is unlimited.
    package var maxActive: Int?
    /// For schedules: the first instant due.
    package var nextFireAt: Date?

    package init(type: String, event: String?, mode: String, maxActive: Int?, nextFireAt: Date?) {
        self.type = type
        self.event = event
        self.mode = mode
        self.maxActive = maxActive
        self.nextFireAt = nextFireAt
    }
}

/// A workflow together with the version a new run uses and the columns that govern runs.
package struct WorkflowCandidate: Sendable, Hashable {
    package let workflow: WorkflowRecord
    /// `single`, `restart`, `queued` or `parallel`.
    package let mode: String
    /// The concurrency limit; `nil` is unlimited.
    package let maxActive: Int?
}

/// Workflows and their versions (DESIGN §7). Definitions are stored as JSON; parsing and checking
/// them is `PPTWorkflow`'s, which hands over the derived `WorkflowTriggerColumns`.
package struct WorkflowRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func workflow(_ r: any SQLRow) throws -> WorkflowRecord {
        WorkflowRecord(
            id: try r.id("id"), organizationID: try r.id("org_id"), name: try r.string("name"),
            description: try r.string("description"), enabled: try r.bool("enabled"),
            currentVersion: try r.int("current_version"), triggerType: try r.string("trigger_type"),
            triggerEvent: try r.optionalString("trigger_event"), definition: try r.json("definition"),
            nextFireAt: try r.optionalDate("next_fire_at"), createdBy: try r.id("created_by"),
            updatedBy: try r.id("updated_by"), createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }

    static func candidate(_ r: any SQLRow) throws -> WorkflowCandidate {
        WorkflowCandidate(workflow: try workflow(r), mode: try r.string("mode"), maxActive: try r.decode(column: "max_active", as: Int?.self))
    }

    /// Columns of a workflow joined with its current version's definition.
    static let selectCurrent: SQLQueryString = """
        SELECT w.*, v.definition FROM workflows w
        JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.current_version
        """

    /// Creates a workflow with its first version.
    package func create(_ scope: OrgScope, name: String, description: String, enabled: Bool, definition: JSONValue,
                        columns: WorkflowTriggerColumns) async throws -> WorkflowRecord {
        try scope.require(.workflowsManage)
        let now = clock.now()
        let id = WorkflowID()
        return try await database.write { sql in
            try await sql.raw("""
                INSERT INTO workflows (id, org_id, name, description, enabled, current_version, trigger_type, trigger_event,
                  mode, max_active, next_fire_at, created_by, updated_by, created_at, updated_at)
                VALUES (\(bind: id.rawValue), \(bind: scope.organizationID.rawValue), \(bind: name), \(bind: description),
                  \(bind: enabled), 1, \(bind: columns.type), \(bind: columns.event), \(bind: columns.mode),
                  \(bind: columns.maxActive), \(bind: columns.nextFireAt), \(bind: scope.userID.rawValue),
                  \(bind: scope.userID.rawValue), \(bind: now), \(bind: now))
                """).run()
            try await Self.insertVersion(sql, scope, id, version: 1, definition: definition, at: now)
            return try await Self.workflow(sql, scope, id)
        }
    }

    private static func insertVersion(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: WorkflowID, version: Int,
                                      definition: JSONValue, at now: Date) async throws {
        try await sql.raw("""
            INSERT INTO workflow_versions (workflow_id, version, org_id, definition, created_by, created_at)
            VALUES (\(bind: id.rawValue), \(bind: version), \(bind: scope.organizationID.rawValue),
              \(bind: jsonText(definition)), \(bind: scope.userID.rawValue), \(bind: now))
            """).run()
    }

    /// A change to a workflow; a new definition makes a new version.
    package struct Change: Sendable {
        package var name: String?
        package var description: String?
        package var enabled: Bool?
        package var definition: (json: JSONValue, columns: WorkflowTriggerColumns)?
        package init(name: String? = nil, description: String? = nil, enabled: Bool? = nil,
                     definition: (json: JSONValue, columns: WorkflowTriggerColumns)? = nil) {
            self.name = name
            self.description = description
            self.enabled = enabled
            self.definition = definition
        }
    }

    /// Applies a change. Runs in flight keep the version they started with.
    package func update(_ scope: OrgScope, id: WorkflowID, _ change: Change) async throws -> WorkflowRecord {
        try scope.require(.workflowsManage)
        let now = clock.now()
        return try await database.write { sql in
            var current = try await Self.workflow(sql, scope, id)
            if let name = change.name { current.name = name }
            if let description = change.description { current.description = description }
            if let enabled = change.enabled { current.enabled = enabled }
            if let (json, columns) = change.definition, json != current.definition {
                current.currentVersion += 1
                try await Self.insertVersion(sql, scope, id, version: current.currentVersion, definition: json, at: now)
                try await sql.raw("""
                    UPDATE workflows SET trigger_type = \(bind: columns.type), trigger_event = \(bind: columns.event),
                      mode = \(bind: columns.mode), max_active = \(bind: columns.maxActive),
                      next_fire_at = \(bind: columns.nextFireAt), updated_by = \(bind: scope.userID.rawValue)
                    WHERE id = \(bind: id.rawValue)
                    """).run()
            } else if let (_, columns) = change.definition {
                // The same definition: only the schedule moves on (a re-enabled schedule starts from now).
                try await sql.raw("""
                    UPDATE workflows SET next_fire_at = \(bind: columns.nextFireAt) WHERE id = \(bind: id.rawValue)
                    """).run()
            }
            try await sql.raw("""
                UPDATE workflows SET name = \(bind: current.name), description = \(bind: current.description),
                  enabled = \(bind: current.enabled), current_version = \(bind: current.currentVersion), updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            return try await Self.workflow(sql, scope, id)
        }
    }

    /// Deletes a workflow: it disappears from lists and starts no runs; its runs stay readable until
    /// pruned, and active ones are cancelled.
    package func delete(_ scope: OrgScope, id: WorkflowID) async throws {
        try scope.require(.workflowsManage)
        let now = clock.now()
        try await database.write { sql in
            _ = try await Self.workflow(sql, scope, id)
            try await sql.raw("""
                UPDATE workflows SET deleted_at = \(bind: now), enabled = \(bind: false), next_fire_at = NULL,
                  updated_at = \(bind: now) WHERE id = \(bind: id.rawValue)
                """).run()
            for runID in try await WorkflowRunStore.activeRunIDs(sql, workflowID: id, includingQueued: true) {
                try await WorkflowRunStore.cancel(sql, runID: runID, reason: "The workflow was deleted.", at: now)
            }
        }
    }

    /// One workflow of the acting organization.
    package func workflow(_ scope: OrgScope, id: WorkflowID) async throws -> WorkflowRecord {
        try scope.require(.workflowsRead)
        return try await database.read { sql in try await Self.workflow(sql, scope, id) }
    }

    static func workflow(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: WorkflowID) async throws -> WorkflowRecord {
        guard let row = try await sql.raw("""
            \(Self.selectCurrent) WHERE w.id = \(bind: id.rawValue) AND w.org_id = \(bind: scope.organizationID.rawValue)
              AND w.deleted_at IS NULL
            """).first() else { throw DomainError.notFound("workflow") }
        return try workflow(row)
    }

    /// The organization's workflows, newest first.
    package func workflows(_ scope: OrgScope, triggerType: String? = nil, page: PageRequest) async throws -> Page<WorkflowRecord> {
        try scope.require(.workflowsRead)
        return try await database.read { sql in
            var query: SQLQueryString = """
                SELECT * FROM (\(Self.selectCurrent) WHERE w.org_id = \(bind: scope.organizationID.rawValue)
                  AND w.deleted_at IS NULL) x WHERE 1 = 1
                """
            if let triggerType { query += " AND trigger_type = \(bind: triggerType)" }
            query += Paging.after(sql, page, timeColumn: "created_at")
            query += Paging.order(sql, page, timeColumn: "created_at")
            let items = try await sql.raw(query).all().map(Self.workflow)
            return Paging.page(items, page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// Every version of a workflow, newest first.
    package func versions(_ scope: OrgScope, id: WorkflowID) async throws -> [WorkflowVersionRecord] {
        try scope.require(.workflowsRead)
        return try await database.read { sql in
            _ = try await Self.workflow(sql, scope, id)
            return try await sql.raw("""
                SELECT * FROM workflow_versions WHERE workflow_id = \(bind: id.rawValue) ORDER BY version DESC
                """).all().map(Self.version)
        }
    }

    /// One version of a workflow.
    package func version(_ scope: OrgScope, id: WorkflowID, version: Int) async throws -> WorkflowVersionRecord {
        try scope.require(.workflowsRead)
        return try await database.read { sql in
            _ = try await Self.workflow(sql, scope, id)
            guard let record = try await Self.version(sql, id, version) else { throw DomainError.notFound("workflow_version") }
            return record
        }
    }

    /// A version, unscoped (the runner: the run already belongs to the organization).
    package static func version(_ sql: any SQLDatabase, _ id: WorkflowID, _ version: Int) async throws -> WorkflowVersionRecord? {
        try await sql.raw("""
            SELECT * FROM workflow_versions WHERE workflow_id = \(bind: id.rawValue) AND version = \(bind: version)
            """).first().map(Self.version)
    }

    static func version(_ r: any SQLRow) throws -> WorkflowVersionRecord {
        WorkflowVersionRecord(workflowID: try r.id("workflow_id"), version: try r.int("version"),
                              definition: try r.json("definition"), createdBy: try r.id("created_by"),
                              createdAt: try r.date("created_at"))
    }

    /// Enabled workflows of an organization triggered by `eventType` (the event handler's candidates).
    package func candidates(organizationID: OrganizationID, eventType: String) async throws -> [WorkflowCandidate] {
        try await database.read { sql in
            try await sql.raw("""
                \(Self.selectCurrent) WHERE w.org_id = \(bind: organizationID.rawValue)
                  AND w.trigger_event = \(bind: eventType) AND w.trigger_type = 'event' AND w.enabled = \(bind: true)
                  AND w.deleted_at IS NULL
                """).all().map(Self.candidate)
        }
    }

    /// `"<org id>:<event type>"` for every enabled event-triggered workflow of the organizations.
    package static func eventTriggers(_ sql: any SQLDatabase, organizationIDs: Set<OrganizationID>) async throws -> Set<String> {
        guard !organizationIDs.isEmpty else { return [] }
        return Set(try await sql.raw("""
            SELECT DISTINCT org_id, trigger_event FROM workflows
            WHERE org_id IN (\(binds: organizationIDs.map(\.rawValue))) AND trigger_type = 'event' AND enabled = \(bind: true)
              AND deleted_at IS NULL
            """).all().map { "\(try $0.string("org_id")):\(try $0.string("trigger_event"))" })
    }

    /// A workflow of `organizationID` with its run columns, inside the caller's transaction
    /// (manual runs, error workflows). `nil` when it does not exist there or was deleted.
    package static func candidate(_ sql: any SQLDatabase, organizationID: OrganizationID, id: WorkflowID) async throws
        -> WorkflowCandidate?
    {
        try await sql.raw("""
            \(Self.selectCurrent) WHERE w.id = \(bind: id.rawValue) AND w.org_id = \(bind: organizationID.rawValue)
              AND w.deleted_at IS NULL
            """).first().map(Self.candidate)
    }

    /// Schedule-triggered workflows due at `now`, locked for this transaction on PostgreSQL.
    package static func dueSchedules(_ sql: any SQLDatabase, now: Date, limit: Int = 100) async throws -> [WorkflowCandidate] {
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE OF w SKIP LOCKED" : ""
        return try await sql.raw("""
            \(Self.selectCurrent) WHERE w.trigger_type = 'schedule' AND w.enabled = \(bind: true) AND w.deleted_at IS NULL
              AND w.next_fire_at IS NOT NULL AND w.next_fire_at <= \(bind: now)
            ORDER BY w.next_fire_at LIMIT \(bind: limit)\(lock)
            """).all().map(Self.candidate)
    }

    /// Moves a schedule to its next instant (`nil`: the cron never fires again).
    package static func setNextFire(_ sql: any SQLDatabase, id: WorkflowID, at next: Date?) async throws {
        try await sql.raw("UPDATE workflows SET next_fire_at = \(bind: next) WHERE id = \(bind: id.rawValue)").run()
    }

    /// Serializes run admission for one workflow (concurrency limits) on PostgreSQL; SQLite's single
    /// writer already does.
    package static func lockForAdmission(_ sql: any SQLDatabase, id: WorkflowID) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT id FROM workflows WHERE id = \(bind: id.rawValue) FOR UPDATE").run()
    }
}
