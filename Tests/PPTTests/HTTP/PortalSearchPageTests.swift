import Foundation
import HTTPTypes
import PPTDomain
import PPTStorage
import Testing

/// The Reality Portal's server-rendered search, its language redirect, robots.txt and sitemap.
@Suite("Reality Portal search pages")
struct PortalSearchPageTests {
    @Test("search lists published listings only, in the visitor's language, with canonical and hreflang links",
          arguments: TestDatabase.dialects)
    func search(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let world = try await PortalWorld.make(app)
            let listing = try await world.published(PortalWorld.input("Slnečný byt", city: "Košice"))
            _ = try await world.draft(PortalWorld.input("Tajný koncept"))
            _ = try await world.media.setText(world.fixture.admin, listingID: listing.id, language: .de,
                                              title: "Sonnige Wohnung", description: "Hell.")

            let page = try await app.page("/sk/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.text.contains("<html lang=\"sk\">"))
            #expect(page.text.contains("Slnečný byt") && !page.text.contains("Tajný koncept"))
            #expect(HTMLPage.count("data-test=\"portal-result\"", in: page.text) == 1)
            #expect(page.text.contains("href=\"/sk/listings/\(listing.id.rawValue)\""))
            #expect(page.text.contains("data-test=\"portal-count\">1 "))

            let canonical = try #require(HTMLPage.href(after: "rel=\"canonical\"", in: page.text))
            #expect(canonical.hasPrefix("http") && canonical.hasSuffix("/sk/"))
            let alternates = HTMLPage.alternates(in: page.text)
            #expect(Set(alternates.keys) == ["sk", "cs", "de", "en", "x-default"])
            for language in ["sk", "cs", "de", "en"] {
                #expect(alternates[language]?.hasSuffix("/\(language)/") == true, "\(alternates)")
            }
            #expect(alternates["x-default"]?.hasSuffix("/en/") == true)

            let german = try await app.page("/de")
            #expect(german.status == .ok && german.text.contains("<html lang=\"de\">"))
            #expect(german.text.contains("Sonnige Wohnung") && !german.text.contains("Slnečný byt"))
            let czech = try await app.page("/cs/")
            #expect(czech.text.contains("Slnečný byt"), "no Czech text: the listing's own")
        }
    }

    @Test("filters narrow the results; values that do not parse are a 400 page naming the problem",
          arguments: TestDatabase.dialects)
    func filters(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let world = try await PortalWorld.make(app)
            try await world.published(PortalWorld.input("Byt v Košiciach", city: "Košice", price: 12_000_000, rooms: 2))
            try await world.published(PortalWorld.input("Rodinný dom", city: "Prešov", price: 25_000_000, rooms: 5))
            try await world.published(PortalWorld.input("Garsónka", city: "Košice", type: .rent, price: 55_000,
                                                        rooms: 1))
            func titles(_ query: String) async throws -> [String] {
                let page = try await app.page("/en/\(query)")
                #expect(page.status == .ok, "\(query): \(page.status)")
                return ["Byt v Košiciach", "Rodinný dom", "Garsónka"].filter { page.text.contains($0) }
            }
            #expect(try await titles("").count == 3)
            #expect(try await titles("?type=rent") == ["Garsónka"])
            #expect(try await titles("?city=Ko%C5%A1ice") == ["Byt v Košiciach", "Garsónka"])
            #expect(try await titles("?city=kosice&type=sale") == ["Byt v Košiciach"])
            #expect(try await titles("?currency=EUR&minPrice=200000") == ["Rodinný dom"])
            #expect(try await titles("?currency=EUR&maxPrice=1000") == ["Garsónka"])
            #expect(try await titles("?minRooms=2") == ["Byt v Košiciach", "Rodinný dom"])
            #expect(try await titles("?text=dom") == ["Rodinný dom"])
            #expect(try await titles("?city=Praha").isEmpty)
            let sorted = try await app.page("/en/?sort=price_asc")
            let positions = ["Garsónka", "Byt v Košiciach", "Rodinný dom"].compactMap {
                sorted.text.range(of: $0)?.lowerBound
            }
            #expect(positions.count == 3 && positions == positions.sorted())
            #expect(sorted.text.contains("<option value=\"price_asc\" selected>"))

            for query in ["?minPrice=abc&currency=EUR", "?maxPrice=-5&currency=EUR", "?minRooms=many", "?minRooms=-1"] {
                let invalid = try await app.page("/en/\(query)")
                #expect(invalid.status == .badRequest, "\(query)")
                #expect(invalid.headers[.contentType] == "text/html; charset=utf-8")
                #expect(invalid.text.contains("role=\"alert\">Please correct the marked fields.</p>"), "\(query)")
                #expect(HTMLPage.count("data-test=\"portal-result\"", in: invalid.text) == 0)
            }
            let kept = try await app.page("/en/?minPrice=abc&currency=EUR")
            #expect(kept.text.contains("name=\"minPrice\" min=\"0\" step=\"1\" inputmode=\"numeric\" value=\"abc\""),
                    "the form shows what was typed")
            let noCurrency = try await app.page("/en/?minPrice=100")
            #expect(noCurrency.status == .badRequest)
            #expect(noCurrency.text.contains("Choose a currency for the price filter."))
        }
    }

    @Test("13 results make two pages of 12 with previous and next links and their own canonical URL",
          arguments: TestDatabase.dialects)
    func pagination(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let world = try await PortalWorld.make(app)
            for number in 1...13 {
                try await world.published(PortalWorld.input("Ponuka číslo \(number)", price: Int64(number) * 1_000_000))
            }
            let first = try await app.page("/sk/")
            #expect(HTMLPage.count("data-test=\"portal-result\"", in: first.text) == 12)
            #expect(first.text.contains("data-test=\"portal-count\">13 "))
            #expect(HTMLPage.href(after: "rel=\"next\"", in: first.text) == "/sk/?page=2")
            #expect(!first.text.contains("rel=\"prev\""))

            let second = try await app.page("/sk/?page=2")
            #expect(second.status == .ok)
            #expect(HTMLPage.count("data-test=\"portal-result\"", in: second.text) == 1)
            #expect(HTMLPage.href(after: "rel=\"prev\"", in: second.text) == "/sk/")
            #expect(!second.text.contains("rel=\"next\""))
            #expect(HTMLPage.href(after: "rel=\"canonical\"", in: second.text)?.hasSuffix("/sk/?page=2") == true)
            #expect(HTMLPage.alternates(in: second.text)["de"]?.hasSuffix("/de/?page=2") == true)

            let filtered = try await app.page("/sk/?sort=price_asc&type=sale&page=2")
            #expect(HTMLPage.href(after: "rel=\"prev\"", in: filtered.text) == "/sk/?type=sale&amp;sort=price_asc",
                    "parameters in one fixed order, HTML-escaped")
            #expect(filtered.text.contains("Ponuka číslo 13"))

            let beyond = try await app.page("/sk/?page=99")
            #expect(beyond.status == .ok)
            #expect(HTMLPage.count("data-test=\"portal-result\"", in: beyond.text) == 0)
            let nonsense = try await app.page("/sk/?page=abc")
            #expect(HTMLPage.count("data-test=\"portal-result\"", in: nonsense.text) == 12)
        }
    }

    @Test("/ redirects by Accept-Language; unknown languages are 404", arguments: [DatabaseDialect.sqlite])
    func languages(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let cases: [(String?, String)] = [
                ("cs;q=0.9, de;q=0.8", "/cs/"), (nil, "/sk/"), ("en-GB,en;q=0.9,sk;q=0.8", "/en/"),
                ("fr-FR, de;q=0.5", "/de/"), ("fr", "/sk/"), ("de;q=0, cs;q=0.1", "/cs/"), ("DE-at", "/de/"),
                ("*", "/sk/"),
            ]
            for (header, location) in cases {
                let response = try await app.page("/", acceptLanguage: header)
                #expect(response.status == .found, "\(header ?? "none")")
                #expect(response.headers[.location] == location, "\(header ?? "none")")
                #expect(response.headers[.vary] == "Accept-Language")
            }
            for path in ["/xx", "/fr/", "/xx/listings/\(UUID().uuidString.lowercased())", "/SK/"] {
                #expect(try await app.page(path).status == .notFound, "\(path)")
            }
            let css = try await app.page("/portal.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            let icon = try await app.page("/favicon.svg")
            #expect(icon.status == .ok && icon.headers[.contentType] == "image/svg+xml")
        }
    }

    @Test("robots.txt points at the sitemap; the sitemap lists published listings in all four languages",
          arguments: TestDatabase.dialects)
    func sitemap(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect, portal: true) { app in
            let world = try await PortalWorld.make(app)
            let first = try await world.published(PortalWorld.input("Prvý"))
            let second = try await world.published(PortalWorld.input("Druhý"))
            let draft = try await world.draft(PortalWorld.input("Koncept"))
            let reserved = try await world.published(PortalWorld.input("Rezervovaný"))
            _ = try await world.listings.reserve(world.fixture.admin, id: reserved.id)

            let robots = try await app.page("/robots.txt")
            #expect(robots.status == .ok && robots.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(robots.text.contains("Disallow: /portal/api/"))
            let sitemapLine = try #require(robots.text.split(separator: "\n").first { $0.hasPrefix("Sitemap: http") })
            #expect(sitemapLine.hasSuffix("/sitemap.xml"))

            let sitemap = try await app.page("/sitemap.xml")
            #expect(sitemap.status == .ok && sitemap.headers[.contentType] == "application/xml; charset=utf-8")
            let xml = sitemap.text
            #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
            #expect(HTMLPage.count("<url>", in: xml) == 4 * 3, "the search page and two listings, in 4 languages")
            for listing in [first, second] {
                for language in ["sk", "cs", "de", "en"] {
                    #expect(xml.contains("/\(language)/listings/\(listing.id.rawValue)</loc>"), "\(language)")
                }
            }
            #expect(HTMLPage.count("hreflang=\"de\" href=\"", in: xml) == 12)
            #expect(!xml.contains(draft.id.rawValue) && !xml.contains(reserved.id.rawValue))
            #expect(HTMLPage.count("<lastmod>", in: xml) == 8)
            #expect(xml.hasSuffix("</urlset>\n"))
        }
    }
}
