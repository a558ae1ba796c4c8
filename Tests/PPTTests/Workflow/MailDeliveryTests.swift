import Foundation
import Logging
import PPTDomain
import PPTStorage
import PPTWorkflow
import SQLKit
import Testing

/// E-mail end to end against a real SMTP server on loopback (aiosmtpd, `MailTestServer`): the
/// `email` action queues on the run's transaction, the `mail.deliver` job sends, the mailbox shows
/// the outcome.
@Suite("Mail delivery", .serialized)
struct MailDeliveryTests {
    static let subject = "Pripomienka: nedoplatok č. 12"
    static let text = """
        Dobrý deň, pani Nováková,

        váš nedoplatok č. 12 je 45,20 € (splatný 15. 11.).
        .
        .Riadok začínajúci bodkou a veľmi dlhý riadok: \(String(repeating: "ďakujeme-", count: 20))koniec
        Príliš žltučký kôň úpěl ďábelské ódy.
        """

    /// Queues one message through the action, as a run's step would.
    static func queue(_ database: any Database, _ world: ActionWorld, config: MailConfiguration,
                      input: [String: JSONValue], key: String = "run-1:step-1", maxAttempts: Int = 8)
        async throws -> String
    {
        let output = try await database.write { sql in
            try await EmailAction(configuration: config, maxAttempts: maxAttempts)
                .perform(ActionTesting.call(input, scope: world.admin, sql: sql, key: key, now: SystemWallClock().now()))
        }
        return try #require(ActionTesting.text(output, "messageID"))
    }

    /// Runs every due `mail.deliver` job once, the way the worker does; returns the handler errors.
    @discardableResult
    static func deliver(_ database: any Database, config: MailConfiguration) async throws -> [any Error] {
        let queue = JobQueue(database: database, backoffBase: .zero)
        let handler = MailDeliveryJob(mail: MailRepository(database: database), configuration: config)
        var errors: [any Error] = []
        for job in try await queue.claim(workerID: "test", limit: 10, lease: .seconds(60)) {
            #expect(job.kind == "mail.deliver")
            do {
                try await handler.handle(job, logger: TestDatabase.logger)
                try await queue.complete(job, workerID: "test")
            } catch {
                errors.append(error)
                try await queue.fail(job, workerID: "test", error: "\(error)")
            }
        }
        return errors
    }

    static func config(_ server: MailTestServer, password: String? = nil, security: String = "required",
                       trusted: Bool = true) throws -> MailConfiguration {
        var url = "smtp://\(server.options.user):\(password ?? server.options.password)@127.0.0.1:\(server.port)"
        url = url.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
        url += "?starttls=\(security)&timeout=10"
        if trusted { url += "&cafile=\(server.certificateFile)" }
        return try MailConfiguration.parse(smtpURL: url, from: "Správa domu <spravca@example.sk>")
    }

    static func message(_ database: any Database, _ world: ActionWorld, _ id: String) async throws -> MailMessage {
        try await MailRepository(database: database).message(world.admin, id: id)
    }

    @Test("STARTTLS + AUTH PLAIN: a non-ASCII subject, text and HTML arrive intact; one delivery only",
          arguments: TestDatabase.dialects)
    func startTLSPlain(dialect: DatabaseDialect) async throws {
        let server = try await MailTestServer.start()
        defer { server.stop() }
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let config = try Self.config(server)
            let id = try await Self.queue(database, world, config: config, input: [
                "to": .array([.string("Anna Nováková <anna@example.sk>"), .string("peter@example.sk")]),
                "subject": .string(Self.subject), "text": .string(Self.text),
                "html": .string("<p>Dobrý deň, <b>nedoplatok č. 12</b></p>"), "replyTo": .string("uctaren@example.sk"),
            ])
            #expect(try await Self.message(database, world, id).status == .queued)
            #expect(try await Self.deliver(database, config: config).isEmpty)

            let received = try server.received()
            try #require(received.count == 1)
            let mail = received[0]
            #expect(mail.tls)
            #expect(mail.mechanism == "PLAIN")
            #expect(mail.mailFrom == "spravca@example.sk")
            #expect(mail.rcptTos == ["anna@example.sk", "peter@example.sk"])
            #expect(mail.subject == Self.subject)
            #expect(mail.from == "Správa domu <spravca@example.sk>")
            #expect(mail.to == "Anna Nováková <anna@example.sk>, peter@example.sk")
            // In a multipart body the last line break belongs to the boundary (RFC 2046 §5.1.1).
            #expect(mail.text.replacingOccurrences(of: "\r\n", with: "\n") == Self.text)
            #expect(mail.html == "<p>Dobrý deň, <b>nedoplatok č. 12</b></p>")
            #expect(mail.defects.isEmpty)
            #expect(mail.raw.contains("\r\nReply-To: uctaren@example.sk\r\n"))

            let stored = try await Self.message(database, world, id)
            #expect(stored.status == .sent)
            #expect(stored.attempts == 1)
            #expect(stored.sentAt != nil)
            #expect(mail.messageID == stored.messageID)

            // The same job again (a worker that died after sending, before completing): nothing more is sent.
            let queue = JobQueue(database: database)
            let job = try #require(try await queue.jobs(kind: "mail.deliver").first)
            try await MailDeliveryJob(mail: MailRepository(database: database), configuration: config)
                .handle(job, logger: TestDatabase.logger)
            #expect(try server.received().count == 1)
            #expect(try await Self.message(database, world, id).status == .sent)
        }
    }

    @Test("AUTH LOGIN when the server offers only LOGIN", arguments: TestDatabase.dialects)
    func authLogin(dialect: DatabaseDialect) async throws {
        let server = try await MailTestServer.start(.init(mechanisms: ["LOGIN"]))
        defer { server.stop() }
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let config = try Self.config(server)
            let id = try await Self.queue(database, world, config: config, input: [
                "to": .string("anna@example.sk"), "subject": .string("LOGIN"), "text": .string("Ahoj"),
            ])
            #expect(try await Self.deliver(database, config: config).isEmpty)
            let received = try server.received()
            #expect(received.map(\.mechanism) == ["LOGIN"])
            #expect(received.first?.text == "Ahoj\r\n")
            #expect(try await Self.message(database, world, id).status == .sent)
        }
    }

    @Test("implicit TLS (smtps) with AUTH PLAIN", arguments: TestDatabase.dialects)
    func implicitTLS(dialect: DatabaseDialect) async throws {
        let server = try await MailTestServer.start(.init(mode: "implicit"))
        defer { server.stop() }
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let password = server.options.password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed)!
            let config = try MailConfiguration.parse(
                smtpURL: "smtps://mailer:\(password)@127.0.0.1:\(server.port)?cafile=\(server.certificateFile)&timeout=10",
                from: "spravca@example.sk")
            let id = try await Self.queue(database, world, config: config, input: [
                "to": .string("anna@example.sk"), "subject": .string(Self.subject), "text": .string("Ahoj"),
            ])
            #expect(try await Self.deliver(database, config: config).isEmpty)
            let received = try server.received()
            #expect(received.map(\.tls) == [true])
            #expect(received.first?.mechanism == "PLAIN")
            #expect(received.first?.subject == Self.subject)
            #expect(try await Self.message(database, world, id).status == .sent)
        }
    }

    @Test("a wrong password fails the message for good, naming the refusal", arguments: TestDatabase.dialects)
    func wrongPassword(dialect: DatabaseDialect) async throws {
        let server = try await MailTestServer.start()
        defer { server.stop() }
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let config = try Self.config(server, password: "wrong")
            let id = try await Self.queue(database, world, config: config, input: [
                "to": .string("anna@example.sk"), "subject": .string("x"), "text": .string("y"),
            ])
            #expect(try await Self.deliver(database, config: config).isEmpty)
            let stored = try await Self.message(database, world, id)
            #expect(stored.status == .failed)
            let error = try #require(stored.lastError)
            #expect(error.hasPrefix("smtp.auth_failed: The SMTP server refused the user name or password for mailer: 535"))
            #expect(!error.contains("wrong"))
            #expect(try server.received().isEmpty)
        }
    }

    @Test("5xx: a refused recipient fails the message; a partly refused one is sent with a note",
          arguments: TestDatabase.dialects)
    func permanentRefusal(dialect: DatabaseDialect) async throws {
        let server = try await MailTestServer.start()
        defer { server.stop() }
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let config = try Self.config(server)
            let bounced = try await Self.queue(database, world, config: config, input: [
                "to": .string("bounce@example.sk"), "subject": .string("x"), "text": .string("y"),
            ], key: "run-1:a")
            let partial = try await Self.queue(database, world, config: config, input: [
                "to": .string("bounce@example.sk, anna@example.sk"), "subject": .string("x"), "text": .string("y"),
            ], key: "run-1:b")
            #expect(try await Self.deliver(database, config: config).isEmpty)
            let failed = try await Self.message(database, world, bounced)
            #expect(failed.status == .failed)
            #expect(failed.lastError?.contains("550 5.1.1 No such mailbox here") == true)
            #expect(failed.attempts == 1)
            let sent = try await Self.message(database, world, partial)
            #expect(sent.status == .sent)
            #expect(sent.lastError?.contains("bounce@example.sk (550") == true)
            #expect(try server.received().map(\.rcptTos) == [["anna@example.sk"]])
        }
    }

    @Test("4xx: the job is retried with backoff, and the message fails after the last attempt",
          arguments: TestDatabase.dialects)
    func temporaryRefusal(dialect: DatabaseDialect) async throws {
        let server = try await MailTestServer.start()
        defer { server.stop() }
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let config = try Self.config(server)
            let id = try await Self.queue(database, world, config: config, input: [
                "to": .string("later@example.sk"), "subject": .string("x"), "text": .string("y"),
            ], maxAttempts: 2)
            let first = try await Self.deliver(database, config: config)
            #expect((first.first as? SMTPError)?.retryable == true)
            let waiting = try await Self.message(database, world, id)
            #expect(waiting.status == .queued)
            #expect(waiting.lastError?.contains("451 4.3.0") == true)
            let job = try #require(try await JobQueue(database: database).jobs(kind: "mail.deliver").first)
            #expect(job.status == .pending)
            #expect(job.attempts == 1)

            #expect(try await Self.deliver(database, config: config).isEmpty)
            let failed = try await Self.message(database, world, id)
            #expect(failed.status == .failed)
            #expect(failed.attempts == 2)
            #expect(try await JobQueue(database: database).jobs(kind: "mail.deliver").first?.status == .succeeded)
            #expect(try server.received().isEmpty)
        }
    }

    @Test("TLS is verified: an untrusted certificate is refused, and STARTTLS=required needs the server to offer it",
          arguments: TestDatabase.dialects)
    func tlsRequirements(dialect: DatabaseDialect) async throws {
        let server = try await MailTestServer.start()
        defer { server.stop() }
        let plain = try await MailTestServer.start(.init(mode: "plain"))
        defer { plain.stop() }
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let untrusted = try Self.config(server, trusted: false)
            let id = try await Self.queue(database, world, config: untrusted, input: [
                "to": .string("anna@example.sk"), "subject": .string("x"), "text": .string("y"),
            ], key: "run-1:a")
            let errors = try await Self.deliver(database, config: untrusted)
            #expect((errors.first as? SMTPError)?.code == "smtp.tls_failed")
            #expect(try await Self.message(database, world, id).status == .queued)

            let noTLS = try Self.config(plain)
            let other = try await Self.queue(database, world, config: noTLS, input: [
                "to": .string("anna@example.sk"), "subject": .string("x"), "text": .string("y"),
            ], key: "run-1:b")
            _ = try await Self.deliver(database, config: noTLS)
            let refused = try await Self.message(database, world, other)
            #expect(refused.status == .failed)
            #expect(refused.lastError?.hasPrefix("smtp.starttls_unavailable") == true)
            #expect(try server.received().isEmpty && plain.received().isEmpty)
        }
    }

    @Test("without an SMTP server messages are captured: kept in the mailbox, not sent",
          arguments: TestDatabase.dialects)
    func captured(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let world = try await ActionWorld.make(database)
            let config = try MailConfiguration.parse(smtpURL: nil, from: nil)
            let id = try await Self.queue(database, world, config: config, input: [
                "to": .string("anna@example.sk"), "subject": .string(Self.subject), "text": .string(Self.text),
            ])
            #expect(try await Self.deliver(database, config: config).isEmpty)
            let stored = try await Self.message(database, world, id)
            #expect(stored.status == .captured)
            #expect(stored.subject == Self.subject)
            #expect(stored.textBody == Self.text)
            #expect(stored.sender == "PPT <noreply@localhost.localdomain>")
            let page = try await MailRepository(database: database)
                .messages(world.admin, status: .captured, page: PageRequest(limit: 10))
            #expect(page.items.map(\.id) == [id])
        }
    }
}
