import Foundation
import PPTDomain
import SQLKit

/// Typed column readers shared by every repository.
extension SQLRow {
    /// A non-null text column.
    package func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    /// A nullable text column.
    package func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    /// A non-null integer column.
    package func int(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }
    /// A non-null 64-bit integer column.
    package func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    /// A non-null floating-point column.
    package func double(_ column: String) throws -> Double { try decode(column: column, as: Double.self) }
    /// A boolean column (INTEGER 0/1 on SQLite, BOOLEAN on PostgreSQL).
    package func bool(_ column: String) throws -> Bool { try decode(column: column, as: Bool.self) }
    /// A non-null timestamp column.
    package func date(_ column: String) throws -> Date { try decode(column: column, as: Date.self) }
    /// A nullable timestamp column.
    package func optionalDate(_ column: String) throws -> Date? { try decode(column: column, as: Date?.self) }

    /// A non-null id column.
    package func id<T>(_ column: String) throws -> Identifier<T> { Identifier(trusted: try string(column)) }
    /// A nullable id column.
    package func optionalID<T>(_ column: String) throws -> Identifier<T>? {
        try optionalString(column).map(Identifier.init(trusted:))
    }

    /// A text column holding a raw-value enum.
    package func enumValue<E: RawRepresentable>(_ column: String) throws -> E where E.RawValue == String {
        let raw = try string(column)
        guard let value = E(rawValue: raw) else { throw StoredValueError(column: column, value: raw) }
        return value
    }

    /// A `YYYY-MM-DD` text column.
    package func calendarDate(_ column: String) throws -> CalendarDate {
        let raw = try string(column)
        guard let value = CalendarDate(raw) else { throw StoredValueError(column: column, value: raw) }
        return value
    }

    /// A nullable `YYYY-MM-DD` text column.
    package func optionalCalendarDate(_ column: String) throws -> CalendarDate? {
        guard let raw = try optionalString(column) else { return nil }
        guard let value = CalendarDate(raw) else { throw StoredValueError(column: column, value: raw) }
        return value
    }

    /// A text column holding JSON.
    package func json<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try string(column).utf8))
    }

    /// A text column holding any JSON value, parsed without `Codable` (see `JSONValue(jsonText:)`).
    package func json(_ column: String) throws -> JSONValue {
        let text = try string(column)
        do { return try JSONValue(jsonText: text) } catch { throw StoredValueError(column: column, value: "\(error)") }
    }

    /// A text column holding a JSON object, parsed without `Codable`.
    package func json(_ column: String) throws -> [String: JSONValue] {
        guard case .object(let members) = try json(column) as JSONValue else {
            throw StoredValueError(column: column, value: "not a JSON object")
        }
        return members
    }
}

/// A stored value that the binary cannot interpret (a corrupted row or a newer schema).
package struct StoredValueError: Error, CustomStringConvertible {
    let column: String
    let value: String
    package var description: String { "unexpected stored value in \(column): \(value)" }
}

/// A JSON value as text for a TEXT column, written without `Codable` (see `JSONValue.jsonText`).
package func jsonText(_ value: JSONValue) -> String { value.jsonText }

/// A JSON object as text for a TEXT column, written without `Codable`.
package func jsonText(_ value: [String: JSONValue]) -> String {
    var writer = JSONTextWriter()
    writer.write(object: value)
    return writer.text
}

/// Encodes a value as JSON text for a TEXT column.
package func jsonText(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    // Encoding our own Codable model types cannot fail.
    return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
}
