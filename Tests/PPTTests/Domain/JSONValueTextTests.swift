import Foundation
import PPTDomain
import Testing

/// `JSONValue`'s own JSON text: it reads what `JSONDecoder` reads and rejects what it rejects,
/// and what it writes reads back identically through both.
@Suite struct JSONValueTextTests {
    /// A value with every kind of node, escapes, non-ASCII text and awkward numbers.
    static let sample: JSONValue = [
        "null": .null, "yes": true, "no": false, "int": 42, "negative": -7, "zero": 0, "fraction": 0.1,
        "big": 1e20, "tiny": .number(.leastNonzeroMagnitude), "edge": 999_999_999_999_999, "past": 1e15,
        "text": "Čo je \"nové\"?\nTab\there, back\\slash, slash / and \u{1}\u{1F}",
        "emoji": "🏠 byt č. 4", "empty": "", "list": [1, "two", [3], [:], []],
        "nested": ["a": ["b": ["c": "d"]], "Ž": "last", "A": "first"],
    ]

    @Test("written text reads back identically through the parser and through JSONDecoder")
    func roundTrip() throws {
        let text = Self.sample.jsonText
        #expect(try JSONValue(jsonText: text) == Self.sample)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == Self.sample)
    }

    @Test("the parser reads JSONEncoder's text (escaped slashes, sorted keys) to the same value")
    func readsFoundationText() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(Self.sample), as: UTF8.self)
        #expect(try JSONValue(jsonText: text) == Self.sample)
    }

    @Test("keys are sorted by bytes, integers have no fraction, non-finite numbers are null")
    func writtenForm() {
        let value: JSONValue = ["b": 1, "a": [2.5, 3], "B": .number(.nan), "c": .number(.infinity)]
        #expect(value.jsonText == #"{"B":null,"a":[2.5,3],"b":1,"c":null}"#)
        #expect(JSONValue.string("a\u{8}b\u{C}c\u{7F}").jsonText == #""a\bb\fc\#u{7F}""#)
    }

    @Test("escapes: short forms, \\u with surrogate pairs, escaped slash")
    func escapes() throws {
        let text = #"["\"\\\/\b\f\n\r\t", "\u00e9\u010D", "\ud83c\udfe0", "a\u0000b"]"#
        #expect(try JSONValue(jsonText: text) == ["\"\\/\u{8}\u{C}\n\r\t", "éč", "🏠", "a\u{0}b"])
    }

    @Test("numbers: exact integers, fractions, exponents, negative zero")
    func numbers() throws {
        #expect(try JSONValue(jsonText: "[0, -0, 12, -345, 1.5, 2e3, 2E-3, 1.25e+2, 123456789012345678901]")
            == [0, 0, 12, -345, 1.5, 2000, 0.002, 125, .number(Double("123456789012345678901")!)])
    }

    @Test("whitespace around and inside values is allowed")
    func whitespace() throws {
        #expect(try JSONValue(jsonText: " \n\t{ \"a\" : [ 1 , 2 ] }\r\n ") == ["a": [1, 2]])
    }

    /// Rejected here and by `JSONDecoder`, except trailing commas, which `JSONDecoder` lets pass
    /// and RFC 8259 does not.
    @Test("bad text is an error with its position", arguments: [
        ("", 0), ("{", 1), ("[1,]", 3), ("{\"a\":1,}", 7), ("[1 2]", 3), ("01", 1), ("1.", 2), ("-", 1), ("1e", 2),
        ("tru", 0), ("nul", 0), ("\"abc", 0), ("\"a\u{1}b\"", 2), ("\"\\x\"", 2), ("\"\\u12\"", 3),
        ("\"\\ud800\"", 7), ("\"\\udc00\"", 7), ("{a:1}", 1), ("{\"a\" 1}", 5), ("1 2", 2), ("[1]x", 3), ("1e999", 0),
    ])
    func rejects(text: String, offset: Int) throws {
        #expect(throws: JSONTextError.self) { try JSONValue(jsonText: text) }
        if !text.hasSuffix(",]") && !text.hasSuffix(",}") {
            #expect((try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) == nil)
        }
        do { _ = try JSONValue(jsonText: text) } catch let error as JSONTextError { #expect(error.offset == offset) }
    }

    @Test("invalid UTF-8 inside a string is an error")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONTextError.self) {
            try bytes.withUnsafeBufferPointer { try JSONValue(jsonBytes: $0) }
        }
    }

    @Test("nesting deeper than 512 levels is an error, not a crash")
    func depthLimit() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONTextError.self) { try JSONValue(jsonText: deep) }
        let fine = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONValue(jsonText: fine) }
    }

    @Test("a duplicate key keeps the last value")
    func duplicateKeys() throws {
        #expect(try JSONValue(jsonText: #"{"a":1,"a":2}"#) == ["a": 2])
    }
}
