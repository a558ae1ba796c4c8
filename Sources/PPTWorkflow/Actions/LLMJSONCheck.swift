import Foundation
import PPTDomain

/// Parses a model's JSON answer and checks it against the subset of JSON Schema that workflow
/// authors use: `type` (one or a list), `properties`, `required`, `additionalProperties: false`,
/// `items`, `enum`, `minimum`/`maximum`, `minLength`/`maxLength`.
package enum LLMJSONCheck {
    /// Why an answer was refused, with a JSON pointer into the answer.
    package struct Problem: Error, Sendable, Hashable {
        /// For people and for the model's second chance.
        package let message: String
    }

    /// The answer as JSON, or the first problem found. Code fences around it are tolerated.
    package static func parse(_ text: String, schema: JSONValue?) -> Result<JSONValue, Problem> {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if body.hasPrefix("```") {
            body = String(body.drop { $0 != "\n" }.dropFirst())
            if body.hasSuffix("```") { body = String(body.dropLast(3)) }
            body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard !body.isEmpty, let data = body.data(using: .utf8),
              let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return .failure(Problem(message: "the answer is not JSON"))
        }
        if let schema, let problem = check(value, against: schema, at: "") { return .failure(problem) }
        return .success(value)
    }

    /// The first place where `value` does not match `schema`, if any.
    package static func check(_ value: JSONValue, against schema: JSONValue, at pointer: String) -> Problem? {
        guard case .object(let rules) = schema else { return nil }
        let place = pointer.isEmpty ? "the answer" : pointer
        if case .array(let options)? = rules["enum"], !options.contains(value) {
            return Problem(message: "\(place) must be one of \(render(.array(options)))")
        }
        let types: [String]
        switch rules["type"] {
        case .string(let type)?: types = [type]
        case .array(let list)?: types = list.compactMap(\.stringValue)
        default: types = []
        }
        if !types.isEmpty && !types.contains(where: { matches(value, $0) }) {
            return Problem(message: "\(place) must be of type \(types.joined(separator: " or "))")
        }
        switch value {
        case .object(let object):
            if case .array(let required)? = rules["required"] {
                for name in required.compactMap(\.stringValue) where object[name] == nil {
                    return Problem(message: "\(pointer)/\(name) is required")
                }
            }
            let properties: [String: JSONValue]
            if case .object(let declared)? = rules["properties"] { properties = declared } else { properties = [:] }
            for name in object.keys.sorted() {
                if let property = properties[name] {
                    if let problem = check(object[name]!, against: property, at: "\(pointer)/\(name)") { return problem }
                } else if rules["additionalProperties"] == .bool(false) {
                    return Problem(message: "\(pointer)/\(name) is not allowed")
                }
            }
        case .array(let items):
            if let itemSchema = rules["items"] {
                for (index, item) in items.enumerated() {
                    if let problem = check(item, against: itemSchema, at: "\(pointer)/\(index)") { return problem }
                }
            }
        case .string(let text):
            if case .number(let min)? = rules["minLength"], Double(text.count) < min {
                return Problem(message: "\(place) must have at least \(Int(min)) characters")
            }
            if case .number(let max)? = rules["maxLength"], Double(text.count) > max {
                return Problem(message: "\(place) must have at most \(Int(max)) characters")
            }
        case .number(let number):
            if case .number(let min)? = rules["minimum"], number < min { return Problem(message: "\(place) must be ≥ \(render(.number(min)))") }
            if case .number(let max)? = rules["maximum"], number > max { return Problem(message: "\(place) must be ≤ \(render(.number(max)))") }
        case .null, .bool:
            break
        }
        return nil
    }

    /// A value of the schema's shape (for dry runs): required and declared properties, first enum
    /// values, empty strings and lists, zeros.
    package static func example(of schema: JSONValue) -> JSONValue {
        guard case .object(let rules) = schema else { return .null }
        if case .array(let options)? = rules["enum"], let first = options.first { return first }
        let type: String? = rules["type"]?.stringValue ?? {
            if case .array(let list)? = rules["type"] { return list.first?.stringValue }
            return nil
        }()
        switch type {
        case "object":
            guard case .object(let properties)? = rules["properties"] else { return .object([:]) }
            return .object(properties.mapValues(example(of:)))
        case "array": return .array([])
        case "string": return .string("")
        case "integer", "number": return .number(0)
        case "boolean": return .bool(false)
        default: return .null
        }
    }

    private static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
             ("number", .number): true
        case ("integer", .number(let n)): n == n.rounded(.towardZero) && n.isFinite
        default: false
        }
    }

    private static func render(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "?"
    }
}
