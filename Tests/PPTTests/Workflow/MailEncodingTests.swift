import Foundation
import PPTDomain
import PPTWorkflow
import Testing

/// The parts of mail that need no server: encodings, message rendering, reply parsing, settings.
@Suite("Mail encoding")
struct MailEncodingTests {
    @Test("a non-ASCII subject becomes RFC 2047 encoded words of at most 75 characters that decode back")
    func subjectEncoding() throws {
        let subject = "Pripomienka: nedoplatok č. 12 — žltý kôň úpel ďábelské ódy, ešte dlhší text za ním"
        let header = MIMEEncoding.headerText(subject)
        let words = header.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        var bytes = Data()
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            bytes += try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
        }
        #expect(String(decoding: bytes, as: UTF8.self) == subject)
        #expect(MIMEEncoding.headerText("Plain ASCII subject") == "Plain ASCII subject")
        #expect(MIMEEncoding.headerText("two\nlines") == "two lines")
    }

    @Test("quoted-printable keeps lines within 76 characters and escapes =, trailing spaces and UTF-8")
    func quotedPrintable() {
        let encoded = MIMEEncoding.quotedPrintable("a=b č \n" + String(repeating: "x", count: 200) + "\nend ")
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines[0] == "a=3Db =C4=8D=20")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.count == 5)
        #expect(lines[1...2].allSatisfy { $0.hasSuffix("=") && $0.count == 76 })
        #expect(lines[3] == String(repeating: "x", count: 50))
        #expect(lines.last == "end=20")
        #expect(encoded.utf8.allSatisfy { $0 < 128 })
    }

    @Test("dot-stuffing doubles leading dots and ends the data with CRLF")
    func dotStuffing() {
        #expect(SMTPClient.dotStuffed(".hidden\nline\n.\nlast") == "..hidden\r\nline\r\n..\r\nlast\r\n")
        #expect(SMTPClient.dotStuffed("a\r\nb\r\n") == "a\r\nb\r\n")
    }

    @Test("replies split across reads, multi-line replies, and malformed lines")
    func replyParser() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed(Array("220 mail.example.sk ESMTP ready\r\n250-mail.exa".utf8))
            == [SMTPReply(code: 220, lines: ["mail.example.sk ESMTP ready"])])
        #expect(parser.hasPendingInput)
        #expect(try parser.feed(Array("mple.sk\r\n250-STARTTLS\r\n".utf8)).isEmpty)
        let replies = try parser.feed(Array("250 AUTH PLAIN LOGIN\n".utf8))
        #expect(replies == [SMTPReply(code: 250, lines: ["mail.example.sk", "STARTTLS", "AUTH PLAIN LOGIN"])])
        #expect(!parser.hasPendingInput)
        var broken = SMTPReplyParser()
        #expect(throws: SMTPError.self) { try broken.feed(Array("hello\r\n".utf8)) }
        var mixed = SMTPReplyParser()
        #expect(throws: SMTPError.self) { try mixed.feed(Array("250-a\r\n251 b\r\n".utf8)) }
        #expect(SMTPError.rejected("RCPT", SMTPReply(code: 451, lines: ["later"])).retryable)
        #expect(!SMTPError.rejected("RCPT", SMTPReply(code: 550, lines: ["no"])).retryable)
    }

    @Test("the rendered message has RFC 5322 headers, a stable Message-ID and an HTML alternative")
    func rendering() throws {
        let id = MIMEMessage.messageID(forKey: "run-1:step-1", domain: "example.sk")
        #expect(id == MIMEMessage.messageID(forKey: "run-1:step-1", domain: "example.sk"))
        #expect(id != MIMEMessage.messageID(forKey: "run-1:step-2", domain: "example.sk"))
        #expect(id.hasPrefix("<") && id.hasSuffix("@example.sk>"))
        let message = MIMEMessage(
            from: try #require(MailAddress.parseMailbox("Správa domu <spravca@example.sk>")),
            to: [try #require(MailAddress("anna@example.sk", displayName: "Anna, \"A\" Nová"))],
            subject: "Ahoj", text: "Telo", html: "<p>Telo</p>",
            date: Date(timeIntervalSince1970: 1_795_000_000), messageID: id)
        let rendered = message.rendered()
        #expect(rendered.contains("\r\nFrom: =?UTF-8?B?"))
        #expect(rendered.contains("\r\nTo: =?UTF-8?B?"))
        #expect(rendered.contains("Message-ID: \(id)\r\n"))
        #expect(rendered.hasPrefix("Date: Wed, 18 Nov 2026 11:06:40 +0000\r\n"))
        #expect(rendered.contains("Content-Type: multipart/alternative; boundary="))
        #expect(rendered.utf8.allSatisfy { $0 < 128 })
        #expect(rendered == message.rendered())
    }

    @Test("addresses: valid and invalid forms")
    func addresses() {
        for valid in ["anna@example.sk", "a.b+tag@mail.example.co.uk", "x_y@sub-domain.example.org"] {
            #expect(MailAddress(valid) != nil, "\(valid)")
        }
        for invalid in ["", "anna", "anna@", "@example.sk", "anna@localhost", "a b@example.sk", "a..b@example.sk",
                        "anna@example..sk", "anna@-example.sk", "ánna@example.sk", "anna@example.sk\r\nBcc: x@y.sk",
                        "anna@1.2.3.4"] {
            #expect(MailAddress(invalid) == nil, "\(invalid)")
        }
        let named = MailAddress.parseMailbox("\"Nováková, Anna\" <anna@example.sk>")
        #expect(named?.address == "anna@example.sk")
        #expect(named?.displayName == "Nováková, Anna")
        #expect(MailAddress.parseMailbox("Anna <not an address>") == nil)
        let tricky = MailAddress("anna@example.sk", displayName: "Nová, \"A\" \\ B")
        #expect(tricky.map { MailAddress.parseMailbox($0.displayValue) } == tricky)
        #expect(MailAddress("anna@example.sk", displayName: "Anna Nová")?.displayValue == "Anna Nová <anna@example.sk>")
    }

    @Test("PPT_SMTP_URL and PPT_MAIL_FROM parse, and bad values are refused with a pointer")
    func configuration() throws {
        let config = try MailConfiguration.parse(
            smtpURL: "smtp://user%40example.sk:p%C3%A4ss@mail.example.sk?starttls=opportunistic&timeout=5",
            from: "Správa <noreply@example.sk>")
        let smtp = try #require(config.smtp)
        #expect(smtp.host == "mail.example.sk")
        #expect(smtp.port == 587)
        #expect(smtp.security == .startTLSOpportunistic)
        #expect(smtp.username == "user@example.sk")
        #expect(smtp.password == "päss")
        #expect(smtp.timeout == .seconds(5))
        #expect(!smtp.description.contains("päss"))
        #expect(config.from.address == "noreply@example.sk")
        #expect(config.from.displayName == "Správa")
        let smtps = try SMTPServerConfiguration.parse("smtps://u:p@mail.example.sk")
        #expect(smtps.port == 465 && smtps.security == .implicitTLS)
        #expect(try SMTPServerConfiguration.parse("smtp://127.0.0.1:25?starttls=none").security == .none)
        #expect(try MailConfiguration.parse(smtpURL: "", from: nil).smtp == nil)
        for bad in ["http://mail.example.sk", "smtp://", "smtp://h?starttls=maybe", "smtp://h?bogus=1",
                    "smtps://h?starttls=required", "smtp://:pw@h", "smtp://h?timeout=0"] {
            #expect(throws: DomainError.self, "\(bad)") { try SMTPServerConfiguration.parse(bad) }
        }
        #expect(throws: DomainError.self) { try MailConfiguration.parse(smtpURL: nil, from: "not an address") }
    }
}
