import Foundation
import PPTDomain

/// Where an outgoing message is.
package enum MailStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for the `mail.deliver` job (also between retries).
    case queued
    /// A delivery attempt is under way (or its worker died; the job's next attempt resumes it).
    case sending
    /// The SMTP server accepted it.
    case sent
    /// Permanently refused (5xx) or out of attempts.
    case failed
    /// Kept, not sent: no SMTP server is configured.
    case captured
}

/// An outgoing e-mail as the mailbox shows it.
package struct MailMessage: Sendable, Codable, Hashable {
    package let id: String
    package let organizationID: OrganizationID
    /// `From:` (`addr` or `Name <addr>`).
    package let sender: String
    /// `To:` addresses (`addr` or `Name <addr>`).
    package let recipients: [String]
    package let replyTo: String?
    package let subject: String
    package let textBody: String
    package let htmlBody: String?
    package let status: MailStatus
    /// Delivery attempts started.
    package let attempts: Int
    /// The last failure (or the recipients a server refused while accepting the others).
    package let lastError: String?
    /// The `Message-ID` header, derived from the idempotency key.
    package let messageID: String
    package let workflowID: String?
    package let runID: String?
    package let createdAt: Date
    package let sentAt: Date?

    package init(id: String, organizationID: OrganizationID, sender: String, recipients: [String], replyTo: String?,
                 subject: String, textBody: String, htmlBody: String?, status: MailStatus, attempts: Int,
                 lastError: String?, messageID: String, workflowID: String?, runID: String?, createdAt: Date,
                 sentAt: Date?) {
        self.id = id
        self.organizationID = organizationID
        self.sender = sender
        self.recipients = recipients
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.messageID = messageID
        self.workflowID = workflowID
        self.runID = runID
        self.createdAt = createdAt
        self.sentAt = sentAt
    }
}

/// A message to queue.
package struct MailDraft: Sendable, Hashable {
    /// `From:` (`addr` or `Name <addr>`).
    package var sender: String
    /// `To:` addresses (`addr` or `Name <addr>`); at least one.
    package var recipients: [String]
    package var replyTo: String?
    package var subject: String
    package var textBody: String
    package var htmlBody: String?
    /// The `Message-ID` header value, with angle brackets.
    package var messageID: String
    /// Queues the message once: a second draft with the same key returns the first message.
    package var idempotencyKey: String
    package var workflowID: String?
    package var runID: String?

    package init(sender: String, recipients: [String], replyTo: String? = nil, subject: String, textBody: String,
                 htmlBody: String? = nil, messageID: String, idempotencyKey: String, workflowID: String? = nil,
                 runID: String? = nil) {
        self.sender = sender
        self.recipients = recipients
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.messageID = messageID
        self.idempotencyKey = idempotencyKey
        self.workflowID = workflowID
        self.runID = runID
    }
}

/// What `MailRepository.enqueue` did.
package struct MailEnqueueResult: Sendable, Hashable {
    /// The message (the earlier one on a repeat).
    package let id: String
    /// `false` when the idempotency key had already queued it.
    package let created: Bool
    package let status: MailStatus
}

/// The `mail.deliver` job's payload.
package struct MailDeliveryPayload: Sendable, Codable, Hashable {
    package let messageID: String

    package init(messageID: String) { self.messageID = messageID }
}
