import Foundation
import PPTDomain

/// What a run sees besides its own state: the trigger, the event, the run's identity, the time.
package struct RunEnvironment: Sendable {
    /// `trigger.*`.
    package var trigger: JSONValue
    /// `event.*`.
    package var event: JSONValue
    /// `run.*` (id, workflowID, startedAt).
    package var run: JSONValue
    /// The current instant.
    package var now: Date
    /// Time zone of dates without one.
    package var timeZone: TimeZone

    package init(trigger: JSONValue, event: JSONValue, run: JSONValue, now: Date,
                 timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.trigger = trigger
        self.event = event
        self.run = run
        self.now = now
        self.timeZone = timeZone
    }

    /// The expression context for `state`.
    package func context(_ state: RunState) -> ExpressionContext {
        ExpressionContext(
            variables: ["trigger": trigger, "event": event, "run": run, "vars": .object(state.vars),
                        "steps": .object(state.steps)],
            now: now, timeZone: timeZone)
    }
}

/// The workflow engine: a pure state machine over a compiled program (DESIGN §7). It never does I/O:
/// it tells the runner which action to perform, how long to sleep, or how the run ended, and the
/// runner persists each transition and reports results back.
package struct WorkflowEngine: Sendable {
    /// The next thing the runner must do.
    package enum Decision: Sendable {
        /// Perform an action (attempt `attempt`, counted in the state already).
        case perform(StepCall)
        /// Persist and sleep until the instant (a delay or a retry backoff).
        case sleep(until: Date)
        /// The run ended.
        case finish(RunOutcome)
    }

    /// An action to perform.
    package struct StepCall: Sendable {
        package let step: WorkflowStep
        package let action: ActionStep
        package let input: [String: JSONValue]
        package let attempt: Int
    }

    /// How a run ended.
    package enum RunOutcome: Sendable, Hashable {
        case succeeded
        /// Failed at `step` with a code and message; `errorWorkflow` is started when set.
        case failed(step: String?, code: String, message: String, errorWorkflow: String?)
    }

    package let program: WorkflowProgram

    package init(program: WorkflowProgram) { self.program = program }

    /// Advances through steps without side effects (conditions, variables, delays that have passed,
    /// jumps) until an action must run, the run must sleep, or it ends.
    package func advance(_ state: inout RunState, _ environment: RunEnvironment) -> Decision {
        var budget = 10_000  // a bound on pure steps per call; programs have no loops, so it is never reached
        while budget > 0 {
            budget -= 1
            guard state.pc < program.instructions.count else { return .finish(.succeeded) }
            switch program.instructions[state.pc] {
            case .jump(let target):
                state.pc = target
            case .branch(let step, let source, let condition, let elseTarget):
                var entry = TraceEntry(step: step.id, type: "if", status: "succeeded", startedAt: environment.now)
                let context = environment.context(state)
                var trace = ConditionTrace(expression: source, result: nil, values: Self.values(condition.variablePaths, context))
                do {
                    let result = try condition.condition(in: context)
                    trace.result = result
                    entry.condition = trace
                    entry.detail["branch"] = result ? "then" : "else"
                    entry.finishedAt = environment.now
                    state.trace.append(entry)
                    state.steps[step.id] = ["status": "succeeded", "output": ["result": .bool(result)]]
                    state.pc = result ? state.pc + 1 : elseTarget
                } catch {
                    entry.condition = trace
                    return fail(&state, entry: entry, step: step.id, code: "expression.error",
                                message: "condition '\(source)': \(error.description)", environment)
                }
            case .set(let step, let assignments):
                var entry = TraceEntry(step: step.id, type: "set", status: "succeeded", startedAt: environment.now)
                var assigned: [String: JSONValue] = [:]
                for assignment in assignments {
                    do {
                        let value = try assignment.expression.evaluate(in: environment.context(state))
                        state.vars[assignment.name] = value
                        assigned[assignment.name] = value
                    } catch {
                        return fail(&state, entry: entry, step: step.id, code: "expression.error",
                                    message: "vars.\(assignment.name) = '\(assignment.source)': \(error.description)", environment)
                    }
                }
                entry.output = .object(assigned)
                entry.finishedAt = environment.now
                state.trace.append(entry)
                state.steps[step.id] = ["status": "succeeded", "output": .object(assigned)]
                state.pc += 1
            case .delay(let step, let spec, let until):
                if let resumeAt = state.resumeAt {
                    if environment.now < resumeAt { return .sleep(until: resumeAt) }
                    state.resumeAt = nil
                    if let index = state.trace.lastIndex(where: { $0.step == step.id && $0.status == "waiting" }) {
                        state.trace[index].status = "succeeded"
                        state.trace[index].finishedAt = environment.now
                    }
                    state.steps[step.id] = ["status": "succeeded", "output": ["resumedAt": WorkflowJSON.instant(environment.now)]]
                    state.pc += 1
                    continue
                }
                var entry = TraceEntry(step: step.id, type: "delay", status: "waiting", startedAt: environment.now)
                let wakeAt: Date
                switch spec {
                case .duration(let duration):
                    wakeAt = environment.now.addingTimeInterval(TimeInterval(duration.seconds))
                case .until:
                    do {
                        wakeAt = try Self.instant(until!.evaluate(in: environment.context(state)), environment.timeZone)
                    } catch {
                        return fail(&state, entry: entry, step: step.id, code: "expression.error",
                                    message: "delay until: \(Self.describe(error))", environment)
                    }
                    if wakeAt.timeIntervalSince(environment.now) > TimeInterval(WorkflowDuration.maximum.seconds) {
                        return fail(&state, entry: entry, step: step.id, code: "delay.too_long",
                                    message: "a delay may last at most 90 days", environment)
                    }
                }
                entry.detail["until"] = WorkflowJSON.instant(wakeAt)
                if wakeAt <= environment.now {
                    entry.status = "succeeded"
                    entry.finishedAt = environment.now
                    state.trace.append(entry)
                    state.steps[step.id] = ["status": "succeeded", "output": ["resumedAt": WorkflowJSON.instant(environment.now)]]
                    state.pc += 1
                    continue
                }
                state.trace.append(entry)
                state.resumeAt = wakeAt
                return .sleep(until: wakeAt)
            case .stop(let step, let failed, let reason):
                var entry = TraceEntry(step: step.id, type: "stop", status: failed ? "failed" : "succeeded",
                                       startedAt: environment.now)
                entry.finishedAt = environment.now
                if let reason { entry.detail["reason"] = .string(reason) }
                state.trace.append(entry)
                state.pc = program.instructions.count
                if failed {
                    return .finish(.failed(step: step.id, code: "run.stopped", message: reason ?? "The workflow stopped the run.",
                                           errorWorkflow: nil))
                }
                return .finish(.succeeded)
            case .action(let step, let action, let input):
                if let resumeAt = state.resumeAt {
                    if environment.now < resumeAt { return .sleep(until: resumeAt) }
                    state.resumeAt = nil
                }
                let rendered: JSONValue
                do { rendered = try input.render(in: environment.context(state)) } catch {
                    var entry = TraceEntry(step: step.id, type: action.action, status: "failed", startedAt: environment.now)
                    entry.attempts = [AttemptTrace(attempt: state.attempt + 1, startedAt: environment.now)]
                    return failAction(&state, step: step, action: action, entry: entry, attempt: state.attempt + 1,
                                      failure: ActionFailure(code: "expression.error", message: error.description, retryable: false),
                                      environment)
                }
                guard case .object(let fields) = rendered else { return .finish(.failed(step: step.id, code: "action.invalid_input", message: "input is not an object", errorWorkflow: nil)) }
                state.attempt += 1
                var entry: TraceEntry
                if let index = state.trace.lastIndex(where: { $0.step == step.id && $0.status == "running" }) {
                    entry = state.trace.remove(at: index)
                } else {
                    entry = TraceEntry(step: step.id, type: action.action, status: "running", startedAt: environment.now)
                }
                entry.input = rendered
                entry.attempts.append(AttemptTrace(attempt: state.attempt, startedAt: environment.now))
                state.trace.append(entry)
                return .perform(StepCall(step: step, action: action, input: fields, attempt: state.attempt))
            }
        }
        return .finish(.failed(step: nil, code: "run.runaway", message: "The run took too many steps at once.", errorWorkflow: nil))
    }

    /// Records an action's success and moves past it.
    package func succeeded(_ state: inout RunState, output: JSONValue, durationMs: Int, _ environment: RunEnvironment) {
        guard case .action(let step, _, _) = program.instructions[state.pc] else { return }
        if let index = state.trace.lastIndex(where: { $0.step == step.id && $0.status == "running" }) {
            state.trace[index].status = "succeeded"
            state.trace[index].output = output
            state.trace[index].finishedAt = environment.now
            if !state.trace[index].attempts.isEmpty { state.trace[index].attempts[state.trace[index].attempts.count - 1].durationMs = durationMs }
        }
        state.steps[step.id] = ["status": "succeeded", "output": output]
        state.attempt = 0
        state.pc += 1
    }

    /// Records an action's failure; returns the next decision: sleep until a retry, go on
    /// (`continue`), or end the run failed.
    package func failed(_ state: inout RunState, failure: ActionFailure, durationMs: Int, _ environment: RunEnvironment) -> Decision {
        guard case .action(let step, let action, _) = program.instructions[state.pc] else {
            return .finish(.failed(step: nil, code: failure.code, message: failure.message, errorWorkflow: nil))
        }
        var entry = TraceEntry(step: step.id, type: action.action, status: "running", startedAt: environment.now)
        if let index = state.trace.lastIndex(where: { $0.step == step.id && $0.status == "running" }) {
            entry = state.trace.remove(at: index)
        }
        if !entry.attempts.isEmpty { entry.attempts[entry.attempts.count - 1].durationMs = durationMs }
        return failAction(&state, step: step, action: action, entry: entry, attempt: state.attempt, failure: failure, environment)
    }

    private func failAction(_ state: inout RunState, step: WorkflowStep, action: ActionStep, entry: TraceEntry, attempt: Int,
                            failure: ActionFailure, _ environment: RunEnvironment) -> Decision {
        var entry = entry
        let error = TraceError(code: failure.code, message: failure.message)
        if !entry.attempts.isEmpty { entry.attempts[entry.attempts.count - 1].error = error }
        let retryable = failure.retryable && !action.retry.nonRetryable.contains(failure.code)
        if retryable && attempt < action.retry.attempts {
            let retryAt = environment.now.addingTimeInterval(action.retry.delay(afterAttempt: attempt))
            if !entry.attempts.isEmpty { entry.attempts[entry.attempts.count - 1].retryAt = retryAt }
            entry.status = "running"
            entry.error = error
            state.trace.append(entry)
            state.resumeAt = retryAt
            return .sleep(until: retryAt)
        }
        entry.status = "failed"
        entry.error = error
        entry.finishedAt = environment.now
        state.trace.append(entry)
        state.steps[step.id] = ["status": "failed", "output": .null,
                                "error": ["code": .string(failure.code), "message": .string(failure.message)]]
        switch action.onFailure {
        case .continue:
            state.attempt = 0
            state.pc += 1
            return advance(&state, environment)
        case .stop:
            return .finish(.failed(step: step.id, code: failure.code, message: failure.message, errorWorkflow: nil))
        case .errorWorkflow(let id):
            return .finish(.failed(step: step.id, code: failure.code, message: failure.message, errorWorkflow: id))
        }
    }

    private func fail(_ state: inout RunState, entry: TraceEntry, step: String, code: String, message: String,
                      _ environment: RunEnvironment) -> Decision {
        var entry = entry
        entry.status = "failed"
        entry.error = TraceError(code: code, message: message)
        entry.finishedAt = environment.now
        state.trace.append(entry)
        state.steps[step] = ["status": "failed", "output": .null, "error": ["code": .string(code), "message": .string(message)]]
        return .finish(.failed(step: step, code: code, message: message, errorWorkflow: nil))
    }

    /// Evaluates the filters: `nil` when all pass, else the trace of the first that is false (or
    /// fails to evaluate, which is returned as an error).
    package func checkFilters(_ environment: RunEnvironment, variables: [String: JSONValue]) -> FilterResult {
        let state = RunState(variables: variables)
        var traces: [ConditionTrace] = []
        for filter in program.filters {
            let context = environment.context(state)
            var trace = ConditionTrace(expression: filter.source, result: nil, values: Self.values(filter.expression.variablePaths, context))
            do {
                let result = try filter.expression.condition(in: context)
                trace.result = result
                traces.append(trace)
                if !result { return .rejected(traces) }
            } catch {
                traces.append(trace)
                return .failed(traces, message: "filter '\(filter.source)': \(error.description)")
            }
        }
        return .passed(traces)
    }

    /// The outcome of a run's filters.
    package enum FilterResult: Sendable {
        case passed([ConditionTrace])
        case rejected([ConditionTrace])
        /// A filter failed to evaluate: the run is recorded as failed (fail closed).
        case failed([ConditionTrace], message: String)
    }

    /// The values of `paths` in `context`, `null` where missing (for traces).
    static func values(_ paths: [String], _ context: ExpressionContext) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for path in Set(paths) {
            var value: JSONValue? = nil
            for (index, part) in path.split(separator: ".").enumerated() {
                if index == 0 { value = context.variables[String(part)] } else if case .object(let fields)? = value {
                    value = fields[String(part)]
                } else { value = nil }
            }
            values[path] = value ?? .null
        }
        return values
    }

    /// An instant from an expression's value: ISO 8601, or a day (midnight in `timeZone`).
    static func instant(_ value: JSONValue, _ timeZone: TimeZone) throws -> Date {
        guard case .string(let text) = value else { throw ExpressionError("expected a date or an instant, got a \(value.typeName)") }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let day = CalendarDate(text) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            if let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) { return date }
        }
        throw ExpressionError("'\(text)' is neither a date (YYYY-MM-DD) nor an ISO 8601 instant")
    }

    static func describe(_ error: any Error) -> String {
        (error as? ExpressionError)?.description ?? "\(error)"
    }
}
