import Foundation
import HTTPTypes
import NIOCore
import PPTDomain
import PPTStorage
import Testing

/// The inquiry form of the Reality Portal's listing page (a plain urlencoded POST, no script).
@Suite("Reality Portal inquiry form")
struct PortalInquiryPageTests {
    @Test("a valid inquiry is stored with one inquiry_received event and redirects with 303 to the thank-you",
          arguments: TestDatabase.dialects)
    func sent(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let world = try await PortalWorld.make(app)
            let listing = try await world.published(PortalWorld.input("Byt na otázky"))
            let path = "/sk/listings/\(listing.id.rawValue)"
            let message = "Dobrý deň & ďakujem + 100% záujem?\nVolajte po 17:00."
            let response = try await app.form("\(path)/inquiry", [
                ("name", "Ján Novák"), ("email", "jan@example.sk"), ("phone", "+421 900 123 456"),
                ("message", message), ("website", ""),
            ])
            #expect(response.status == .seeOther, "\(response.text)")
            #expect(response.headers[.location] == "\(path)?sent=1#inquiry")
            let stored = try await world.inquiries()
            #expect(stored.count == 1)
            #expect(stored.first?.name == "Ján Novák" && stored.first?.email == "jan@example.sk")
            #expect(stored.first?.phone == "+421 900 123 456" && stored.first?.message == message)
            #expect(stored.first?.listingID == listing.id)
            #expect(try await world.inquiryEvents() == 1)

            let thanks = try await app.page("\(path)?sent=1")
            #expect(thanks.status == .ok && thanks.text.contains("data-test=\"portal-inquiry-sent\""))
            #expect(!(try await app.page(path)).text.contains("data-test=\"portal-inquiry-sent\""))

            // `+` for spaces and an empty phone, as browsers send them.
            let plain = try await app.raw(.post, "/en/listings/\(listing.id.rawValue)/inquiry",
                                          body: .init(string: "name=Eva+Mal%C3%A1&email=eva%40example.com&phone=&message=Hello+there"),
                                          headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(plain.status == .seeOther)
            #expect(plain.headers[.location] == "/en/listings/\(listing.id.rawValue)?sent=1#inquiry")
            let eva = try #require(try await world.inquiries().first { $0.email == "eva@example.com" })
            #expect(eva.name == "Eva Malá" && eva.phone == nil && eva.message == "Hello there")
            #expect(try await world.inquiryEvents() == 2)
        }
    }

    @Test("an invalid inquiry re-renders the form with 422, the fields marked and kept, and stores nothing",
          arguments: TestDatabase.dialects)
    func invalid(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let world = try await PortalWorld.make(app)
            let listing = try await world.published(PortalWorld.input("Byt na otázky"))
            let response = try await app.form("/en/listings/\(listing.id.rawValue)/inquiry", [
                ("name", "Ján <b>Novák</b>"), ("email", "not-an-email"), ("message", "Is it free?"),
            ])
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.contains("<h1>Byt na otázky</h1>"))
            #expect(html.contains("Please correct the marked fields."))
            #expect(html.contains(#"aria-invalid="true" aria-describedby="e-email""#))
            #expect(html.contains(#"<span class="error" id="e-email">Enter a valid e-mail address.</span>"#))
            #expect(!html.contains("id=\"e-name\"") && !html.contains("id=\"e-message\""))
            #expect(html.contains(#"value="Ján &lt;b&gt;Novák&lt;/b&gt;""#) && html.contains(#"value="not-an-email""#))
            #expect(html.contains(">Is it free?</textarea>"))
            #expect(!html.contains("data-test=\"portal-inquiry-sent\""))

            let empty = try await app.form("/en/listings/\(listing.id.rawValue)/inquiry", [
                ("name", " "), ("email", "a@example.com"), ("message", String(repeating: "x", count: 5_001)),
            ])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains(#"<span class="error" id="e-name">Required.</span>"#))
            #expect(empty.text.contains(#"<span class="error" id="e-message">Too long.</span>"#))

            let phone = try await app.form("/en/listings/\(listing.id.rawValue)/inquiry", [
                ("name", "Ján"), ("email", "a@example.com"), ("phone", "call me"), ("message", "Hi"),
            ])
            #expect(phone.status == .unprocessableContent)
            #expect(phone.text.contains(#"aria-invalid="true" aria-describedby="e-phone""#))
            #expect(phone.text.contains(#"<span class="error" id="e-phone">Enter a valid phone number.</span>"#))

            #expect(try await world.inquiries().isEmpty)
            #expect(try await world.inquiryEvents() == 0)
        }
    }

    @Test("a filled honeypot answers like a sent inquiry and stores nothing; unpublished listings take none",
          arguments: TestDatabase.dialects)
    func honeypot(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let world = try await PortalWorld.make(app)
            let listing = try await world.published(PortalWorld.input("Byt na otázky"))
            let bot = try await app.form("/de/listings/\(listing.id.rawValue)/inquiry", [
                ("name", "Bot"), ("email", "bot@example.com"), ("message", "Buy now"),
                ("website", "http://spam.example"),
            ])
            #expect(bot.status == .seeOther)
            #expect(bot.headers[.location] == "/de/listings/\(listing.id.rawValue)?sent=1#inquiry")
            #expect(try await world.inquiries().isEmpty)
            #expect(try await world.inquiryEvents() == 0)

            let draft = try await world.draft(PortalWorld.input("Koncept"))
            let toDraft = try await app.form("/sk/listings/\(draft.id.rawValue)/inquiry", [
                ("name", "Ján"), ("email", "jan@example.sk"), ("message", "Ahoj"),
            ])
            #expect(toDraft.status == .notFound)
            let unknownLanguage = try await app.form("/xx/listings/\(listing.id.rawValue)/inquiry", [
                ("name", "Ján"), ("email", "jan@example.sk"), ("message", "Ahoj"),
            ])
            #expect(unknownLanguage.status == .notFound)
            #expect(try await world.inquiries().isEmpty)
            #expect(try await world.inquiryEvents() == 0)
        }
    }
}
