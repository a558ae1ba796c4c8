import Foundation
import PPTDomain
import SQLKit

/// The generating side: the assistant writes its progress to the message it was given by `ask`
/// (the ids come from that call, in the member's scope), so another instance can resume the stream.
extension ChatRepository {
    /// Stores the text generated so far, with the sources and tools known so far (`nil`: unchanged);
    /// also the heartbeat that tells `failAbandoned` the generation is alive.
    package func saveProgress(_ message: ChatMessage, organizationID: OrganizationID, content: String?,
                              sources: [ChatSource]?, toolCalls: [ChatToolActivity]?) async throws {
        let now = clock.now()
        try await database.write { sql in
            try await sql.raw("""
                UPDATE chat_messages SET content = COALESCE(\(bind: content), content),
                  sources = COALESCE(\(bind: sources.map { jsonText($0) }), sources),
                  tool_calls = COALESCE(\(bind: toolCalls.map { jsonText($0) }), tool_calls), heartbeat_at = \(bind: now)
                WHERE id = \(bind: message.id.rawValue) AND org_id = \(bind: organizationID.rawValue)
                  AND status = 'streaming'
                """).run()
        }
    }

    /// Stores the finished (or stopped) answer — its text, status, sources, tools, usage and error —
    /// stamping its completion time; returns it as stored.
    @discardableResult
    package func finish(_ answer: ChatMessage, organizationID: OrganizationID) async throws -> ChatMessage {
        var stored = answer
        stored.completedAt = clock.now()
        let finished = stored
        try await database.write { sql in
            try await sql.raw("""
                UPDATE chat_messages SET content = \(bind: finished.content), status = \(bind: finished.status.rawValue),
                  sources = \(bind: jsonText(finished.sources)), tool_calls = \(bind: jsonText(finished.toolCalls)),
                  provider = \(bind: finished.provider), model = \(bind: finished.model),
                  input_tokens = \(bind: finished.inputTokens), output_tokens = \(bind: finished.outputTokens),
                  cost_micros = \(bind: finished.costMicros), latency_ms = \(bind: finished.latencyMilliseconds),
                  error_code = \(bind: finished.errorCode), error_message = \(bind: finished.errorMessage),
                  completed_at = \(bind: finished.completedAt)
                WHERE id = \(bind: finished.id.rawValue) AND org_id = \(bind: organizationID.rawValue)
                """).run()
            try await sql.raw("""
                UPDATE chat_sessions SET updated_at = \(bind: finished.completedAt)
                WHERE id = \(bind: finished.sessionID.rawValue)
                """).run()
        }
        return finished
    }

    /// Answers left `streaming` by a process that died are marked failed, so their sessions accept
    /// questions again (run periodically; live generations beat more often than `cutoff`).
    @discardableResult
    package func failAbandoned(olderThan cutoff: Date) async throws -> Int {
        let now = clock.now()
        return try await database.write { sql in
            let rows = try await sql.raw("""
                UPDATE chat_messages SET status = 'failed', error_code = 'chat.interrupted',
                  error_message = 'The answer was interrupted when the server stopped.', completed_at = \(bind: now)
                WHERE status = 'streaming' AND COALESCE(heartbeat_at, created_at) < \(bind: cutoff) RETURNING id
                """).all()
            return rows.count
        }
    }

    /// Replaces the session's rolling summary of messages up to `through`.
    package func saveSummary(_ session: ChatSession, summary: String, through: Int) async throws {
        try await database.write { sql in
            try await sql.raw("""
                UPDATE chat_sessions SET summary = \(bind: summary), summarized_through = \(bind: through)
                WHERE id = \(bind: session.id.rawValue) AND org_id = \(bind: session.organizationID.rawValue)
                  AND summarized_through < \(bind: through)
                """).run()
        }
    }
}
