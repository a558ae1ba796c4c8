import Foundation
import PPTDomain

/// The engine's state of one run, persisted as JSON after every transition.
package struct RunState: Codable, Sendable, Hashable {
    /// Index of the next instruction in the compiled program; `program.count` means done.
    package var pc: Int
    /// Workflow variables (`vars.*`).
    package var vars: [String: JSONValue]
    /// Results of finished steps (`steps.<id>`): `{"status", "output", "error"}`.
    package var steps: [String: JSONValue]
    /// Attempts started for the action at `pc` (0 before the first).
    package var attempt: Int
    /// When the current delay or retry backoff ends.
    package var resumeAt: Date?
    /// Each step execution, in order.
    package var trace: [TraceEntry]

    package init(variables: [String: JSONValue]) {
        pc = 0
        vars = variables
        steps = [:]
        attempt = 0
        resumeAt = nil
        trace = []
    }

    private enum CodingKeys: String, CodingKey { case pc, vars, steps, attempt, resumeAt, trace }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pc = try c.decode(Int.self, forKey: .pc)
        vars = try c.decodeIfPresent([String: JSONValue].self, forKey: .vars) ?? [:]
        steps = try c.decodeIfPresent([String: JSONValue].self, forKey: .steps) ?? [:]
        attempt = try c.decodeIfPresent(Int.self, forKey: .attempt) ?? 0
        resumeAt = try c.decodeIfPresent(Date.self, forKey: .resumeAt)
        trace = try c.decodeIfPresent([TraceEntry].self, forKey: .trace) ?? []
    }
}

/// One step execution in a run's trace: what it saw, what it did, how long, how often.
package struct TraceEntry: Codable, Sendable, Hashable {
    /// The step's id and type.
    package var step: String
    package var type: String
    /// `running`, `waiting`, `succeeded`, `failed`, `skipped`.
    package var status: String
    package var startedAt: Date
    package var finishedAt: Date?
    /// The rendered action input.
    package var input: JSONValue?
    package var output: JSONValue?
    /// For `if` steps and filters: the expression, its result, and the values it read.
    package var condition: ConditionTrace?
    /// For actions: every attempt.
    package var attempts: [AttemptTrace]
    /// Why the step failed (the last error).
    package var error: TraceError?
    /// Extra facts (`branch`: then/else, `until`, `variables` set, `simulated`).
    package var detail: [String: JSONValue]

    package init(step: String, type: String, status: String, startedAt: Date) {
        self.step = step
        self.type = type
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = nil
        self.input = nil
        self.output = nil
        self.condition = nil
        self.attempts = []
        self.error = nil
        self.detail = [:]
    }
}

/// A condition as evaluated.
package struct ConditionTrace: Codable, Sendable, Hashable {
    package var expression: String
    package var result: Bool?
    /// Each variable path the expression reads, with the value it had (`null` when missing).
    package var values: [String: JSONValue]
}

/// One attempt of an action.
package struct AttemptTrace: Codable, Sendable, Hashable {
    package var attempt: Int
    package var startedAt: Date
    package var durationMs: Int?
    package var error: TraceError?
    /// When the next attempt is due, if one is.
    package var retryAt: Date?
}

/// An error in a trace.
package struct TraceError: Codable, Sendable, Hashable {
    package var code: String
    package var message: String
}

/// JSON coding with ISO 8601 dates, shared by state, trace and outputs.
package enum WorkflowJSON {
    /// Encoder with ISO 8601 dates (fractional seconds) and sorted keys.
    package static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Decoder matching `encoder`.
    package static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
                return date
            }
            if let date = try? Date(text, strategy: .iso8601) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
        }
        return decoder
    }

    /// An instant as the expression language writes it (ISO 8601 UTC).
    package static func instant(_ date: Date) -> JSONValue { .string(date.formatted(.iso8601)) }
}
