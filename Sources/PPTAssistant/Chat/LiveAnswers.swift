import Foundation
import PPTDomain

/// An answer being generated in this process: its events so far and the streams following it.
/// Generation appends; any number of readers (the asking request, resumed streams) replay what they
/// missed and then follow — a reader going away never stops the generation.
actor LiveAnswer {
    private var nonText: [ChatStreamPayload] = []
    private var text = ""
    private var terminal: ChatStreamPayload?
    private var followers: [UUID: AsyncStream<ChatStreamEvent>.Continuation] = [:]
    /// The generation, so the user can stop it.
    private var task: Task<Void, Never>?

    func attach(_ task: Task<Void, Never>) { self.task = task }

    /// Stops the generation (it saves its partial text as cancelled).
    func cancel() { task?.cancel() }

    var isFinished: Bool { terminal != nil }

    /// Publishes a non-text event.
    func emit(_ payload: ChatStreamPayload) {
        guard terminal == nil else { return }
        let event: ChatStreamEvent
        if payload.isTerminal {
            terminal = payload
            event = ChatStreamEvent(position: ChatEventPosition(events: nonText.count + 1, characters: text.count),
                                    payload: payload)
        } else if case .delta(let piece) = payload {
            guard !piece.isEmpty else { return }
            text += piece
            event = ChatStreamEvent(position: ChatEventPosition(events: nonText.count, characters: text.count),
                                    payload: payload)
        } else {
            nonText.append(payload)
            event = ChatStreamEvent(position: ChatEventPosition(events: nonText.count, characters: text.count),
                                    payload: payload)
        }
        for continuation in followers.values { continuation.yield(event) }
        if payload.isTerminal {
            for continuation in followers.values { continuation.finish() }
            followers.removeAll()
        }
    }

    /// The events after `position`, then every later one until the end.
    func follow(after position: ChatEventPosition) -> AsyncStream<ChatStreamEvent> {
        let (stream, continuation) = AsyncStream<ChatStreamEvent>.makeStream(bufferingPolicy: .unbounded)
        for event in ChatReplay.events(nonText: nonText, text: text, terminal: terminal, after: position) {
            continuation.yield(event)
        }
        if terminal != nil {
            continuation.finish()
        } else {
            let id = UUID()
            followers[id] = continuation
            continuation.onTermination = { [weak self] _ in
                Task { await self?.unfollow(id) }
            }
        }
        return stream
    }

    private func unfollow(_ id: UUID) { followers[id] = nil }
}

/// The answers this process is generating, by message id; finished ones stay a minute for late
/// resumes, then readers fall back to the stored message.
actor LiveAnswers {
    private var answers: [ChatMessageID: LiveAnswer] = [:]

    func register(_ id: ChatMessageID) -> LiveAnswer {
        let answer = LiveAnswer()
        answers[id] = answer
        return answer
    }

    func answer(_ id: ChatMessageID) -> LiveAnswer? { answers[id] }

    /// Forgets a finished answer after `delay`.
    func retire(_ id: ChatMessageID, after delay: Duration = .seconds(60)) {
        Task {
            try? await Task.sleep(for: delay)
            self.remove(id)
        }
    }

    private func remove(_ id: ChatMessageID) { answers[id] = nil }
}
