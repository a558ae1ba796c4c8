import Foundation
import PPTDomain

/// Position in an answer's event stream: how many non-text events (start, sources, tool, usage, done,
/// error) and how many characters of text came before and with an event. An id is `"<events>:<chars>"`;
/// resuming after an id replays the non-text events past its count and the text past its characters,
/// which works the same from a live answer and from the stored message.
package struct ChatEventPosition: Sendable, Hashable, CustomStringConvertible {
    package var events: Int
    package var characters: Int

    package init(events: Int, characters: Int) {
        self.events = events
        self.characters = characters
    }

    /// Parses a `Last-Event-ID`; `nil` for anything else.
    package init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let events = Int(parts[0]), let characters = Int(parts[1]), events >= 0, characters >= 0
        else { return nil }
        self.init(events: events, characters: characters)
    }

    package static let origin = ChatEventPosition(events: 0, characters: 0)
    package var description: String { "\(events):\(characters)" }
}

/// What happened in an answer, as the API streams it.
package enum ChatStreamPayload: Sendable {
    /// The answer message exists (id, session, sequence).
    case start(ChatMessage)
    /// The passages the answer may cite.
    case sources([ChatSource])
    /// A tool was used (or an action proposed).
    case tool(ChatToolActivity)
    case delta(String)
    case usage(inputTokens: Int, outputTokens: Int, costMicros: Int64)
    /// The stored answer; the stream ends.
    case done(ChatMessage)
    /// The answer failed or was stopped; the stream ends. `status` is the HTTP status a JSON request would get.
    case error(DomainError, partial: ChatMessage?)

    /// The SSE event name.
    package var name: String {
        switch self {
        case .start: "start"
        case .sources: "sources"
        case .tool: "tool"
        case .delta: "delta"
        case .usage: "usage"
        case .done: "done"
        case .error: "error"
        }
    }

    /// Whether the stream ends with it.
    package var isTerminal: Bool {
        switch self {
        case .done, .error: true
        default: false
        }
    }
}

/// One event with its position.
package struct ChatStreamEvent: Sendable {
    package var position: ChatEventPosition
    package var payload: ChatStreamPayload

    package var id: String { position.description }
}

/// The events of an answer after `position`, from what is known of it: the non-text events in
/// order and the text. Used for live answers and, identically, for stored ones.
enum ChatReplay {
    static func events(nonText: [ChatStreamPayload], text: String, terminal: ChatStreamPayload?,
                       after position: ChatEventPosition) -> [ChatStreamEvent] {
        var events: [ChatStreamEvent] = []
        let characters = text.count
        // `usage` is sent after the text, as live; every other non-text event before it.
        var leading = nonText
        var usage: ChatStreamPayload?
        if case .usage = leading.last { usage = leading.removeLast() }
        for (index, payload) in leading.enumerated() where index + 1 > position.events {
            events.append(ChatStreamEvent(position: ChatEventPosition(events: index + 1, characters: 0), payload: payload))
        }
        if characters > position.characters {
            events.append(ChatStreamEvent(position: ChatEventPosition(events: leading.count, characters: characters),
                                          payload: .delta(String(text.dropFirst(position.characters)))))
        }
        if let usage, nonText.count > position.events {
            events.append(ChatStreamEvent(position: ChatEventPosition(events: nonText.count, characters: characters),
                                          payload: usage))
        }
        if let terminal {
            events.append(ChatStreamEvent(position: ChatEventPosition(events: nonText.count + 1, characters: characters),
                                          payload: terminal))
        }
        return events
    }

    /// The stored message as events: start, sources, tools, text, and `done` or `error` once finished.
    static func events(for message: ChatMessage, after position: ChatEventPosition) -> [ChatStreamEvent] {
        var nonText: [ChatStreamPayload] = [.start(message)]
        if !message.sources.isEmpty { nonText.append(.sources(message.sources)) }
        nonText += message.toolCalls.map { .tool($0) }
        var terminal: ChatStreamPayload?
        switch message.status {
        case .streaming: terminal = nil
        case .complete: terminal = .done(message)
        case .cancelled, .failed: terminal = .error(ChatErrors.stopped(message), partial: message)
        }
        if message.status == .complete {
            nonText.append(.usage(inputTokens: message.inputTokens, outputTokens: message.outputTokens,
                                  costMicros: message.costMicros))
        }
        return events(nonText: nonText, text: message.content, terminal: terminal, after: position)
    }
}

/// The errors of the chat, with stable codes.
package enum ChatErrors {
    /// The problem a stopped (cancelled or failed) answer reports.
    package static func stopped(_ message: ChatMessage) -> DomainError {
        if message.status == .cancelled {
            return DomainError(code: "chat.cancelled", kind: .conflict, message: "The answer was stopped before it ended.")
        }
        return DomainError(code: message.errorCode ?? "chat.failed", kind: .unavailable,
                           message: message.errorMessage ?? "The answer could not be completed.")
    }
}
