import Foundation
import PPTDomain

/// One step of a workflow. Step ids are unique in the whole definition; later steps read a step's
/// result as `steps.<id>.output`.
package struct WorkflowStep: Sendable, Hashable {
    /// Unique id (letters, digits, `_`), used in expressions and traces.
    package var id: String
    /// Optional label for people.
    package var name: String?
    /// What the step does.
    package var kind: Kind

    package init(id: String, name: String? = nil, _ kind: Kind) {
        self.id = id
        self.name = name
        self.kind = kind
    }

    /// The kinds of step.
    package enum Kind: Sendable, Hashable {
        /// An action with side effects (`email`, `notify`, `http`, `create_fault`, …).
        case action(ActionStep)
        /// `if` / `else`: runs `then` when the condition is true, else `else`.
        case branch(condition: String, then: [WorkflowStep], else: [WorkflowStep])
        /// A durable pause: a persisted timer that survives restarts.
        case delay(DelaySpec)
        /// Sets workflow variables from expressions (`vars.<name>`), evaluated in key order.
        case set([String: String])
        /// Ends the run here, as succeeded or failed.
        case stop(failed: Bool, reason: String?)
    }

    /// The step's `type` in JSON.
    package var typeName: String {
        switch kind {
        case .action(let action): action.action
        case .branch: "if"
        case .delay: "delay"
        case .set: "set"
        case .stop: "stop"
        }
    }
}

/// An action step: which action, its input (strings are templates), and what to do on failure.
package struct ActionStep: Sendable, Hashable {
    /// Registered action name.
    package var action: String
    /// Input fields; strings are templates (`"Dear {{ trigger.name }}"`); a string that is exactly one
    /// placeholder (`"{{ trigger.amount }}"`) keeps the value's type.
    package var input: [String: JSONValue]
    /// Attempts and backoff.
    package var retry: RetryPolicy
    /// What happens after the last failed attempt.
    package var onFailure: FailurePolicy

    package init(action: String, input: [String: JSONValue], retry: RetryPolicy = .init(),
                 onFailure: FailurePolicy = .stop) {
        self.action = action
        self.input = input
        self.retry = retry
        self.onFailure = onFailure
    }
}

/// How an action is retried.
package struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, 1 to 10 (1: no retry).
    package var attempts: Int
    /// Wait before the second attempt.
    package var backoff: WorkflowDuration
    /// Each later wait is the previous one times this (1 to 10).
    package var multiplier: Double
    /// Error codes that are never retried (besides those the action itself marks non-retryable).
    package var nonRetryable: [String]

    package init(attempts: Int = 3, backoff: WorkflowDuration = WorkflowDuration(seconds: 10), multiplier: Double = 2,
                 nonRetryable: [String] = []) {
        self.attempts = attempts
        self.backoff = backoff
        self.multiplier = multiplier
        self.nonRetryable = nonRetryable
    }

    /// The wait after failed attempt `attempt` (1-based), capped at one day.
    package func delay(afterAttempt attempt: Int) -> TimeInterval {
        min(86_400, Double(backoff.seconds) * pow(multiplier, Double(max(0, attempt - 1))))
    }
}

/// What happens when an action fails for good.
package enum FailurePolicy: Sendable, Hashable {
    /// The run fails at this step.
    case stop
    /// The step is recorded as failed (`steps.<id>.error`) and the run goes on.
    case `continue`
    /// The run fails, and the named workflow of the same organization starts with the failure as input.
    case errorWorkflow(String)
}

/// A delay step: a fixed duration or until an instant computed by an expression.
package enum DelaySpec: Sendable, Hashable {
    case duration(WorkflowDuration)
    /// An expression giving a date (`YYYY-MM-DD`, midnight in the run's time zone) or an ISO 8601 instant.
    case until(String)
}

/// A duration written as `90s`, `15m`, `3h`, `2d`, `1w`, or a sum of those (`1d12h`).
package struct WorkflowDuration: Sendable, Hashable, CustomStringConvertible {
    /// Whole seconds.
    package let seconds: Int

    /// The longest durable delay.
    package static let maximum = WorkflowDuration(seconds: 90 * 86_400)

    package init(seconds: Int) { self.seconds = seconds }

    /// Parses `90s`, `15m`, `3h`, `2d`, `1w`, `1d12h`; `nil` for anything else.
    package init?(_ text: String) {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var total = 0, number = "", sawPart = false
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character.isASCII, character.isNumber {
                number.append(character)
            } else if let unit = units[character], let value = Int(number), number.count <= 6 {
                total += value * unit
                number = ""
                sawPart = true
            } else {
                return nil
            }
        }
        guard sawPart, number.isEmpty else { return nil }
        seconds = total
    }

    /// The shortest text that parses back to the same duration.
    package var description: String {
        var rest = seconds, text = ""
        for (unit, size) in [("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }
}
