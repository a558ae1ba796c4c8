import Foundation
import PPTDomain
import SQLKit

/// Outgoing e-mail: queued on the caller's transaction (exactly once per idempotency key, with its
/// `mail.deliver` job), read through the organization's mailbox, and moved through its delivery
/// states by the job.
package struct MailRepository: Sendable {
    /// The job kind that delivers a message.
    package static let deliveryJobKind = "mail.deliver"

    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// Queues `draft` for the scope's organization on the caller's open transaction, with its
    /// delivery job (`mail.deliver`, job key `mail:<id>`). A repeat of the idempotency key queues
    /// nothing and returns the first message; the key used by another organization is a conflict.
    package static func enqueue(_ sql: any SQLDatabase, _ scope: OrgScope, _ draft: MailDraft, maxAttempts: Int = 8,
                                at now: Date) async throws -> MailEnqueueResult {
        guard !draft.recipients.isEmpty else { throw DomainError.invalid("/recipients", "needs at least one address") }
        let id = UUID().uuidString.lowercased()
        let inserted = try await sql.raw("""
            INSERT INTO mail_messages (id, org_id, idempotency_key, sender, recipients, reply_to, subject, text_body,
              html_body, status, attempts, message_id, workflow_id, run_id, created_at)
            VALUES (\(bind: id), \(bind: scope.organizationID.rawValue), \(bind: draft.idempotencyKey),
              \(bind: draft.sender), \(bind: jsonText(draft.recipients)), \(bind: draft.replyTo), \(bind: draft.subject),
              \(bind: draft.textBody), \(bind: draft.htmlBody), \(bind: MailStatus.queued.rawValue), 0,
              \(bind: draft.messageID), \(bind: draft.workflowID), \(bind: draft.runID), \(bind: now))
            ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
            """).all()
        guard inserted.isEmpty else {
            try await JobQueue.enqueue(JobRequest(
                kind: deliveryJobKind, payload: jsonText(MailDeliveryPayload(messageID: id)), maxAttempts: maxAttempts,
                idempotencyKey: "mail:\(id)"), now: now, on: sql)
            return MailEnqueueResult(id: id, created: true, status: .queued)
        }
        guard let row = try await sql.raw("""
            SELECT id, status FROM mail_messages
            WHERE idempotency_key = \(bind: draft.idempotencyKey) AND org_id = \(bind: scope.organizationID.rawValue)
            """).first()
        else {
            throw DomainError(code: "mail.idempotency_conflict", kind: .conflict,
                              message: "The idempotency key was already used for another message.")
        }
        return MailEnqueueResult(id: try row.string("id"), created: false, status: try row.enumValue("status"))
    }

    /// The organization's messages, newest first (`.mailboxRead`).
    package func messages(_ scope: OrgScope, status: MailStatus? = nil, page: PageRequest) async throws
        -> Page<MailMessage>
    {
        try scope.require(.mailboxRead)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM mail_messages WHERE org_id = \(bind: scope.organizationID.rawValue)"
            if let status { q += " AND status = \(bind: status.rawValue)" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.message), page) { ($0.createdAt, $0.id) }
        }
    }

    /// One message of the organization (`.mailboxRead`); another organization's id is not found.
    package func message(_ scope: OrgScope, id: String) async throws -> MailMessage {
        try scope.require(.mailboxRead)
        return try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT * FROM mail_messages WHERE id = \(bind: id) AND org_id = \(bind: scope.organizationID.rawValue)
                """).first() else { throw DomainError.notFound("mail_message") }
            return try Self.message(row)
        }
    }

    // MARK: Delivery (the `mail.deliver` job, acting as the system)

    /// Starts a delivery attempt: a `queued` (or interrupted `sending`) message becomes `sending`
    /// with one more attempt. `nil` when it is already settled (sent, failed, captured) or gone.
    package func claimForDelivery(id: String) async throws -> MailMessage? {
        try await database.write(isolation: .readCommitted) { sql in
            try await sql.raw("""
                UPDATE mail_messages SET status = \(bind: MailStatus.sending.rawValue), attempts = attempts + 1
                WHERE id = \(bind: id) AND status IN ('queued', 'sending') RETURNING *
                """).first().map(Self.message)
        }
    }

    /// Records acceptance by the server; `note` keeps the recipients it refused, if any.
    package func markSent(id: String, note: String? = nil) async throws {
        try await settle(id, .sent, error: note, sentAt: clock.now())
    }

    /// Records that no SMTP server is configured: the message is kept, not sent.
    package func markCaptured(id: String) async throws { try await settle(id, .captured, error: nil, sentAt: nil) }

    /// Records a permanent failure.
    package func markFailed(id: String, error: String) async throws {
        try await settle(id, .failed, error: error, sentAt: nil)
    }

    /// Records a temporary failure: queued again for the job's next attempt.
    package func markRetrying(id: String, error: String) async throws {
        try await settle(id, .queued, error: error, sentAt: nil)
    }

    private func settle(_ id: String, _ status: MailStatus, error: String?, sentAt: Date?) async throws {
        try await database.write(isolation: .readCommitted) { sql in
            try await sql.raw("""
                UPDATE mail_messages SET status = \(bind: status.rawValue),
                  last_error = \(bind: error.map { String($0.prefix(2000)) }), sent_at = \(bind: sentAt)
                WHERE id = \(bind: id) AND status = \(bind: MailStatus.sending.rawValue)
                """).run()
        }
    }

    static func message(_ r: any SQLRow) throws -> MailMessage {
        MailMessage(
            id: try r.string("id"), organizationID: try r.id("org_id"), sender: try r.string("sender"),
            recipients: try r.json("recipients"), replyTo: try r.optionalString("reply_to"),
            subject: try r.string("subject"), textBody: try r.string("text_body"),
            htmlBody: try r.optionalString("html_body"), status: try r.enumValue("status"),
            attempts: try r.int("attempts"), lastError: try r.optionalString("last_error"),
            messageID: try r.string("message_id"), workflowID: try r.optionalString("workflow_id"),
            runID: try r.optionalString("run_id"), createdAt: try r.date("created_at"), sentAt: try r.optionalDate("sent_at"))
    }
}
