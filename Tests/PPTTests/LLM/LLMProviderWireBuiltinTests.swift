import Foundation
import PPTDomain
import PPTLLM
import Testing

/// `BuiltinProvider`: no network, deterministic, and honest about what it is.
@Suite struct LLMProviderWireBuiltinTests {
    private let provider = BuiltinProvider()

    private func ask(_ text: String, format: LLMResponseFormat = .text) async throws -> LLMChatResponse {
        try await provider.chat(LLMChatRequest(model: BuiltinProvider.model, messages: [.user(text)],
                                               responseFormat: format))
    }

    @Test func itHasNoNetworkLocationAndTheSameRequestGetsTheSameAnswer() async throws {
        #expect(provider.descriptor.kind == .builtin)
        #expect(provider.descriptor.serverAddress == nil && provider.descriptor.serverPort == nil)
        let first = try await ask("What is the heating schedule?")
        let second = try await ask("What is the heating schedule?")
        #expect(first == second)
        #expect(first.model == BuiltinProvider.model)
        #expect(first.finishReason == .stop)
        #expect(first.responseID?.hasPrefix("builtin-") == true)
        let usage = try #require(first.usage)
        #expect(usage.inputTokens > 0 && usage.outputTokens > 0)
        let answer = try await ask("Something else entirely").responseID
        #expect(answer != first.responseID)
    }

    @Test func theAnswerSaysItComesFromTheBuiltInProvider() async throws {
        let answer = try await ask("What is the heating schedule?")
        #expect(answer.text.contains("built-in assistant"))
        #expect(answer.text.contains("no language model is connected"))
        let events = try await LLMWire.events(of: provider, LLMChatRequest(model: BuiltinProvider.model,
                                                                           messages: [.user("Hi there")]))
        guard case .responseMetadata(let id, let model)? = events.first else {
            Issue.record("the stream starts with its metadata")
            return
        }
        #expect(id?.hasPrefix("builtin-") == true && model == BuiltinProvider.model)
        #expect(events.filter { if case .textDelta = $0 { true } else { false } }.count > 3, "the answer is streamed")
    }

    @Test func aPastedTextIsSummarisedFromItsOwnSentences() async throws {
        let sentences = [
            "The heating in building A will be switched off on Monday for boiler maintenance.",
            "Residents should expect cold water between eight and noon.",
            "The boiler maintenance is required by the annual inspection of the heating system.",
            "Parking in the courtyard is not possible during the boiler maintenance.",
            "The committee thanks everyone for their patience.",
            "Questions about the heating can be sent to the administrator.",
            "The next meeting of owners takes place in March.",
            "Minutes of the last meeting are available in the documents section.",
        ]
        let answer = try await ask("Summarize: " + sentences.joined(separator: " "))
        let lines = answer.text.components(separatedBy: "\n")
        #expect(lines.first == "Summary (the most informative sentences of the text):")
        let summary = lines.dropFirst().prefix { !$0.isEmpty }
        #expect(summary.count == 5)
        #expect(summary.allSatisfy { sentences.contains($0) })
        #expect(summary.first == sentences[0])
        #expect(answer.text.hasSuffix("(offline; no language model is connected)."))
    }

    @Test(arguments: [
        ("Hello", "Hello! I am PPT's built-in assistant.", "PPT's built-in assistant (offline"),
        ("Dobrý deň, ako sa máte?", "Dobrý deň! Som vstavaný asistent PPT.", "Odpoveď vstavaného asistenta PPT"),
        ("Dobrý den, jak se máte?", "Dobrý den! Jsem vestavěný asistent PPT.", "Odpověď vestavěného asistenta PPT"),
        ("Guten Tag, wie geht es?", "Guten Tag! Ich bin der eingebaute PPT-Assistent.", "eingebauten PPT-Assistenten"),
    ])
    func aGreetingIsAnsweredInItsLanguage(greeting: String, reply: String, notice: String) async throws {
        let answer = try await ask(greeting)
        #expect(answer.text.hasPrefix(reply))
        #expect(answer.text.contains(notice))
    }

    @Test func structuredOutputIsJSONOfTheSchemasShape() async throws {
        let answer = try await ask("Hello", format: .jsonSchema(name: "reply", schema: .object([
            "type": "object",
            "properties": .object(["answer": .object(["type": "string"]), "count": .object(["type": "integer"])]),
        ])))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any])
        #expect((object["answer"] as? String)?.hasPrefix("Hello! I am PPT's built-in assistant.") == true)
        #expect(object["count"] as? Int == 0)
    }

    @Test func embeddingsAreUnitLengthAndSimilarTextsScoreHigher() async throws {
        let texts = [
            "The boiler in building A is leaking water into the basement.",
            "Water is leaking from the boiler into the basement of building A.",
            "The owners will vote on next year's budget at the annual meeting.",
        ]
        let response = try await provider.embed(LLMEmbeddingRequest(model: BuiltinProvider.embeddingModel,
                                                                    inputs: texts))
        #expect(response.vectors.count == 3)
        for vector in response.vectors {
            #expect(vector.count == BuiltinProvider.embeddingDimensions)
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-4)
        }
        func cosine(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        let similar = cosine(response.vectors[0], response.vectors[1])
        let unrelated = cosine(response.vectors[0], response.vectors[2])
        #expect(similar > unrelated + 0.2)
        let again = try await provider.embed(LLMEmbeddingRequest(model: BuiltinProvider.embeddingModel, inputs: [texts[0]]))
        #expect(again.vectors[0] == response.vectors[0])
        let models = try await provider.listModels()
        #expect(models.map(\.id) == [BuiltinProvider.model, BuiltinProvider.embeddingModel])
    }
}
