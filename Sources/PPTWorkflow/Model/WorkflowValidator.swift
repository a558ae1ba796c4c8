import Foundation
import PPTDomain

/// Checks a definition on save, reporting every problem with its JSON pointer: expressions that do
/// not parse, unknown variables (trigger fields the event does not carry, steps that have not run
/// yet, undeclared `vars`), wrong types (found by evaluating against typed sample values), unknown
/// actions and input fields, unreachable steps, duplicate step ids, bad schedules.
package struct WorkflowValidator: Sendable {
    private let actions: WorkflowActionRegistry
    /// Parses a cron expression in a time zone (`CronSchedule`); returns the problem, if any.
    private let checkCron: @Sendable (String, String) -> String?

    package init(actions: WorkflowActionRegistry, checkCron: @escaping @Sendable (String, String) -> String?) {
        self.actions = actions
        self.checkCron = checkCron
    }

    /// Every problem found; empty when the definition is good.
    package func problems(_ definition: WorkflowDefinition) -> [FieldError] {
        var issues: [FieldError] = []
        if case .schedule(let cron, let zone) = definition.trigger, let problem = checkCron(cron, zone) {
            issues.append(FieldError(pointer: "/trigger/cron", detail: problem))
        }
        if definition.allSteps.isEmpty { issues.append(FieldError(pointer: "/steps", detail: "a workflow needs at least one step")) }
        if definition.allSteps.count > 200 { issues.append(FieldError(pointer: "/steps", detail: "a workflow has at most 200 steps")) }
        var seen: Set<String> = []
        for (step, pointer) in definition.allSteps where !seen.insert(step.id).inserted {
            issues.append(FieldError(pointer: pointer + "/id", detail: "the step id '\(step.id)' is used twice"))
        }
        var scope = Scope(trigger: triggerFields(definition.trigger), vars: Set(definition.variables.keys),
                          varSamples: definition.variables)
        for (index, filter) in definition.filters.enumerated() {
            check(filter, "/filters/\(index)", scope, condition: true, &issues)
        }
        walk(definition.steps, "/steps", &scope, &issues)
        return issues
    }

    /// Throws `workflow.invalid_definition` listing every problem.
    package func validate(_ definition: WorkflowDefinition) throws(DomainError) {
        let issues = problems(definition)
        if !issues.isEmpty { throw WorkflowDefinitionReader.error(issues) }
    }

    /// What expressions may read at a point of the definition.
    private struct Scope {
        /// Trigger fields and types; `nil` when any field is allowed (manual runs of event-less input).
        var trigger: [String: WorkflowValueType]
        /// Steps that have run before this point, with their output fields (`nil`: any).
        var steps: [String: [String: WorkflowValueType]?] = [:]
        var vars: Set<String>
        var varSamples: [String: JSONValue]
    }

    private func triggerFields(_ trigger: WorkflowTrigger) -> [String: WorkflowValueType] {
        switch trigger {
        case .event(let type): WorkflowEvents.fields(of: type)
        case .schedule: ["scheduledAt": .datetime]
        case .manual(let inputs): Dictionary(inputs.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        }
    }

    private func walk(_ steps: [WorkflowStep], _ base: String, _ scope: inout Scope, _ issues: inout [FieldError]) {
        var ended = false
        for (index, step) in steps.enumerated() {
            let pointer = "\(base)/\(index)"
            if ended {
                issues.append(FieldError(pointer: pointer, detail: "step '\(step.id)' is unreachable: a stop step comes before it"))
            }
            switch step.kind {
            case .action(let action):
                checkAction(action, pointer, scope, &issues)
                scope.steps[step.id] = actions.action(named: action.action).map { $0.output.isEmpty ? nil : $0.output } ?? nil
            case .branch(let condition, let then, let otherwise):
                check(condition, pointer + "/condition", scope, condition: true, &issues)
                if let constant = try? Expression.parse(condition), case .literal(.bool(let value)) = constant {
                    let dead = value ? otherwise : then
                    if let first = dead.first {
                        issues.append(FieldError(
                            pointer: pointer + (value ? "/else/0" : "/then/0"),
                            detail: "step '\(first.id)' is unreachable: the condition is always \(value)"))
                    }
                }
                scope.steps[step.id] = ["result": .boolean]
                var thenScope = scope, elseScope = scope
                walk(then, pointer + "/then", &thenScope, &issues)
                walk(otherwise, pointer + "/else", &elseScope, &issues)
                // After the branch, steps of either side may have run: later steps read them with `?.`.
                scope.steps.merge(thenScope.steps) { a, _ in a }
                scope.steps.merge(elseScope.steps) { a, _ in a }
                scope.vars.formUnion(thenScope.vars)
                scope.vars.formUnion(elseScope.vars)
                scope.varSamples.merge(thenScope.varSamples) { a, _ in a }
            case .delay(.until(let expression)):
                check(expression, pointer + "/until", scope, condition: false, &issues)
                scope.steps[step.id] = ["resumedAt": .datetime]
            case .delay:
                scope.steps[step.id] = ["resumedAt": .datetime]
            case .set(let values):
                for name in values.keys.sorted() {
                    check(values[name]!, pointer + "/values/\(name)", scope, condition: false, &issues)
                }
                for name in values.keys {
                    scope.vars.insert(name)
                    if scope.varSamples[name] == nil { scope.varSamples[name] = .null }
                }
                scope.steps[step.id] = .some(nil)
            case .stop:
                ended = true
            }
        }
    }

    private func checkAction(_ step: ActionStep, _ pointer: String, _ scope: Scope, _ issues: inout [FieldError]) {
        guard let action = actions.action(named: step.action) else {
            let known = actions.all.map(\.name).joined(separator: ", ")
            issues.append(FieldError(pointer: pointer + "/type",
                                     detail: "unknown action '\(step.action)'; actions: \(known), and the steps if, delay, set, stop"))
            return
        }
        let fields = Dictionary(action.fields.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for field in action.fields where field.required && step.input[field.name] == nil {
            issues.append(FieldError(pointer: pointer + "/input/\(field.name)", detail: "\(action.name) needs input.\(field.name): \(field.description)"))
        }
        for key in step.input.keys.sorted() where fields[key] == nil {
            issues.append(FieldError(pointer: pointer + "/input/\(key)",
                                     detail: "\(action.name) has no input '\(key)'; it takes \(action.fields.map(\.name).joined(separator: ", "))"))
        }
        do {
            let compiled = try CompiledInput(step.input)
            for path in compiled.variablePaths { if let problem = unknown(path, scope) {
                issues.append(FieldError(pointer: pointer + "/input", detail: problem))
            } }
        } catch {
            issues.append(FieldError(pointer: pointer + "/input", detail: error.description))
        }
    }

    private func check(_ source: String, _ pointer: String, _ scope: Scope, condition: Bool, _ issues: inout [FieldError]) {
        let expression: Expression
        do { expression = try Expression.parse(source) } catch {
            issues.append(FieldError(pointer: pointer, detail: "'\(source)': \(error.description)"))
            return
        }
        var unknownFound = false
        for path in expression.variablePaths {
            if let problem = unknown(path, scope) {
                issues.append(FieldError(pointer: pointer, detail: problem))
                unknownFound = true
            }
        }
        guard !unknownFound, let context = sampleContext(for: expression.variablePaths, scope) else { return }
        do {
            if condition { _ = try expression.condition(in: context) } else { _ = try expression.evaluate(in: context) }
        } catch {
            let message = error.description
            let typeProblems = ["needs ", "cannot add", "cannot compare", "cannot order", "cannot look for", "a condition must",
                                "unknown function", "(): "]
            if typeProblems.contains(where: message.contains) {
                issues.append(FieldError(pointer: pointer, detail: "wrong type in '\(source)': \(message)"))
            }
        }
    }

    /// Why `path` cannot be read here, or `nil` when it can.
    private func unknown(_ path: String, _ scope: Scope) -> String? {
        let parts = path.split(separator: ".").map(String.init)
        guard let root = parts.first else { return nil }
        switch root {
        case "trigger":
            guard parts.count > 1 else { return nil }
            if scope.trigger[parts[1]] == nil {
                return "unknown variable 'trigger.\(parts[1])'; the trigger has \(scope.trigger.keys.sorted().joined(separator: ", "))"
            }
        case "event":
            if parts.count > 1, WorkflowEvents.eventFields[parts[1]] == nil {
                return "unknown variable 'event.\(parts[1])'; event has \(WorkflowEvents.eventFields.keys.sorted().joined(separator: ", "))"
            }
        case "run":
            if parts.count > 1, !["id", "workflowID", "startedAt"].contains(parts[1]) {
                return "unknown variable 'run.\(parts[1])'; run has id, workflowID, startedAt"
            }
        case "vars":
            if parts.count > 1, !scope.vars.contains(parts[1]) {
                return "unknown variable 'vars.\(parts[1])': declare it in variables or set it in an earlier step"
            }
        case "steps":
            guard parts.count > 1 else { return nil }
            guard let output = scope.steps[parts[1]] else {
                return "unknown variable 'steps.\(parts[1])': no step with that id runs before this one"
            }
            if parts.count > 2, !["output", "status", "error"].contains(parts[2]) {
                return "unknown variable 'steps.\(parts[1]).\(parts[2])'; a step has output, status, error"
            }
            if parts.count > 3, parts[2] == "output", let output, output[parts[3]] == nil {
                return "unknown variable 'steps.\(parts[1]).output.\(parts[3])'; its output has \(output.keys.sorted().joined(separator: ", "))"
            }
        default:
            return "unknown variable '\(root)'; variables are trigger, event, steps, vars, run"
        }
        return nil
    }

    /// A context of typed samples for the paths, or `nil` when a path's type is not known exactly
    /// (then type errors cannot be told apart from sample artefacts, and the check is skipped).
    private func sampleContext(for paths: [String], _ scope: Scope) -> ExpressionContext? {
        var trigger: [String: JSONValue] = [:]
        for (name, type) in scope.trigger {
            trigger[name] = type.sample
        }
        for path in paths {
            let parts = path.split(separator: ".").map(String.init)
            switch parts.first {
            case "trigger":
                guard parts.count == 2, let type = scope.trigger[parts[1]], ![.any, .list, .object].contains(type) else { return nil }
            case "vars":
                guard parts.count == 2, let sample = scope.varSamples[parts[1]], sample != .null else { return nil }
            case "event", "run":
                guard parts.count == 2 else { return nil }
            default:
                return nil
            }
        }
        let event: JSONValue = .object(WorkflowEvents.eventFields.mapValues(\.sample))
        let run: JSONValue = ["id": "run", "workflowID": "workflow", "startedAt": WorkflowValueType.datetime.sample]
        return ExpressionContext(variables: ["trigger": .object(trigger), "event": event, "run": run,
                                             "vars": .object(scope.varSamples), "steps": [:]])
    }
}
