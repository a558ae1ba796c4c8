import Foundation
import PPTDocuments
import PPTDomain
import PPTLLM
import PPTStorage

/// Free-form questions: a clear request for a tool goes to that tool; anything else is answered from
/// the member's documents through the gateway (feature `voice`), at voice length, without citations.
extension VoiceTurn {
    /// Passages retrieved for a spoken question.
    static let questionSources = 3

    func question() async throws -> VoiceOutcome {
        let query = (command.slots["query"] ?? command.utterance ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else {
            let text = VoicePhrases.help(locale)
            return VoiceOutcome(reply("", ask: text))
        }
        let limit = VoiceCommandService.questionWordLimit
        if let route = IntentRouter.route(query), route.tool != "report_fault",
           let tool = service.tools.tool(named: route.tool) {
            let output = try await tool.run(route.arguments, context: context)
            let spoken = VoiceSpeech.speakable(output.summary, words: limit, locale)
            return VoiceOutcome(reply(spoken, card: output.summary), action: "tool:\(tool.name)")
        }
        let hits: [SearchHit]
        do {
            hits = try await context.services.search.search(scope, query: query, limit: Self.questionSources).hits
        } catch let error as DomainError where error.kind == .invalid {
            hits = []
        }
        let sources = LLMSourcesPrompt.render(hits.enumerated().map { index, hit in
            LLMSourcesPrompt.Source(number: index + 1, label: "„\(hit.documentTitle)“", text: hit.text)
        })
        let instructions = """
            You are the voice assistant of the user's residential building. Answer in \(Self.languageName(locale)) \
            in at most \(limit) words, in plain spoken sentences: no lists, no markdown, no citations, no symbols \
            or abbreviations. Use only the sources; when they do not answer the question, say so briefly.
            """
        let request = LLMChatRequest(model: "", messages: [
            LLMMessage(role: .system, content: instructions),
            LLMMessage(role: .system, content: sources),
            LLMMessage(role: .user, content: query),
        ], maxTokens: 300)
        let (response, servedBy) = try await service.gateway.complete(LLMCall(
            organizationID: scope.organizationID, userID: scope.userID, feature: .voice, request: request))
        // The built-in provider ends every answer with a paragraph saying it is the built-in provider:
        // right on screen, noise in speech.
        let text = servedBy.provider == .builtin ? Self.withoutLastParagraph(response.text) : response.text
        let answer = VoiceSpeech.speakable(text, words: limit, locale)
        let card = ([answer] + hits.map { "• \($0.documentTitle)" }).joined(separator: "\n")
        return VoiceOutcome(reply(answer, card: card), action: "answer:\(hits.count)")
    }

    /// The text without its last paragraph, unless it has only one.
    private static func withoutLastParagraph(_ text: String) -> String {
        let paragraphs = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        guard paragraphs.count > 1 else { return paragraphs.first ?? "" }
        return paragraphs.dropLast().joined(separator: " ")
    }

    private static func languageName(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Slovak", cs: "Czech", de: "German", en: "English")
    }
}
