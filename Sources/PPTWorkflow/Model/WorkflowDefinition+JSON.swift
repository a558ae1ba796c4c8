import Foundation
import PPTDomain

/// Reads a definition from JSON, collecting every structural problem with its JSON pointer instead
/// of stopping at the first (the editor shows them all). Semantic checks (variables, types,
/// reachability, actions) are `WorkflowValidator`'s.
package struct WorkflowDefinitionReader {
    private(set) var issues: [FieldError] = []

    package init() {}

    /// The definition, or `DomainError` `workflow.invalid_definition` listing every problem.
    package static func read(_ json: JSONValue) throws(DomainError) -> WorkflowDefinition {
        var reader = WorkflowDefinitionReader()
        let definition = reader.definition(json)
        guard let definition, reader.issues.isEmpty else { throw WorkflowDefinitionReader.error(reader.issues) }
        return definition
    }

    /// The error for a list of problems.
    package static func error(_ issues: [FieldError]) -> DomainError {
        DomainError(code: "workflow.invalid_definition", kind: .invalid,
                    message: "The workflow definition is not valid: \(issues.first?.detail ?? "")", fields: issues)
    }

    mutating func fail(_ pointer: String, _ detail: String) { issues.append(FieldError(pointer: pointer, detail: detail)) }

    mutating func definition(_ json: JSONValue) -> WorkflowDefinition? {
        guard case .object(let fields) = json else {
            fail("", "a definition is a JSON object")
            return nil
        }
        for key in fields.keys where !["trigger", "filters", "mode", "concurrency", "variables", "steps"].contains(key) {
            fail("/\(key)", "unknown field '\(key)'")
        }
        var parsedTrigger: WorkflowTrigger?
        if let value = fields["trigger"] { parsedTrigger = trigger(value) }
        if fields["trigger"] == nil { fail("/trigger", "a trigger is required") }
        var filters: [String] = []
        if let value = fields["filters"] {
            if case .array(let items) = value {
                for (index, item) in items.enumerated() {
                    if case .string(let text) = item { filters.append(text) } else {
                        fail("/filters/\(index)", "a filter is an expression string")
                    }
                }
            } else { fail("/filters", "filters are a list of expression strings") }
        }
        var mode = RunMode.parallel
        if let value = fields["mode"] {
            if let text = value.stringValue, let parsed = RunMode(rawValue: text) { mode = parsed } else {
                fail("/mode", "mode is one of \(RunMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        var concurrency: Int?
        if let value = fields["concurrency"], value != .null {
            if case .number(let n) = value, n.rounded() == n, n >= 1, n <= 1000 { concurrency = Int(n) } else {
                fail("/concurrency", "concurrency is a whole number from 1 to 1000")
            }
        }
        var variables: [String: JSONValue] = [:]
        if let value = fields["variables"] {
            if case .object(let object) = value {
                for name in object.keys where !Self.isIdentifier(name) {
                    fail("/variables/\(name)", "a variable name is letters, digits and _, starting with a letter")
                }
                variables = object
            } else { fail("/variables", "variables are an object of initial values") }
        }
        var parsedSteps: [WorkflowStep] = []
        if let value = fields["steps"] { parsedSteps = steps(value, "/steps") }
        if fields["steps"] == nil { fail("/steps", "steps are required") }
        guard let parsedTrigger else { return nil }
        return WorkflowDefinition(trigger: parsedTrigger, filters: filters, mode: mode, concurrency: concurrency,
                                  variables: variables, steps: parsedSteps)
    }

    private mutating func trigger(_ json: JSONValue) -> WorkflowTrigger? {
        guard case .object(let fields) = json, let type = fields["type"]?.stringValue else {
            fail("/trigger/type", "trigger.type is event, schedule or manual")
            return nil
        }
        switch type {
        case "event":
            guard let name = fields["event"]?.stringValue, let event = DomainEventType(rawValue: name),
                WorkflowEvents.triggerable.contains(event)
            else {
                fail("/trigger/event", "unknown event; one of \(WorkflowEvents.triggerable.map(\.rawValue).sorted().joined(separator: ", "))")
                return nil
            }
            return .event(event)
        case "schedule":
            guard let cron = fields["cron"]?.stringValue else {
                fail("/trigger/cron", "a schedule needs a cron expression (minute hour day month weekday)")
                return nil
            }
            let zone = fields["timezone"]?.stringValue ?? "UTC"
            guard TimeZone(identifier: zone) != nil else {
                fail("/trigger/timezone", "unknown time zone '\(zone)' (an IANA name such as Europe/Bratislava)")
                return nil
            }
            return .schedule(cron: cron, timeZone: zone)
        case "manual":
            var inputs: [WorkflowParameter] = []
            if let value = fields["inputs"] {
                guard case .array(let items) = value else {
                    fail("/trigger/inputs", "inputs are a list of parameters")
                    return nil
                }
                for (index, item) in items.enumerated() {
                    if let parameter = parameter(item, "/trigger/inputs/\(index)") { inputs.append(parameter) }
                }
            }
            return .manual(inputs: inputs)
        default:
            fail("/trigger/type", "trigger.type is event, schedule or manual")
            return nil
        }
    }

    /// Reads one typed parameter (manual inputs, template parameters).
    package mutating func parameter(_ json: JSONValue, _ pointer: String) -> WorkflowParameter? {
        do {
            let parameter = try JSONDecoder().decode(WorkflowParameter.self, from: JSONEncoder().encode(json))
            guard Self.isIdentifier(parameter.name) else {
                fail(pointer + "/name", "a parameter name is letters, digits and _, starting with a letter")
                return nil
            }
            if let value = parameter.defaultValue, value != .null, !parameter.type.accepts(value) {
                fail(pointer + "/default", "the default is not a \(parameter.type.rawValue)")
            }
            return parameter
        } catch {
            fail(pointer, "a parameter has a name, a type (\(WorkflowValueType.allCases.map(\.rawValue).joined(separator: ", "))) and optionally required, default, description, options")
            return nil
        }
    }

    private mutating func steps(_ json: JSONValue, _ pointer: String) -> [WorkflowStep] {
        guard case .array(let items) = json else {
            fail(pointer, "steps are a list")
            return []
        }
        return items.enumerated().compactMap { index, item in step(item, "\(pointer)/\(index)") }
    }

    private mutating func step(_ json: JSONValue, _ pointer: String) -> WorkflowStep? {
        guard case .object(let fields) = json else {
            fail(pointer, "a step is an object with id and type")
            return nil
        }
        guard let id = fields["id"]?.stringValue, Self.isIdentifier(id), id.count <= 64 else {
            fail(pointer + "/id", "a step id is letters, digits and _, starting with a letter (at most 64)")
            return nil
        }
        guard let type = fields["type"]?.stringValue else {
            fail(pointer + "/type", "a step needs a type")
            return nil
        }
        let name = fields["name"]?.stringValue
        switch type {
        case "if":
            guard let condition = fields["condition"]?.stringValue else {
                fail(pointer + "/condition", "an if step needs a condition expression")
                return nil
            }
            let then = fields["then"].map { steps($0, pointer + "/then") } ?? []
            let otherwise = fields["else"].map { steps($0, pointer + "/else") } ?? []
            return WorkflowStep(id: id, name: name, .branch(condition: condition, then: then, else: otherwise))
        case "delay":
            if let text = fields["duration"]?.stringValue {
                guard let duration = WorkflowDuration(text), duration.seconds >= 1,
                    duration.seconds <= WorkflowDuration.maximum.seconds
                else {
                    fail(pointer + "/duration", "a delay is 1s to 90d, written like 90s, 15m, 3h, 2d, 1w or 1d12h")
                    return nil
                }
                return WorkflowStep(id: id, name: name, .delay(.duration(duration)))
            }
            if let until = fields["until"]?.stringValue { return WorkflowStep(id: id, name: name, .delay(.until(until))) }
            fail(pointer + "/duration", "a delay needs a duration or an until expression")
            return nil
        case "set":
            guard case .object(let values) = fields["values"] ?? .null, !values.isEmpty else {
                fail(pointer + "/values", "a set step needs values: an object of variable name to expression")
                return nil
            }
            var expressions: [String: String] = [:]
            for (key, value) in values {
                guard Self.isIdentifier(key) else {
                    fail(pointer + "/values/\(key)", "a variable name is letters, digits and _, starting with a letter")
                    continue
                }
                guard let text = value.stringValue else {
                    fail(pointer + "/values/\(key)", "a value is an expression string (quote text: \"'text'\")")
                    continue
                }
                expressions[key] = text
            }
            return WorkflowStep(id: id, name: name, .set(expressions))
        case "stop":
            let status = fields["status"]?.stringValue ?? "succeeded"
            guard status == "succeeded" || status == "failed" else {
                fail(pointer + "/status", "a stop step ends the run as succeeded or failed")
                return nil
            }
            return WorkflowStep(id: id, name: name, .stop(failed: status == "failed", reason: fields["reason"]?.stringValue))
        default:
            return action(type, id: id, name: name, fields, pointer)
        }
    }

    private mutating func action(_ type: String, id: String, name: String?, _ fields: [String: JSONValue],
                                 _ pointer: String) -> WorkflowStep? {
        var input: [String: JSONValue] = [:]
        if let value = fields["input"] {
            guard case .object(let object) = value else {
                fail(pointer + "/input", "input is an object of the action's fields")
                return nil
            }
            input = object
        }
        var retry = RetryPolicy()
        if let value = fields["retry"] {
            guard case .object(let policy) = value else {
                fail(pointer + "/retry", "retry is an object: attempts, backoff, multiplier, nonRetryable")
                return nil
            }
            if let attempts = policy["attempts"] {
                if case .number(let n) = attempts, n.rounded() == n, (1...10).contains(n) { retry.attempts = Int(n) } else {
                    fail(pointer + "/retry/attempts", "attempts is a whole number from 1 to 10")
                }
            }
            if let backoff = policy["backoff"] {
                if let text = backoff.stringValue, let duration = WorkflowDuration(text), duration.seconds <= 86_400 {
                    retry.backoff = duration
                } else { fail(pointer + "/retry/backoff", "backoff is a duration up to 1d, like 30s or 5m") }
            }
            if let multiplier = policy["multiplier"] {
                if case .number(let n) = multiplier, (1...10).contains(n) { retry.multiplier = n } else {
                    fail(pointer + "/retry/multiplier", "multiplier is a number from 1 to 10")
                }
            }
            if let codes = policy["nonRetryable"] {
                if case .array(let items) = codes, items.allSatisfy({ $0.stringValue != nil }) {
                    retry.nonRetryable = items.compactMap(\.stringValue)
                } else { fail(pointer + "/retry/nonRetryable", "nonRetryable is a list of error codes") }
            }
        }
        var onFailure = FailurePolicy.stop
        switch fields["onFailure"] {
        case nil, .string("stop")?: break
        case .string("continue")?: onFailure = .continue
        case .object(let object)?:
            if let workflow = object["workflow"]?.stringValue, !workflow.isEmpty { onFailure = .errorWorkflow(workflow) } else {
                fail(pointer + "/onFailure/workflow", "name the error workflow's id")
            }
        default:
            fail(pointer + "/onFailure", "onFailure is stop, continue, or {\"workflow\": \"<id>\"}")
        }
        return WorkflowStep(id: id, name: name, .action(ActionStep(action: type, input: input, retry: retry, onFailure: onFailure)))
    }

    /// Letters, digits and `_`, starting with a letter.
    package static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, CharacterSet.letters.contains(first), first.isASCII else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
    }
}

extension WorkflowDefinition {
    /// The definition as JSON (the stored and exported form).
    package var json: JSONValue {
        var object: [String: JSONValue] = ["trigger": trigger.json, "mode": .string(mode.rawValue),
                                           "steps": .array(steps.map(\.json))]
        if !filters.isEmpty { object["filters"] = .array(filters.map(JSONValue.string)) }
        if let concurrency { object["concurrency"] = .number(Double(concurrency)) }
        if !variables.isEmpty { object["variables"] = .object(variables) }
        return .object(object)
    }
}

extension WorkflowTrigger {
    /// The trigger as JSON.
    package var json: JSONValue {
        switch self {
        case .event(let type): ["type": "event", "event": .string(type.rawValue)]
        case .schedule(let cron, let zone): ["type": "schedule", "cron": .string(cron), "timezone": .string(zone)]
        case .manual(let inputs):
            ["type": "manual",
             "inputs": .array(inputs.map { (try? JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode($0))) ?? .null })]
        }
    }
}

extension WorkflowStep {
    /// The step as JSON.
    package var json: JSONValue {
        var object: [String: JSONValue] = ["id": .string(id), "type": .string(typeName)]
        if let name { object["name"] = .string(name) }
        switch kind {
        case .action(let action):
            object["input"] = .object(action.input)
            let retry = action.retry
            var policy: [String: JSONValue] = ["attempts": .number(Double(retry.attempts)),
                                               "backoff": .string(retry.backoff.description),
                                               "multiplier": .number(retry.multiplier)]
            if !retry.nonRetryable.isEmpty { policy["nonRetryable"] = .array(retry.nonRetryable.map(JSONValue.string)) }
            object["retry"] = .object(policy)
            switch action.onFailure {
            case .stop: object["onFailure"] = "stop"
            case .continue: object["onFailure"] = "continue"
            case .errorWorkflow(let id): object["onFailure"] = ["workflow": .string(id)]
            }
        case .branch(let condition, let then, let otherwise):
            object["condition"] = .string(condition)
            object["then"] = .array(then.map(\.json))
            object["else"] = .array(otherwise.map(\.json))
        case .delay(.duration(let duration)): object["duration"] = .string(duration.description)
        case .delay(.until(let expression)): object["until"] = .string(expression)
        case .set(let values): object["values"] = .object(values.mapValues(JSONValue.string))
        case .stop(let failed, let reason):
            object["status"] = failed ? "failed" : "succeeded"
            if let reason { object["reason"] = .string(reason) }
        }
        return .object(object)
    }
}
