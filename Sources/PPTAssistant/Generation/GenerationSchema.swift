import Foundation
import PPTDomain

/// The JSON schema a generation asks the model for, and the decoding of its answer.
package struct GenerationSchema: Sendable, Hashable {
    /// The schema's name (`[a-zA-Z0-9_-]`, as OpenAI requires).
    package let name: String
    /// A JSON Schema object: strict-mode compatible (every property required, no additional ones).
    package let schema: JSONValue

    package init(name: String, schema: JSONValue) {
        self.name = name
        self.schema = schema
    }

    /// The instruction added to the system prompt: always "JSON only", and the schema itself when the
    /// model cannot take it as the answer format.
    func instructions(inline: Bool) -> String {
        guard inline else { return "Answer with one JSON object only." }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = (try? encoder.encode(schema)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "Answer with one JSON object only, no prose and no code fence, matching this JSON Schema:\n" + text
    }

    /// Decodes the model's text, tolerating a Markdown code fence or prose around one JSON object.
    static func decode<Output: Decodable>(_ type: Output.Type, from text: String) throws -> Output {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let open = body.firstIndex(of: "{"), let close = body.lastIndex(of: "}"), open < close {
            body = String(body[open...close])
        }
        return try JSONDecoder().decode(Output.self, from: Data(body.utf8))
    }

    /// What is wrong with an answer, in words a model can act on.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let domain as DomainError:
            let fields = domain.fields.map { "\($0.pointer) \($0.detail)" }
            return fields.isEmpty ? domain.message : fields.joined(separator: "; ")
        case DecodingError.keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(path(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not a JSON object" : "invalid value at \(path(context.codingPath))"
        default:
            return "not valid JSON for the schema"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        "/" + keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
    }
}

extension GenerationSchema {
    /// A strict object schema: every property required, nothing else allowed.
    package static func object(_ properties: [String: JSONValue]) -> JSONValue {
        .object(["type": "object", "properties": .object(properties),
                 "required": .array(properties.keys.sorted().map { .string($0) }), "additionalProperties": false])
    }

    /// A string property, optionally described.
    package static func string(_ description: String? = nil) -> JSONValue {
        description.map { .object(["type": "string", "description": .string($0)]) } ?? .object(["type": "string"])
    }

    /// An array property of `items`.
    package static func array(_ items: JSONValue, description: String? = nil) -> JSONValue {
        var fields: [String: JSONValue] = ["type": "array", "items": items]
        if let description { fields["description"] = .string(description) }
        return .object(fields)
    }

    /// A string property restricted to `values`.
    package static func oneOf(_ values: [String]) -> JSONValue {
        .object(["type": "string", "enum": .array(values.map { .string($0) })])
    }
}
