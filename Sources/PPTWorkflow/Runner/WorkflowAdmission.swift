import Foundation
import PPTDomain
import PPTStorage
import SQLKit

/// Starting runs: one per (workflow version, trigger key), under the workflow's run mode and
/// concurrency limit, inside the caller's transaction.
package enum WorkflowAdmission {
    /// A run to start.
    package struct Request: Sendable {
        package var triggerKey: String
        /// `event`, `schedule`, `manual`, `error`.
        package var triggerType: String
        package var trigger: JSONValue
        package var event: JSONValue
        package var parentRunID: WorkflowRunID?
        package var startedBy: UserID?

        package init(triggerKey: String, triggerType: String, trigger: JSONValue, event: JSONValue,
                     parentRunID: WorkflowRunID? = nil, startedBy: UserID? = nil) {
            self.triggerKey = triggerKey
            self.triggerType = triggerType
            self.trigger = trigger
            self.event = event
            self.parentRunID = parentRunID
            self.startedBy = startedBy
        }
    }

    /// What admission did.
    package enum Admission: Sendable {
        /// A new run, in the status it starts with (`running`, `queued`, `skipped`, or `failed` when
        /// a filter could not be evaluated).
        case started(WorkflowRunRecord)
        /// The filters were false: no run.
        case filtered
        /// A run for this trigger exists already (the event was delivered before).
        case duplicate(WorkflowRunRecord?)
    }

    /// Admits a run of `candidate`'s current version and stores it.
    package static func admit(_ sql: any SQLDatabase, _ candidate: WorkflowCandidate, _ request: Request,
                              program: WorkflowProgram, timeZone: TimeZone, now: Date) async throws -> Admission {
        let prepared = try await prepare(sql, candidate, request, program: program, timeZone: timeZone, now: now)
        guard case .started(let run) = prepared else { return prepared }
        guard try await WorkflowRunStore.insert(sql, run) else {
            return .duplicate(try await WorkflowRunStore.run(sql, workflowID: run.workflowID, version: run.version,
                                                              triggerKey: request.triggerKey))
        }
        return .started(run)
    }

    /// Decides how a run of `candidate`'s current version starts, without storing it: `.started`
    /// holds the new run, not stored yet, in the status it starts with. A caller that advances a
    /// `running` run at once stores it with its first save (`WorkflowRunStore.insertAdvanced`), one
    /// statement instead of an insert and an update. `.duplicate` comes only from restart mode,
    /// which looks for the trigger's run before cancelling anything; otherwise storing finds it.
    static func prepare(_ sql: any SQLDatabase, _ candidate: WorkflowCandidate, _ request: Request,
                        program: WorkflowProgram, timeZone: TimeZone, now: Date) async throws -> Admission {
        let workflow = candidate.workflow
        let id = WorkflowRunID()
        let environment = RunEnvironment(
            trigger: request.trigger, event: request.event,
            run: ["id": .string(id.rawValue), "workflowID": .string(workflow.id.rawValue), "startedAt": WorkflowJSON.instant(now)],
            now: now, timeZone: timeZone)
        var state = RunState(variables: program.definition.variables)
        var status = WorkflowRunStatus.running
        var error: (code: String, message: String)?
        switch WorkflowEngine(program: program).checkFilters(environment, variables: program.definition.variables) {
        case .rejected:
            return .filtered
        case .failed(let traces, let message):
            var entry = TraceEntry(step: "filters", type: "filter", status: "failed", startedAt: now)
            entry.condition = traces.last
            entry.error = TraceError(code: "filter.error", message: message)
            entry.finishedAt = now
            state.trace.append(entry)
            status = .failed
            error = ("filter.error", message)
        case .passed(let traces):
            if !traces.isEmpty {
                var entry = TraceEntry(step: "filters", type: "filter", status: "succeeded", startedAt: now)
                entry.finishedAt = now
                entry.detail["conditions"] = .array(traces.map { trace in
                    ["expression": .string(trace.expression), "result": trace.result.map(JSONValue.bool) ?? .null,
                     "values": .object(trace.values)]
                })
                state.trace.append(entry)
            }
        }
        if status == .running, let limit = candidate.effectiveLimit {
            try await WorkflowRepository.lockForAdmission(sql, id: workflow.id)
            let active = try await WorkflowRunStore.activeCount(sql, workflowID: workflow.id)
            if active >= limit {
                switch candidate.mode {
                case "single":
                    status = .skipped
                    error = ("run.skipped", "A run of this workflow was active (mode single).")
                case "restart":
                    // A trigger delivered again (an event redelivered after its worker died, a manual
                    // request repeated with its Idempotency-Key) finds its run instead of cancelling it.
                    if let existing = try await WorkflowRunStore.run(sql, workflowID: workflow.id, version: workflow.currentVersion,
                                                                     triggerKey: request.triggerKey) {
                        return .duplicate(existing)
                    }
                    for runID in try await WorkflowRunStore.activeRunIDs(sql, workflowID: workflow.id, includingQueued: true) {
                        try await WorkflowRunStore.cancel(sql, runID: runID, reason: "Restarted by a newer trigger (mode restart).", at: now)
                    }
                default:
                    status = .queued
                }
            }
        }
        return .started(WorkflowRunRecord(
            id: id, organizationID: workflow.organizationID, workflowID: workflow.id, version: workflow.currentVersion,
            triggerKey: request.triggerKey, triggerType: request.triggerType, status: status, trigger: request.trigger,
            event: request.event, state: state.stateJSON, trace: state.traceJSON, currentStep: nil,
            failedStep: status == .failed ? "filters" : nil, errorCode: error?.code, errorMessage: error?.message,
            wakeAt: nil, revision: 1, parentRunID: request.parentRunID, startedBy: request.startedBy, createdAt: now,
            updatedAt: now, finishedAt: status.isTerminal ? now : nil))
    }

    /// After a run ended: starts queued runs of the workflow while slots are free.
    static func promoteQueued(_ sql: any SQLDatabase, workflowID: WorkflowID, organizationID: OrganizationID, now: Date) async throws {
        guard let candidate = try await WorkflowRepository.candidate(sql, organizationID: organizationID, id: workflowID) else { return }
        let limit = candidate.effectiveLimit ?? Int.max
        try await WorkflowRepository.lockForAdmission(sql, id: workflowID)
        var active = try await WorkflowRunStore.activeCount(sql, workflowID: workflowID)
        while active < limit, var next = try await WorkflowRunStore.oldestQueued(sql, workflowID: workflowID) {
            next.status = .running
            guard let saved = try await WorkflowRunStore.save(sql, next, at: now) else { return }
            try await WorkflowRunner.enqueue(sql, runID: saved.id, revision: saved.revision, at: nil, now: now)
            active += 1
        }
    }

    /// Starts a run's error workflow with the failure as its trigger (`trigger.runID`, `trigger.error`…).
    static func startErrorWorkflow(_ sql: any SQLDatabase, failed run: WorkflowRunRecord, workflow: String,
                                   programs: ProgramCache, now: Date) async throws {
        guard let id = WorkflowID(workflow),
            let candidate = try await WorkflowRepository.candidate(sql, organizationID: run.organizationID, id: id),
            candidate.workflow.enabled
        else { return }
        let entry = try await programs.entry(sql, workflowID: id, version: candidate.workflow.currentVersion)
        let trigger: JSONValue = [
            "workflowID": .string(run.workflowID.rawValue), "runID": .string(run.id.rawValue),
            "stepID": run.failedStep.map(JSONValue.string) ?? .null,
            "error": ["code": .string(run.errorCode ?? ""), "message": .string(run.errorMessage ?? "")],
        ]
        let request = Request(triggerKey: "error:\(run.id.rawValue)", triggerType: "error", trigger: trigger,
                              event: ["type": "workflow_failed", "id": .string(run.id.rawValue), "aggregateType": "workflow_run",
                                      "aggregateID": .string(run.id.rawValue), "occurredAt": WorkflowJSON.instant(now)],
                              parentRunID: run.id)
        if case .started(let started) = try await admit(sql, candidate, request, program: entry.program,
                                                         timeZone: TimeZone(identifier: "UTC")!, now: now),
            started.status == .running
        {
            try await WorkflowRunner.enqueue(sql, runID: started.id, revision: started.revision, at: nil, now: now)
        }
    }
}

extension WorkflowCandidate {
    /// The concurrency limit: the stored one, or 1 for `single`, `restart` and `queued`; `nil` is unlimited.
    package var effectiveLimit: Int? {
        if let maxActive { return maxActive }
        return mode == "parallel" ? nil : 1
    }
}
