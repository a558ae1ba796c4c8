import Foundation
import PPTDocuments
import PPTDomain
import PPTLLM
import PPTStorage

/// Who is asking, where they live and what language to answer in: the facts of the system prompt.
struct ChatPersona: Sendable {
    var organizationName: String
    var userName: String
    var role: Role
    /// "Slnečnica A, unit 3", or the buildings staff manage.
    var places: [String]
    var language: AppLocale
    var today: CalendarDate

    static func load(_ scope: OrgScope, question: String, services: AssistantServices) async throws -> ChatPersona {
        let accounts = AccountRepository(database: services.database, clock: services.clock)
        let properties = PropertyRepository(database: services.database, clock: services.clock)
        let organization = try await accounts.organization(scope)
        let user = try await accounts.user(id: scope.userID)
        var places: [String] = []
        let buildings = try await properties.buildings(scope, page: PageRequest(limit: 20)).items
        let names = Dictionary(buildings.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        if scope.role.isResidentLike {
            for unitID in scope.unitIDs.sorted() {
                if let unit = try? await properties.unit(scope, id: unitID) {
                    places.append("\(names[unit.buildingID] ?? "building"), unit \(unit.number)")
                }
            }
        } else {
            places = buildings.map { "\($0.name) (\($0.street), \($0.city))" }
        }
        let language = LanguageDetector.detect(question) ?? user?.locale ?? organization.defaultLocale
        return ChatPersona(organizationName: organization.name, userName: user?.name ?? "member", role: scope.role,
                           places: places, language: language, today: CalendarDate(services.clock.now()))
    }

    private static let languageNames: [AppLocale: String] = [.sk: "Slovak", .cs: "Czech", .de: "German", .en: "English"]

    /// The system prompt.
    var systemPrompt: String {
        """
        You are the assistant of PPT, the property-management system of \(organizationName). \
        You are talking to \(userName), whose role is \(role.rawValue)\
        \(places.isEmpty ? "" : "; their \(role.isResidentLike ? "homes" : "buildings"): " + places.joined(separator: "; ")). \
        Today is \(today). Answer in \(Self.languageNames[language] ?? "English"), the language of the question, \
        briefly and precisely. Base answers about rules, procedures and documents only on the numbered sources \
        given to you and cite them as [1], [2]; if they do not answer the question, say so. For the user's own \
        data (balance, faults, votes, meter readings, announcements, buildings) use the tools. Never claim that \
        something was done unless a tool confirmed it; reporting a fault needs the user's confirmation.
        """
    }
}

/// The messages sent to the model: the system prompt, the rolling summary of older turns, the
/// newest turns verbatim within the token budget, the sources, and the question.
struct ChatContextBuilder {
    /// Turns kept verbatim at most, whatever the budget.
    static let maxRecentMessages = 20
    /// Tokens the summary may take.
    static let summaryBudget = 600

    var contextWindow: Int
    var reservedForAnswer: Int

    /// The messages for `question`, given the session's earlier messages (oldest first, without the
    /// question and the answer being generated). Returns also the messages that no longer fit and must
    /// be folded into the summary.
    func build(persona: ChatPersona, session: ChatSession, history: [ChatMessage], sources: String,
               facts: String?, question: String) -> (messages: [LLMMessage], folded: [ChatMessage]) {
        var head: [LLMMessage] = [.system(persona.systemPrompt)]
        if !session.summary.isEmpty { head.append(.system("Summary of the earlier conversation:\n" + session.summary)) }
        var tail: [LLMMessage] = [.system(sources)]
        if let facts { tail.append(.system(facts)) }
        tail.append(.user(question))
        let fixedTokens = (head + tail).reduce(0) { $0 + Chunker.estimateTokens($1.content) }
        var budget = max(0, contextWindow - reservedForAnswer - fixedTokens - Self.summaryBudget)
        let unsummarized = history.filter { $0.sequence > session.summarizedThrough && !$0.content.isEmpty }
        var kept: [ChatMessage] = []
        for message in unsummarized.reversed() {
            let cost = Chunker.estimateTokens(message.content)
            guard kept.count < Self.maxRecentMessages, cost <= budget else { break }
            budget -= cost
            kept.insert(message, at: 0)
        }
        // Keep turns whole: a kept answer without its question reads as noise.
        if kept.first?.role == .assistant { kept.removeFirst() }
        let folded = unsummarized.filter { message in !kept.contains { $0.id == message.id } }
        let turns = kept.map { $0.role == .user ? LLMMessage.user($0.content) : LLMMessage.assistant($0.content) }
        return (head + turns + tail, folded)
    }

    /// The summary extended with `folded` turns: each question and the first sentence of its answer,
    /// trimmed from the oldest end to the summary budget. Extractive, so it works with every provider
    /// and costs no model call.
    static func fold(_ summary: String, _ folded: [ChatMessage]) -> String {
        var lines = summary.isEmpty ? [] : summary.components(separatedBy: "\n")
        for message in folded {
            let text = message.content.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let firstSentence = text.split(separator: ". ", maxSplits: 1).first.map(String.init) ?? text
            lines.append((message.role == .user ? "User asked: " : "Assistant answered: ") + String(firstSentence.prefix(300)))
        }
        while lines.count > 1, Chunker.estimateTokens(lines.joined(separator: "\n")) > summaryBudget {
            lines.removeFirst()
        }
        return lines.joined(separator: "\n")
    }
}
