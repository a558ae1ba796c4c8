import Foundation
import PPTDomain
import PPTStorage

/// A reusable workflow: a definition with typed parameters, from the built-in library
/// (`builtin.payment_reminder`, stored as data in `Resources/templates`) or saved by an organization.
///
/// The definition is workflow JSON in which parameters appear as directive nodes:
/// - `{"$param": "days"}` — the parameter's value, of its type;
/// - `{"$param": "language", "cases": {"en": …, "sk": …}}` — the case for the parameter's value
///   (every option of the parameter needs one);
/// - `{"$param": "priority", "format": "literal"}` — the value written as an expression literal
///   (`'urgent'`, `30`, `['a', 'b']`), for splicing into conditions;
/// - `{"$concat": ["trigger.daysOverdue >= ", {"$param": "days"}]}` — text joined from parts.
///
/// Objects without `$param` or `$concat` keys are copied as they are (so `$schema` or `$ref` in an
/// action's input stay untouched).
package struct WorkflowTemplate: Sendable, Hashable {
    /// `builtin.<name>` for the library, a UUID for organization templates.
    package var id: String
    /// Short title.
    package var name: String
    /// What it does, for people choosing one.
    package var description: String
    /// Library section.
    package var category: WorkflowTemplateCategory
    /// Typed parameters, filled in when the template is instantiated.
    package var parameters: [WorkflowParameter]
    /// Workflow JSON with parameter nodes.
    package var definition: JSONValue

    /// The prefix of the built-in templates' ids.
    package static let builtInPrefix = "builtin."

    package init(id: String, name: String, description: String, category: WorkflowTemplateCategory,
                 parameters: [WorkflowParameter], definition: JSONValue) {
        self.id = id
        self.name = name
        self.description = description
        self.category = category
        self.parameters = parameters
        self.definition = definition
    }

    /// Whether this comes from the built-in library (read-only).
    package var isBuiltIn: Bool { id.hasPrefix(Self.builtInPrefix) }

    /// Reads a template from its JSON form (a library file or an API body) and validates it.
    package static func read(_ json: JSONValue) throws(DomainError) -> WorkflowTemplate {
        guard case .object(let fields) = json else { throw invalid([FieldError(pointer: "", detail: "a template is a JSON object")]) }
        var issues: [FieldError] = []
        for key in fields.keys.sorted() where !["id", "name", "description", "category", "parameters", "definition"].contains(key) {
            issues.append(FieldError(pointer: "/\(key)", detail: "unknown field '\(key)'"))
        }
        let id = fields["id"]?.stringValue ?? ""
        if id.isEmpty { issues.append(FieldError(pointer: "/id", detail: "a template needs an id")) }
        let category = fields["category"]?.stringValue.flatMap(WorkflowTemplateCategory.init(rawValue:))
        if category == nil {
            issues.append(FieldError(pointer: "/category", detail: "category is one of "
                                     + WorkflowTemplateCategory.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        var reader = WorkflowDefinitionReader()
        let parameters = readParameters(fields["parameters"] ?? .array([]), reader: &reader, issues: &issues)
        guard let category, issues.isEmpty else { throw invalid(issues) }
        let template = WorkflowTemplate(id: id, name: fields["name"]?.stringValue ?? "",
                                        description: fields["description"]?.stringValue ?? "", category: category,
                                        parameters: parameters, definition: fields["definition"] ?? .null)
        try template.validate()
        return template
    }

    /// Reads a parameter list, adding problems to `issues`.
    static func readParameters(_ json: JSONValue, reader: inout WorkflowDefinitionReader,
                               issues: inout [FieldError]) -> [WorkflowParameter] {
        guard case .array(let items) = json else {
            issues.append(FieldError(pointer: "/parameters", detail: "parameters are a list"))
            return []
        }
        let parameters = items.enumerated().compactMap { index, item in reader.parameter(item, "/parameters/\(index)") }
        issues += reader.issues
        return parameters
    }

    /// The template's JSON form (as in the library files and the API).
    package var json: JSONValue {
        ["id": .string(id), "name": .string(name), "description": .string(description),
         "category": .string(category.rawValue), "parameters": .array(parameters.map(\.json)), "definition": definition]
    }

    /// A template problem (`workflow_template.invalid`), listing each with its pointer.
    static func invalid(_ issues: [FieldError]) -> DomainError {
        DomainError(code: "workflow_template.invalid", kind: .invalid,
                    message: "The workflow template is not valid: \(issues.first?.detail ?? "")", fields: issues)
    }
}

extension WorkflowParameter {
    /// The parameter's JSON form (`default`, not `defaultValue`; absent fields left out).
    package var json: JSONValue {
        var object: [String: JSONValue] = ["name": .string(name), "type": .string(type.rawValue),
                                           "required": .bool(required)]
        if let defaultValue { object["default"] = defaultValue }
        if let description { object["description"] = .string(description) }
        if let options { object["options"] = .array(options) }
        return .object(object)
    }
}

extension WorkflowTemplate {
    /// An organization template read back from storage, validated like any other.
    package init(_ stored: StoredWorkflowTemplate) throws(DomainError) {
        self = try WorkflowTemplate.read([
            "id": .string(stored.id), "name": .string(stored.name), "description": .string(stored.description),
            "category": .string(stored.category.rawValue), "parameters": stored.parameters, "definition": stored.definition,
        ])
    }
}
