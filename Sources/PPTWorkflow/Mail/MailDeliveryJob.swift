import Foundation
import Logging
import NIOCore
import NIOPosix
import PPTStorage

/// The `mail.deliver` job: sends one queued message over SMTP and records the outcome.
///
/// - no SMTP server configured: the message becomes `captured` (kept in the mailbox, not sent);
/// - accepted: `sent` (refused recipients, if the server took the others, are noted in `lastError`);
/// - a temporary failure (4xx, timeout, network): the message is queued again and the job throws,
///   so the queue backs off and retries; on the job's last attempt it becomes `failed`;
/// - a permanent failure (5xx, TLS or configuration problems): `failed`, and the job ends.
///
/// A message already settled (a repeated job) is left alone: one delivery only. Each attempt sends
/// the same bytes and the same Message-ID, so a server that saw an attempt whose reply was lost can
/// recognise the repeat.
package struct MailDeliveryJob: JobHandler {
    package let kind = MailRepository.deliveryJobKind
    private let mail: MailRepository
    private let configuration: MailConfiguration
    private let group: any EventLoopGroup

    package init(mail: MailRepository, configuration: MailConfiguration,
                 eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.mail = mail
        self.configuration = configuration
        self.group = eventLoopGroup
    }

    package func handle(_ job: Job, logger: Logger) async throws {
        let payload = try job.decodePayload(MailDeliveryPayload.self)
        guard let message = try await mail.claimForDelivery(id: payload.messageID) else {
            logger.debug("mail message already settled", metadata: ["ppt.mail.id": "\(payload.messageID)"])
            return
        }
        guard let smtp = configuration.smtp else {
            try await mail.markCaptured(id: message.id)
            logger.info("mail captured (no SMTP server configured)", metadata: ["ppt.mail.id": "\(message.id)"])
            return
        }
        let recipients = message.recipients.compactMap(MailAddress.parseMailbox)
        guard !recipients.isEmpty else {
            try await mail.markFailed(id: message.id, error: "email.invalid_recipient: no valid recipient address")
            return
        }
        let sender = MailAddress.parseMailbox(message.sender) ?? configuration.from
        let mime = MIMEMessage(
            from: sender, to: recipients, replyTo: message.replyTo.flatMap(MailAddress.parseMailbox),
            subject: message.subject, text: message.textBody, html: message.htmlBody, date: message.createdAt,
            messageID: message.messageID)
        let delivery: SMTPDelivery
        do {
            delivery = try await SMTPClient(configuration: smtp, eventLoopGroup: group)
                .send(from: sender.address, to: recipients.map(\.address), data: mime.rendered())
        } catch {
            if error.retryable && job.attempts < job.maxAttempts {
                try await mail.markRetrying(id: message.id, error: error.description)
                throw error
            }
            try await mail.markFailed(id: message.id, error: error.description)
            logger.warning("mail failed", metadata: ["ppt.mail.id": "\(message.id)", "error": "\(error)"])
            return
        }
        let note = delivery.refused.isEmpty ? nil : "smtp.rejected: refused "
            + delivery.refused.map { "\($0.recipient) (\($0.reply))" }.joined(separator: ", ")
        try await mail.markSent(id: message.id, note: note)
        logger.info("mail sent", metadata: [
            "ppt.mail.id": "\(message.id)", "ppt.mail.recipients": "\(delivery.accepted.count)",
            "ppt.mail.refused": "\(delivery.refused.count)",
        ])
    }
}
