import Foundation
@testable import PPTAssistant
import PPTDocuments
import PPTDomain
import PPTLLM
import Testing

@Suite("Chat context, summary folding and stream positions")
struct ChatContextTests {
    static let persona = ChatPersona(organizationName: "BD Slnečnica", userName: "Eva", role: .tenant,
                                     places: ["Slnečnica A, unit 3"], language: .sk, today: CalendarDate("2026-11-29")!)

    static func session(summary: String = "", through: Int = 0) -> ChatSession {
        ChatSession(id: .init(), organizationID: .init(), userID: .init(), title: "t", titleGenerated: true,
                    summary: summary, summarizedThrough: through, messageCount: 0, createdAt: Date(), updatedAt: Date())
    }

    static func history(_ turns: Int, sessionID: ChatSessionID = .init()) -> [ChatMessage] {
        (1...turns * 2).map { sequence in
            let user = sequence % 2 == 1
            let text = user ? "Otázka číslo \(sequence / 2 + 1) o pravidlách domu a nočnom pokoji?"
                : "Odpoveď číslo \(sequence / 2). " + String(repeating: "Podrobnosti o pravidlách. ", count: 20)
            return ChatMessage(id: .init(), sessionID: sessionID, sequence: sequence, role: user ? .user : .assistant,
                               content: text, status: .complete, createdAt: Date())
        }
    }

    @Test("The system prompt carries organization, role, homes, language and date")
    func systemPrompt() {
        let prompt = Self.persona.systemPrompt
        for fact in ["BD Slnečnica", "Eva", "tenant", "Slnečnica A, unit 3", "Slovak", "2026-11-29", "[1]"] {
            #expect(prompt.contains(fact), "missing \(fact)")
        }
    }

    @Test("A small context window keeps the newest turns verbatim and folds the rest into the summary")
    func truncation() {
        let history = Self.history(12)
        let builder = ChatContextBuilder(contextWindow: 2_400, reservedForAnswer: 400)
        let (messages, folded) = builder.build(persona: Self.persona, session: Self.session(), history: history,
                                               sources: LLMSourcesPrompt.render([]), facts: nil, question: "Posledná otázka?")
        let turns = messages.filter { $0.role == .user || $0.role == .assistant }
        #expect(turns.last?.content == "Posledná otázka?")
        #expect(turns.count > 2 && turns.count < history.count + 1)
        // The kept turns are the newest ones, in order, starting with a question.
        let kept = Array(turns.dropLast())
        #expect(kept.first?.role == .user)
        #expect(kept.map(\.content) == history.suffix(kept.count).map(\.content))
        // Everything older is folded, oldest first, and the summary mentions the first question.
        #expect(folded.map(\.sequence) == Array(1...(history.count - kept.count)))
        let summary = ChatContextBuilder.fold("", folded)
        #expect(summary.contains("User asked: Otázka číslo 1 "))
        #expect(Chunker.estimateTokens(summary) <= ChatContextBuilder.summaryBudget)
    }

    @Test("A stored summary is sent, and messages it covers are not repeated")
    func summaryUsed() {
        let history = Self.history(3)
        let builder = ChatContextBuilder(contextWindow: 128_000, reservedForAnswer: 1_000)
        let (messages, folded) = builder.build(
            persona: Self.persona, session: Self.session(summary: "User asked: Otázka číslo 1", through: 2),
            history: history, sources: LLMSourcesPrompt.render([]), facts: nil, question: "Ďalej?")
        #expect(folded.isEmpty)
        #expect(messages.contains { $0.role == .system && $0.content.contains("User asked: Otázka číslo 1") })
        let turns = messages.filter { $0.role != .system }.map(\.content)
        #expect(turns == history.dropFirst(2).map(\.content) + ["Ďalej?"])
    }

    @Test("Stream positions: resuming replays only what was missed, live or stored")
    func replay() {
        let message = ChatMessage(id: .init(), sessionID: .init(), sequence: 2, role: .assistant,
                                  content: "Nočný pokoj je od 22:00 [1].", status: .complete,
                                  sources: [ChatSource(number: 1, documentID: .init(), documentTitle: "Domový poriadok",
                                                       version: 1, page: 1, chunkID: "c", heading: "", text: "…")],
                                  createdAt: Date())
        let all = ChatReplay.events(for: message, after: .origin)
        #expect(all.map(\.payload.name) == ["start", "sources", "delta", "usage", "done"])
        let afterSources = ChatReplay.events(for: message, after: ChatEventPosition(events: 2, characters: 10))
        #expect(afterSources.map(\.payload.name) == ["delta", "usage", "done"])
        if case .delta(let rest) = afterSources[0].payload { #expect(rest == String(message.content.dropFirst(10))) }
        let afterText = ChatReplay.events(for: message, after: afterSources[0].position)
        #expect(afterText.map(\.payload.name) == ["usage", "done"])
        #expect(ChatEventPosition("3:17") == ChatEventPosition(events: 3, characters: 17))
        #expect(ChatEventPosition("x") == nil && ChatEventPosition("-1:2") == nil)
    }
}
