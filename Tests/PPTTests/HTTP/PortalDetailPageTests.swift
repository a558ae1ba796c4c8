import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PPTApp
import PPTDomain
import PPTHTTP
import PPTStorage
import Testing

/// The Reality Portal's listing page: texts by language, JSON-LD, escaping, photos and the inquiry form.
@Suite("Reality Portal listing pages")
struct PortalDetailPageTests {
    @Test("the page shows the text of the visitor's language when one exists and the listing's own otherwise",
          arguments: TestDatabase.dialects)
    func languages(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let world = try await PortalWorld.make(app)
            let listing = try await world.published(PortalWorld.input(
                "Slnečný byt", description: "Prvý odsek.\n\nDruhý odsek.", type: .rent, price: 85_000))
            _ = try await world.media.setText(world.fixture.admin, listingID: listing.id, language: .de,
                                              title: "Sonnige Wohnung", description: "Erster Absatz.")
            let path = "listings/\(listing.id.rawValue)"

            let german = try await app.page("/de/\(path)")
            #expect(german.status == .ok)
            #expect(german.text.contains("<h1>Sonnige Wohnung</h1>") && german.text.contains("<p>Erster Absatz.</p>"))
            #expect(!german.text.contains("Prvý odsek") && !german.text.contains("class=\"note\""))
            let canonical = try #require(HTMLPage.href(after: "rel=\"canonical\"", in: german.text))
            #expect(canonical.hasPrefix("http") && canonical.hasSuffix("/de/\(path)"))
            let alternates = HTMLPage.alternates(in: german.text)
            #expect(Set(alternates.keys) == ["sk", "cs", "de", "en", "x-default"])
            #expect(alternates["cs"]?.hasSuffix("/cs/\(path)") == true)
            #expect(alternates["x-default"]?.hasSuffix("/en/\(path)") == true)

            let english = try await app.page("/en/\(path)")
            #expect(english.status == .ok)
            #expect(english.text.contains("<h1>Slnečný byt</h1>"))
            #expect(english.text.contains("<p>Prvý odsek.</p><p>Druhý odsek.</p>"))
            #expect(english.text.contains("class=\"description\" lang=\"sk\""), "the own text is marked as Slovak")
            #expect(english.text.contains("This description is in another language."))
            let slovak = try await app.page("/sk/\(path)")
            #expect(slovak.text.contains("<h1>Slnečný byt</h1>") && !slovak.text.contains("class=\"note\""))

            let ld = try Self.jsonLD(german.text)
            #expect(ld["@context"] as? String == "https://schema.org")
            #expect(ld["@type"] as? String == "RealEstateListing")
            #expect(ld["name"] as? String == "Sonnige Wohnung" && ld["inLanguage"] as? String == "de")
            #expect((ld["url"] as? String)?.hasSuffix("/de/\(path)") == true)
            let offers = try #require(ld["offers"] as? [String: Any])
            #expect((offers["price"] as? NSNumber)?.doubleValue == 850 && offers["priceCurrency"] as? String == "EUR")
            #expect((offers["priceSpecification"] as? [String: Any])?["unitCode"] as? String == "MON")
            #expect(try Self.jsonLD(english.text)["inLanguage"] as? String == "sk")
        }
    }

    @Test("a listing that is not published, or does not exist, is a 404 page", arguments: [DatabaseDialect.sqlite])
    func notFound(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let world = try await PortalWorld.make(app)
            let draft = try await world.draft(PortalWorld.input("Koncept"))
            let reserved = try await world.published(PortalWorld.input("Rezervovaný"))
            _ = try await world.listings.reserve(world.fixture.admin, id: reserved.id)
            for id in [draft.id.rawValue, reserved.id.rawValue, UUID().uuidString.lowercased()] {
                let page = try await app.page("/en/listings/\(id)")
                #expect(page.status == .notFound)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.text.contains("This listing is no longer offered.") && !page.text.contains("Koncept"))
            }
            #expect(try await app.page("/en/listings/not-an-id").status == .notFound)
        }
    }

    @Test("a hostile title and description are escaped in the HTML and the JSON-LD", arguments: TestDatabase.dialects)
    func escaping(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let world = try await PortalWorld.make(app)
            let title = #"Byt <script>alert("x")</script> & 'spol.'"#
            let description = "Popis </script><img src=x onerror=alert(2)>\n<b>tučne</b>"
            let listing = try await world.published(PortalWorld.input(title, description: description))
            let page = try await app.page("/sk/listings/\(listing.id.rawValue)")
            #expect(page.status == .ok)
            let html = page.text
            #expect(!html.contains("<script>alert") && !html.contains("<img src=x") && !html.contains("<b>"))
            #expect(html.contains("<h1>Byt &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;spol.&#39;</h1>"))
            #expect(html.contains("<p>Popis &lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</p>"))
            #expect(HTMLPage.count("<script", in: html) == 1 && HTMLPage.count("</script", in: html) == 1,
                    "only the JSON-LD script, closed once")
            let raw = try #require(HTMLPage.jsonLD(in: html))
            #expect(!raw.contains("<") && !raw.contains(">"))
            let ld = try Self.jsonLD(html)
            #expect(ld["name"] as? String == title)
            #expect((ld["description"] as? String)?.hasPrefix("Popis </script><img") == true)

            let search = try await app.page("/sk/")
            #expect(!search.text.contains("<script>alert"))
            #expect(search.text.contains("Byt &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        }
    }

    @Test("photos show on pages and are served only while their listing is published", arguments: TestDatabase.dialects)
    func photos(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let world = try await PortalWorld.make(app)
            let listing = try await world.published(PortalWorld.input("Byt s fotkou"))
            let draft = try await world.draft(PortalWorld.input("Koncept s fotkou"))
            let png = try TestImages.png(width: 3, height: 2)
            let cover = try await world.media.addPhoto(world.fixture.admin, listingID: listing.id, data: png,
                                                       alt: "Obývačka")
            let second = try await world.media.addPhoto(world.fixture.admin, listingID: listing.id,
                                                        data: TestImages.jpeg(width: 640, height: 480), alt: "")
            let hidden = try await world.media.addPhoto(world.fixture.admin, listingID: draft.id,
                                                        data: try TestImages.png(shade: 5), alt: "")

            let page = try await app.page("/sk/listings/\(listing.id.rawValue)")
            let html = page.text
            #expect(html.contains(#"<img src="/photos/\#(cover.id.rawValue)" width="3" height="2" alt="Obývačka" fetchpriority="high""#))
            #expect(html.contains(#"<img src="/photos/\#(second.id.rawValue)" width="640" height="480" alt="Byt s fotkou" loading="lazy""#))
            #expect(html.contains(#"<link rel="preload" as="image" href="/photos/\#(cover.id.rawValue)""#))
            #expect(html.contains("og:image\" content=\"http") && html.contains("/photos/\(cover.id.rawValue)\">"))
            let images = try Self.jsonLD(html)["image"] as? [String]
            #expect(images?.count == 2 && images?.first?.hasSuffix("/photos/\(cover.id.rawValue)") == true)
            let search = try await app.page("/sk/")
            #expect(search.text.contains(#"<img src="/photos/\#(cover.id.rawValue)" width="3" height="2""#))

            let served = try await app.page("/photos/\(cover.id.rawValue)")
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "image/png" && served.headers[.xContentTypeOptions] == "nosniff")
            #expect(served.headers[.cacheControl]?.contains("immutable") == true)
            #expect(Data(served.body.readableBytesView) == png)
            #expect(try await app.page("/photos/\(second.id.rawValue)").headers[.contentType] == "image/jpeg")

            #expect(try await app.page("/photos/\(hidden.id.rawValue)").status == .notFound)
            #expect(try await app.page("/photos/\(UUID().uuidString.lowercased())").status == .notFound)
            #expect(try await app.page("/photos/not-an-id").status == .notFound)
            _ = try await world.listings.reserve(world.fixture.admin, id: listing.id)
            #expect(try await app.page("/photos/\(cover.id.rawValue)").status == .notFound)
        }
    }

    @Test("after an AI description is published, a later edit of the listing shows on the portal",
          arguments: [DatabaseDialect.sqlite])
    func editAfterPublishedDescription(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let listing = try await ListingWorld.make(app, name: "Edited")
            let version = ListingVersionReader(json: try await listing.generate().json ?? [:])
            let published = try await app.request(.post, "\(listing.descriptions)/\(version.id)/publish",
                                                  token: listing.realtorToken, body: ["language": "sk"])
            #expect(published.status == .ok, "\(published.text)")
            let path = "\(listing.org)/listings/\(listing.listingID)"
            var body = try #require(try await app.request(.get, path, token: listing.adminToken).json)
            body["title"] = "Opravený titulok"
            body["description"] = "Opravený popis."
            for key in ["id", "organizationID", "status", "createdAt", "updatedAt", "publishedAt"] { body[key] = nil }
            let edited = try await app.request(.put, path, token: listing.realtorToken, body: body)
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(try await app.request(.post, "\(path)/publish", token: listing.realtorToken).status == .ok)

            let portal = Application(router: APIRouter.portal(try await app.runtime.httpServices()),
                                     logger: TestDatabase.logger)
            try await portal.test(.router) { client in
                let html = try await client.execute(uri: "/sk/listings/\(listing.listingID)", method: .get) {
                    String(buffer: $0.body)
                }
                // Slovak is the organization's language: the published text became the listing's own, so
                // the later edit is what visitors read.
                #expect(html.contains("<h1>Opravený titulok</h1>"), "the edit, not the text published before it")
                #expect(html.contains("<p>Opravený popis.</p>"))
            }
        }
    }

    @Test("a description published in another language is a translation: shown in that language, the listing's own text elsewhere",
          arguments: [DatabaseDialect.sqlite])
    func publishedInAnotherLanguage(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let listing = try await ListingWorld.make(app, name: "German")
            let path = "\(listing.org)/listings/\(listing.listingID)"
            let own = try #require(try await app.request(.get, path, token: listing.adminToken).json?["title"] as? String)
            let version = ListingVersionReader(json: try await listing.generate(["languages": ["de"]]).json ?? [:])
            let german = try #require(version.item("de"))
            let published = try await app.request(.post, "\(listing.descriptions)/\(version.id)/publish",
                                                  token: listing.realtorToken, body: ["language": "de"])
            #expect(published.status == .ok, "\(published.text)")
            #expect(try await app.request(.post, "\(path)/publish", token: listing.realtorToken).status == .ok)

            let portal = Application(router: APIRouter.portal(try await app.runtime.httpServices()),
                                     logger: TestDatabase.logger)
            try await portal.test(.router) { client in
                let slovak = try await client.execute(uri: "/sk/listings/\(listing.listingID)", method: .get) {
                    String(buffer: $0.body)
                }
                #expect(slovak.contains(own.replacingOccurrences(of: "&", with: "&amp;")), "the listing's own text in Slovak")
                #expect(try Self.jsonLD(slovak)["inLanguage"] as? String == "sk")
                let html = try await client.execute(uri: "/de/listings/\(listing.listingID)", method: .get) {
                    String(buffer: $0.body)
                }
                #expect(html.contains(german.title.replacingOccurrences(of: "&", with: "&amp;")), "the German translation")
                #expect(try Self.jsonLD(html)["inLanguage"] as? String == "de")
                let english = try await client.execute(uri: "/en/listings/\(listing.listingID)", method: .get) {
                    String(buffer: $0.body)
                }
                #expect(english.contains("class=\"description\" lang=\"sk\""), "no English text: the Slovak one, marked")
            }
        }
    }

    /// The page's JSON-LD, parsed.
    static func jsonLD(_ html: String) throws -> [String: Any] {
        let text = try #require(HTMLPage.jsonLD(in: html))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
