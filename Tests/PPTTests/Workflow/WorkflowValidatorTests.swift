import Foundation
import PPTDomain
import PPTWorkflow
import Testing

/// Definitions checked on save: each problem at its pointer, with a message that says what is wrong.
@Suite("Workflow definition checks")
struct WorkflowValidatorTests {
    static let validator = WorkflowValidator(
        actions: WorkflowActionRegistry([NotifyAction(), GetFaultAction()]),
        checkCron: { cron, zone in CronSchedule.problem(cron, timeZone: zone) })

    static func problems(_ json: String) throws -> [FieldError] {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        do {
            return validator.problems(try WorkflowDefinitionReader.read(value))
        } catch {
            return error.fields
        }
    }

    static let notify = #"{"roles": ["manager"], "title": "t", "body": "b"}"#

    @Test("each kind of problem is reported at its pointer", arguments: [
        // Structure.
        (#"{"steps": []}"#, "/trigger", "a trigger is required"),
        (#"{"trigger": {"type": "event", "event": "fault_exploded"}, "steps": []}"#, "/trigger/event", "unknown event"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "w", "type": "delay", "duration": "91d"}]}"#, "/steps/0/duration", "1s to 90d"),
        (#"{"trigger": {"type": "manual"}, "mode": "sometimes", "steps": []}"#, "/mode", "single, restart, queued, parallel"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "1x", "type": "stop"}]}"#, "/steps/0/id", "a step id"),
        (#"{"trigger": {"type": "schedule", "cron": "61 * * * *", "timezone": "Europe/Bratislava"}, "steps": [{"id": "e", "type": "stop"}]}"#, "/trigger/cron", ""),
        (#"{"trigger": {"type": "schedule", "cron": "0 8 * * *", "timezone": "Mars/Olympus"}, "steps": []}"#, "/trigger/timezone", "unknown time zone"),
        // Variables.
        (#"{"trigger": {"type": "event", "event": "fault_created"}, "filters": ["trigger.priorty == 'urgent'"], "steps": [{"id": "e", "type": "stop"}]}"#,
         "/filters/0", "unknown variable 'trigger.priorty'"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "a", "type": "set", "values": {"x": "steps.b.output.status"}}, {"id": "b", "type": "get_fault", "input": {"faultID": "f"}}]}"#,
         "/steps/0/values/x", "no step with that id runs before this one"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "b", "type": "get_fault", "input": {"faultID": "f"}}, {"id": "a", "type": "set", "values": {"x": "steps.b.output.colour"}}]}"#,
         "/steps/1/values/x", "its output has"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "a", "type": "set", "values": {"x": "vars.count + 1"}}]}"#,
         "/steps/0/values/x", "declare it in variables"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "a", "type": "set", "values": {"x": "secrets.key"}}]}"#,
         "/steps/0/values/x", "unknown variable 'secrets'"),
        // Types.
        (#"{"trigger": {"type": "event", "event": "payment_overdue"}, "steps": [{"id": "c", "type": "if", "condition": "trigger.daysOverdue > 'ten'", "then": [{"id": "e", "type": "stop"}]}]}"#,
         "/steps/0/condition", "wrong type"),
        (#"{"trigger": {"type": "event", "event": "payment_overdue"}, "steps": [{"id": "c", "type": "if", "condition": "trigger.daysOverdue + 1", "then": [{"id": "e", "type": "stop"}]}]}"#,
         "/steps/0/condition", "a condition must be true or false"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "c", "type": "if", "condition": "1 >", "then": [{"id": "e", "type": "stop"}]}]}"#,
         "/steps/0/condition", "'1 >'"),
        // Actions.
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "t", "type": "teleport", "input": {}}]}"#, "/steps/0/type", "unknown action 'teleport'"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "n", "type": "notify", "input": {"roles": ["manager"], "body": "b"}}]}"#,
         "/steps/0/input/title", "needs input.title"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "n", "type": "notify", "input": {"roles": ["manager"], "title": "t", "body": "b", "colour": "red"}}]}"#,
         "/steps/0/input/colour", "has no input 'colour'"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "n", "type": "notify", "input": {"roles": ["manager"], "title": "{{ trigger.", "body": "b"}}]}"#,
         "/steps/0/input", "without a closing"),
        // Reachability and identity.
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "e", "type": "stop"}, {"id": "late", "type": "stop"}]}"#, "/steps/1", "unreachable"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "c", "type": "if", "condition": "false", "then": [{"id": "never", "type": "stop"}]}]}"#,
         "/steps/0/then/0", "always false"),
        (#"{"trigger": {"type": "manual"}, "steps": [{"id": "a", "type": "stop"}, {"id": "c", "type": "if", "condition": "true", "else": [{"id": "a", "type": "stop"}]}]}"#,
         "/steps/1/else/0/id", "used twice"),
    ])
    func problem(json: String, pointer: String, message: String) throws {
        let found = try Self.problems(json)
        let match = found.first { $0.pointer == pointer }
        #expect(match != nil, "no problem at \(pointer); found \(found.map { "\($0.pointer): \($0.detail)" })")
        if let match, !message.isEmpty {
            #expect(match.detail.contains(message), "\(pointer): \(match.detail)")
        }
    }

    @Test("a good definition has no problems, and a step's output after a branch may be read")
    func good() throws {
        let found = try Self.problems("""
            {"trigger": {"type": "event", "event": "fault_created"}, "filters": ["trigger.priority in ['high', 'urgent']"],
             "variables": {"count": 0},
             "steps": [
               {"id": "wait", "type": "delay", "duration": "2h"},
               {"id": "check", "type": "get_fault", "input": {"faultID": "{{ trigger.faultID }}"}},
               {"id": "still", "type": "if", "condition": "steps.check.output.status == 'new' and vars.count < 3",
                "then": [{"id": "tell", "type": "notify", "input": \(Self.notify)},
                         {"id": "more", "type": "set", "values": {"count": "vars.count + 1"}}]},
               {"id": "after", "type": "set", "values": {"told": "steps.tell?.status == 'succeeded'", "n": "vars.count"}}
             ]}
            """)
        #expect(found.isEmpty, "\(found)")
    }
}
