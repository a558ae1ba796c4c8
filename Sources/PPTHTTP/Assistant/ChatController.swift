import Foundation
import HTTPTypes
import Hummingbird
import PPTAssistant
import PPTDomain
import PPTStorage

/// What the assistant routes need.
package struct AssistantHTTPServices: Sendable {
    package var chat: ChatService
    package var chats: ChatRepository
    /// Document generation (leases, listing descriptions, summaries, announcement drafts).
    package var generation: GenerationServices
    /// Voice commands from linked Alexa and Google devices.
    package var voice: VoiceCommandService

    package init(chat: ChatService, chats: ChatRepository, generation: GenerationServices, voice: VoiceCommandService) {
        self.chat = chat
        self.chats = chats
        self.generation = generation
        self.voice = voice
    }
}

/// The assistant's chat under `/api/v1/orgs/{orgID}/ai/chat`: sessions owned by their member,
/// questions answered as JSON or as a stream of Server-Sent Events (resumable with
/// `Last-Event-ID`), stopping an answer, confirming proposed actions, and feedback.
package struct ChatController: Sendable {
    private let services: AssistantHTTPServices

    package init(assistant: AssistantHTTPServices) { self.services = assistant }

    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("ai/chat/sessions", use: sessions)
        org.post("ai/chat/sessions", use: createSession)
        org.get("ai/chat/sessions/:sessionID", use: session)
        org.patch("ai/chat/sessions/:sessionID", use: rename)
        org.delete("ai/chat/sessions/:sessionID", use: deleteSession)
        org.get("ai/chat/sessions/:sessionID/messages", use: messages)
        org.post("ai/chat/sessions/:sessionID/messages", use: ask)
        org.get("ai/chat/sessions/:sessionID/messages/:messageID", use: message)
        org.get("ai/chat/sessions/:sessionID/messages/:messageID/stream", use: resume)
        org.post("ai/chat/sessions/:sessionID/messages/:messageID/cancel", use: stop)
        org.put("ai/chat/sessions/:sessionID/messages/:messageID/feedback", use: feedback)
        org.get("ai/chat/actions/:actionID", use: action)
        org.post("ai/chat/actions/:actionID/confirm", use: confirm)
        org.post("ai/chat/actions/:actionID/cancel", use: cancelAction)
        org.get("ai/chat/feedback", use: feedbackSummary)
    }

    struct SessionInput: Decodable { var title: String? }
    struct QuestionInput: Decodable { var content: String }
    /// The JSON answer to a question.
    struct Exchange: Encodable, Sendable {
        var question: ChatMessage
        var answer: ChatMessage
    }

    @Sendable func sessions(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Page<ChatSession>> {
        JSONResponse(try await services.chats.sessions(try context.requireScope(), page: try request.pageRequest()))
    }

    @Sendable func createSession(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ChatSession> {
        let scope = try context.requireScope()
        let input = try await request.decode(as: SessionInput.self, context: context)
        return JSONResponse(try await services.chats.createSession(scope, title: input.title), status: .created)
    }

    @Sendable func session(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ChatSession> {
        JSONResponse(try await services.chats.session(try context.requireScope(), id: try context.id("sessionID", resource: "chat_session")))
    }

    @Sendable func rename(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ChatSession> {
        let scope = try context.requireScope()
        let id: ChatSessionID = try context.id("sessionID", resource: "chat_session")
        let input = try await request.decode(as: SessionInput.self, context: context)
        return JSONResponse(try await services.chats.rename(scope, id: id, title: input.title ?? ""))
    }

    @Sendable func deleteSession(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        try await services.chats.delete(try context.requireScope(), id: try context.id("sessionID", resource: "chat_session"))
        return EmptyResponse()
    }

    @Sendable func messages(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<[ChatMessage]> {
        JSONResponse(try await services.chats.messages(
            try context.requireScope(), sessionID: try context.id("sessionID", resource: "chat_session")))
    }

    @Sendable func message(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ChatMessage> {
        JSONResponse(try await services.chats.message(
            try context.requireScope(), sessionID: try context.id("sessionID", resource: "chat_session"),
            id: try context.id("messageID", resource: "chat_message")))
    }

    /// Asks a question: `Accept: text/event-stream` streams the answer, otherwise the JSON exchange
    /// is returned when the answer is complete (or its problem when it failed).
    @Sendable func ask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try context.requireScope()
        let sessionID: ChatSessionID = try context.id("sessionID", resource: "chat_session")
        let input = try await request.decode(as: QuestionInput.self, context: context)
        let (question, answer, events) = try await services.chat.ask(scope, sessionID: sessionID, question: input.content)
        if request.headers[.accept]?.contains("text/event-stream") == true {
            return ChatEventStream(events: events, instance: request.uri.path, requestID: context.requestID).response()
        }
        for await event in events {
            switch event.payload {
            case .done(let stored):
                var response = try JSONResponse(Exchange(question: question, answer: stored), status: .created)
                    .response(from: request, context: context)
                response.headers[.location] = "\(request.uri.path)/\(answer.id.rawValue)"
                return response
            case .error(let error, _):
                throw APIError(error)
            default:
                continue
            }
        }
        throw APIError.internalError
    }

    /// Resumes an answer's stream after `Last-Event-ID` (header, or `lastEventId` query for clients
    /// that cannot set headers); without one, from the start.
    @Sendable func resume(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try context.requireScope()
        let sessionID: ChatSessionID = try context.id("sessionID", resource: "chat_session")
        let messageID: ChatMessageID = try context.id("messageID", resource: "chat_message")
        let raw = request.headers[HTTPField.Name("Last-Event-ID")!] ?? request.uri.queryParameters.get("lastEventId")
        var position = ChatEventPosition.origin
        if let raw, !raw.isEmpty {
            guard let parsed = ChatEventPosition(raw) else {
                throw APIError.badRequest("chat.bad_event_id", "Last-Event-ID must be an id this stream sent (\"events:characters\").",
                                          pointer: "/headers/Last-Event-ID")
            }
            position = parsed
        }
        let events = try await services.chat.follow(scope, sessionID: sessionID, messageID: messageID, after: position)
        return ChatEventStream(events: events, instance: request.uri.path, requestID: context.requestID).response()
    }

    @Sendable func stop(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ChatMessage> {
        JSONResponse(try await services.chat.stop(
            try context.requireScope(), sessionID: try context.id("sessionID", resource: "chat_session"),
            messageID: try context.id("messageID", resource: "chat_message")))
    }

    @Sendable func feedback(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        let scope = try context.requireScope()
        let sessionID: ChatSessionID = try context.id("sessionID", resource: "chat_session")
        let messageID: ChatMessageID = try context.id("messageID", resource: "chat_message")
        let input = try await request.decode(as: ChatFeedbackInput.self, context: context)
        try await services.chats.setFeedback(scope, sessionID: sessionID, messageID: messageID, input)
        return EmptyResponse()
    }

    @Sendable func action(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ChatAction> {
        JSONResponse(try await services.chats.action(try context.requireScope(), id: try context.id("actionID", resource: "chat_action")))
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ChatAction> {
        JSONResponse(try await services.chat.confirm(try context.requireScope(), actionID: try context.id("actionID", resource: "chat_action")))
    }

    @Sendable func cancelAction(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ChatAction> {
        JSONResponse(try await services.chat.cancel(try context.requireScope(), actionID: try context.id("actionID", resource: "chat_action")))
    }

    @Sendable func feedbackSummary(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<ChatFeedbackSummary>
    {
        let days = try request.query("days") { Int($0).flatMap { (1...365).contains($0) ? $0 : nil } } ?? 30
        let since = Date().addingTimeInterval(-Double(days) * 86_400)
        return JSONResponse(try await services.chats.feedbackSummary(try context.requireScope(), since: since))
    }
}
