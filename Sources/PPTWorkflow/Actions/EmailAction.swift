import Foundation
import PPTDomain
import PPTStorage
import SQLKit

/// `email`: queues one e-mail on the run's transaction (`mail_messages`, exactly once per step
/// through the idempotency key) with its `mail.deliver` job, which sends it over SMTP, or keeps it
/// `captured` when no server is configured. Recipients: addresses in `to`, and members or residents
/// chosen by `users`, `roles`, `building`, `unit` (`Recipients`).
package struct EmailAction: WorkflowAction {
    package let name = "email"
    package let effect = ActionEffect.database
    package let fields: [ActionField] = [
        ActionField("to", .any, "Addresses: text (`a@x.sk, b@y.sk`, `Name <a@x.sk>`) or a list of text."),
    ] + Recipients.fields + [
        ActionField("subject", .string, required: true, "Subject line, at most 250 characters."),
        ActionField("text", .string, required: true, "Plain-text body, at most 100,000 characters."),
        ActionField("html", .string, "An HTML alternative of the body."),
        ActionField("replyTo", .string, "Reply-To address."),
    ]
    package let output: [String: WorkflowValueType] = [
        "messageID": .string, "recipients": .list, "status": .string, "skipped": .list,
    ]

    private let configuration: MailConfiguration
    private let maxAttempts: Int

    /// `configuration.from` is the sender of every message; `maxAttempts` bounds the delivery job.
    package init(configuration: MailConfiguration, maxAttempts: Int = 8) {
        self.configuration = configuration
        self.maxAttempts = maxAttempts
    }

    /// The checked message, before it is queued.
    private struct Prepared {
        let recipients: [MailAddress]
        let skipped: [String]
        let draft: MailDraft
    }

    private func prepare(_ call: ActionCall) async throws -> Prepared {
        var recipients: [MailAddress] = []
        for item in try call.strings("to") {
            for text in Self.split(item) {
                guard let address = MailAddress.parseMailbox(text) else {
                    throw ActionFailure(code: "email.invalid_recipient",
                                        message: "'\(text.prefix(200))' is not an e-mail address.", retryable: false)
                }
                recipients.append(address)
            }
        }
        var skipped: [String] = []
        let selection = try RecipientSelection(input: call.input)
        if !selection.isEmpty {
            for person in try await Recipients.resolveEmails(selection, call.scope, on: call.transaction(), at: call.now) {
                if let address = MailAddress(person.address, displayName: person.name) {
                    recipients.append(address)
                } else {
                    skipped.append(person.address)
                }
            }
        }
        var seen = Set<String>()
        recipients = recipients.filter { seen.insert($0.address.lowercased()).inserted }
        guard !recipients.isEmpty else {
            throw ActionFailure(code: "email.no_recipients", message: skipped.isEmpty
                                    ? "The step addresses nobody (to, users, roles, building and unit are empty or resolve to no one)."
                                    : "None of the addresses is valid: \(skipped.joined(separator: ", ")).",
                                retryable: false)
        }
        guard recipients.count <= 500 else { throw ActionFailure.invalidInput("to", "addresses more than 500 people") }
        let subject = try call.string("subject").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !subject.isEmpty, subject.count <= 250 else {
            throw ActionFailure.invalidInput("subject", "must be 1 to 250 characters")
        }
        let text = try call.string("text")
        guard text.count <= 100_000 else { throw ActionFailure.invalidInput("text", "must be at most 100,000 characters") }
        let html = try call.optionalString("html")
        guard (html?.count ?? 0) <= 200_000 else {
            throw ActionFailure.invalidInput("html", "must be at most 200,000 characters")
        }
        var replyTo: MailAddress?
        if let raw = try call.optionalString("replyTo") {
            guard let parsed = MailAddress.parseMailbox(raw) else {
                throw ActionFailure(code: "email.invalid_recipient",
                                    message: "replyTo '\(raw.prefix(200))' is not an e-mail address.", retryable: false)
            }
            replyTo = parsed
        }
        let draft = MailDraft(
            sender: configuration.from.displayValue, recipients: recipients.map(\.displayValue),
            replyTo: replyTo?.displayValue, subject: subject, textBody: text, htmlBody: html,
            messageID: MIMEMessage.messageID(forKey: call.idempotencyKey, domain: configuration.from.domain),
            idempotencyKey: call.idempotencyKey, workflowID: call.workflowID, runID: call.runID)
        return Prepared(recipients: recipients, skipped: skipped, draft: draft)
    }

    package func perform(_ call: ActionCall) async throws -> JSONValue {
        let prepared = try await prepare(call)
        let sql = try call.transaction()
        let queued = try await ActionFailure.mappingDomainErrors {
            try await MailRepository.enqueue(sql, call.scope, prepared.draft, maxAttempts: maxAttempts, at: call.now)
        }
        return Self.output(messageID: .string(queued.id), prepared, status: queued.status.rawValue)
    }

    package func simulate(_ call: ActionCall) async throws -> JSONValue {
        let prepared = try await prepare(call)
        return Self.output(messageID: .null, prepared, status: configuration.smtp == nil ? "captured" : "queued")
    }

    private static func output(messageID: JSONValue, _ prepared: Prepared, status: String) -> JSONValue {
        .object([
            "messageID": messageID, "recipients": .array(prepared.recipients.map { .string($0.address) }),
            "status": .string(status), "skipped": .array(prepared.skipped.map(JSONValue.string)),
        ])
    }

    /// `a@x.sk, b@y.sk; c@z.sk` as three; `Name <a@x.sk>` as one (commas inside a display name are
    /// not split when the item has a single address).
    static func split(_ text: String) -> [String] {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let atCount = text.filter { $0 == "@" }.count
        return atCount <= 1 ? [text.trimmingCharacters(in: .whitespaces)].filter { !$0.isEmpty } : parts
    }
}
