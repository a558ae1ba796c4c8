import Foundation
import PPTDomain

/// A workflow's definition (DESIGN §7): what starts it, which triggers it accepts, how overlapping
/// runs behave, and the steps it runs. Stored as JSON; every save is a new, immutable version, and a
/// run keeps the version it started with.
///
/// JSON shape (camelCase keys):
/// ```json
/// { "trigger": {"type": "event", "event": "fault_created"},
///   "filters": ["trigger.priority == 'urgent'"],
///   "mode": "single", "concurrency": 1,
///   "variables": {"reminders": 0},
///   "steps": [ {"id": "notify", "type": "notify", "input": {"roles": ["manager"], "title": "…"}} ] }
/// ```
package struct WorkflowDefinition: Sendable, Hashable {
    /// What starts a run.
    package var trigger: WorkflowTrigger
    /// Conditions over the trigger; a run starts only when all are true. One that fails to evaluate
    /// records a failed run (fail closed), never a silent skip.
    package var filters: [String]
    /// What happens when the workflow is triggered while runs of it are active.
    package var mode: RunMode
    /// Most runs active at once; `nil` means 1 for `single`, `restart` and `queued`, unlimited for `parallel`.
    package var concurrency: Int?
    /// Initial workflow variables (`vars.*`).
    package var variables: [String: JSONValue]
    /// The steps, in order.
    package var steps: [WorkflowStep]

    package init(trigger: WorkflowTrigger, filters: [String] = [], mode: RunMode = .parallel, concurrency: Int? = nil,
                 variables: [String: JSONValue] = [:], steps: [WorkflowStep]) {
        self.trigger = trigger
        self.filters = filters
        self.mode = mode
        self.concurrency = concurrency
        self.variables = variables
        self.steps = steps
    }

    /// Runs allowed at once under `mode` and `concurrency`; `nil` is unlimited.
    package var effectiveConcurrency: Int? {
        if let concurrency { return concurrency }
        return mode == .parallel ? nil : 1
    }

    /// Every step, depth first, with its JSON pointer.
    package var allSteps: [(step: WorkflowStep, pointer: String)] {
        func walk(_ steps: [WorkflowStep], _ base: String) -> [(WorkflowStep, String)] {
            steps.enumerated().flatMap { index, step -> [(WorkflowStep, String)] in
                let pointer = "\(base)/\(index)"
                switch step.kind {
                case .branch(_, let then, let otherwise):
                    return [(step, pointer)] + walk(then, pointer + "/then") + walk(otherwise, pointer + "/else")
                default:
                    return [(step, pointer)]
                }
            }
        }
        return walk(steps, "/steps")
    }
}

/// What starts a workflow run.
package enum WorkflowTrigger: Sendable, Hashable {
    /// A domain event from the outbox.
    case event(DomainEventType)
    /// A cron schedule (five fields) evaluated in an IANA time zone.
    case schedule(cron: String, timeZone: String)
    /// Started by a person or the API, with typed inputs.
    case manual(inputs: [WorkflowParameter])

    /// `event`, `schedule` or `manual`.
    package var typeName: String {
        switch self {
        case .event: "event"
        case .schedule: "schedule"
        case .manual: "manual"
        }
    }
}

/// Behaviour when a workflow is triggered while runs of it are active (at its concurrency limit).
package enum RunMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// The new trigger is recorded as a skipped run.
    case single
    /// Active runs are cancelled and the new one starts.
    case restart
    /// The new run waits and starts when a slot frees up, oldest first.
    case queued
    /// Runs overlap, up to the concurrency limit if one is set (then further runs queue).
    case parallel
}

/// A typed parameter: a manual trigger's input or a template's parameter.
package struct WorkflowParameter: Sendable, Hashable, Codable {
    /// Name used in expressions (`trigger.<name>`) or templates (`{"$param": "<name>"}`).
    package var name: String
    /// The value's type.
    package var type: WorkflowValueType
    /// Whether a value must be given (when there is no default).
    package var required: Bool
    /// Used when no value is given.
    package var defaultValue: JSONValue?
    /// What it is for, for people.
    package var description: String?
    /// Allowed values, when the parameter is a choice.
    package var options: [JSONValue]?

    package init(name: String, type: WorkflowValueType, required: Bool = true, defaultValue: JSONValue? = nil,
                 description: String? = nil, options: [JSONValue]? = nil) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.description = description
        self.options = options
    }

    private enum CodingKeys: String, CodingKey {
        case name, type, required, description, options
        case defaultValue = "default"
    }

    /// `required` may be left out: a parameter is required unless it says otherwise or has a default.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(WorkflowValueType.self, forKey: .type)
        defaultValue = try c.decodeIfPresent(JSONValue.self, forKey: .defaultValue)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? (defaultValue == nil)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        options = try c.decodeIfPresent([JSONValue].self, forKey: .options)
    }
}

/// The value types of parameters, event fields and action outputs.
package enum WorkflowValueType: String, Sendable, Hashable, Codable, CaseIterable {
    case string, number, integer, boolean
    /// `YYYY-MM-DD`.
    case date
    /// ISO 8601 instant.
    case datetime
    /// `90s`, `15m`, `3h`, `2d`, `1w` (combinable: `1d12h`).
    case duration
    case list, object
    /// Any JSON value.
    case any

    /// Whether `value` has this type.
    package func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.any, _): true
        case (.string, .string), (.number, .number), (.boolean, .bool), (.list, .array), (.object, .object): true
        case (.integer, .number(let n)): n.rounded() == n
        case (.date, .string(let s)): CalendarDate(s) != nil
        case (.datetime, .string(let s)): (try? Date(s, strategy: .iso8601)) != nil
        case (.duration, .string(let s)): WorkflowDuration(s) != nil
        default: false
        }
    }

    /// A representative value, used to type-check expressions when a definition is saved.
    package var sample: JSONValue {
        switch self {
        case .string: "text"
        case .number: 1.5
        case .integer: 1
        case .boolean: true
        case .date: "2026-01-15"
        case .datetime: "2026-01-15T09:00:00Z"
        case .duration: "1d"
        case .list: []
        case .object: [:]
        case .any: .null
        }
    }
}
