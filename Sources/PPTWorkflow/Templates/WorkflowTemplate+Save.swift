import Foundation
import PPTDomain
import PPTStorage

/// A literal of a definition turned into a template parameter when a workflow is saved as a template.
package struct TemplateBinding: Sendable, Hashable {
    /// JSON pointer into the definition (`/steps/0/duration`).
    package var pointer: String
    /// The declared parameter that replaces the value there.
    package var parameter: String

    package init(pointer: String, parameter: String) {
        self.pointer = pointer
        self.parameter = parameter
    }
}

extension WorkflowTemplate {
    /// Saves any workflow as a template ("save as template"): `definition` is the workflow's JSON,
    /// which may already contain parameter nodes; each binding replaces the literal at its pointer
    /// with `{"$param": name}`, and that literal becomes the parameter's default when it has none.
    /// The result is validated like a library template (`workflow_template.invalid`).
    package static func make(id: String = UUID().uuidString.lowercased(), name: String, description: String,
                             category: WorkflowTemplateCategory, parameters: [WorkflowParameter],
                             definition: JSONValue, bindings: [TemplateBinding] = []) throws(DomainError) -> WorkflowTemplate {
        var parameters = parameters
        var json = definition
        var issues: [FieldError] = []
        for (index, binding) in bindings.enumerated() {
            guard let parameterIndex = parameters.firstIndex(where: { $0.name == binding.parameter }) else {
                issues.append(FieldError(pointer: "/bindings/\(index)/parameter", detail: "no parameter '\(binding.parameter)' is declared"))
                continue
            }
            guard let tokens = pointerTokens(binding.pointer), !tokens.isEmpty,
                  let literal = value(in: json, at: tokens[...])
            else {
                issues.append(FieldError(pointer: "/bindings/\(index)/pointer", detail: "'\(binding.pointer)' is not a value of the definition"))
                continue
            }
            json = replacing(json, at: tokens[...], with: ["$param": .string(binding.parameter)])
            if parameters[parameterIndex].defaultValue == nil, parameters[parameterIndex].type.accepts(literal) {
                parameters[parameterIndex].defaultValue = literal
            }
        }
        guard issues.isEmpty else { throw invalid(issues) }
        let template = WorkflowTemplate(id: id, name: name.trimmingCharacters(in: .whitespacesAndNewlines),
                                        description: description, category: category, parameters: parameters,
                                        definition: json)
        try template.validate()
        return template
    }

    /// Saves a definition as a template (see `make(…definition: JSONValue…)`).
    package static func make(id: String = UUID().uuidString.lowercased(), name: String, description: String,
                             category: WorkflowTemplateCategory, parameters: [WorkflowParameter],
                             definition: WorkflowDefinition, bindings: [TemplateBinding] = []) throws(DomainError) -> WorkflowTemplate {
        try make(id: id, name: name, description: description, category: category, parameters: parameters,
                 definition: definition.json, bindings: bindings)
    }

    /// The tokens of a JSON pointer (RFC 6901), or `nil` when it is malformed.
    static func pointerTokens(_ pointer: String) -> [String]? {
        guard pointer.hasPrefix("/") else { return pointer.isEmpty ? [] : nil }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func value(in json: JSONValue, at tokens: ArraySlice<String>) -> JSONValue? {
        guard let token = tokens.first else { return json }
        switch json {
        case .object(let fields): return fields[token].flatMap { value(in: $0, at: tokens.dropFirst()) }
        case .array(let items):
            guard let index = Int(token), items.indices.contains(index) else { return nil }
            return value(in: items[index], at: tokens.dropFirst())
        default: return nil
        }
    }

    static func replacing(_ json: JSONValue, at tokens: ArraySlice<String>, with replacement: JSONValue) -> JSONValue {
        guard let token = tokens.first else { return replacement }
        switch json {
        case .object(var fields):
            if let child = fields[token] { fields[token] = replacing(child, at: tokens.dropFirst(), with: replacement) }
            return .object(fields)
        case .array(var items):
            if let index = Int(token), items.indices.contains(index) {
                items[index] = replacing(items[index], at: tokens.dropFirst(), with: replacement)
            }
            return .array(items)
        default: return json
        }
    }
}
