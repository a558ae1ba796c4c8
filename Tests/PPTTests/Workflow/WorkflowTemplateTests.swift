import Foundation
import PPTDomain
import PPTStorage
import PPTWorkflow
import Testing

/// The built-in template library and template parameters: every template instantiates into a valid
/// definition in every language, bad parameter values are refused precisely, and any workflow can
/// be saved as a template.
@Suite struct WorkflowTemplateTests {
    static let validator = WorkflowValidator(
        actions: WorkflowActionRegistry([NotifyAction(), EmailAction(configuration: .captureOnly), GetFaultAction(),
                                         AssignFaultAction()]),
        checkCron: { CronSchedule.problem($0, timeZone: $1) })

    static func template(_ id: String) throws -> WorkflowTemplate { try WorkflowTemplateLibrary.builtIn(id: id) }

    static func detail(_ body: () throws -> Void) -> (code: String, fields: [FieldError])? {
        do { try body() } catch let error as DomainError { return (error.code, error.fields) } catch {
            Issue.record("not a DomainError: \(error)")
        }
        return nil
    }

    @Test("the library holds the eight templates of the issue and the portal inquiry follow-up, covering every category")
    func library() throws {
        let templates = try WorkflowTemplateLibrary.builtIn()
        #expect(Set(templates.map(\.id)) == [
            "builtin.payment_reminder", "builtin.overdue_escalation", "builtin.fault_escalation",
            "builtin.urgent_fault_technician", "builtin.lease_expiry_alert", "builtin.meter_reading_reminder",
            "builtin.vote_started_notice", "builtin.new_resident_welcome", "builtin.inquiry_follow_up",
        ])
        #expect(Set(templates.map(\.category)) == Set(WorkflowTemplateCategory.allCases))
        #expect(templates.allSatisfy { $0.isBuiltIn && !$0.name.isEmpty && !$0.description.isEmpty })
        #expect(throws: DomainError.notFound("workflow_template")) { try WorkflowTemplateLibrary.builtIn(id: "builtin.nope") }
    }

    @Test("every template instantiates in every language into a definition that validates and compiles")
    func everyTemplateInstantiates() throws {
        for template in try WorkflowTemplateLibrary.builtIn() {
            let languages = template.parameters.first { $0.name == "language" }?.options ?? [.null]
            var definitions: Set<WorkflowDefinition> = []
            for language in languages {
                var values = template.sampleValues
                if language != .null { values["language"] = language }
                let definition = try template.instantiate(parameters: values)
                #expect(Self.validator.problems(definition) == [], "\(template.id) in \(language)")
                _ = try WorkflowProgram(definition)
                definitions.insert(definition)
            }
            #expect(definitions.count == languages.count, "\(template.id) has its own texts per language")
            // Only required parameters without a default need a value.
            let required = template.parameters.filter { $0.required && $0.defaultValue == nil }.map(\.name)
            let values = Dictionary(uniqueKeysWithValues: required.map { ($0, JSONValue.string("1b4e28ba-2fa1-11d2-883f-0016d3cca427")) })
            _ = try template.instantiate(parameters: values)
        }
    }

    @Test("parameters land where the template puts them")
    func rendering() throws {
        let escalation = try Self.template("builtin.overdue_escalation")
        let definition = try escalation.instantiate(parameters: ["daysOverdue": 45, "language": "de", "notifyRoles": ["admin"]])
        #expect(definition.filters == ["trigger.daysOverdue == 45"])
        guard case .action(let notify) = definition.steps[0].kind else { Issue.record("not an action"); return }
        #expect(notify.input["roles"] == ["admin"])
        #expect(notify.input["title"]?.stringValue?.hasPrefix("Unbezahlte Rechnung Nr.") == true)

        let faults = try Self.template("builtin.fault_escalation")
        let watched = try faults.instantiate(parameters: ["priorities": ["high", "it's"], "waitFor": "4h", "language": "en"])
        #expect(watched.filters == ["trigger.priority in ['high', 'it\\'s']"])
        #expect(watched.steps[0].kind == .delay(.duration(WorkflowDuration(seconds: 4 * 3600))))
        _ = try Expression.parse(watched.filters[0])
        let defaults = try faults.instantiate(parameters: [:])
        #expect(defaults.filters == ["trigger.priority in ['medium', 'high', 'urgent']"])
        #expect(defaults.steps[0].kind == .delay(.duration(WorkflowDuration(seconds: 86_400))))

        let urgent = try Self.template("builtin.urgent_fault_technician")
        let technician = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
        let assigned = try urgent.instantiate(parameters: ["technicianID": .string(technician), "language": "cs"])
        guard case .action(let assign) = assigned.steps[0].kind else { Issue.record("not an action"); return }
        #expect(assign.action == "assign_fault" && assign.input["assigneeID"] == .string(technician))
        #expect(try urgent.render(parameters: ["technicianID": .string(technician)]).field("filters") == ["trigger.priority == 'urgent'"])
    }

    @Test("message texts render from a real event payload in each language", arguments: [
        ("sk", "Pripomienka platby: faktúra č. 2026-0042",
         "Faktúra č. 2026-0042 na sumu 123.45 EUR bola splatná 1.11.2026 a je 14 dní po splatnosti."),
        ("cs", "Připomínka platby: faktura č. 2026-0042",
         "Faktura č. 2026-0042 na částku 123.45 EUR byla splatná 1.11.2026 a je 14 dní po splatnosti."),
        ("de", "Zahlungserinnerung: Rechnung Nr. 2026-0042",
         "Die Rechnung Nr. 2026-0042 über 123.45 EUR war am 1.11.2026 fällig und ist seit 14 Tagen überfällig."),
        ("en", "Payment reminder: invoice 2026-0042",
         "Invoice 2026-0042 for 123.45 EUR was due on 1 Nov 2026 and is now 14 days overdue."),
    ])
    func renderedTexts(language: String, title: String, opening: String) throws {
        let trigger: JSONValue = [
            "invoiceID": "b3c1", "unitID": "u1", "invoiceNumber": "2026-0042", "amountDueMinor": 12345, "currency": "EUR",
            "dueDate": "2026-11-01", "daysOverdue": 14,
        ]
        let context = ExpressionContext(variables: ["trigger": trigger, "steps": [:], "vars": [:]],
                                        now: Date(timeIntervalSince1970: 1_795_953_600),
                                        timeZone: TimeZone(identifier: "Europe/Bratislava")!)
        let definition = try Self.template("builtin.payment_reminder").instantiate(parameters: ["language": .string(language)])
        #expect(definition.filters == ["trigger.daysOverdue in [3, 14]"])
        #expect(try Expression.parse(definition.filters[0]).condition(in: context))
        guard case .action(let notify) = definition.steps[0].kind, case .action(let email) = definition.steps[1].kind else {
            Issue.record("not actions")
            return
        }
        #expect(try TemplateString(notify.input["title"]?.stringValue ?? "").render(in: context) == title)
        let body = try TemplateString(notify.input["body"]?.stringValue ?? "").render(in: context)
        #expect(body.hasPrefix(opening), "\(body)")
        let text = try TemplateString(email.input["text"]?.stringValue ?? "").render(in: context)
        let signOff = ["sk": "Vaša správa nehnuteľností", "cs": "Vaše správa nemovitostí", "de": "Ihre Hausverwaltung",
                       "en": "Your property management"][language] ?? "?"
        #expect(text.contains(body) && text.hasSuffix(signOff), "\(text)")
        #expect(notify.input["unit"] == "{{ trigger.unitID }}" && email.input["unit"] == "{{ trigger.unitID }}")
    }

    @Test("unknown names, wrong types, values outside the options and missing required values are refused")
    func parameterErrors() throws {
        let escalation = try Self.template("builtin.overdue_escalation")
        let unknown = Self.detail { _ = try escalation.instantiate(parameters: ["days": 3]) }
        #expect(unknown?.code == "workflow_template.invalid_parameters")
        #expect(unknown?.fields == [FieldError(pointer: "/parameters/days",
                                               detail: "unknown parameter 'days'; the template takes daysOverdue, language, notifyRoles")])
        #expect(Self.detail { _ = try escalation.instantiate(parameters: ["daysOverdue": "thirty"]) }?.fields == [
            FieldError(pointer: "/parameters/daysOverdue", detail: "'daysOverdue' must be an integer, not text 'thirty'"),
        ])
        #expect(Self.detail { _ = try escalation.instantiate(parameters: ["daysOverdue": 2.5]) }?.fields == [
            FieldError(pointer: "/parameters/daysOverdue", detail: "'daysOverdue' must be an integer, not number 2.5"),
        ])
        #expect(Self.detail { _ = try escalation.instantiate(parameters: ["language": "fr"]) }?.fields == [
            FieldError(pointer: "/parameters/language", detail: "'language' must be one of sk, cs, de, en"),
        ])
        #expect(Self.detail { _ = try escalation.instantiate(parameters: ["notifyRoles": "manager"]) }?.fields == [
            FieldError(pointer: "/parameters/notifyRoles", detail: "'notifyRoles' must be a list, not text 'manager'"),
        ])
        let urgent = try Self.template("builtin.urgent_fault_technician")
        #expect(Self.detail { _ = try urgent.instantiate(parameters: [:]) }?.fields == [
            FieldError(pointer: "/parameters/technicianID", detail: "'technicianID' is required"),
        ])
        let faults = try Self.template("builtin.fault_escalation")
        #expect(Self.detail { _ = try faults.instantiate(parameters: ["waitFor": "3 days"]) }?.fields == [
            FieldError(pointer: "/parameters/waitFor", detail: "'waitFor' must be a duration, not text '3 days'"),
        ])
        // A well-typed value the definition cannot take is the definition reader's error, with its pointer.
        let tooLong = Self.detail { _ = try faults.instantiate(parameters: ["waitFor": "100d"]) }
        #expect(tooLong?.code == "workflow.invalid_definition")
        #expect(tooLong?.fields.map(\.pointer) == ["/steps/0/duration"])
    }

    @Test("template mistakes are found when it is read: undeclared and unused parameters, missing cases, duplicates")
    func templateErrors() throws {
        let definition: JSONValue = [
            "trigger": ["type": "event", "event": "vote_started"],
            "steps": [["id": "n", "type": "notify", "input": [
                "building": "{{ trigger.buildingID }}", "title": ["$param": "title"],
                "body": ["$param": "language", "cases": ["en": "Vote", "sk": "Hlasovanie"]],
            ]]],
        ]
        let language: JSONValue = ["name": "language", "type": "string", "required": false, "default": "en",
                                   "options": ["en", "sk", "de"]]
        let template: JSONValue = ["id": "t", "name": "Vote", "description": "", "category": "communication",
                                   "parameters": [language, ["name": "unused", "type": "integer", "required": false]],
                                   "definition": definition]
        let problems = Self.detail { _ = try WorkflowTemplate.read(template) }
        #expect(problems?.code == "workflow_template.invalid")
        #expect(problems?.fields == [
            FieldError(pointer: "/definition/steps/0/input/body/cases", detail: "no case for option de of 'language'"),
            FieldError(pointer: "/definition/steps/0/input/title", detail: "no parameter 'title' is declared"),
            FieldError(pointer: "/parameters/1", detail: "parameter 'unused' is not used in the definition"),
        ])
        var duplicate = try Self.template("builtin.vote_started_notice")
        duplicate.parameters.append(duplicate.parameters[0])
        #expect(Self.detail { try duplicate.validate() }?.fields.first == FieldError(
            pointer: "/parameters/1/name", detail: "parameter 'language' is declared twice"))
        #expect(Self.detail { _ = try WorkflowTemplate.read(["id": "x", "category": "fun", "definition": definition]) }?.fields
            .map(\.pointer) == ["/category"])
    }

    @Test("a template reads back from its JSON form unchanged")
    func jsonRoundTrip() throws {
        for template in try WorkflowTemplateLibrary.builtIn() {
            #expect(try WorkflowTemplate.read(template.json) == template)
        }
    }

    @Test("any workflow can be saved as a template, literals at pointers becoming parameters with their value as default")
    func saveAsTemplate() throws {
        let workflow = try WorkflowDefinitionReader.read([
            "trigger": ["type": "event", "event": "fault_created"],
            "steps": [
                ["id": "wait", "type": "delay", "duration": "2d"],
                ["id": "tell", "type": "notify", "input": ["roles": ["manager"], "title": "Fault {{ trigger.title }}",
                                                           "body": "Still open"]],
            ],
        ])
        let template = try WorkflowTemplate.make(
            name: "  Slow faults ", description: "Waits, then tells the managers.", category: .maintenance,
            parameters: [WorkflowParameter(name: "waitFor", type: .duration, required: false),
                         WorkflowParameter(name: "roles", type: .list, required: false)],
            definition: workflow,
            bindings: [TemplateBinding(pointer: "/steps/0/duration", parameter: "waitFor"),
                       TemplateBinding(pointer: "/steps/1/input/roles", parameter: "roles")])
        #expect(template.name == "Slow faults" && !template.isBuiltIn)
        #expect(template.parameters.map(\.defaultValue) == ["2d", ["manager"]])
        #expect(try template.instantiate(parameters: [:]) == workflow)
        let changed = try template.instantiate(parameters: ["waitFor": "6h", "roles": ["admin"]])
        #expect(changed.steps[0].kind == .delay(.duration(WorkflowDuration(seconds: 6 * 3600))))
        // Saved without parameters, it is the workflow itself.
        #expect(try WorkflowTemplate.make(name: "Copy", description: "", category: .alerts, parameters: [],
                                          definition: workflow).instantiate(parameters: [:]) == workflow)
        let wrongPointer = Self.detail {
            _ = try WorkflowTemplate.make(name: "x", description: "", category: .alerts,
                                          parameters: [WorkflowParameter(name: "a", type: .string)], definition: workflow,
                                          bindings: [TemplateBinding(pointer: "/steps/5/title", parameter: "a"),
                                                     TemplateBinding(pointer: "/steps/0/duration", parameter: "b")])
        }
        #expect(wrongPointer?.fields == [
            FieldError(pointer: "/bindings/0/pointer", detail: "'/steps/5/title' is not a value of the definition"),
            FieldError(pointer: "/bindings/1/parameter", detail: "no parameter 'b' is declared"),
        ])
        let broken = Self.detail {
            _ = try WorkflowTemplate.make(name: "x", description: "", category: .alerts, parameters: [],
                                          definition: ["trigger": ["type": "event", "event": "fault_created"], "steps": "no"])
        }
        #expect(broken?.code == "workflow_template.invalid")
        #expect(broken?.fields == [FieldError(pointer: "/definition/steps", detail: "steps are a list")])
    }
}

extension JSONValue {
    fileprivate func field(_ name: String) -> JSONValue? {
        if case .object(let fields) = self { fields[name] } else { nil }
    }
}
