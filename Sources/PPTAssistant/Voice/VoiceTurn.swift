import Foundation
import PPTDomain
import PPTStorage

/// One voice command being answered: the member's tool context (their narrowed scope and language),
/// the command and today's date, with helpers to run tools and build replies.
struct VoiceTurn: Sendable {
    let service: VoiceCommandService
    let context: ToolContext
    let command: VoiceCommand
    let today: CalendarDate

    var locale: AppLocale { context.locale }
    var scope: OrgScope { context.scope }

    /// Runs the tool `name` as the member.
    func tool(_ name: String, _ arguments: [String: JSONValue] = [:]) async throws -> ToolOutput {
        guard let tool = service.tools.tool(named: name) else {
            throw DomainError(code: "voice.tool_missing", kind: .unavailable,
                              message: "The tool \(name) is not available.")
        }
        return try await tool.run(arguments, context: context)
    }

    /// A reply speaking `text` (dates as `VoiceSpeech.date` markers), with `card` as the card's text
    /// (`text` spoken when `nil`). Asking replies keep the session open and repeat the question.
    func reply(_ text: String, card: String? = nil, ask question: String? = nil, pending: VoicePendingAction? = nil,
               endSession: Bool = true) -> VoiceReply {
        let full = question.map { "\(text) \($0)".trimmingCharacters(in: .whitespaces) } ?? text
        let speech = VoiceSpeech.speech(full, locale: locale, today: today)
        return VoiceReply(
            speech: speech, ssml: VoiceSpeech.ssml(full, today: today), cardTitle: VoicePhrases.cardTitle(locale),
            cardText: card ?? speech,
            reprompt: question.map { VoiceSpeech.speech($0, locale: locale, today: today) },
            endSession: question == nil && endSession, pending: pending)
    }

    /// A date marker for `text` (`YYYY-MM-DD`), or the text itself when it is not a date.
    func date(_ text: String?) -> String {
        guard let text, let day = CalendarDate(text) else { return text ?? "" }
        return VoiceSpeech.date(day)
    }
}

extension JSONValue {
    /// The members, if this is an object.
    var voiceObject: [String: JSONValue] { if case .object(let o) = self { o } else { [:] } }
    /// The elements, if this is an array.
    var voiceArray: [JSONValue] { if case .array(let a) = self { a } else { [] } }
    /// The whole number, if this is one.
    var voiceInt: Int64? { if case .number(let n) = self, let i = Int64(exactly: n) { i } else { nil } }
    /// The member `key` of an object.
    subscript(voice key: String) -> JSONValue? { voiceObject[key] }
}
