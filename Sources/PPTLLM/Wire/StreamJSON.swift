import PPTDomain

/// JSON for stream lines (RFC 8259). Provider streams send one small object per event, dozens per
/// answer; decoding them through `Codable` was the largest cost of relaying a stream, so the
/// decoders read `JSONValue`'s own parser instead. Numbers become `Double`.
package enum StreamJSON {
    /// The value in `text`, or `nil` when it is not exactly one JSON value. A stream line is a
    /// flat event, so nesting beyond 64 levels is refused.
    package static func parse(_ text: String) -> JSONValue? {
        try? JSONValue(jsonText: text, maximumDepth: 64)
    }
}

extension JSONValue {
    /// The member `key` of an object.
    package subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// The elements of an array (empty otherwise).
    package var items: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    /// The number as an integer, if it is a whole number.
    package var intValue: Int? {
        if case .number(let number) = self, number.rounded() == number, abs(number) < 1e15 { return Int(number) }
        return nil
    }

    /// A string, or a number written as text (some servers send codes as numbers).
    package var textValue: String? {
        switch self {
        case .string(let text): text
        case .number: intValue.map(String.init)
        default: nil
        }
    }
}
