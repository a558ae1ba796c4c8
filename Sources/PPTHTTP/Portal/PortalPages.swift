import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import PPTDomain
import PPTStorage

/// The Reality Portal's pages for people and search engines, rendered on the server (swift-mustache)
/// so they paint without any script: listing search at `/{lang}/`, listing detail with photos and
/// the inquiry form at `/{lang}/listings/{id}`, photos at `/photos/{id}`, plus `robots.txt` and
/// `sitemap.xml`. `/` sends visitors to their language.
package struct PortalPages: Sendable {
    private let portal: PortalRepository
    private let blobs: BlobStore
    private let publicURL: String?
    private let templates: MustacheLibrary
    private let stylesheet: ByteBuffer

    /// The portal's icon: a house on PPT's blue.
    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f5f8b"/>\
        <path d="M7 24V13l9-6 9 6v11h-6v-7h-6v7z" fill="#fff"/></svg>
        """

    /// Results per search page.
    static let pageSize = 12

    /// `publicURL` is the portal's public base URL for canonical links; without it the request's
    /// `Host` is used.
    package init(portal: PortalRepository, blobs: BlobStore, publicURL: String?) throws {
        self.portal = portal
        self.blobs = blobs
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        guard let folder = Bundle.module.url(forResource: "portal", withExtension: nil) else {
            throw PortalTemplateError(detail: "the portal templates are missing from the bundle")
        }
        var library = MustacheLibrary()
        for name in ["head", "foot", "card", "search", "detail", "notfound"] {
            let text = try String(contentsOf: folder.appendingPathComponent("\(name).mustache"), encoding: .utf8)
            try library.register(text, named: name)
        }
        templates = library
        stylesheet = ByteBuffer(bytes: try Data(contentsOf: folder.appendingPathComponent("portal.css")))
    }

    /// Registers the pages on the portal router.
    package func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: root)
        router.get("portal.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: stylesheet))
        }
        router.get("favicon.svg") { _, _ in
            Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
                     body: .init(byteBuffer: ByteBuffer(string: Self.icon)))
        }
        router.get("robots.txt", use: robots)
        router.get("sitemap.xml", use: sitemap)
        router.get("photos/:photoID", use: photo)
        router.get(":lang", use: search)
        router.get(":lang/listings/:listingID", use: detail)
        router.post(":lang/listings/:listingID/inquiry", use: inquire)
    }

    // MARK: Routes

    @Sendable func root(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Self.preferredLanguage(request.headers[.acceptLanguage])
        return Response(status: .found, headers: [.location: "/\(language.rawValue)/", .vary: "Accept-Language"])
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = try Self.language(context)
        let query = PortalQuery(request.uri.queryParameters)
        let words = PortalText.words(language)
        var view = base(request, language: language, words: words, path: "/",
                        query: query.canonicalQuery(page: query.page))
        view["pageTitle"] = query.page > 1 ? "\(words["searchTitle"]!) – \(words["page"]!) \(query.page) · \(words["site"]!)"
            : "\(words["searchTitle"]!) · \(words["site"]!)"
        view["metaDescription"] = words["searchDescription"]
        view["filters"] = query.filterView(words)
        var status = HTTPResponse.Status.ok
        var results: [[String: Any]] = []
        var total = 0
        if let problem = query.problem(words) {
            view["problem"] = problem
            status = .badRequest
        } else {
            do {
                let found = try await portal.search(query.search(pageSize: Self.pageSize))
                total = found.total
                let ids = found.items.map(\.id)
                async let photos = portal.photos(of: ids)
                async let texts = portal.texts(of: ids, language: language)
                let (photosByListing, textsByListing) = try await (photos, texts)
                let format = PortalFormat(language: language)
                results = found.items.enumerated().map { index, listing in
                    card(listing, text: textsByListing[listing.id], cover: photosByListing[listing.id]?.first,
                         eager: index < 2, language: language, format: format, words: words)
                }
                if let first = results.first, let cover = first["cover"] as? [String: Any] {
                    view["preloadImage"] = cover["src"]
                }
            } catch let error as DomainError where error.kind == .invalid {
                view["problem"] = words["formErrors"]
                status = .badRequest
            }
        }
        view["results"] = results
        view["hasResults"] = !results.isEmpty
        view["total"] = total
        let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        if pages > 1 {
            var pagination: [String: Any] = ["page": query.page, "pages": pages]
            if query.page > 1 { pagination["previous"] = "/\(language.rawValue)/" + query.canonicalQuery(page: query.page - 1) }
            if query.page < pages { pagination["next"] = "/\(language.rawValue)/" + query.canonicalQuery(page: query.page + 1) }
            view["pagination"] = pagination
        }
        return try html(render("search", view), status: status)
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = try Self.language(context)
        let sent = request.uri.queryParameters.get("sent") == "1"
        return try await detailPage(request, context, language: language, form: [:], errors: [:], sent: sent)
    }

    @Sendable func inquire(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = try Self.language(context)
        let listingID: ListingID = try context.id("listingID", resource: "listing")
        let fields = try await Self.formFields(request, limit: 64 * 1024)
        // A filled honeypot is a bot: answer as if sent, store nothing.
        if !(fields["website"] ?? "").isEmpty {
            return Response(status: .seeOther, headers: [.location: "/\(language.rawValue)/listings/\(listingID.rawValue)?sent=1#inquiry"])
        }
        let phone = fields["phone"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let input = InquiryInput(name: fields["name"] ?? "", email: fields["email"] ?? "", phone: phone,
                                 message: fields["message"] ?? "")
        do {
            _ = try await portal.submitInquiry(listingID: listingID, input)
        } catch let error as DomainError where error.kind == .invalid {
            let words = PortalText.words(language)
            var errors: [String: String] = [:]
            for field in error.fields {
                let name = String(field.pointer.dropFirst())
                errors[name] = switch name {
                case "email": words["invalidEmail"]
                // A filled-in phone that is not a number is not a missing one.
                case "phone": words["invalidPhone"]
                default: field.detail.contains("at most") ? words["tooLong"] : words["required"]
                }
            }
            return try await detailPage(request, context, language: language, form: fields, errors: errors, sent: false,
                                        status: .unprocessableContent)
        } catch let error as DomainError where error.kind == .notFound {
            // No longer offered: the visitor gets the portal's own "not found" page, not an API problem.
            return try await detailPage(request, context, language: language, form: [:], errors: [:], sent: false)
        }
        return Response(status: .seeOther, headers: [.location: "/\(language.rawValue)/listings/\(listingID.rawValue)?sent=1#inquiry"])
    }

    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id: ListingPhotoID = try context.id("photoID", resource: "photo")
        let (photo, sha) = try await portal.photo(id: id)
        guard let data = try blobs.get(sha) else { throw APIError(DomainError.notFound("photo")) }
        // A photo id never changes its bytes (a new photo is a new id), so browsers keep it for a year.
        return ListingMediaController.image(photo, data, cacheControl: "public, max-age=31536000, immutable")
    }

    @Sendable func robots(_ request: Request, context: AppRequestContext) async throws -> Response {
        let text = "User-agent: *\nAllow: /\nDisallow: /portal/api/\nSitemap: \(baseURL(request))/sitemap.xml\n"
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func sitemap(_ request: Request, context: AppRequestContext) async throws -> Response {
        let xml = PortalSEO.sitemap(base: baseURL(request), listings: try await portal.publishedIndex())
        return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8", .cacheControl: "public, max-age=600"],
                        body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    // MARK: Pages

    private func detailPage(_ request: Request, _ context: AppRequestContext, language: AppLocale, form: [String: String],
                            errors: [String: String], sent: Bool, status: HTTPResponse.Status = .ok) async throws -> Response {
        let words = PortalText.words(language)
        let listingID: ListingID = try context.id("listingID", resource: "listing")
        let path = "/listings/\(listingID.rawValue)"
        var view = base(request, language: language, words: words, path: path, query: "")
        let media: PortalListingMedia
        do {
            media = try await portal.listingWithMedia(id: listingID)
        } catch let error as DomainError where error.kind == .notFound {
            view["pageTitle"] = "\(words["notFound"]!) · \(words["site"]!)"
            view["metaDescription"] = words["notFound"]
            return try html(render("notfound", view), status: .notFound)
        }
        let listing = media.listing
        let translated = media.texts.first { $0.language == language }
        let title = translated?.title ?? listing.title
        let description = translated?.description ?? listing.description
        let textLanguage = translated?.language ?? media.language
        let format = PortalFormat(language: language)
        let base = baseURL(request)
        let photos = media.photos.enumerated().map { index, photo -> [String: Any] in
            ["src": "/photos/\(photo.id.rawValue)", "width": photo.width, "height": photo.height,
             "alt": photo.alt.isEmpty ? title : photo.alt, "first": index == 0]
        }
        view["pageTitle"] = "\(title) – \(format.price(listing, words: words)) · \(words["site"]!)"
        view["metaDescription"] = Self.summary(description, limit: 160)
        view["listing"] = [
            "id": listing.id.rawValue, "title": title, "price": format.price(listing, words: words),
            "typeLabel": words[listing.type.rawValue] ?? listing.type.rawValue, "size": format.area(listing.sizeSqm),
            "rooms": listing.rooms, "address": "\(listing.street), \(listing.postalCode) \(listing.city)",
            "published": listing.publishedAt.map(format.date) as Any,
            "publishedISO": listing.publishedAt.map { ISO8601DateFormatter().string(from: $0) } as Any,
        ] as [String: Any]
        view["photos"] = photos
        view["hasPhotos"] = !photos.isEmpty
        if let cover = media.photos.first {
            view["preloadImage"] = "/photos/\(cover.id.rawValue)"
            view["ogImage"] = "\(base)/photos/\(cover.id.rawValue)"
        }
        view["paragraphs"] = description.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        view["otherLanguage"] = textLanguage == language ? nil : textLanguage.rawValue
        view["features"] = listing.features
        view["hasFeatures"] = !listing.features.isEmpty
        view["form"] = form
        view["errors"] = errors
        view["formProblem"] = !errors.isEmpty
        view["sent"] = sent
        view["jsonLD"] = PortalSEO.jsonLD(listing, title: title, description: description,
                                          url: "\(base)/\(language.rawValue)\(path)",
                                          photoURLs: media.photos.map { "\(base)/photos/\($0.id.rawValue)" },
                                          language: textLanguage)
        return try html(render("detail", view), status: status)
    }

    private func card(_ listing: Listing, text: ListingText?, cover: ListingPhoto?, eager: Bool, language: AppLocale,
                      format: PortalFormat, words: [String: String]) -> [String: Any] {
        let title = text?.title ?? listing.title
        var card: [String: Any] = [
            "href": "/\(language.rawValue)/listings/\(listing.id.rawValue)", "title": title,
            "price": format.price(listing, words: words), "typeLabel": words[listing.type.rawValue] ?? listing.type.rawValue,
            "size": format.area(listing.sizeSqm), "rooms": listing.rooms, "city": listing.city,
        ]
        if let cover {
            card["cover"] = ["src": "/photos/\(cover.id.rawValue)", "width": cover.width, "height": cover.height,
                             "alt": cover.alt.isEmpty ? title : cover.alt, "eager": eager] as [String: Any]
        }
        return card
    }

    /// What every page has: language, words, canonical and alternate links, the language switcher.
    private func base(_ request: Request, language: AppLocale, words: [String: String], path: String, query: String)
        -> [String: Any]
    {
        let base = baseURL(request)
        var alternates: [[String: Any]] = AppLocale.allCases.map {
            ["hreflang": $0.rawValue, "href": "\(base)/\($0.rawValue)\(path)\(query)"]
        }
        alternates.append(["hreflang": "x-default", "href": "\(base)/en\(path)\(query)"])
        return [
            "lang": language.rawValue, "t": words,
            "canonical": "\(base)/\(language.rawValue)\(path)\(query)", "alternates": alternates,
            "languages": AppLocale.allCases.map {
                ["code": $0.rawValue, "name": PortalText.languageNames[$0] ?? $0.rawValue,
                 "href": "/\($0.rawValue)\(path)\(query)", "current": $0 == language] as [String: Any]
            },
        ]
    }

    private func render(_ template: String, _ view: [String: Any]) throws -> String {
        guard let text = templates.render(view, withTemplate: template) else {
            throw PortalTemplateError(detail: "no template \(template)")
        }
        return text
    }

    private func html(_ text: String, status: HTTPResponse.Status) throws -> Response {
        Response(status: status, headers: [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-cache",
            .contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
        ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func baseURL(_ request: Request) -> String {
        if let publicURL { return publicURL }
        return "http://" + (request.head.authority ?? "localhost")
    }

    // MARK: Parsing

    static func language(_ context: AppRequestContext) throws -> AppLocale {
        guard let language = context.parameters.get("lang").flatMap(AppLocale.init(rawValue:)) else {
            throw APIError(status: .notFound, code: "route.not_found", detail: "No such page.")
        }
        return language
    }

    /// The first supported language of an `Accept-Language` header by weight; Slovak otherwise.
    static func preferredLanguage(_ header: String?) -> AppLocale {
        let ranked = (header ?? "").split(separator: ",").compactMap { part -> (AppLocale, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased().prefix(2), let locale = AppLocale(rawValue: String(tag)) else { return nil }
            let weight = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (locale, weight)
        }
        return ranked.filter { $0.1 > 0 }.max { $0.1 < $1.1 }?.0 ?? .sk
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    static func formFields(_ request: Request, limit: Int) async throws -> [String: String] {
        let body = try await request.body.collect(upTo: limit)
        var fields: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if let name = parts.first, !name.isEmpty { fields[name] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }

    /// The first `limit` characters of `text`, cut at a word.
    static func summary(_ text: String, limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > limit else { return flat }
        let cut = flat.prefix(limit - 1)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }
}

/// The portal templates could not be loaded or rendered (a packaging fault, not a visitor's).
struct PortalTemplateError: Error, CustomStringConvertible {
    let detail: String
    var description: String { "Reality Portal templates: \(detail)" }
}
