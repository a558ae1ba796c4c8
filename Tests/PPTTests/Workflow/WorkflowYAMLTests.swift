import Foundation
import PPTDomain
import PPTWorkflow
import Testing

/// YAML import and export of definitions: round trips, YAML 1.2 scalars, stable key order, and
/// errors that point at the YAML line.
@Suite struct WorkflowYAMLTests {
    static func failure(_ body: () throws -> Void) -> DomainError? {
        do { try body() } catch let error as DomainError { return error } catch {
            Issue.record("not a DomainError: \(error)")
        }
        return nil
    }

    static let sample = """
        # Remind the managers about urgent faults every weekday morning.
        trigger:
          type: schedule
          cron: "0 8 * * 1-5"
          timezone: Europe/Bratislava
        mode: single
        variables:
          reminders: 0
        steps:
          - id: count
            type: set
            values:
              reminders: vars.reminders + 1
          - id: tell
            type: notify
            input:
              roles: [manager]
              title: "Reminder {{ vars.reminders }}"
              body: |
                Dobrý deň,
                prosím skontrolujte urgentné poruchy.
            retry: {attempts: 2, backoff: 1m}
            onFailure: continue
        """

    @Test("a hand-written YAML workflow reads into the definition it describes")
    func reads() throws {
        let definition = try WorkflowYAML.definition(fromYAML: Self.sample)
        #expect(definition.trigger == .schedule(cron: "0 8 * * 1-5", timeZone: "Europe/Bratislava"))
        #expect(definition.mode == .single && definition.variables == ["reminders": 0])
        #expect(definition.steps[0].kind == .set(["reminders": "vars.reminders + 1"]))
        guard case .action(let tell) = definition.steps[1].kind else { Issue.record("not an action"); return }
        #expect(tell.input["body"] == "Dobrý deň,\nprosím skontrolujte urgentné poruchy.\n")
        #expect(tell.input["roles"] == ["manager"])
        #expect(tell.retry.attempts == 2 && tell.retry.backoff.seconds == 60 && tell.onFailure == .continue)
    }

    @Test("export then import gives the same definition, for the sample and every built-in template")
    func roundTrip() throws {
        var definitions = [try WorkflowYAML.definition(fromYAML: Self.sample)]
        for template in try WorkflowTemplateLibrary.builtIn() {
            definitions.append(try template.instantiate(parameters: template.sampleValues))
        }
        for definition in definitions {
            let yaml = try WorkflowYAML.yaml(definition)
            #expect(try WorkflowYAML.definition(fromYAML: yaml) == definition, "\(yaml)")
            #expect(try WorkflowYAML.yaml(definition) == yaml, "export is stable")
        }
        // Template JSON (with parameter nodes) survives too.
        for template in try WorkflowTemplateLibrary.builtIn() {
            #expect(try WorkflowYAML.json(fromYAML: WorkflowYAML.yaml(json: template.json)) == template.json)
        }
    }

    @Test("export orders keys for people: trigger before steps, a step's id and type first")
    func keyOrder() throws {
        let yaml = try WorkflowYAML.yaml(WorkflowYAML.definition(fromYAML: Self.sample))
        let lines = yaml.split(separator: "\n").map(String.init)
        let top = lines.filter { !$0.hasPrefix(" ") && !$0.hasPrefix("-") }.map { String($0.prefix { $0 != ":" }) }
        #expect(top == ["trigger", "mode", "variables", "steps"])
        let firstStep = lines.firstIndex { $0.hasPrefix("- id: count") || $0.contains("- id: count") }
        #expect(firstStep != nil)
        if let firstStep { #expect(lines[firstStep + 1].trimmingCharacters(in: .whitespaces) == "type: set") }
        #expect(yaml.contains("Dobrý deň"), "non-ASCII text is written as it is")
    }

    @Test("YAML 1.2 scalars: yes, on and dates stay text; text that looks like something else is quoted on export")
    func scalars() throws {
        let json = try WorkflowYAML.json(fromYAML: """
            a: yes
            b: on
            c: 2026-01-15
            d: 0x1F
            e: ~
            f: 1.5
            g: true
            h: '42'
            i: 1:30
            j: -7
            k: null
            """)
        #expect(json == ["a": "yes", "b": "on", "c": "2026-01-15", "d": 31, "e": .null, "f": 1.5, "g": true, "h": "42",
                         "i": "1:30", "j": -7, "k": .null])
        let tricky: JSONValue = ["s1": "yes", "s2": "42", "s3": "", "s4": "null", "s5": "two\nlines", "s6": "true",
                                 "s7": "{{ trigger.x }}", "s8": "a: b", "s9": "# not a comment", "n": 2.25, "big": 1e20]
        let yaml = try WorkflowYAML.yaml(json: tricky)
        #expect(try WorkflowYAML.json(fromYAML: yaml) == tricky, "\(yaml)")
        #expect(yaml.contains("s1: \"yes\"") && yaml.contains("s2: \"42\"") && yaml.contains("s6: \"true\""))
    }

    @Test("definition problems name the YAML line they come from")
    func definitionErrorsWithLines() throws {
        let error = Self.failure {
            _ = try WorkflowYAML.definition(fromYAML: """
                trigger:
                  type: event
                  event: fault_created
                colour: blue
                steps:
                  - id: wait
                    type: delay
                    duration: 100d
                """)
        }
        #expect(error?.code == "workflow.invalid_definition")
        #expect(error?.fields == [
            FieldError(pointer: "/colour", detail: "unknown field 'colour' (line 4)"),
            FieldError(pointer: "/steps/0/duration", detail: "a delay is 1s to 90d, written like 90s, 15m, 3h, 2d, 1w or 1d12h (line 8)"),
        ])
    }

    @Test("the validator's problems can be given their YAML lines too")
    func validatorProblemsWithLines() throws {
        let (json, lines) = try WorkflowYAML.parse("""
            trigger:
              type: event
              event: fault_created
            steps:
              - id: tell
                type: notify
                input:
                  roles: manager
                  title: "{{ trigger.colour }}"
                  body: x
            """)
        let problems = WorkflowTemplateTests.validator.problems(try WorkflowDefinitionReader.read(json))
        let annotated = WorkflowYAML.annotate(WorkflowDefinitionReader.error(problems), lines: lines)
        #expect(annotated.fields.count == 1)
        #expect(annotated.fields.first?.pointer == "/steps/0/input")
        #expect(annotated.fields.first?.detail.hasSuffix("(line 8)") == true, "\(annotated.fields)")
    }

    @Test("YAML that does not parse is refused with its line", arguments: [
        ("trigger:\n  type: event\n  event: [fault_created\nsteps: []\n", 4),
        ("trigger: {type: event}\ntrigger: {type: manual}\nsteps: []\n", 1),
        ("steps:\n  - id: a\n\ttype: stop\n", 3),
    ])
    func syntaxErrors(yaml: String, line: Int) {
        let error = Self.failure { _ = try WorkflowYAML.definition(fromYAML: yaml) }
        #expect(error?.code == "workflow.invalid_yaml")
        #expect(error?.fields.first?.detail.hasPrefix("line \(line)") == true, "\(String(describing: error))")
    }

    @Test("empty, oversized, non-JSON and alias-bomb documents are refused")
    func limits() {
        #expect(Self.failure { _ = try WorkflowYAML.json(fromYAML: "") }?.message == "The YAML is not valid: the document is empty")
        #expect(Self.failure { _ = try WorkflowYAML.json(fromYAML: "a: " + String(repeating: "x", count: 1 << 20)) }?
            .message == "The YAML is not valid: the document is larger than 1024 KiB")
        #expect(Self.failure { _ = try WorkflowYAML.json(fromYAML: "a: .inf") }?.message
            == "The YAML is not valid: line 1: .inf is not a finite number (JSON has no infinity or NaN)")
        #expect(Self.failure { _ = try WorkflowYAML.json(fromYAML: "a: !!binary aGVsbG8=") }?.code == "workflow.invalid_yaml")
        #expect(Self.failure { _ = try WorkflowYAML.json(fromYAML: "? [a, b]\n: c\n") }?.code == "workflow.invalid_yaml")
        let bomb = """
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: [*e, *e]
            """
        #expect(Self.failure { _ = try WorkflowYAML.json(fromYAML: bomb) }?.message.contains("more than 100000 values") == true)
    }
}
