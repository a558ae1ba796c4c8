import Foundation
import PPTDomain
import PPTLLM

/// `llm`: one model call through the gateway (DESIGN §6) as the workflow's organization and author,
/// under the `workflow` feature (its model override, its feature flag `llm.workflow_automation`,
/// budget, rate limits, usage ledger). Output is text, or JSON checked against an optional schema:
/// an invalid answer is sent back once with the problem; a second invalid answer fails the step
/// with `llm.invalid_output` (not retried: the model has already had its second chance).
package struct LLMAction: WorkflowAction {
    package let name = "llm"
    package let effect = ActionEffect.external
    package let fields: [ActionField] = [
        ActionField("prompt", .string, required: true, "The request (a template)."),
        ActionField("system", .string, "Instructions for the model."),
        ActionField("output", .string, "text (default) or json."),
        ActionField("schema", .object, "JSON Schema the JSON answer must match (type, properties, required, items, enum)."),
        ActionField("maxTokens", .integer, "Output token limit (1–32,000; default: the configured one)."),
    ]
    package let output: [String: WorkflowValueType] = [
        "text": .string, "json": .any, "model": .string, "provider": .string,
        "inputTokens": .integer, "outputTokens": .integer,
    ]

    private let gateway: LLMGateway

    /// An action calling models through `gateway`.
    package init(gateway: LLMGateway) {
        self.gateway = gateway
    }

    /// The checked input.
    private struct Input {
        let prompt: String
        let system: String?
        let json: Bool
        let schema: JSONValue?
        let maxTokens: Int?
    }

    private func input(_ call: ActionCall) throws -> Input {
        let prompt = try call.string("prompt")
        guard prompt.count <= 100_000 else { throw ActionFailure.invalidInput("prompt", "must be at most 100,000 characters") }
        let mode = try call.optionalString("output") ?? "text"
        guard mode == "text" || mode == "json" else { throw ActionFailure.invalidInput("output", "must be text or json") }
        var schema: JSONValue?
        switch call.input["schema"] {
        case nil, .null?: schema = nil
        case .object(let object)? where mode == "json": schema = .object(object)
        case .object?: throw ActionFailure.invalidInput("schema", "applies only to output json")
        default: throw ActionFailure.invalidInput("schema", "must be a JSON Schema object")
        }
        var maxTokens: Int?
        switch call.input["maxTokens"] {
        case nil, .null?, .string("")?: maxTokens = nil
        case .number(let n)? where n == n.rounded() && (1...32_000).contains(n): maxTokens = Int(n)
        case .string(let text)? where Int(text).map { (1...32_000).contains($0) } ?? false: maxTokens = Int(text)
        default: throw ActionFailure.invalidInput("maxTokens", "must be a whole number from 1 to 32,000")
        }
        return Input(prompt: prompt, system: try call.optionalString("system"), json: mode == "json", schema: schema,
                     maxTokens: maxTokens)
    }

    package func perform(_ call: ActionCall) async throws -> JSONValue {
        let input = try input(call)
        var messages: [LLMMessage] = []
        if let system = input.system { messages.append(.system(system)) }
        if input.json {
            messages.append(.system("Answer with one JSON value only, no prose and no code fences."))
        }
        messages.append(.user(input.prompt))
        let format: LLMResponseFormat = input.json
            ? (input.schema.map { .jsonSchema(name: "workflow_output", schema: $0) } ?? .jsonObject) : .text
        var tokens = (input: 0, output: 0)
        for attempt in 1...2 {
            let request = LLMChatRequest(model: "", messages: messages, maxTokens: input.maxTokens, responseFormat: format)
            let (response, served) = try await ActionFailure.mappingDomainErrors {
                try await gateway.complete(LLMCall(organizationID: call.scope.organizationID, userID: call.scope.userID,
                                                   feature: .workflow, request: request, conversationID: call.runID))
            }
            let usage = response.usage ?? LLMUsage(inputTokens: TokenEstimator.estimate(request),
                                                   outputTokens: TokenEstimator.estimate(response.text))
            tokens = (tokens.input + usage.inputTokens, tokens.output + usage.outputTokens)
            var result: [String: JSONValue] = [
                "text": .string(response.text), "json": .null, "model": .string(response.model ?? served.model),
                "provider": .string(served.provider.rawValue),
                "inputTokens": .number(Double(tokens.input)), "outputTokens": .number(Double(tokens.output)),
            ]
            guard input.json else { return .object(result) }
            switch LLMJSONCheck.parse(response.text, schema: input.schema) {
            case .success(let value):
                result["json"] = value
                return .object(result)
            case .failure(let problem):
                guard attempt == 1 else {
                    throw ActionFailure(code: "llm.invalid_output",
                                        message: "The model's answer was not valid JSON twice: \(problem.message)",
                                        retryable: false)
                }
                messages.append(.assistant(response.text))
                messages.append(.user("""
                    That answer is not valid: \(problem.message). Answer again with only the corrected JSON, \
                    following the schema.
                    """))
            }
        }
        throw ActionFailure(code: "llm.invalid_output", message: "The model gave no valid answer.", retryable: false)
    }

    /// Checks the input only: a dry run calls no model and spends nothing.
    package func simulate(_ call: ActionCall) async throws -> JSONValue {
        let input = try input(call)
        let json: JSONValue = input.json ? (input.schema.map { LLMJSONCheck.example(of: $0) } ?? .object([:])) : .null
        return .object([
            "text": .string(input.json ? "" : "(dry run: no model was called)"), "json": json,
            "model": .string(""), "provider": .string(""), "inputTokens": .number(0), "outputTokens": .number(0),
        ])
    }
}
