import Foundation
import PPTDomain
import PPTLLM
import PPTWorkflow
import Testing

/// The `llm` action through the real gateway: the built-in provider, and a loopback
/// OpenAI-compatible server (the gateway tests' fake).
@Suite("Workflow actions: llm")
struct WorkflowLLMActionTests {
    private static func call(_ input: [String: JSONValue], _ h: LLMGatewayHarness) -> ActionCall {
        ActionTesting.call(input, scope: OrgScope(organizationID: h.organizationID, userID: h.userID, role: .manager),
                           sql: nil)
    }

    private static let summarySchema: JSONValue = [
        "type": "object", "required": ["summary", "urgent"], "additionalProperties": false,
        "properties": ["summary": ["type": "string"], "urgent": ["type": "boolean"]],
    ]

    @Test("the built-in provider answers text and schema-shaped JSON, metered under the workflow feature")
    func builtin() async throws {
        try await LLMGatewayHarness.run { h in
            h.configure(LLMEndpoint(provider: .builtin, model: BuiltinProvider.model))
            let action = LLMAction(gateway: h.gateway)
            let text = try await action.perform(Self.call(["prompt": "Hello, who are you?"], h))
            #expect(ActionTesting.text(text, "provider") == "builtin")
            #expect(ActionTesting.text(text, "model") == BuiltinProvider.model)
            #expect(ActionTesting.text(text, "text")?.isEmpty == false)
            #expect(ActionTesting.field(text, "json") == .null)
            #expect(ActionTesting.matchesDeclaredOutput(text, of: action))
            let json = try await action.perform(Self.call(
                ["prompt": "Summarize: the boiler is leaking.", "output": "json", "schema": Self.summarySchema], h))
            guard case .object(let answer)? = ActionTesting.field(json, "json") else {
                Issue.record("no JSON object in \(json)")
                return
            }
            #expect(answer["urgent"] == false && answer["summary"]?.stringValue != nil)
            if case .number(let tokens)? = ActionTesting.field(json, "inputTokens") { #expect(tokens > 0) }
            let entries = h.store.entries
            #expect(entries.count == 2 && entries.allSatisfy { $0.feature == .workflow && $0.userID == h.userID })
        }
    }

    @Test("a loopback OpenAI server's JSON answer is parsed; the workflow feature's model is requested")
    func openAIJSON() async throws {
        try await LLMGatewayHarness.run { h in
            let answer = #"{"summary":"Boiler leak in building A","urgent":true}"#
            try await FakeLLMServer.run(responses: [FakeOpenAI.stream(pieces: [answer], usage: (40, 12))]) { server in
                h.store.configure(h.organizationID, LLMSettings(
                    primary: server.openAI(), featureOverrides: [.workflow: LLMFeatureOverride(model: "gpt-4.1-mini")]),
                    keys: LLMGatewayHarness.keys)
                let output = try await LLMAction(gateway: h.gateway).perform(Self.call([
                    "prompt": "Summarize the fault: water under the boiler.", "system": "You triage faults.",
                    "output": "json", "schema": Self.summarySchema, "maxTokens": "300",
                ], h))
                #expect(ActionTesting.field(output, "json") == ["summary": "Boiler leak in building A", "urgent": true])
                #expect(ActionTesting.field(output, "inputTokens") == 40 && ActionTesting.field(output, "outputTokens") == 12)
                #expect(ActionTesting.text(output, "provider") == "openai")
                let (_, json) = try await LLMWire.onlyRequest(server)
                #expect(json["model"] as? String == "gpt-4.1-mini")
                #expect((json["max_tokens"] as? Int ?? json["max_completion_tokens"] as? Int) == 300)
                let format = json["response_format"] as? [String: Any]
                #expect(format?["type"] as? String == "json_schema")
                let messages = json["messages"] as? [[String: Any]] ?? []
                #expect(messages.first?["content"] as? String == "You triage faults.")
                #expect(messages.last?["content"] as? String == "Summarize the fault: water under the boiler.")
            }
        }
    }

    @Test("an invalid JSON answer is sent back once; a second invalid answer fails without retry")
    func invalidJSON() async throws {
        try await LLMGatewayHarness.run { h in
            let wrong = FakeOpenAI.stream(pieces: [#"{"summary":"Leak"}"#])
            let right = FakeOpenAI.stream(pieces: [#"{"summary":"Leak","urgent":false}"#])
            try await FakeLLMServer.run(responses: [wrong, right]) { server in
                h.configure(server.openAI())
                let output = try await LLMAction(gateway: h.gateway).perform(Self.call(
                    ["prompt": "Summarize.", "output": "json", "schema": Self.summarySchema], h))
                #expect(ActionTesting.field(output, "json") == ["summary": "Leak", "urgent": false])
                let requests = await server.requests()
                #expect(requests.count == 2)
                let second = requests.last?.json?["messages"] as? [[String: Any]] ?? []
                #expect((second.last?["content"] as? String)?.contains("/urgent is required") == true)
            }
            try await FakeLLMServer.run(responses: [FakeOpenAI.stream(pieces: ["Sure! Here it is."])]) { server in
                h.configure(server.openAI())
                let failure = await ActionTesting.failure {
                    _ = try await LLMAction(gateway: h.gateway).perform(Self.call(["prompt": "x", "output": "json"], h))
                }
                #expect(failure?.code == "llm.invalid_output" && failure?.retryable == false)
                #expect(await server.requests().count == 2)
            }
        }
    }

    @Test("the feature flag, unavailable providers and bad input give the right failures; simulate calls nothing")
    func failures() async throws {
        try await LLMGatewayHarness.run(maxRetries: 0) { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.error(status: 503, type: "server_error", message: "down")]) { server in
                h.configure(server.openAI())
                let action = LLMAction(gateway: h.gateway)
                let down = await ActionTesting.failure { _ = try await action.perform(Self.call(["prompt": "Hi"], h)) }
                #expect(down?.code == "llm.provider_unavailable" && down?.retryable == true)
                let requestsBefore = await server.requests().count
                let preview = try await action.simulate(Self.call(
                    ["prompt": "Hi", "output": "json", "schema": Self.summarySchema], h))
                #expect(ActionTesting.field(preview, "json") == ["summary": "", "urgent": false])
                #expect(await server.requests().count == requestsBefore)
                for input: [String: JSONValue] in [
                    [:], ["prompt": "Hi", "output": "xml"], ["prompt": "Hi", "schema": Self.summarySchema],
                    ["prompt": "Hi", "maxTokens": 0], ["prompt": "Hi", "maxTokens": "lots"],
                ] {
                    let bad = await ActionTesting.failure { _ = try await action.perform(Self.call(input, h)) }
                    #expect(bad?.code == "action.invalid_input" && bad?.retryable == false, "\(input)")
                }
                h.store.disable(.workflowAutomation, for: h.organizationID)
                let off = await ActionTesting.failure { _ = try await action.perform(Self.call(["prompt": "Hi"], h)) }
                #expect(off?.code == "llm.feature_disabled" && off?.retryable == false)
            }
        }
    }

    @Test("JSON answers are checked against the schema subset", arguments: [
        (#"{"summary":"a","urgent":true}"#, nil),
        ("```json\n{\"summary\":\"a\",\"urgent\":true}\n```", nil),
        (#"{"summary":"a"}"#, "/urgent is required"),
        (#"{"summary":1,"urgent":true}"#, "/summary must be of type string"),
        (#"{"summary":"a","urgent":true,"extra":1}"#, "/extra is not allowed"),
        (#"[1,2]"#, "the answer must be of type object"),
        ("not json", "the answer is not JSON"),
    ] as [(String, String?)])
    func schemaCheck(text: String, problem: String?) {
        switch LLMJSONCheck.parse(text, schema: Self.summarySchema) {
        case .success: #expect(problem == nil)
        case .failure(let found): #expect(found.message == problem)
        }
    }
}
