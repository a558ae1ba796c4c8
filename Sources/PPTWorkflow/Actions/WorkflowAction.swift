import Foundation
import PPTDomain
import SQLKit

/// An action a workflow step performs (`email`, `notify`, `http`, `create_fault`, …).
///
/// Exactly-once comes from where the effect happens:
/// - `.database` actions run on the run's own open transaction (`ActionCall.sql`), inside a
///   savepoint, and commit together with the run's next state: a crash before the commit rolls the
///   effect back with the state, so a retried segment does it once (e-mail is queued this way, and
///   sent by the mail job);
/// - `.external` actions (HTTP, LLM) run outside any transaction; their result is committed with the
///   next state. A crash in between repeats the call, which carries the same `idempotencyKey`
///   (HTTP sends it as `Idempotency-Key`) so the receiver can drop the repeat.
package protocol WorkflowAction: Sendable {
    /// The step `type` that selects this action.
    var name: String { get }
    /// Where the side effect happens.
    var effect: ActionEffect { get }
    /// The input fields it takes.
    var fields: [ActionField] { get }
    /// The fields of its output (`steps.<id>.output.*`), for checking definitions on save.
    var output: [String: WorkflowValueType] { get }
    /// Performs the action. Throw `ActionFailure` for expected failures (with `retryable` saying
    /// whether another attempt can help); any other error counts as retryable `action.failed`.
    func perform(_ call: ActionCall) async throws -> JSONValue
    /// What the action would do, without doing it: dry runs, template previews. Must not write,
    /// send or call anything; may read (e.g. resolve recipients) through `call.sql`.
    func simulate(_ call: ActionCall) async throws -> JSONValue
}

/// Where an action's side effect happens.
package enum ActionEffect: Sendable, Hashable {
    /// In the database, on the run's transaction (exactly once).
    case database
    /// Outside PPT (at least once, with an idempotency key).
    case external
}

/// One input field of an action.
package struct ActionField: Sendable, Hashable {
    /// Field name in `input`.
    package let name: String
    /// Type of the rendered value.
    package let type: WorkflowValueType
    /// Whether the field must be present.
    package let required: Bool
    /// What it is for, for people (shown by `GET workflow-actions`).
    package let description: String

    package init(_ name: String, _ type: WorkflowValueType, required: Bool = false, _ description: String) {
        self.name = name
        self.type = type
        self.required = required
        self.description = description
    }
}

/// Everything an action needs for one attempt.
package struct ActionCall: Sendable {
    /// The step's input after rendering its templates.
    package let input: [String: JSONValue]
    /// The run acts as the workflow version's author, with that member's current role.
    package let scope: OrgScope
    /// The run.
    package let runID: String
    /// The workflow.
    package let workflowID: String
    /// The step being run.
    package let stepID: String
    /// 1 for the first attempt.
    package let attempt: Int
    /// Stable across attempts and crash recovery of this step in this run.
    package let idempotencyKey: String
    /// The run's clock.
    package let now: Date
    /// The run's open transaction; set for `.database` actions and for `simulate`.
    package let sql: (any SQLDatabase)?

    package init(input: [String: JSONValue], scope: OrgScope, runID: String, workflowID: String, stepID: String,
                 attempt: Int, idempotencyKey: String, now: Date, sql: (any SQLDatabase)?) {
        self.input = input
        self.scope = scope
        self.runID = runID
        self.workflowID = workflowID
        self.stepID = stepID
        self.attempt = attempt
        self.idempotencyKey = idempotencyKey
        self.now = now
        self.sql = sql
    }

    /// The open transaction, for `.database` actions.
    package func transaction() throws -> any SQLDatabase {
        guard let sql else { throw ActionFailure(code: "action.no_transaction", message: "This action needs the run's transaction.", retryable: false) }
        return sql
    }

    /// A required string field.
    package func string(_ name: String) throws -> String {
        guard let value = input[name]?.stringValue, !value.isEmpty else {
            throw ActionFailure.invalidInput(name, "is required text")
        }
        return value
    }

    /// An optional string field (empty text counts as absent).
    package func optionalString(_ name: String) throws -> String? {
        switch input[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        default: throw ActionFailure.invalidInput(name, "must be text")
        }
    }

    /// An optional list of strings (a single string counts as a list of one).
    package func strings(_ name: String) throws -> [String] {
        switch input[name] {
        case nil, .null?: return []
        case .string(let text)?: return text.isEmpty ? [] : [text]
        case .array(let items)?:
            return try items.map {
                guard let text = $0.stringValue else { throw ActionFailure.invalidInput(name, "must be a list of text") }
                return text
            }
        default: throw ActionFailure.invalidInput(name, "must be text or a list of text")
        }
    }
}

/// An expected action failure, with a stable code.
package struct ActionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable code such as `email.invalid_recipient` or `http.status_503`.
    package let code: String
    /// For people; shown in the run's trace. Never contains secrets.
    package let message: String
    /// Whether another attempt can succeed.
    package let retryable: Bool

    package init(code: String, message: String, retryable: Bool) {
        self.code = code
        self.message = message
        self.retryable = retryable
    }

    package var description: String { "\(code): \(message)" }

    /// A field of the input is missing or has the wrong type (never retried).
    package static func invalidInput(_ field: String, _ problem: String) -> ActionFailure {
        ActionFailure(code: "action.invalid_input", message: "input.\(field) \(problem)", retryable: false)
    }
}

/// The actions a runtime offers, by name.
package struct WorkflowActionRegistry: Sendable {
    private let actions: [String: any WorkflowAction]

    package init(_ actions: [any WorkflowAction]) {
        self.actions = Dictionary(actions.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The action called `name`.
    package func action(named name: String) -> (any WorkflowAction)? { actions[name] }

    /// All of them, by name.
    package var all: [any WorkflowAction] { actions.values.sorted { $0.name < $1.name } }
}
