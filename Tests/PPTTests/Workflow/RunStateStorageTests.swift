import Foundation
import PPTDomain
import PPTStorage
import Testing
@testable import PPTWorkflow

/// A run's state and trace are stored by hand-written conversions; they must keep exactly the
/// `Codable` form under `WorkflowJSON` that runs stored before were written in.
@Suite struct RunStateStorageTests {
    static let started = Date(timeIntervalSince1970: 1_790_000_000.125)

    /// A state with every optional part present, and a second entry with none.
    static var sample: RunState {
        var state = RunState(variables: ["count": 3, "name": "Ján", "nested": ["list": [1, 2.5, .null]]])
        state.pc = 4
        state.attempt = 2
        state.resumeAt = started.addingTimeInterval(90)
        state.steps = ["check": ["status": "succeeded", "output": ["ok": true]]]
        var full = TraceEntry(step: "check", type: "http", status: "failed", startedAt: started)
        full.finishedAt = started.addingTimeInterval(1.5)
        full.input = ["url": "https://example.com/a/b"]
        full.output = ["status": 502]
        full.condition = ConditionTrace(expression: "trigger.priority == 'urgent'", result: true, values: ["trigger.priority": "urgent"])
        full.attempts = [
            AttemptTrace(attempt: 1, startedAt: started, durationMs: 120, error: TraceError(code: "http.timeout", message: "slow"),
                         retryAt: started.addingTimeInterval(2)),
            AttemptTrace(attempt: 2, startedAt: started.addingTimeInterval(2), durationMs: nil, error: nil, retryAt: nil),
        ]
        full.error = TraceError(code: "http.status", message: "502 from the server")
        full.detail = ["branch": "then", "simulated": false]
        var bare = TraceEntry(step: "wait", type: "delay", status: "waiting", startedAt: started)
        bare.condition = ConditionTrace(expression: "vars.count > 1", result: nil, values: [:])
        state.trace = [full, bare]
        return state
    }

    /// What the `Codable` path stores.
    static func codableJSON(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: WorkflowJSON.encoder.encode(value))
    }

    @Test("state and trace are stored in exactly their Codable form")
    func sameFormAsCodable() throws {
        let state = Self.sample
        guard case .object(var codable) = try Self.codableJSON(state) else { Issue.record("not an object"); return }
        let trace = codable.removeValue(forKey: "trace")
        #expect(state.stateJSON == .object(codable))
        #expect(state.traceJSON == trace)
        #expect(state.traceJSON == (try Self.codableJSON(state.trace)))
    }

    @Test("stored state reads back to the same state, and reads what the Codable path wrote")
    func readsBack() throws {
        let state = Self.sample
        let decoded = try RunState.decode(state.stateJSON, trace: state.traceJSON)
        #expect(decoded == state)
        let viaCodable = try WorkflowJSON.decoder.decode(RunState.self, from: WorkflowJSON.encoder.encode(state))
        #expect(decoded == viaCodable)
        // Through the stored text, as a segment reads a run's columns.
        let text = try RunState.decode(JSONValue(jsonText: jsonText(state.stateJSON)), trace: JSONValue(jsonText: jsonText(state.traceJSON)))
        #expect(text == state)
    }

    @Test("a state without pc is an error; an unreadable trace is dropped")
    func damagedState() throws {
        #expect(throws: (any Error).self) { try RunState.decode(["vars": [:]], trace: []) }
        #expect(throws: (any Error).self) { try RunState.decode(["pc": 1.5], trace: []) }
        let state = try RunState.decode(["pc": 1, "resumeAt": "2026-11-30T10:00:00Z"], trace: [["step": 1]])
        #expect(state.pc == 1 && state.trace.isEmpty && state.vars.isEmpty)
        #expect(state.resumeAt == (try Date("2026-11-30T10:00:00Z", strategy: .iso8601)))
    }
}
