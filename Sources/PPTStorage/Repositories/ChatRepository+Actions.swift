import Foundation
import PPTDomain
import SQLKit

/// Proposed actions and answer feedback.
extension ChatRepository {
    /// How long a proposal waits for the user's decision.
    package static let actionLifetime: TimeInterval = 24 * 3600

    /// Records a proposal made while generating `message`.
    package func propose(_ scope: OrgScope, message: ChatMessage, tool: String, arguments: JSONValue,
                         description: String) async throws -> ChatAction {
        let now = clock.now()
        let action = ChatAction(
            id: .init(), sessionID: message.sessionID, messageID: message.id, tool: tool, arguments: arguments,
            description: description, status: .proposed, createdAt: now,
            expiresAt: now.addingTimeInterval(Self.actionLifetime))
        try await database.write { sql in
            _ = try await Self.owned(sql, scope, message.sessionID)
            try await sql.raw("""
                INSERT INTO chat_actions (id, org_id, user_id, session_id, message_id, tool, arguments, description,
                                          status, created_at, expires_at)
                VALUES (\(bind: action.id.rawValue), \(bind: scope.organizationID.rawValue),
                        \(bind: scope.userID.rawValue), \(bind: action.sessionID.rawValue),
                        \(bind: action.messageID.rawValue), \(bind: tool), \(bind: jsonText(arguments)),
                        \(bind: description), 'proposed', \(bind: now), \(bind: action.expiresAt))
                """).run()
        }
        return action
    }

    /// One of the member's proposals (an expired one reads as `expired`).
    package func action(_ scope: OrgScope, id: ChatActionID) async throws -> ChatAction {
        try scope.require(.assistantUse)
        let now = clock.now()
        return try await database.read { sql in
            var action = try await Self.ownedAction(sql, scope, id)
            if action.status == .proposed && action.expiresAt <= now { action.status = .expired }
            return action
        }
    }

    /// Claims a proposal for the decision: only one concurrent confirm or cancel wins; a decided or
    /// expired one is a `chat.action_decided` conflict.
    package func decide(_ scope: OrgScope, id: ChatActionID, status: ChatActionStatus, result: JSONValue?) async throws
        -> ChatAction
    {
        try scope.require(.assistantUse)
        let now = clock.now()
        return try await database.write { sql in
            var action = try await Self.ownedAction(sql, scope, id)
            let updated = try await sql.raw("""
                UPDATE chat_actions SET status = \(bind: status.rawValue), result = \(bind: result.map(jsonText)),
                  decided_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND status = 'proposed' AND expires_at > \(bind: now) RETURNING id
                """).all()
            guard !updated.isEmpty else {
                let state = action.status == .proposed ? "expired" : action.status.rawValue
                throw DomainError(code: "chat.action_decided", kind: .conflict,
                                  message: "This action can no longer be confirmed or cancelled (it is \(state)).")
            }
            (action.status, action.result, action.decidedAt) = (status, result, now)
            return action
        }
    }

    /// Records the outcome of a confirmed action (what was created, or why it failed).
    package func recordOutcome(_ scope: OrgScope, id: ChatActionID, status: ChatActionStatus, result: JSONValue)
        async throws -> ChatAction
    {
        try await database.write { sql in
            var action = try await Self.ownedAction(sql, scope, id)
            try await sql.raw("""
                UPDATE chat_actions SET status = \(bind: status.rawValue), result = \(bind: jsonText(result))
                WHERE id = \(bind: id.rawValue)
                """).run()
            (action.status, action.result) = (status, result)
            return action
        }
    }

    private static func ownedAction(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: ChatActionID) async throws
        -> ChatAction
    {
        guard let r = try await sql.raw("""
            SELECT * FROM chat_actions WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            AND user_id = \(bind: scope.userID.rawValue)
            """).first() else { throw DomainError.notFound("chat_action") }
        return ChatAction(
            id: try r.id("id"), sessionID: try r.id("session_id"), messageID: try r.id("message_id"),
            tool: try r.string("tool"), arguments: try r.json("arguments"), description: try r.string("description"),
            status: try r.enumValue("status"), result: try r.optionalString("result").map { text in
                try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            },
            createdAt: try r.date("created_at"), expiresAt: try r.date("expires_at"),
            decidedAt: try r.optionalDate("decided_at"))
    }

    // MARK: Feedback

    /// Thumbs up or down on an answer in one of the member's sessions (a second verdict replaces the first).
    package func setFeedback(_ scope: OrgScope, sessionID: ChatSessionID, messageID: ChatMessageID,
                             _ input: ChatFeedbackInput) async throws {
        try scope.require(.assistantUse)
        try input.validate()
        let now = clock.now()
        let comment = input.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        try await database.write { sql in
            _ = try await Self.owned(sql, scope, sessionID)
            guard let row = try await sql.raw("""
                SELECT role, status FROM chat_messages WHERE id = \(bind: messageID.rawValue)
                AND session_id = \(bind: sessionID.rawValue)
                """).first() else { throw DomainError.notFound("chat_message") }
            guard try row.string("role") == ChatRole.assistant.rawValue,
                  try row.string("status") != ChatMessageStatus.streaming.rawValue else {
                throw DomainError(code: "chat.feedback_not_allowed", kind: .conflict,
                                  message: "Feedback is for finished answers of the assistant.")
            }
            try await sql.raw("""
                INSERT INTO chat_feedback (message_id, org_id, user_id, rating, comment, created_at)
                VALUES (\(bind: messageID.rawValue), \(bind: scope.organizationID.rawValue),
                        \(bind: scope.userID.rawValue), \(bind: input.rating.rawValue),
                        \(bind: comment?.isEmpty == false ? comment : nil), \(bind: now))
                ON CONFLICT (message_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment,
                  created_at = excluded.created_at
                """).run()
        }
    }

    /// The organization's feedback since `since` (admins and managers): counts and the latest entries.
    package func feedbackSummary(_ scope: OrgScope, since: Date, limit: Int = 50) async throws -> ChatFeedbackSummary {
        try scope.require(.assistantFeedbackRead)
        let org = scope.organizationID.rawValue
        return try await database.read { sql in
            var (up, down) = (0, 0)
            for row in try await sql.raw("""
                SELECT rating, COUNT(*) AS n FROM chat_feedback WHERE org_id = \(bind: org)
                AND created_at >= \(bind: since) GROUP BY rating
                """).all() {
                if try row.string("rating") == "up" { up = try row.int("n") } else { down = try row.int("n") }
            }
            let answers = try await sql.raw("""
                SELECT COUNT(*) AS n FROM chat_messages WHERE org_id = \(bind: org) AND role = 'assistant'
                AND created_at >= \(bind: since)
                """).first()?.int("n") ?? 0
            let recent = try await sql.raw("""
                SELECT f.message_id, f.rating, f.comment, f.created_at, m.content, m.model
                FROM chat_feedback f JOIN chat_messages m ON m.id = f.message_id
                WHERE f.org_id = \(bind: org) AND f.created_at >= \(bind: since)
                ORDER BY CASE WHEN f.comment IS NULL THEN 1 ELSE 0 END, f.created_at DESC LIMIT \(bind: limit)
                """).all().map { row in
                ChatFeedbackSummary.Entry(
                    messageID: try row.id("message_id"), rating: try row.enumValue("rating"),
                    comment: try row.optionalString("comment"), excerpt: String(try row.string("content").prefix(200)),
                    model: try row.optionalString("model"), createdAt: try row.date("created_at"))
            }
            return ChatFeedbackSummary(up: up, down: down, answers: answers, recent: recent)
        }
    }
}
