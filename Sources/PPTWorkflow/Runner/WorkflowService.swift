import Foundation
import PPTDomain
import PPTStorage
import SQLKit

/// What the HTTP API asks of the workflow engine: definitions (checked on save, versioned), manual
/// runs, cancel and retry, dry runs, and the action catalogue.
package struct WorkflowService: Sendable {
    private let database: any Database
    private let clock: any WallClock
    private let actions: WorkflowActionRegistry
    private let programs: ProgramCache
    private let flags: FeatureFlagRepository
    private let timeZone: TimeZone
    /// Definitions and versions.
    package let workflows: WorkflowRepository
    /// Runs and the live feed.
    package let runs: WorkflowRunRepository
    /// The definition checker.
    package let validator: WorkflowValidator

    package init(database: any Database, clock: any WallClock, actions: WorkflowActionRegistry, programs: ProgramCache,
                 flags: FeatureFlagRepository, timeZone: TimeZone) {
        self.database = database
        self.clock = clock
        self.actions = actions
        self.programs = programs
        self.flags = flags
        self.timeZone = timeZone
        workflows = WorkflowRepository(database: database, clock: clock)
        runs = WorkflowRunRepository(database: database, clock: clock)
        validator = WorkflowValidator(actions: actions) { cron, zone in
            do throws(DomainError) {
                _ = try CronSchedule(cron, timeZone: zone)
                return nil
            } catch { return error.fields.first?.detail ?? error.message }
        }
    }

    /// The registered actions (for `GET workflow-actions`).
    package var actionCatalogue: [any WorkflowAction] { actions.all }

    /// Reads and checks a definition; throws `workflow.invalid_definition` with every problem.
    package func definition(_ json: JSONValue) throws(DomainError) -> WorkflowDefinition {
        let definition = try WorkflowDefinitionReader.read(json)
        try validator.validate(definition)
        _ = try WorkflowProgram(definition)
        return definition
    }

    /// Every problem of a definition (empty when it is good), for editors.
    package func problems(_ json: JSONValue) -> [FieldError] {
        do {
            let definition = try WorkflowDefinitionReader.read(json)
            return validator.problems(definition)
        } catch { return error.fields }
    }

    /// Every problem of a definition as saving it in the organization would find them: the checks of
    /// `problems(_:)` and error workflows that do not exist there.
    package func problems(_ scope: OrgScope, _ json: JSONValue) async throws -> [FieldError] {
        guard let definition = try? WorkflowDefinitionReader.read(json) else { return problems(json) }
        return validator.problems(definition) + (try await errorWorkflowProblems(scope, definition))
    }

    /// Creates a workflow from a checked definition.
    package func create(_ scope: OrgScope, name: String, description: String, enabled: Bool, definition json: JSONValue)
        async throws -> WorkflowRecord
    {
        try scope.require(.workflowsManage)
        try Self.checkName(name)
        let definition = try definition(json)
        try await checkErrorWorkflows(scope, definition)
        return try await workflows.create(scope, name: name, description: description, enabled: enabled,
                                          definition: definition.json, columns: try columns(definition))
    }

    /// Changes a workflow; a new definition becomes a new version (runs in flight keep theirs).
    package func update(_ scope: OrgScope, id: WorkflowID, name: String?, description: String?, enabled: Bool?,
                        definition json: JSONValue?) async throws -> WorkflowRecord {
        try scope.require(.workflowsManage)
        if let name { try Self.checkName(name) }
        var change = WorkflowRepository.Change(name: name, description: description, enabled: enabled)
        if let json {
            let definition = try definition(json)
            try await checkErrorWorkflows(scope, definition)
            change.definition = (definition.json, try columns(definition))
        } else if enabled == true {
            // Re-enabling a schedule restarts it from now rather than firing every missed instant.
            let current = try await workflows.workflow(scope, id: id)
            if !current.enabled, let definition = try? WorkflowDefinitionReader.read(current.definition),
                case .schedule = definition.trigger
            {
                change.definition = (current.definition, try columns(definition))
            }
        }
        return try await workflows.update(scope, id: id, change)
    }

    private static func checkName(_ name: String) throws(DomainError) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else { throw DomainError.invalid("/name", "a name of 1 to 200 characters is required") }
    }

    /// The storage columns of a definition: trigger, mode, limit, first schedule instant.
    package func columns(_ definition: WorkflowDefinition) throws(DomainError) -> WorkflowTriggerColumns {
        var event: String?
        var next: Date?
        switch definition.trigger {
        case .event(let type): event = type.rawValue
        case .schedule(let cron, let zone): next = try CronSchedule(cron, timeZone: zone).next(after: clock.now())
        case .manual: break
        }
        return WorkflowTriggerColumns(type: definition.trigger.typeName, event: event, mode: definition.mode.rawValue,
                                      maxActive: definition.concurrency, nextFireAt: next)
    }

    /// An error workflow named by `onFailure` must exist in the organization.
    private func checkErrorWorkflows(_ scope: OrgScope, _ definition: WorkflowDefinition) async throws {
        let issues = try await errorWorkflowProblems(scope, definition)
        if !issues.isEmpty { throw WorkflowDefinitionReader.error(issues) }
    }

    private func errorWorkflowProblems(_ scope: OrgScope, _ definition: WorkflowDefinition) async throws -> [FieldError] {
        var issues: [FieldError] = []
        for (step, pointer) in definition.allSteps {
            guard case .action(let action) = step.kind, case .errorWorkflow(let id) = action.onFailure else { continue }
            let exists: Bool
            if let workflowID = WorkflowID(id) {
                exists = (try? await workflows.workflow(scope, id: workflowID)) != nil
            } else { exists = false }
            if !exists { issues.append(FieldError(pointer: pointer + "/onFailure/workflow", detail: "no workflow '\(id)' in this organization")) }
        }
        return issues
    }

    /// Starts a manual run with `input` as its trigger. The same `idempotencyKey` returns the same run.
    package func startManual(_ scope: OrgScope, id: WorkflowID, input: JSONValue, idempotencyKey: String?) async throws
        -> WorkflowRunRecord
    {
        try scope.require(.workflowsManage)
        try await requireEnabled(scope)
        let workflow = try await workflows.workflow(scope, id: id)
        let definition = try WorkflowDefinitionReader.read(workflow.definition)
        let trigger = try Self.checkInput(input, for: definition.trigger)
        let key = idempotencyKey.map { "manual:\(scope.userID.rawValue):\($0)" } ?? "manual:\(UUID().uuidString.lowercased())"
        let request = WorkflowAdmission.Request(
            triggerKey: key, triggerType: "manual", trigger: trigger,
            event: ["type": "manual", "id": .string(key), "aggregateType": "workflow", "aggregateID": .string(id.rawValue),
                    "occurredAt": WorkflowJSON.instant(clock.now())],
            startedBy: scope.userID)
        let (programs, clock, timeZone) = (self.programs, self.clock, self.timeZone)
        return try await database.write(isolation: .readCommitted) { sql in
            guard let candidate = try await WorkflowRepository.candidate(sql, organizationID: scope.organizationID, id: id) else {
                throw DomainError.notFound("workflow")
            }
            let now = clock.now()
            let entry = try await programs.entry(sql, workflowID: id, version: candidate.workflow.currentVersion)
            switch try await WorkflowAdmission.admit(sql, candidate, request, program: entry.program, timeZone: timeZone, now: now) {
            case .filtered:
                throw DomainError(code: "workflow.filtered", kind: .conflict,
                                  message: "The workflow's filters are false for this input, so no run started.")
            case .duplicate(let existing):
                guard let existing else { throw DomainError.notFound("workflow_run") }
                return existing
            case .started(let run):
                if run.status == .running {
                    try await WorkflowRunner.enqueue(sql, runID: run.id, revision: run.revision, at: nil, now: now)
                }
                return run
            }
        }
    }

    /// Checks manual input against a manual trigger's parameters (types, required, options), fills
    /// defaults and refuses unknown names. Other triggers take the input as their payload.
    static func checkInput(_ input: JSONValue, for trigger: WorkflowTrigger) throws(DomainError) -> JSONValue {
        guard case .object(var fields) = input else { throw DomainError.invalid("/input", "input is a JSON object") }
        guard case .manual(let parameters) = trigger else { return input }
        var issues: [FieldError] = []
        let names = Set(parameters.map(\.name))
        for key in fields.keys.sorted() where !names.contains(key) {
            issues.append(FieldError(pointer: "/input/\(key)", detail: "unknown input; the workflow takes \(names.sorted().joined(separator: ", "))"))
        }
        for parameter in parameters {
            guard let value = fields[parameter.name], value != .null else {
                if let fallback = parameter.defaultValue { fields[parameter.name] = fallback } else if parameter.required {
                    issues.append(FieldError(pointer: "/input/\(parameter.name)", detail: "required (\(parameter.type.rawValue))"))
                } else { fields[parameter.name] = .null }
                continue
            }
            if !parameter.type.accepts(value) {
                issues.append(FieldError(pointer: "/input/\(parameter.name)", detail: "must be a \(parameter.type.rawValue)"))
            } else if let options = parameter.options, !options.contains(value) {
                issues.append(FieldError(pointer: "/input/\(parameter.name)", detail: "must be one of the options"))
            }
        }
        if !issues.isEmpty { throw DomainError.invalid(issues) }
        return .object(fields)
    }

    private func requireEnabled(_ scope: OrgScope) async throws {
        guard try await flags.isEnabled(organizationID: scope.organizationID, flag: .workflowAutomation) else {
            throw DomainError(code: "llm.feature_disabled", kind: .forbidden,
                              message: "Workflow automation (llm.workflow_automation) is turned off for this organization.")
        }
    }

    /// Cancels a run that has not ended (a waiting one never wakes; a running one stops at its next
    /// transition, and an external result arriving later is dropped).
    package func cancel(_ scope: OrgScope, runID: WorkflowRunID) async throws -> WorkflowRunRecord {
        try scope.require(.workflowsManage)
        let run = try await runs.run(scope, id: runID)
        let clock = self.clock
        try await database.write(isolation: .readCommitted) { sql in
            let now = clock.now()
            guard try await WorkflowRunStore.cancel(sql, runID: runID, reason: "Cancelled by a member.", at: now) else {
                throw DomainError.invalidTransition("workflow_run", from: run.status.rawValue, to: "cancelled")
            }
            try await WorkflowAdmission.promoteQueued(sql, workflowID: run.workflowID, organizationID: run.organizationID, now: now)
        }
        return try await runs.run(scope, id: runID)
    }

    /// Retries a failed run from the step that failed, with fresh attempts.
    package func retry(_ scope: OrgScope, runID: WorkflowRunID) async throws -> WorkflowRunRecord {
        try scope.require(.workflowsManage)
        try await requireEnabled(scope)
        _ = try await runs.run(scope, id: runID)
        let clock = self.clock
        try await database.write(isolation: .readCommitted) { sql in
            guard var run = try await WorkflowRunStore.load(sql, id: runID) else { throw DomainError.notFound("workflow_run") }
            guard run.status == .failed, run.failedStep != "filters" else {
                throw DomainError(code: "workflow_run.not_retryable", kind: .conflict,
                                  message: "Only a run that failed at a step can be retried (this one is \(run.status.rawValue)).")
            }
            var state = try RunState.decode(run.state, trace: run.trace)
            state.attempt = 0
            state.resumeAt = nil
            run.state = state.stateJSON
            run.status = .running
            run.errorCode = nil
            run.errorMessage = nil
            run.failedStep = nil
            run.finishedAt = nil
            let now = clock.now()
            guard let saved = try await WorkflowRunStore.save(sql, run, at: now) else { throw DomainError.notFound("workflow_run") }
            try await WorkflowRunner.enqueue(sql, runID: saved.id, revision: saved.revision, at: nil, now: now)
        }
        return try await runs.run(scope, id: runID)
    }

    /// Dry-runs a definition (a saved workflow's current one, or one being edited) against a sample
    /// trigger, with no side effects.
    package func dryRun(_ scope: OrgScope, definition json: JSONValue, trigger: JSONValue, event: JSONValue?) async throws
        -> WorkflowDryRunResult
    {
        try scope.require(.workflowsRead)
        let definition = try definition(json)
        let program = try WorkflowProgram(definition)
        let now = clock.now()
        let input = try Self.checkInput(trigger, for: definition.trigger)
        var eventValue: JSONValue = event ?? ["type": "test", "id": "test", "aggregateType": "test", "aggregateID": "test",
                                               "occurredAt": WorkflowJSON.instant(now)]
        if event == nil, case .event(let type) = definition.trigger,
            case .object(var fields) = eventValue
        {
            fields["type"] = .string(type.rawValue)
            eventValue = .object(fields)
        }
        let dryRun = WorkflowDryRun(actions: actions, timeZone: timeZone)
        let finalEvent = eventValue
        return try await database.read { sql in
            await dryRun.run(program, scope: scope, trigger: input, event: finalEvent, now: now, sql: sql)
        }
    }
}
