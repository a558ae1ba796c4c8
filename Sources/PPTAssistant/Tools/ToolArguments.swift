import Foundation
import PPTDomain

/// A tool's arguments as the model sent them, read leniently but safely: keys the tool does not know are
/// ignored, `null` and (for optional values) blank strings count as absent, and a value of the wrong type
/// or out of range is a `DomainError.invalid` pointing at the argument (`/unit_id`).
package struct ToolArguments: Sendable {
    /// The raw arguments.
    package let values: [String: JSONValue]

    /// Wraps the arguments of one call.
    package init(_ values: [String: JSONValue]) { self.values = values }

    /// The value of `key`, `nil` when absent or `null`.
    private func value(_ key: String) -> JSONValue? {
        switch values[key] {
        case nil, .null?: nil
        case let value?: value
        }
    }

    /// A trimmed string; blank counts as absent unless `required` (then it is an error).
    package func string(_ key: String, required: Bool = false, maxLength: Int = 500) throws(DomainError) -> String? {
        guard let value = value(key) else {
            if required { throw DomainError.invalid("/\(key)", "is required") }
            return nil
        }
        let text: String
        switch value {
        case .string(let s): text = s
        // Models sometimes send numbers where text is expected ("unit 3"); accept them as written.
        case .number(let n): text = n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        default: throw DomainError.invalid("/\(key)", "must be a string")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            if required { throw DomainError.invalid("/\(key)", "must not be empty") }
            return nil
        }
        guard trimmed.count <= maxLength else {
            throw DomainError.invalid("/\(key)", "must be at most \(maxLength) characters")
        }
        return trimmed
    }

    /// A typed identifier (a UUID string).
    package func id<Entity>(_ key: String, as type: Identifier<Entity>.Type = Identifier<Entity>.self)
        throws(DomainError) -> Identifier<Entity>?
    {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw DomainError.invalid("/\(key)", "must be an id (a string)") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        guard let id = Identifier<Entity>(trimmed) else { throw DomainError.invalid("/\(key)", "is not a valid id") }
        return id
    }

    /// One of an enumeration's raw values (case- and separator-insensitive: `In Progress` is `in_progress`).
    package func choice<Value: RawRepresentable & CaseIterable>(_ key: String, as type: Value.Type)
        throws(DomainError) -> Value? where Value.RawValue == String
    {
        guard let text = try string(key, maxLength: 100) else { return nil }
        return try Self.choice(text, key: key, as: type)
    }

    /// Parses `text` as one of `Value`'s raw values, or throws with the allowed ones.
    static func choice<Value: RawRepresentable & CaseIterable>(_ text: String, key: String, as type: Value.Type)
        throws(DomainError) -> Value where Value.RawValue == String
    {
        let wanted = Self.normalize(text)
        if let match = Value.allCases.first(where: { Self.normalize($0.rawValue) == wanted }) { return match }
        let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
        throw DomainError.invalid("/\(key)", "must be one of: \(allowed)")
    }

    private static func normalize(_ text: String) -> String {
        SearchText.fold(text).replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// A whole number within `range`; numeric strings (`"3"`) are accepted.
    package func integer(_ key: String, in range: ClosedRange<Int>) throws(DomainError) -> Int? {
        guard let value = value(key) else { return nil }
        let number: Int?
        switch value {
        case .number(let n) where n.rounded() == n && abs(n) < 1e15: number = Int(n)
        case .string(let s): number = Int(s.trimmingCharacters(in: .whitespaces))
        default: number = nil
        }
        guard let number else { throw DomainError.invalid("/\(key)", "must be a whole number") }
        guard range.contains(number) else {
            throw DomainError.invalid("/\(key)", "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// A boolean; `"true"` and `"false"` strings are accepted.
    package func flag(_ key: String) throws(DomainError) -> Bool? {
        switch value(key) {
        case nil: return nil
        case .bool(let b)?: return b
        case .string(let s)? where ["true", "false"].contains(s.lowercased()): return s.lowercased() == "true"
        default: throw DomainError.invalid("/\(key)", "must be true or false")
        }
    }

    /// `error` with field pointers renamed from repository names (`/buildingID`) to argument names
    /// (`/building_id`), so the model sees which of its arguments was wrong.
    package static func renaming(_ error: DomainError, _ pointers: [String: String]) -> DomainError {
        guard !error.fields.isEmpty else { return error }
        let fields = error.fields.map { FieldError(pointer: pointers[$0.pointer] ?? $0.pointer, detail: $0.detail) }
        return DomainError(code: error.code, kind: error.kind, message: error.message, fields: fields,
                           retryAfterSeconds: error.retryAfterSeconds)
    }
}

/// JSON Schema fragments for tool parameters.
enum ToolSchema {
    /// An object schema with the given properties.
    static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return .object(schema)
    }

    /// A string property.
    static func string(_ description: String, maxLength: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "description": .string(description)]
        if let maxLength { schema["maxLength"] = .number(Double(maxLength)) }
        return .object(schema)
    }

    /// A string property limited to `values`.
    static func choice(_ description: String, _ values: [String]) -> JSONValue {
        ["type": "string", "description": .string(description), "enum": .array(values.map(JSONValue.string))]
    }

    /// An integer property.
    static func integer(_ description: String, minimum: Int, maximum: Int) -> JSONValue {
        ["type": "integer", "description": .string(description), "minimum": .number(Double(minimum)),
         "maximum": .number(Double(maximum))]
    }

    /// A boolean property.
    static func boolean(_ description: String) -> JSONValue {
        ["type": "boolean", "description": .string(description)]
    }
}

/// Reading every page of a repository list, up to a cap, for tools that summarise a whole list.
enum ToolPaging {
    /// Items of consecutive pages until the list ends or `limit` items were read.
    static func collect<Item>(limit: Int, pageSize: Int = 100,
                              _ fetch: (PageRequest) async throws -> Page<Item>) async throws -> [Item] {
        var items: [Item] = []
        var cursor: Cursor?
        repeat {
            let page = try await fetch(PageRequest(limit: min(pageSize, limit - items.count), cursor: cursor))
            items += page.items
            cursor = page.nextCursor.flatMap(Cursor.init(token:))
        } while cursor != nil && items.count < limit
        return items
    }
}
