import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTStorage
import Testing

/// An organization with listings for the Reality Portal's pages, built straight in the database of
/// a portal `TestApp` (the portal has no sign-in, so there is nobody to build it through the API).
struct PortalWorld: Sendable {
    let app: TestApp
    let fixture: Fixture

    var database: any Database { app.runtime.database }
    var listings: ListingRepository { ListingRepository(database: database) }
    var media: ListingMediaRepository { ListingMediaRepository(database: database, blobs: app.runtime.blobs) }

    static func make(_ app: TestApp, name: String = "P") async throws -> PortalWorld {
        PortalWorld(app: app, fixture: try await Fixture.make(app.runtime.database, name: name))
    }

    static func input(_ title: String, description: String = "Pekný byt.", city: String = "Bratislava",
                      type: ListingType = .sale, price: Int64 = 15_000_000, rooms: Int = 2) -> ListingInput {
        ListingInput(type: type, title: title, description: description,
                     price: Money(amountMinor: price, currency: .EUR), sizeSqm: 60, rooms: rooms,
                     street: "Hlavná 5", city: city, postalCode: "04001", country: "SK", features: ["balkón"])
    }

    /// Creates a listing and publishes it.
    @discardableResult
    func published(_ input: ListingInput) async throws -> Listing {
        let listing = try await listings.create(fixture.admin, input)
        return try await listings.publish(fixture.admin, id: listing.id)
    }

    /// Creates a listing and leaves it a draft.
    func draft(_ input: ListingInput) async throws -> Listing {
        try await listings.create(fixture.admin, input)
    }

    /// Inquiries the organization received.
    func inquiries() async throws -> [Inquiry] {
        try await listings.inquiries(fixture.admin, page: PageRequest()).items
    }

    /// `inquiry_received` events of the organization's outbox.
    func inquiryEvents() async throws -> Int {
        try await OutboxStore(database: database).events(organizationID: fixture.organization.id)
            .filter { $0.event.type == .inquiryReceived }.count
    }
}

extension TestApp {
    /// GETs a portal page, optionally with an `Accept-Language`.
    func page(_ path: String, acceptLanguage: String? = nil, headers extra: HTTPFields = [:]) async throws -> Result {
        var headers = extra
        if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
        return try await request(.get, path, headers: headers)
    }

    /// POSTs an `application/x-www-form-urlencoded` form.
    func form(_ path: String, _ fields: [(String, String)]) async throws -> Result {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
        return try await raw(.post, path, body: ByteBuffer(string: body),
                             headers: [.contentType: "application/x-www-form-urlencoded"])
    }
}

/// Reading rendered pages.
enum HTMLPage {
    /// How often `needle` occurs in `html`.
    static func count(_ needle: String, in html: String) -> Int {
        html.components(separatedBy: needle).count - 1
    }

    /// The `href` of the first `<link>` or `<a>` with `marker` (e.g. `rel="canonical"`) before it.
    static func href(after marker: String, in html: String) -> String? {
        guard let start = html.range(of: marker),
              let open = html.range(of: "href=\"", range: start.upperBound..<html.endIndex),
              let close = html.range(of: "\"", range: open.upperBound..<html.endIndex)
        else { return nil }
        return String(html[open.upperBound..<close.lowerBound])
    }

    /// The `hreflang` → `href` pairs of the page's alternate links.
    static func alternates(in html: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in html.components(separatedBy: "\n") where line.hasPrefix("<link rel=\"alternate\"") {
            let parts = line.components(separatedBy: "\"")
            // <link rel="alternate" hreflang="sk" href="…">
            if parts.count >= 6 { result[parts[3]] = parts[5] }
        }
        return result
    }

    /// The text of the JSON-LD script.
    static func jsonLD(in html: String) -> String? {
        let open = "<script type=\"application/ld+json\">"
        guard let start = html.range(of: open),
              let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }
}
