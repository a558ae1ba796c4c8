import Foundation
import PPTDomain

// A run's state and trace are stored after every transition and read back at every segment, so
// they convert to and from `JSONValue` by hand instead of through `JSONEncoder`/`JSONDecoder`
// and a round trip through bytes. The shape is exactly their `Codable` form under `WorkflowJSON`
// (nil optionals left out, dates as ISO 8601 text with milliseconds); a test holds the two equal.

extension RunState {
    /// The state without its trace (stored in its own column).
    package var stateJSON: JSONValue {
        var object: [String: JSONValue] = [
            "pc": .number(Double(pc)), "vars": .object(vars), "steps": .object(steps), "attempt": .number(Double(attempt)),
        ]
        object["resumeAt"] = resumeAt.map(WorkflowJSON.timestamp)
        return .object(object)
    }

    /// The trace as stored.
    package var traceJSON: JSONValue { .array(trace.map(\.json)) }

    /// The state with its trace, as one value.
    package var json: JSONValue {
        guard case .object(var object) = stateJSON else { return .null }
        object["trace"] = traceJSON
        return .object(object)
    }

    /// Reads a stored state (without its trace, which is stored beside it). A trace that cannot be
    /// read is dropped rather than failing the run.
    package static func decode(_ json: JSONValue, trace: JSONValue) throws -> RunState {
        let fields = try StoredFields(json, "state")
        var state = RunState(variables: try fields.object("vars") ?? [:])
        state.pc = try fields.int("pc")
        state.steps = try fields.object("steps") ?? [:]
        state.attempt = try fields.optionalInt("attempt") ?? 0
        state.resumeAt = try fields.optionalDate("resumeAt")
        if case .array(let entries) = trace {
            state.trace = (try? entries.map(TraceEntry.init(json:))) ?? []
        }
        return state
    }
}

extension TraceEntry {
    /// The entry as stored.
    var json: JSONValue {
        var object: [String: JSONValue] = [
            "step": .string(step), "type": .string(type), "status": .string(status),
            "startedAt": WorkflowJSON.timestamp(startedAt), "attempts": .array(attempts.map(\.json)), "detail": .object(detail),
        ]
        object["finishedAt"] = finishedAt.map(WorkflowJSON.timestamp)
        object["input"] = input
        object["output"] = output
        object["condition"] = condition.map(\.json)
        object["error"] = error.map(\.json)
        return .object(object)
    }

    init(json: JSONValue) throws {
        let fields = try StoredFields(json, "trace entry")
        self.init(step: try fields.string("step"), type: try fields.string("type"), status: try fields.string("status"),
                  startedAt: try fields.date("startedAt"))
        finishedAt = try fields.optionalDate("finishedAt")
        input = fields.value("input")
        output = fields.value("output")
        condition = try fields.value("condition").map(ConditionTrace.init(json:))
        attempts = try fields.array("attempts").map(AttemptTrace.init(json:))
        error = try fields.value("error").map(TraceError.init(json:))
        detail = try fields.object("detail") ?? [:]
    }
}

extension ConditionTrace {
    var json: JSONValue {
        var object: [String: JSONValue] = ["expression": .string(expression), "values": .object(values)]
        object["result"] = result.map(JSONValue.bool)
        return .object(object)
    }

    init(json: JSONValue) throws {
        let fields = try StoredFields(json, "condition trace")
        expression = try fields.string("expression")
        result = try fields.optionalBool("result")
        values = try fields.object("values") ?? [:]
    }
}

extension AttemptTrace {
    var json: JSONValue {
        var object: [String: JSONValue] = ["attempt": .number(Double(attempt)), "startedAt": WorkflowJSON.timestamp(startedAt)]
        object["durationMs"] = durationMs.map { .number(Double($0)) }
        object["error"] = error.map(\.json)
        object["retryAt"] = retryAt.map(WorkflowJSON.timestamp)
        return .object(object)
    }

    init(json: JSONValue) throws {
        let fields = try StoredFields(json, "attempt trace")
        attempt = try fields.int("attempt")
        startedAt = try fields.date("startedAt")
        durationMs = try fields.optionalInt("durationMs")
        error = try fields.value("error").map(TraceError.init(json:))
        retryAt = try fields.optionalDate("retryAt")
    }
}

extension TraceError {
    var json: JSONValue { ["code": .string(code), "message": .string(message)] }

    init(json: JSONValue) throws {
        let fields = try StoredFields(json, "trace error")
        code = try fields.string("code")
        message = try fields.string("message")
    }
}

extension WorkflowJSON {
    /// An instant as state and traces store it: ISO 8601 with milliseconds (`WorkflowJSON.encoder`).
    static func timestamp(_ date: Date) -> JSONValue {
        .string(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    /// Reads `timestamp`'s text, or ISO 8601 without a fraction.
    static func date(fromTimestamp text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date(text, strategy: .iso8601)
    }
}

/// The members of a stored object, read with the strictness of the synthesized `Decodable`
/// conformances: a missing required member or one of the wrong type is an error, and `null` counts
/// as absent for optional members.
private struct StoredFields {
    let members: [String: JSONValue]
    let what: String

    init(_ json: JSONValue, _ what: String) throws {
        guard case .object(let members) = json else { throw StoredStateError("\(what) is not an object") }
        self.members = members
        self.what = what
    }

    /// A member that is present and not `null`.
    func value(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    private func required(_ key: String) throws -> JSONValue {
        guard let value = value(key) else { throw StoredStateError("\(what) has no \(key)") }
        return value
    }

    func string(_ key: String) throws -> String {
        guard case .string(let text) = try required(key) else { throw StoredStateError("\(what).\(key) is not text") }
        return text
    }

    func int(_ key: String) throws -> Int {
        guard case .number(let number) = try required(key), let integer = Int(exactly: number) else {
            throw StoredStateError("\(what).\(key) is not an integer")
        }
        return integer
    }

    func optionalInt(_ key: String) throws -> Int? { value(key) == nil ? nil : try int(key) }

    func optionalBool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else { throw StoredStateError("\(what).\(key) is not true or false") }
        return flag
    }

    func date(_ key: String) throws -> Date {
        guard let date = WorkflowJSON.date(fromTimestamp: try string(key)) else {
            throw StoredStateError("\(what).\(key) is not an ISO 8601 instant")
        }
        return date
    }

    func optionalDate(_ key: String) throws -> Date? { value(key) == nil ? nil : try date(key) }

    func object(_ key: String) throws -> [String: JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .object(let members) = value else { throw StoredStateError("\(what).\(key) is not an object") }
        return members
    }

    func array(_ key: String) throws -> [JSONValue] {
        guard let value = value(key) else { return [] }
        guard case .array(let elements) = value else { throw StoredStateError("\(what).\(key) is not a list") }
        return elements
    }
}

/// A stored run state or trace this binary cannot read.
struct StoredStateError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
