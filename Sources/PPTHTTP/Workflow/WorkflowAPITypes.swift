import Foundation
import PPTDomain
import PPTStorage
import PPTWorkflow

/// A workflow as the API shows it: its current version's header and definition (an object).
struct WorkflowResponse: Codable, Sendable {
    let id: WorkflowID
    let name: String
    let description: String
    let enabled: Bool
    let currentVersion: Int
    let triggerType: String
    let triggerEvent: String?
    let definition: JSONValue
    let nextFireAt: Date?
    let createdBy: UserID
    let updatedBy: UserID
    let createdAt: Date
    let updatedAt: Date

    init(_ record: WorkflowRecord) {
        id = record.id
        name = record.name
        description = record.description
        enabled = record.enabled
        currentVersion = record.currentVersion
        triggerType = record.triggerType
        triggerEvent = record.triggerEvent
        definition = record.definition
        nextFireAt = record.nextFireAt
        createdBy = record.createdBy
        updatedBy = record.updatedBy
        createdAt = record.createdAt
        updatedAt = record.updatedAt
    }
}

/// One saved version of a workflow.
struct WorkflowVersionResponse: Encodable, Sendable {
    let workflowID: WorkflowID
    let version: Int
    let definition: JSONValue
    let createdBy: UserID
    let createdAt: Date

    init(_ record: WorkflowVersionRecord) {
        workflowID = record.workflowID
        version = record.version
        definition = record.definition
        createdBy = record.createdBy
        createdAt = record.createdAt
    }
}

/// A run in lists: identity, status and where it is, without its data.
struct WorkflowRunSummary: Codable, Sendable {
    let id: WorkflowRunID
    let workflowID: WorkflowID
    let version: Int
    let triggerType: String
    let status: WorkflowRunStatus
    let currentStep: String?
    let failedStep: String?
    let errorCode: String?
    let errorMessage: String?
    let wakeAt: Date?
    let parentRunID: WorkflowRunID?
    let startedBy: UserID?
    let createdAt: Date
    let updatedAt: Date
    let finishedAt: Date?

    init(_ run: WorkflowRunRecord) {
        id = run.id
        workflowID = run.workflowID
        version = run.version
        triggerType = run.triggerType
        status = run.status
        currentStep = run.currentStep
        failedStep = run.failedStep
        errorCode = run.errorCode
        errorMessage = run.errorMessage
        wakeAt = run.wakeAt
        parentRunID = run.parentRunID
        startedBy = run.startedBy
        createdAt = run.createdAt
        updatedAt = run.updatedAt
        finishedAt = run.finishedAt
    }
}

/// A run with its trigger data, event, engine state and trace: the summary's fields and these, flat.
struct WorkflowRunResponse: Encodable, Sendable {
    let summary: WorkflowRunSummary
    let trigger: JSONValue
    let event: JSONValue
    let state: JSONValue
    let trace: JSONValue

    init(_ run: WorkflowRunRecord) {
        summary = WorkflowRunSummary(run)
        trigger = run.trigger
        event = run.event
        state = run.state
        trace = run.trace
    }

    private enum CodingKeys: String, CodingKey { case trigger, event, state, trace }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(trigger, forKey: .trigger)
        try container.encode(event, forKey: .event)
        try container.encode(state, forKey: .state)
        try container.encode(trace, forKey: .trace)
    }
}

/// A list that is never paged (a workflow's versions, the action catalogue, the template library).
struct ItemList<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
}

/// `POST workflows/validate`'s answer.
struct ValidationResponse: Encodable, Sendable {
    let valid: Bool
    let problems: [FieldError]
}

/// `GET workflows/{id}/export` as JSON: what `POST workflows` takes back.
struct WorkflowExport: Encodable, Sendable {
    let name: String
    let description: String
    let definition: JSONValue
}

/// A page of the live feed, for clients that poll instead of streaming.
struct WorkflowRunUpdatePage: Encodable, Sendable {
    let items: [WorkflowRunUpdate]
    /// Pass as `Last-Event-ID` (or `lastEventId`) to continue after these.
    let lastEventID: Int64
}

/// One action of the catalogue.
struct WorkflowActionDescription: Encodable, Sendable {
    struct Field: Encodable, Sendable {
        let name: String
        let type: WorkflowValueType
        let required: Bool
        let description: String
    }

    let name: String
    /// `database` (exactly once, with the run's state) or `external` (at least once, idempotency key).
    let effect: String
    let fields: [Field]
    let output: [String: WorkflowValueType]

    init(_ action: any WorkflowAction) {
        name = action.name
        effect = action.effect == .database ? "database" : "external"
        fields = action.fields.map { Field(name: $0.name, type: $0.type, required: $0.required, description: $0.description) }
        output = action.output
    }
}

/// A template of the library or of the organization.
struct WorkflowTemplateResponse: Encodable, Sendable {
    let id: String
    let name: String
    let description: String
    let category: WorkflowTemplateCategory
    let parameters: JSONValue
    let definition: JSONValue
    /// Built-in templates are read-only.
    let builtIn: Bool
    let createdBy: UserID?
    let createdAt: Date?
    let updatedAt: Date?

    init(_ template: WorkflowTemplate) {
        id = template.id
        name = template.name
        description = template.description
        category = template.category
        parameters = .array(template.parameters.map(\.json))
        definition = template.definition
        builtIn = template.isBuiltIn
        createdBy = nil
        createdAt = nil
        updatedAt = nil
    }

    init(_ stored: StoredWorkflowTemplate) {
        id = stored.id
        name = stored.name
        description = stored.description
        category = stored.category
        parameters = stored.parameters
        definition = stored.definition
        builtIn = false
        createdBy = stored.createdBy
        createdAt = stored.createdAt
        updatedAt = stored.updatedAt
    }
}

/// `POST workflow-templates/{id}/preview`'s answer.
struct TemplatePreviewResponse: Encodable, Sendable {
    /// The definition with the parameters filled in.
    let definition: JSONValue
    /// Its problems (empty when it is a valid workflow).
    let problems: [FieldError]
    /// The dry run against `trigger`, when one was given and the definition is valid.
    let dryRun: WorkflowDryRunResult?
}
