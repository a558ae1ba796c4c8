import Foundation

/// Tag of workflow identifiers.
package enum WorkflowTag {}
/// Tag of workflow run identifiers.
package enum WorkflowRunTag {}
/// Tag of organization template identifiers.
package enum WorkflowTemplateTag {}
/// A workflow's id.
package typealias WorkflowID = Identifier<WorkflowTag>
/// A workflow run's id.
package typealias WorkflowRunID = Identifier<WorkflowRunTag>

/// A workflow as listed: its current version's header (DESIGN §7). The definition itself is
/// `PPTWorkflow.WorkflowDefinition`; storage keeps it as JSON.
package struct WorkflowRecord: Sendable, Hashable, Codable {
    package let id: WorkflowID
    package let organizationID: OrganizationID
    package var name: String
    package var description: String
    /// Disabled workflows start no runs; runs in flight go on.
    package var enabled: Bool
    /// The newest version; new runs use it.
    package var currentVersion: Int
    /// `event`, `schedule` or `manual`.
    package var triggerType: String
    /// The event type for event triggers.
    package var triggerEvent: String?
    /// The current version's definition as JSON.
    package var definition: JSONValue
    /// For schedules: the next instant a run is due.
    package var nextFireAt: Date?
    package let createdBy: UserID
    /// Who saved the current version; runs act with this member's current role.
    package var updatedBy: UserID
    package let createdAt: Date
    package var updatedAt: Date

    package init(id: WorkflowID, organizationID: OrganizationID, name: String, description: String, enabled: Bool,
                 currentVersion: Int, triggerType: String, triggerEvent: String?, definition: JSONValue,
                 nextFireAt: Date?, createdBy: UserID, updatedBy: UserID, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.description = description
        self.enabled = enabled
        self.currentVersion = currentVersion
        self.triggerType = triggerType
        self.triggerEvent = triggerEvent
        self.definition = definition
        self.nextFireAt = nextFireAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One saved version of a workflow.
package struct WorkflowVersionRecord: Sendable, Hashable, Codable {
    package let workflowID: WorkflowID
    package let version: Int
    package let definition: JSONValue
    /// The author; runs of this version act as this member.
    package let createdBy: UserID
    package let createdAt: Date

    package init(workflowID: WorkflowID, version: Int, definition: JSONValue, createdBy: UserID, createdAt: Date) {
        self.workflowID = workflowID
        self.version = version
        self.definition = definition
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// Where a run is in its life.
package enum WorkflowRunStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for a free slot (`queued` mode or a concurrency limit).
    case queued
    /// Being advanced by a worker, or due to be.
    case running
    /// Paused on a durable delay or a retry backoff until `wakeAt`.
    case waiting
    case succeeded
    case failed
    case cancelled
    /// Triggered while a `single`-mode run was active: recorded, not run.
    case skipped

    /// Whether the run has ended.
    package var isTerminal: Bool { [.succeeded, .failed, .cancelled, .skipped].contains(self) }
    /// Whether the run holds a concurrency slot.
    package var isActive: Bool { self == .running || self == .waiting }
}

/// A run as stored: identity, status, and the engine's state and trace as JSON.
package struct WorkflowRunRecord: Sendable, Hashable, Codable {
    package let id: WorkflowRunID
    package let organizationID: OrganizationID
    package let workflowID: WorkflowID
    package let version: Int
    /// Unique per (workflow, version): `event:<outbox id>`, `schedule:<instant>`, `manual:<key>`, …
    package let triggerKey: String
    /// `event`, `schedule`, `manual`, `error` (started by another run's failure) or `retry`.
    package let triggerType: String
    package var status: WorkflowRunStatus
    /// The trigger data (`trigger.*`).
    package let trigger: JSONValue
    /// The event metadata (`event.*`).
    package let event: JSONValue
    /// The engine's state (program counter, variables, step outputs, attempts).
    package var state: JSONValue
    /// Trace entries, one per step execution.
    package var trace: JSONValue
    package var currentStep: String?
    package var failedStep: String?
    package var errorCode: String?
    package var errorMessage: String?
    package var wakeAt: Date?
    /// Bumped on every persisted transition (optimistic concurrency).
    package var revision: Int
    /// The run whose failure started this one (error workflows).
    package let parentRunID: WorkflowRunID?
    /// Who started it, for manual runs.
    package let startedBy: UserID?
    package let createdAt: Date
    package var updatedAt: Date
    package var finishedAt: Date?

    package init(id: WorkflowRunID, organizationID: OrganizationID, workflowID: WorkflowID, version: Int,
                 triggerKey: String, triggerType: String, status: WorkflowRunStatus, trigger: JSONValue, event: JSONValue,
                 state: JSONValue, trace: JSONValue, currentStep: String?, failedStep: String?, errorCode: String?,
                 errorMessage: String?, wakeAt: Date?, revision: Int, parentRunID: WorkflowRunID?, startedBy: UserID?,
                 createdAt: Date, updatedAt: Date, finishedAt: Date?) {
        self.id = id
        self.organizationID = organizationID
        self.workflowID = workflowID
        self.version = version
        self.triggerKey = triggerKey
        self.triggerType = triggerType
        self.status = status
        self.trigger = trigger
        self.event = event
        self.state = state
        self.trace = trace
        self.currentStep = currentStep
        self.failedStep = failedStep
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.wakeAt = wakeAt
        self.revision = revision
        self.parentRunID = parentRunID
        self.startedBy = startedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
    }
}

/// One change of a run, for the live feed (`GET …/workflow-runs/events`, SSE).
package struct WorkflowRunUpdate: Sendable, Hashable, Codable {
    /// Position in the organization's feed; the SSE event id.
    package let sequence: Int64
    package let runID: WorkflowRunID
    package let workflowID: WorkflowID
    package let status: WorkflowRunStatus
    package let stepID: String?
    package let at: Date

    package init(sequence: Int64, runID: WorkflowRunID, workflowID: WorkflowID, status: WorkflowRunStatus,
                 stepID: String?, at: Date) {
        self.sequence = sequence
        self.runID = runID
        self.workflowID = workflowID
        self.status = status
        self.stepID = stepID
        self.at = at
    }
}
