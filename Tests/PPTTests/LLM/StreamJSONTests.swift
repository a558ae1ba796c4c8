import Foundation
import PPTDomain
import PPTLLM
import Testing

/// The stream-line JSON reader agrees with Foundation's decoder and refuses what is not JSON.
@Suite struct StreamJSONTests {
    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"},"f":-2.5e3}"#,
        #"{"text":"quote \" backslash \\ slash \/ controls \b\f\n\r\t"}"#,
        #"{"u":"\u010d\u00e1\u017e \ud83d\ude00 \u2028"}"#,
        #"  [ 1 , "x" , { } , [ ] ]  "#,
        #"{"nested":{"deeper":{"list":[{"k":"v"}]}},"empty":""}"#,
        #"{"choices":[{"index":0,"delta":{"content":"Dobrý deň — ľščťžýáíé"},"finish_reason":null}],"usage":null}"#,
    ])
    func matchesFoundation(text: String) throws {
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(StreamJSON.parse(text) == expected)
    }

    @Test(arguments: [
        "", "{", "{\"a\":}", "{\"a\" 1}", "[1,]", "{\"a\":1}}", "\"unterminated", "{not json", "tru",
        "\"bad escape \\x\"", "\"lone surrogate \\ud83d\"", "\"raw\ncontrol\"", "[1] [2]",
    ])
    func refusesInvalid(text: String) {
        #expect(StreamJSON.parse(text) == nil)
    }

    @Test func readsMembersAndNumbers() throws {
        let value = try #require(StreamJSON.parse(#"{"n":42,"code":429,"s":"x","list":[1,2]}"#))
        #expect(value["n"]?.intValue == 42)
        #expect(value["code"]?.textValue == "429")
        #expect(value["s"]?.textValue == "x")
        #expect(value["list"]?.items.count == 2)
        #expect(value["missing"] == nil)
    }

    @Test func deepNestingIsRefusedNotRecursedForever() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(StreamJSON.parse(deep) == nil)
    }
}
