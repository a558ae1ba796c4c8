import Foundation
import PPTDomain
import SQLKit

/// Listings as the organization manages them (draft → published ⇄ reserved → closed), and the
/// inquiries the public sends about them. The public side is `PortalRepository`.
package struct ListingRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func listing(_ r: any SQLRow) throws -> Listing {
        Listing(
            id: try r.id("id"), organizationID: try r.id("org_id"), unitID: try r.optionalID("unit_id"),
            type: try r.enumValue("type"), status: try r.enumValue("status"), title: try r.string("title"),
            description: try r.string("description"),
            price: Money(amountMinor: try r.int64("price_minor"), currency: try r.enumValue("currency")),
            sizeSqm: try r.double("size_sqm"), rooms: try r.int("rooms"), street: try r.string("street"),
            city: try r.string("city"), postalCode: try r.string("postal_code"), country: try r.string("country"),
            features: try r.json("features"), publishedAt: try r.optionalDate("published_at"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }

    static func inquiry(_ r: any SQLRow) throws -> Inquiry {
        Inquiry(id: try r.id("id"), organizationID: try r.id("org_id"), listingID: try r.id("listing_id"),
                name: try r.string("name"), email: try r.string("email"), phone: try r.optionalString("phone"),
                message: try r.string("message"), createdAt: try r.date("created_at"))
    }

    // MARK: Reads

    /// The organization's listings, newest first, optionally of one status.
    package func listings(_ scope: OrgScope, status: ListingStatus? = nil, page: PageRequest) async throws
        -> Page<Listing>
    {
        try scope.require(.listingsRead)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM listings WHERE org_id = \(bind: scope.organizationID.rawValue)"
            if let status { q += " AND status = \(bind: status.rawValue)" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.listing), page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// One listing of the organization, in any status.
    package func listing(_ scope: OrgScope, id: ListingID) async throws -> Listing {
        try scope.require(.listingsRead)
        return try await database.read { sql in try await Self.listing(sql, scope, id) }
    }

    static func listing(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: ListingID) async throws -> Listing {
        guard let row = try await sql.raw("""
            SELECT * FROM listings WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """).first() else { throw DomainError.notFound("listing") }
        return try listing(row)
    }

    /// Inquiries received by the organization, newest first, optionally about one listing.
    package func inquiries(_ scope: OrgScope, listingID: ListingID? = nil, page: PageRequest) async throws
        -> Page<Inquiry>
    {
        try scope.require(.inquiriesRead)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM inquiries WHERE org_id = \(bind: scope.organizationID.rawValue)"
            if let listingID {
                _ = try await Self.listing(sql, scope, listingID)
                q += " AND listing_id = \(bind: listingID.rawValue)"
            }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.inquiry), page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    // MARK: Writes

    /// Creates a draft listing.
    package func create(_ scope: OrgScope, _ input: ListingInput) async throws -> Listing {
        try scope.require(.listingsManage)
        try input.validate()
        let now = clock.now()
        let listing = Listing(
            id: .init(), organizationID: scope.organizationID, unitID: input.unitID, type: input.type, status: .draft,
            title: input.title, description: input.description, price: input.price, sizeSqm: input.sizeSqm,
            rooms: input.rooms, street: input.street, city: input.city, postalCode: input.postalCode,
            country: input.country.uppercased(), features: input.normalizedFeatures, createdAt: now, updatedAt: now)
        try await database.write { sql in
            try await Self.checkUnit(sql, scope, input.unitID)
            try await sql.raw("""
                INSERT INTO listings (id, org_id, unit_id, type, status, title, description, price_minor, currency,
                                      size_sqm, rooms, street, city, postal_code, country, features, search_text,
                                      published_at, created_at, updated_at)
                VALUES (\(bind: listing.id.rawValue), \(bind: listing.organizationID.rawValue),
                        \(bind: listing.unitID?.rawValue), \(bind: listing.type.rawValue),
                        \(bind: listing.status.rawValue), \(bind: listing.title), \(bind: listing.description),
                        \(bind: listing.price.amountMinor), \(bind: listing.price.currency.rawValue),
                        \(bind: listing.sizeSqm), \(bind: listing.rooms), \(bind: listing.street),
                        \(bind: listing.city),
                        \(bind: listing.postalCode), \(bind: listing.country), \(bind: jsonText(listing.features)),
                        \(bind: listing.searchText), NULL, \(bind: now), \(bind: now))
                """).run()
        }
        return listing
    }

    /// Replaces a listing's fields; a closed listing cannot change.
    package func update(_ scope: OrgScope, id: ListingID, _ input: ListingInput) async throws -> Listing {
        try scope.require(.listingsManage)
        try input.validate()
        let now = clock.now()
        return try await database.write { sql in
            var l = try await Self.listing(sql, scope, id)
            if l.status == .closed {
                throw DomainError.listingClosed
            }
            try await Self.checkUnit(sql, scope, input.unitID)
            (l.unitID, l.type, l.title, l.description, l.price) =
                (input.unitID, input.type, input.title, input.description, input.price)
            (l.sizeSqm, l.rooms, l.street, l.city, l.postalCode) =
                (input.sizeSqm, input.rooms, input.street, input.city, input.postalCode)
            (l.country, l.features, l.updatedAt) = (input.country.uppercased(), input.normalizedFeatures, now)
            try await sql.raw("""
                UPDATE listings SET unit_id = \(bind: l.unitID?.rawValue), type = \(bind: l.type.rawValue),
                  title = \(bind: l.title), description = \(bind: l.description),
                  price_minor = \(bind: l.price.amountMinor), currency = \(bind: l.price.currency.rawValue),
                  size_sqm = \(bind: l.sizeSqm), rooms = \(bind: l.rooms), street = \(bind: l.street),
                  city = \(bind: l.city), postal_code = \(bind: l.postalCode), country = \(bind: l.country),
                  features = \(bind: jsonText(l.features)), search_text = \(bind: l.searchText),
                  updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            return l
        }
    }

    /// Puts a draft or reserved listing on the portal; the first publication sets `publishedAt`.
    package func publish(_ scope: OrgScope, id: ListingID) async throws -> Listing {
        try await transition(scope, id, to: .published, from: [.draft, .reserved])
    }

    /// Marks a published listing as reserved (it leaves the portal).
    package func reserve(_ scope: OrgScope, id: ListingID) async throws -> Listing {
        try await transition(scope, id, to: .reserved, from: [.published])
    }

    /// Closes a listing for good.
    package func close(_ scope: OrgScope, id: ListingID) async throws -> Listing {
        try await transition(scope, id, to: .closed, from: [.draft, .published, .reserved])
    }

    private func transition(
        _ scope: OrgScope, _ id: ListingID, to target: ListingStatus, from allowed: Set<ListingStatus>
    ) async throws -> Listing {
        try scope.require(.listingsManage)
        let now = clock.now()
        return try await database.write { sql in
            var listing = try await Self.listing(sql, scope, id)
            guard allowed.contains(listing.status) else {
                throw DomainError.invalidTransition("listing", from: listing.status.rawValue, to: target.rawValue)
            }
            listing.status = target
            listing.updatedAt = now
            if target == .published, listing.publishedAt == nil { listing.publishedAt = now }
            try await sql.raw("""
                UPDATE listings SET status = \(bind: target.rawValue), published_at = \(bind: listing.publishedAt),
                  updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
            return listing
        }
    }

    private static func checkUnit(_ sql: any SQLDatabase, _ scope: OrgScope, _ unitID: UnitID?) async throws {
        guard let unitID else { return }
        let row = try await sql.raw("""
            SELECT id FROM units WHERE id = \(bind: unitID.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """).first()
        if row == nil { throw DomainError.invalid("/unitID", "no such unit in this organization") }
    }
}
