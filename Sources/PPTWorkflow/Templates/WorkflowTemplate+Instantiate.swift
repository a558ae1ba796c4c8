import Foundation
import PPTDomain

extension WorkflowTemplate {
    /// The workflow definition for `parameters` (by name): each value is type-checked against its
    /// parameter, missing ones take their default, and the result must be a valid definition.
    /// Throws `workflow_template.invalid_parameters` (pointers `/parameters/<name>`) for bad values
    /// and `workflow.invalid_definition` when the rendered JSON is not a definition.
    package func instantiate(parameters values: [String: JSONValue]) throws(DomainError) -> WorkflowDefinition {
        try WorkflowDefinitionReader.read(render(parameters: values))
    }

    /// The definition JSON with every parameter node replaced (the preview), not yet read as a definition.
    package func render(parameters values: [String: JSONValue]) throws(DomainError) -> JSONValue {
        try TemplateRenderer.render(definition, values: resolve(values))
    }

    /// Checks `values` and completes them with defaults: every declared parameter gets a value
    /// (`null` for an optional one left out without a default).
    package func resolve(_ values: [String: JSONValue]) throws(DomainError) -> [String: JSONValue] {
        var issues: [FieldError] = []
        let declared = Set(parameters.map(\.name))
        for name in values.keys.sorted() where !declared.contains(name) {
            issues.append(FieldError(pointer: "/parameters/\(name)", detail: "unknown parameter '\(name)'; the template takes "
                                     + (declared.isEmpty ? "none" : declared.sorted().joined(separator: ", "))))
        }
        var resolved: [String: JSONValue] = [:]
        for parameter in parameters {
            let pointer = "/parameters/\(parameter.name)"
            var value = values[parameter.name] ?? .null
            if value == .null { value = parameter.defaultValue ?? .null }
            if value == .null {
                if parameter.required { issues.append(FieldError(pointer: pointer, detail: "'\(parameter.name)' is required")) }
                resolved[parameter.name] = .null
                continue
            }
            guard parameter.type.accepts(value) else {
                issues.append(FieldError(pointer: pointer, detail: "'\(parameter.name)' must be \(Self.article(parameter.type)), "
                                         + "not \(TemplateRenderer.describe(value))"))
                continue
            }
            if let options = parameter.options, !options.contains(value) {
                issues.append(FieldError(pointer: pointer, detail: "'\(parameter.name)' must be one of "
                                         + options.map(TemplateRenderer.text).joined(separator: ", ")))
                continue
            }
            resolved[parameter.name] = value
        }
        guard issues.isEmpty else {
            throw DomainError(code: "workflow_template.invalid_parameters", kind: .invalid,
                              message: "The template parameters are not valid: \(issues[0].detail).", fields: issues)
        }
        return resolved
    }

    /// Checks the template itself: unique, valid parameters whose defaults and options fit their
    /// types; every parameter node names a declared parameter and every parameter is used; each
    /// option of a `cases` parameter has a case; and the definition, filled with defaults (or sample
    /// values), is a valid workflow definition.
    package func validate() throws(DomainError) {
        var issues: [FieldError] = []
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmedName.isEmpty || trimmedName.count > 200 {
            issues.append(FieldError(pointer: "/name", detail: "a name is 1 to 200 characters"))
        }
        if description.count > 2000 { issues.append(FieldError(pointer: "/description", detail: "at most 2,000 characters")) }
        var seen: Set<String> = []
        for (index, parameter) in parameters.enumerated() {
            let pointer = "/parameters/\(index)"
            if !WorkflowDefinitionReader.isIdentifier(parameter.name) {
                issues.append(FieldError(pointer: pointer + "/name", detail: "a parameter name is letters, digits and _, starting with a letter"))
            }
            if !seen.insert(parameter.name).inserted {
                issues.append(FieldError(pointer: pointer + "/name", detail: "parameter '\(parameter.name)' is declared twice"))
            }
            if let value = parameter.defaultValue, value != .null, !parameter.type.accepts(value) {
                issues.append(FieldError(pointer: pointer + "/default", detail: "the default is not \(Self.article(parameter.type))"))
            }
            for (optionIndex, option) in (parameter.options ?? []).enumerated() where !parameter.type.accepts(option) {
                issues.append(FieldError(pointer: pointer + "/options/\(optionIndex)",
                                         detail: "option \(TemplateRenderer.text(option)) is not \(Self.article(parameter.type))"))
            }
            if let options = parameter.options, let value = parameter.defaultValue, value != .null, !options.contains(value) {
                issues.append(FieldError(pointer: pointer + "/default", detail: "the default is not one of the options"))
            }
        }
        let references = TemplateRenderer.references(in: definition, pointer: "/definition")
        issues += references.issues
        let byName = Dictionary(parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for reference in references.found {
            guard let parameter = byName[reference.name] else {
                issues.append(FieldError(pointer: reference.pointer, detail: "no parameter '\(reference.name)' is declared"))
                continue
            }
            for option in parameter.options ?? [] where reference.hasCases {
                if !reference.cases.contains(TemplateRenderer.text(option)) {
                    issues.append(FieldError(pointer: reference.pointer + "/cases",
                                             detail: "no case for option \(TemplateRenderer.text(option)) of '\(parameter.name)'"))
                }
            }
        }
        let used = Set(references.found.map(\.name))
        for (index, parameter) in parameters.enumerated() where !used.contains(parameter.name) {
            issues.append(FieldError(pointer: "/parameters/\(index)", detail: "parameter '\(parameter.name)' is not used in the definition"))
        }
        guard issues.isEmpty else { throw Self.invalid(issues) }
        do {
            _ = try instantiate(parameters: sampleValues)
        } catch where error.code == "workflow.invalid_definition" {
            throw Self.invalid(error.fields.map { FieldError(pointer: "/definition" + $0.pointer, detail: $0.detail) })
        } catch {
            throw Self.invalid(error.fields.isEmpty ? [FieldError(pointer: "/definition", detail: error.message)] : error.fields)
        }
    }

    /// A value for every parameter: its default, else its first option, else a sample of its type.
    package var sampleValues: [String: JSONValue] {
        Dictionary(parameters.map { parameter in
            let value = parameter.defaultValue.flatMap { $0 == .null ? nil : $0 }
                ?? parameter.options?.first ?? parameter.type.sample
            return (parameter.name, value)
        }, uniquingKeysWith: { first, _ in first })
    }

    static func article(_ type: WorkflowValueType) -> String {
        switch type {
        case .integer, .object, .any: "an \(type.rawValue)"
        default: "a \(type.rawValue)"
        }
    }
}
