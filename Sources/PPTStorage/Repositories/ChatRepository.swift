import Foundation
import PPTDomain
import SQLKit

/// The assistant's sessions and messages. A session belongs to the member who started it: every
/// read and write checks `user_id` as well as `org_id`, so another member's session is `notFound`,
/// staff included.
package struct ChatRepository: Sendable {
    /// Longest question accepted, in characters.
    package static let maxQuestionLength = 8000

    let database: any Database
    let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    // MARK: Sessions

    /// Starts a session; `title` is generated from the first question when absent.
    package func createSession(_ scope: OrgScope, title: String?) async throws -> ChatSession {
        try scope.require(.assistantUse)
        let cleaned = try Self.validTitle(title)
        let now = clock.now()
        let session = ChatSession(
            id: .init(), organizationID: scope.organizationID, userID: scope.userID, title: cleaned ?? "",
            titleGenerated: cleaned == nil, summary: "", summarizedThrough: 0, messageCount: 0, createdAt: now,
            updatedAt: now)
        try await database.write { sql in
            try await sql.raw("""
                INSERT INTO chat_sessions (id, org_id, user_id, title, title_generated, summary, summarized_through,
                                           message_count, created_at, updated_at)
                VALUES (\(bind: session.id.rawValue), \(bind: scope.organizationID.rawValue),
                        \(bind: scope.userID.rawValue), \(bind: session.title), \(bind: session.titleGenerated), '', 0,
                        0, \(bind: now), \(bind: now))
                """).run()
        }
        return session
    }

    /// The member's sessions, most recently active first.
    package func sessions(_ scope: OrgScope, page: PageRequest) async throws -> Page<ChatSession> {
        try scope.require(.assistantUse)
        return try await database.read { sql in
            var q: SQLQueryString = """
                SELECT * FROM chat_sessions WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND user_id = \(bind: scope.userID.rawValue)
                """
            q += Paging.after(sql, page, timeColumn: "updated_at")
            q += " ORDER BY \(Paging.millis(sql, "updated_at")) DESC, id DESC LIMIT \(bind: page.limit + 1)"
            let rows = try await sql.raw(q).all().map(Self.session)
            return Paging.page(rows, page) { ($0.updatedAt, $0.id.rawValue) }
        }
    }

    /// One of the member's sessions.
    package func session(_ scope: OrgScope, id: ChatSessionID) async throws -> ChatSession {
        try scope.require(.assistantUse)
        return try await database.read { sql in try await Self.owned(sql, scope, id) }
    }

    /// Renames a session (the title is then no longer regenerated).
    package func rename(_ scope: OrgScope, id: ChatSessionID, title: String) async throws -> ChatSession {
        try scope.require(.assistantUse)
        guard let cleaned = try Self.validTitle(title) else { throw DomainError.invalid("/title", "must not be empty") }
        let now = clock.now()
        return try await database.write { sql in
            var session = try await Self.owned(sql, scope, id)
            try await sql.raw("""
                UPDATE chat_sessions SET title = \(bind: cleaned), title_generated = \(bind: false),
                  updated_at = \(bind: now) WHERE id = \(bind: id.rawValue)
                """).run()
            (session.title, session.titleGenerated, session.updatedAt) = (cleaned, false, now)
            return session
        }
    }

    /// Deletes a session with its messages, actions and feedback.
    package func delete(_ scope: OrgScope, id: ChatSessionID) async throws {
        try scope.require(.assistantUse)
        try await database.write { sql in
            _ = try await Self.owned(sql, scope, id)
            let messages: SQLQueryString = "SELECT id FROM chat_messages WHERE session_id = \(bind: id.rawValue)"
            try await sql.raw("DELETE FROM chat_feedback WHERE message_id IN (" + messages + ")").run()
            try await sql.raw("DELETE FROM chat_actions WHERE session_id = \(bind: id.rawValue)").run()
            try await sql.raw("DELETE FROM chat_messages WHERE session_id = \(bind: id.rawValue)").run()
            try await sql.raw("DELETE FROM chat_sessions WHERE id = \(bind: id.rawValue)").run()
        }
    }

    // MARK: Messages

    /// The session's messages in order (at most the latest `limit`).
    package func messages(_ scope: OrgScope, sessionID: ChatSessionID, limit: Int = 500) async throws -> [ChatMessage] {
        try scope.require(.assistantUse)
        return try await database.read { sql in
            _ = try await Self.owned(sql, scope, sessionID)
            return try await sql.raw("""
                SELECT * FROM chat_messages WHERE session_id = \(bind: sessionID.rawValue)
                ORDER BY seq DESC LIMIT \(bind: limit)
                """).all().map(Self.message).reversed()
        }
    }

    /// One message of one of the member's sessions.
    package func message(_ scope: OrgScope, sessionID: ChatSessionID, id: ChatMessageID) async throws -> ChatMessage {
        try scope.require(.assistantUse)
        return try await database.read { sql in
            _ = try await Self.owned(sql, scope, sessionID)
            guard let row = try await sql.raw("""
                SELECT * FROM chat_messages WHERE id = \(bind: id.rawValue) AND session_id = \(bind: sessionID.rawValue)
                """).first() else { throw DomainError.notFound("chat_message") }
            return try Self.message(row)
        }
    }

    /// Stores the member's question and an empty assistant message being generated, in one transaction.
    /// A session answers one question at a time: `chat.generation_in_progress` (409) while an answer is
    /// still being generated.
    package func ask(_ scope: OrgScope, sessionID: ChatSessionID, question: String) async throws
        -> (session: ChatSession, question: ChatMessage, answer: ChatMessage)
    {
        try scope.require(.assistantUse)
        let text = question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw DomainError.invalid("/content", "must not be empty") }
        guard text.count <= Self.maxQuestionLength else {
            throw DomainError.invalid("/content", "at most \(Self.maxQuestionLength) characters")
        }
        let now = clock.now()
        return try await database.write { sql in
            var session = try await Self.owned(sql, scope, sessionID)
            if try await sql.raw("""
                SELECT 1 AS busy FROM chat_messages WHERE session_id = \(bind: sessionID.rawValue)
                AND status = 'streaming'
                """).first() != nil {
                throw DomainError(code: "chat.generation_in_progress", kind: .conflict,
                                  message: "The assistant is still answering the previous question in this session.")
            }
            let last = try await sql.raw("""
                SELECT MAX(seq) AS seq FROM chat_messages WHERE session_id = \(bind: sessionID.rawValue)
                """).first().flatMap { try $0.decode(column: "seq", as: Int?.self) }
            let next = (last ?? 0) + 1
            let asked = ChatMessage(id: .init(), sessionID: sessionID, sequence: next, role: .user, content: text,
                                    status: .complete, createdAt: now, completedAt: now)
            let answer = ChatMessage(id: .init(), sessionID: sessionID, sequence: next + 1, role: .assistant,
                                     content: "", status: .streaming, createdAt: now)
            for message in [asked, answer] { try await Self.insert(sql, message, org: scope.organizationID) }
            if session.titleGenerated && session.messageCount == 0 {
                session.title = Self.generatedTitle(text)
            }
            session.messageCount += 2
            session.updatedAt = now
            try await sql.raw("""
                UPDATE chat_sessions SET title = \(bind: session.title), message_count = \(bind: session.messageCount),
                  updated_at = \(bind: now) WHERE id = \(bind: sessionID.rawValue)
                """).run()
            return (session, asked, answer)
        }
    }

    /// A title from the first question: its first line, at most 60 characters, cut at a word.
    static func generatedTitle(_ question: String) -> String {
        let line = question.split(whereSeparator: \.isNewline).first.map(String.init) ?? question
        guard line.count > 60 else { return line }
        let cut = line.prefix(60)
        let words = cut.split(separator: " ").dropLast()
        return (words.isEmpty ? String(cut) : words.joined(separator: " ")) + "…"
    }

    private static func validTitle(_ title: String?) throws(DomainError) -> String? {
        guard let title else { return nil }
        let cleaned = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if cleaned.isEmpty { return nil }
        if cleaned.count > 200 { throw DomainError.invalid("/title", "at most 200 characters") }
        return cleaned
    }

    static func owned(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: ChatSessionID) async throws -> ChatSession {
        guard let row = try await sql.raw("""
            SELECT * FROM chat_sessions WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            AND user_id = \(bind: scope.userID.rawValue)
            """).first() else { throw DomainError.notFound("chat_session") }
        return try session(row)
    }

    static func insert(_ sql: any SQLDatabase, _ message: ChatMessage, org: OrganizationID) async throws {
        try await sql.raw("""
            INSERT INTO chat_messages (id, session_id, org_id, seq, role, content, status, sources, tool_calls,
                                       provider, model, input_tokens, output_tokens, cost_micros, latency_ms,
                                       error_code, error_message, created_at, completed_at)
            VALUES (\(bind: message.id.rawValue), \(bind: message.sessionID.rawValue), \(bind: org.rawValue),
                    \(bind: message.sequence), \(bind: message.role.rawValue), \(bind: message.content),
                    \(bind: message.status.rawValue), \(bind: jsonText(message.sources)),
                    \(bind: jsonText(message.toolCalls)), \(bind: message.provider), \(bind: message.model),
                    \(bind: message.inputTokens), \(bind: message.outputTokens), \(bind: message.costMicros),
                    \(bind: message.latencyMilliseconds), \(bind: message.errorCode), \(bind: message.errorMessage),
                    \(bind: message.createdAt), \(bind: message.completedAt))
            """).run()
    }

    static func session(_ r: any SQLRow) throws -> ChatSession {
        ChatSession(
            id: try r.id("id"), organizationID: try r.id("org_id"), userID: try r.id("user_id"),
            title: try r.string("title"), titleGenerated: try r.bool("title_generated"), summary: try r.string("summary"),
            summarizedThrough: try r.int("summarized_through"), messageCount: try r.int("message_count"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }

    static func message(_ r: any SQLRow) throws -> ChatMessage {
        ChatMessage(
            id: try r.id("id"), sessionID: try r.id("session_id"), sequence: try r.int("seq"),
            role: try r.enumValue("role"), content: try r.string("content"), status: try r.enumValue("status"),
            sources: try r.json("sources"), toolCalls: try r.json("tool_calls"), provider: try r.optionalString("provider"),
            model: try r.optionalString("model"), inputTokens: try r.int("input_tokens"),
            outputTokens: try r.int("output_tokens"), costMicros: try r.int64("cost_micros"),
            latencyMilliseconds: try r.decode(column: "latency_ms", as: Int?.self),
            errorCode: try r.optionalString("error_code"), errorMessage: try r.optionalString("error_message"),
            createdAt: try r.date("created_at"), completedAt: try r.optionalDate("completed_at"))
    }
}
