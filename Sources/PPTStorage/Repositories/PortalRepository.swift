import Foundation
import PPTDomain
import SQLKit

/// The public Reality Portal: search and detail of published listings of every organization, and
/// inquiries about them. There is no acting user; nothing unpublished is ever visible here.
package struct PortalRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// Published listings matching `search`, in its order, with the total number of matches.
    package func search(_ search: ListingSearch) async throws -> ListingSearchResult {
        try search.validate()
        let position = try search.cursor.map { try PortalCursor(token: $0, sort: search.sort) }
        return try await database.read { sql in
            let filters = Self.filters(search)
            let total = try await sql.raw("SELECT COUNT(*) AS n FROM listings WHERE " + filters).first()?.int("n") ?? 0
            var q: SQLQueryString = "SELECT * FROM listings WHERE " + filters
            if let position { q += position.condition(on: sql) }
            q += PortalCursor.order(search.sort, on: sql) + " LIMIT \(bind: search.limit + 1)"
            if search.offset > 0 { q += " OFFSET \(bind: search.offset)" }
            let rows = try await sql.raw(q).all().map(ListingRepository.listing)
            let items = Array(rows.prefix(search.limit))
            let next = rows.count > search.limit
                ? items.last.map { PortalCursor(after: $0, sort: search.sort).token } : nil
            return ListingSearchResult(items: items, total: total, nextCursor: next)
        }
    }

    /// One published listing; anything else is `notFound`.
    package func listing(id: ListingID) async throws -> Listing {
        try await database.read { sql in try await Self.published(sql, id) }
    }

    /// Stores an inquiry for the listing's organization and emits `inquiry_received`.
    package func submitInquiry(listingID: ListingID, _ input: InquiryInput) async throws -> Inquiry {
        try input.validate()
        let now = clock.now()
        let phone = input.phone?.trimmingCharacters(in: .whitespaces)
        return try await database.write { sql in
            let listing = try await Self.published(sql, listingID)
            let inquiry = Inquiry(
                id: .init(), organizationID: listing.organizationID, listingID: listing.id,
                name: input.name.trimmingCharacters(in: .whitespacesAndNewlines),
                email: input.email.trimmingCharacters(in: .whitespaces),
                phone: phone?.isEmpty == false ? phone : nil, message: input.message, createdAt: now)
            try await sql.raw("""
                INSERT INTO inquiries (id, org_id, listing_id, name, email, phone, message, created_at)
                VALUES (\(bind: inquiry.id.rawValue), \(bind: inquiry.organizationID.rawValue),
                        \(bind: listing.id.rawValue), \(bind: inquiry.name), \(bind: inquiry.email),
                        \(bind: inquiry.phone), \(bind: inquiry.message), \(bind: now))
                """).run()
            let event = DomainEvent(
                type: .inquiryReceived, organizationID: inquiry.organizationID, aggregateType: "inquiry",
                aggregateID: inquiry.id.rawValue,
                payload: ["inquiryID": .id(inquiry.id), "listingID": .id(listing.id), "name": .string(inquiry.name),
                          "email": .string(inquiry.email)])
            try await Outbox.append(event, at: now, on: sql)
            return inquiry
        }
    }

    /// One published listing with its photos, its texts in further languages, and the language its
    /// own text is written in (its organization's).
    package func listingWithMedia(id: ListingID) async throws -> PortalListingMedia {
        try await database.read { sql in
            let listing = try await Self.published(sql, id)
            let photos = try await ListingMediaRepository.photos(sql, of: [id])[id] ?? []
            let language = try await ListingMediaRepository.ownLanguage(sql, listing.organizationID)
            return PortalListingMedia(listing: listing, photos: photos, texts: try await ListingMediaRepository.texts(sql, id),
                                      language: language)
        }
    }

    /// The photos of `listings` (published ones of a search result), by listing.
    package func photos(of listings: [ListingID]) async throws -> [ListingID: [ListingPhoto]] {
        try await database.read { sql in try await ListingMediaRepository.photos(sql, of: listings) }
    }

    /// The texts of a published listing in further languages, for search results in the visitor's language.
    package func texts(of listings: [ListingID], language: AppLocale) async throws -> [ListingID: ListingText] {
        guard !listings.isEmpty else { return [:] }
        return try await database.read { sql in
                let rows = try await sql.select().column("*").from("listing_texts")
                .where("listing_id", .in, listings.map(\.rawValue)).where("language", .equal, language.rawValue).all()
            return try Dictionary(uniqueKeysWithValues: rows.map {
                (try $0.id("listing_id") as ListingID, try ListingMediaRepository.text($0))
            })
        }
    }

    /// Every published listing's id and last change, newest first (for the sitemap; at most 50,000, the
    /// sitemap protocol's limit).
    package func publishedIndex() async throws -> [(id: ListingID, updated: Date)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, updated_at FROM listings WHERE status = \(bind: ListingStatus.published.rawValue)
                ORDER BY updated_at DESC LIMIT 50000
                """).all().map { (try $0.id("id"), try $0.date("updated_at")) }
        }
    }

    /// The sha-256 and record of a photo of a published listing; anything else is `notFound`.
    package func photo(id: ListingPhotoID) async throws -> (photo: ListingPhoto, sha256: String) {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT p.* FROM listing_photos p JOIN listings l ON l.id = p.listing_id
                WHERE p.id = \(bind: id.rawValue) AND l.status = \(bind: ListingStatus.published.rawValue)
                """).first() else { throw DomainError.notFound("photo") }
            return (try ListingMediaRepository.photo(row), try row.string("sha256"))
        }
    }

    private static func published(_ sql: any SQLDatabase, _ id: ListingID) async throws -> Listing {
        guard let row = try await sql.raw("""
            SELECT * FROM listings WHERE id = \(bind: id.rawValue)
            AND status = \(bind: ListingStatus.published.rawValue)
            """).first() else { throw DomainError.notFound("listing") }
        return try ListingRepository.listing(row)
    }

    /// The `WHERE` conditions of a search (without the cursor).
    static func filters(_ search: ListingSearch) -> SQLQueryString {
        var q: SQLQueryString = "status = \(bind: ListingStatus.published.rawValue)"
        if let type = search.type { q += " AND type = \(bind: type.rawValue)" }
        if let currency = search.currency { q += " AND currency = \(bind: currency.rawValue)" }
        if let minPrice = search.minPrice { q += " AND price_minor >= \(bind: minPrice)" }
        if let maxPrice = search.maxPrice { q += " AND price_minor <= \(bind: maxPrice)" }
        if let minSize = search.minSize { q += " AND size_sqm >= \(bind: minSize)" }
        if let maxSize = search.maxSize { q += " AND size_sqm <= \(bind: maxSize)" }
        if let minRooms = search.minRooms { q += " AND rooms >= \(bind: minRooms)" }
        if let maxRooms = search.maxRooms { q += " AND rooms <= \(bind: maxRooms)" }
        // The city is the first field of search_text, so an exact city match is a prefix up to the separator.
        let city = SearchText.fold(search.city ?? "").trimmingCharacters(in: .whitespaces)
        if !city.isEmpty {
            q += " AND search_text LIKE \(bind: likeEscaped(city) + String(SearchText.separator) + "%") ESCAPE '\\'"
        }
        for term in search.terms {
            q += " AND search_text LIKE \(bind: "%" + likeEscaped(term) + "%") ESCAPE '\\'"
        }
        return q
    }

    /// `text` with the `LIKE` wildcards and the escape character escaped by a backslash.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

/// A keyset position in portal results: the sort key and id of the last listing of a page, tied to
/// the sort order it was made for.
struct PortalCursor {
    let sort: ListingSort
    /// The sort key: publication time in whole milliseconds since 1970 (as `Paging` compares times),
    /// price in minor units, or square metres.
    let key: Double
    let id: String

    init(after listing: Listing, sort: ListingSort) {
        self.sort = sort
        self.id = listing.id.rawValue
        switch sort {
        case .newest: key = Double(Cursor(time: listing.publishedAt ?? listing.createdAt, id: "").milliseconds)
        case .priceAsc, .priceDesc: key = Double(listing.price.amountMinor)
        case .sizeDesc: key = listing.sizeSqm
        }
    }

    /// Parses a token; `validation.failed` on `/cursor` when it is malformed or made for another order.
    init(token: String, sort: ListingSort) throws(DomainError) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let parts = Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) }?
            .split(separator: "|", omittingEmptySubsequences: false).map(String.init) ?? []
        guard parts.count == 3, parts[0] == sort.rawValue, let key = Double(parts[1]), key.isFinite,
              let id = ListingID(parts[2]),
              // Integer keys (milliseconds, minor units) must convert exactly: `Int64(key)` traps otherwise.
              sort == .sizeDesc || Int64(exactly: key) != nil
        else { throw DomainError.invalid("/cursor", "is not a cursor of this search order") }
        (self.sort, self.key, self.id) = (sort, key, id.rawValue)
    }

    /// The opaque text form (URL-safe base64).
    var token: String {
        Data("\(sort.rawValue)|\(key)|\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// `ORDER BY` for a sort, with the id as tie-breaker in the same direction.
    static func order(_ sort: ListingSort, on sql: any SQLDatabase) -> SQLQueryString {
        switch sort {
        case .newest: " ORDER BY \(Paging.millis(sql, "published_at")) DESC, id DESC"
        case .priceAsc: " ORDER BY price_minor ASC, id ASC"
        case .priceDesc: " ORDER BY price_minor DESC, id DESC"
        case .sizeDesc: " ORDER BY size_sqm DESC, id DESC"
        }
    }

    /// The `AND (...)` condition that starts after this position.
    func condition(on sql: any SQLDatabase) -> SQLQueryString {
        switch sort {
        case .newest: after(Paging.millis(sql, "published_at"), Int64(key), "<")
        case .priceAsc: after("\(ident: "price_minor")", Int64(key), ">")
        case .priceDesc: after("\(ident: "price_minor")", Int64(key), "<")
        case .sizeDesc: after("\(ident: "size_sqm")", key, "<")
        }
    }

    private func after(_ key: SQLQueryString, _ value: some Encodable & Sendable, _ comparison: String)
        -> SQLQueryString
    {
        """
         AND (\(key) \(unsafeRaw: comparison) \(bind: value) OR (\(key) = \(bind: value) \
        AND id \(unsafeRaw: comparison) \(bind: id)))
        """
    }
}

/// A published listing as its portal page shows it.
package struct PortalListingMedia: Sendable {
    package var listing: Listing
    package var photos: [ListingPhoto]
    package var texts: [ListingText]
    /// The language of `listing.title` and `listing.description`.
    package var language: AppLocale
}
