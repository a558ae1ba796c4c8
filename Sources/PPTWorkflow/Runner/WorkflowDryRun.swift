import Foundation
import PPTDomain
import PPTStorage
import SQLKit

/// The result of a dry run ("test"): the trace a real run would produce, with every action
/// simulated (nothing sent, written or called) and delays and retry waits skipped on a virtual clock.
package struct WorkflowDryRunResult: Sendable, Hashable, Codable {
    /// `succeeded`, `failed`, or `filtered` (the filters were false: no run would start).
    package var status: String
    package var errorCode: String?
    package var errorMessage: String?
    package var failedStep: String?
    /// Trace entries as a real run records them.
    package var trace: JSONValue
    /// Final workflow variables and step results.
    package var vars: JSONValue
    package var steps: JSONValue
    /// The filters as evaluated.
    package var filters: JSONValue
}

/// Runs a program against a sample trigger with simulated actions.
package struct WorkflowDryRun: Sendable {
    private let actions: WorkflowActionRegistry
    private let timeZone: TimeZone

    package init(actions: WorkflowActionRegistry, timeZone: TimeZone) {
        self.actions = actions
        self.timeZone = timeZone
    }

    /// Dry-runs `program` as `scope` against `trigger`; `sql` is a read transaction for actions that
    /// look things up (recipients) while simulating.
    package func run(_ program: WorkflowProgram, scope: OrgScope, trigger: JSONValue, event: JSONValue, now: Date,
                     sql: any SQLDatabase) async -> WorkflowDryRunResult {
        let engine = WorkflowEngine(program: program)
        var environment = RunEnvironment(trigger: trigger, event: event,
                                         run: ["id": "dry-run", "workflowID": "dry-run", "startedAt": WorkflowJSON.instant(now)],
                                         now: now, timeZone: timeZone)
        var state = RunState(variables: program.definition.variables)
        func conditions(_ traces: [ConditionTrace]) -> JSONValue {
            .array(traces.map { ["expression": .string($0.expression), "result": $0.result.map(JSONValue.bool) ?? .null,
                                 "values": .object($0.values)] })
        }
        var result = WorkflowDryRunResult(status: "succeeded", trace: [], vars: [:], steps: [:], filters: [])
        switch engine.checkFilters(environment, variables: program.definition.variables) {
        case .rejected(let traces):
            result.status = "filtered"
            result.filters = conditions(traces)
            return result
        case .failed(let traces, let message):
            result.status = "failed"
            result.errorCode = "filter.error"
            result.errorMessage = message
            result.failedStep = "filters"
            result.filters = conditions(traces)
            return result
        case .passed(let traces):
            result.filters = conditions(traces)
        }
        var decision = engine.advance(&state, environment)
        var rounds = 0
        loop: while rounds < 1000 {
            rounds += 1
            switch decision {
            case .perform(let call):
                guard let action = actions.action(named: call.action.action) else {
                    decision = engine.failed(&state, failure: ActionFailure(
                        code: "action.unknown", message: "This PPT has no action '\(call.action.action)'.", retryable: false),
                        durationMs: 0, environment)
                    continue
                }
                let actionCall = ActionCall(input: call.input, scope: scope, runID: "dry-run", workflowID: "dry-run",
                                            stepID: call.step.id, attempt: call.attempt,
                                            idempotencyKey: "dry-run:\(call.step.id)", now: environment.now, sql: sql)
                do {
                    let output = try await action.simulate(actionCall)
                    if let index = state.trace.lastIndex(where: { $0.step == call.step.id }) {
                        state.trace[index].detail["simulated"] = true
                    }
                    engine.succeeded(&state, output: output, durationMs: 0, environment)
                    decision = engine.advance(&state, environment)
                } catch {
                    decision = engine.failed(&state, failure: ActionFailure.from(error), durationMs: 0, environment)
                }
            case .sleep(let until):
                environment.now = max(until, environment.now)
                decision = engine.advance(&state, environment)
            case .finish(.succeeded):
                break loop
            case .finish(.failed(let step, let code, let message, _)):
                result.status = "failed"
                result.failedStep = step
                result.errorCode = code
                result.errorMessage = message
                break loop
            }
        }
        result.trace = state.traceJSON
        result.vars = .object(state.vars)
        result.steps = .object(state.steps)
        return result
    }
}
