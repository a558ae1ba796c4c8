import Foundation
import PPTDomain

/// Finds and replaces the parameter nodes of a template definition (see `WorkflowTemplate`).
enum TemplateRenderer {
    /// One parameter node.
    struct Reference {
        let name: String
        /// JSON pointer of the node.
        let pointer: String
        /// Whether it chooses among `cases`, and their keys.
        let hasCases: Bool
        let cases: Set<String>
    }

    /// Every parameter node under `json`, and malformed directive nodes as problems.
    static func references(in json: JSONValue, pointer: String) -> (found: [Reference], issues: [FieldError]) {
        var found: [Reference] = [], issues: [FieldError] = []
        func walk(_ value: JSONValue, _ pointer: String) {
            switch value {
            case .array(let items):
                for (index, item) in items.enumerated() { walk(item, "\(pointer)/\(index)") }
            case .object(let fields):
                if fields["$param"] != nil {
                    guard let name = fields["$param"]?.stringValue else {
                        issues.append(FieldError(pointer: pointer + "/$param", detail: "$param names a parameter"))
                        return
                    }
                    for key in fields.keys.sorted() where !["$param", "cases", "format"].contains(key) {
                        issues.append(FieldError(pointer: pointer + "/" + escape(key),
                                                 detail: "a $param node takes only cases and format, not '\(key)'"))
                    }
                    if let format = fields["format"], format != "literal" {
                        issues.append(FieldError(pointer: pointer + "/format", detail: "format is \"literal\" or left out"))
                    }
                    var cases: Set<String> = []
                    if let value = fields["cases"] {
                        guard case .object(let choices) = value, !choices.isEmpty else {
                            issues.append(FieldError(pointer: pointer + "/cases", detail: "cases are an object of value to JSON"))
                            return
                        }
                        cases = Set(choices.keys)
                        for key in choices.keys.sorted() { walk(choices[key] ?? .null, pointer + "/cases/" + escape(key)) }
                    }
                    found.append(Reference(name: name, pointer: pointer, hasCases: fields["cases"] != nil, cases: cases))
                } else if let parts = fields["$concat"] {
                    guard fields.count == 1, case .array(let items) = parts else {
                        issues.append(FieldError(pointer: pointer + "/$concat", detail: "$concat is the only key, with a list of parts"))
                        return
                    }
                    for (index, item) in items.enumerated() { walk(item, "\(pointer)/$concat/\(index)") }
                } else {
                    for key in fields.keys.sorted() { walk(fields[key] ?? .null, pointer + "/" + escape(key)) }
                }
            default:
                break
            }
        }
        walk(json, pointer)
        return (found, issues)
    }

    /// `json` with every node replaced by its value under `values` (which hold every parameter).
    static func render(_ json: JSONValue, values: [String: JSONValue]) throws(DomainError) -> JSONValue {
        switch json {
        case .array(let items):
            var rendered: [JSONValue] = []
            for item in items { rendered.append(try render(item, values: values)) }
            return .array(rendered)
        case .object(let fields):
            if let name = fields["$param"]?.stringValue {
                guard let value = values[name] else {
                    throw WorkflowTemplate.invalid([FieldError(pointer: "/definition", detail: "no parameter '\(name)' is declared")])
                }
                if case .object(let choices)? = fields["cases"] {
                    guard let choice = choices[text(value)] else {
                        throw parameterError(name, "there is no case for \(describe(value)); choose one of "
                                             + choices.keys.sorted().joined(separator: ", "))
                    }
                    return try render(choice, values: values)
                }
                if fields["format"] == "literal" {
                    guard let literal = literal(value) else {
                        throw parameterError(name, "\(describe(value)) cannot be written into an expression")
                    }
                    return .string(literal)
                }
                return value
            }
            if case .array(let parts)? = fields["$concat"], fields.count == 1 {
                var joined = ""
                for part in parts {
                    let value = try render(part, values: values)
                    switch value {
                    case .array, .object:
                        let name = part.objectField("$param") ?? "$concat"
                        throw parameterError(name, "\(describe(value)) cannot be joined into text")
                    default: joined += text(value)
                    }
                }
                return .string(joined)
            }
            var rendered: [String: JSONValue] = [:]
            for key in fields.keys.sorted() { rendered[key] = try render(fields[key] ?? .null, values: values) }
            return .object(rendered)
        default:
            return json
        }
    }

    /// A value as text: strings as they are, whole numbers without a decimal point, `null` as nothing,
    /// lists and objects as JSON.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let string): string
        case .array, .object: compactJSON(value)
        }
    }

    /// A value as an expression literal (`'text'`, `30`, `[1, 2]`); `nil` for objects.
    static func literal(_ value: JSONValue) -> String? {
        switch value {
        case .null, .bool, .number: return value == .null ? "null" : text(value)
        case .string(let string):
            var escaped = ""
            for character in string {
                switch character {
                case "\\": escaped += "\\\\"
                case "'": escaped += "\\'"
                case "\n": escaped += "\\n"
                case "\t": escaped += "\\t"
                default: escaped.append(character)
                }
            }
            return "'\(escaped)'"
        case .array(let items):
            var parts: [String] = []
            for item in items {
                guard let part = literal(item) else { return nil }
                parts.append(part)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .object: return nil
        }
    }

    /// A value for messages: `text 'x'`, `number 3`, `a list`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "boolean \(flag)"
        case .number: "number \(text(value))"
        case .string(let string): "text '\(string.count > 40 ? String(string.prefix(40)) + "…" : string)'"
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// A JSON pointer token (RFC 6901).
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func parameterError(_ name: String, _ detail: String) -> DomainError {
        DomainError(code: "workflow_template.invalid_parameters", kind: .invalid,
                    message: "The template parameters are not valid: '\(name)': \(detail).",
                    fields: [FieldError(pointer: "/parameters/\(name)", detail: detail)])
    }
}

extension JSONValue {
    /// The text of field `name`, when this is an object that has one.
    func objectField(_ name: String) -> String? {
        if case .object(let fields) = self { fields[name]?.stringValue } else { nil }
    }
}

/// JSON text of a value with sorted keys.
private func compactJSON(_ value: JSONValue) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
}
