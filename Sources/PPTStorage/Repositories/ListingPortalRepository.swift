import Foundation
import PPTDomain
import SQLKit

/// A portal listing descriptions are written for, with the character limits of its title and
/// description field (counted as Swift `String.count`, i.e. user-perceived characters).
package struct ListingPortal: Codable, Sendable, Hashable {
    /// Stable key, e.g. `reality-portal`, `nehnutelnosti.sk`.
    package var key: String
    /// Display name.
    package var name: String
    /// Longest title the portal accepts.
    package var titleMaxLength: Int
    /// Longest description the portal accepts.
    package var descriptionMaxLength: Int
    /// `preset` (PPT's built-in value) or `organization` (the organization's own portal or override).
    package var source: String
    /// When the organization last set it (`nil` for a preset).
    package var updatedAt: Date?
    /// Who last set it (`nil` for a preset).
    package var updatedBy: UserID?

    /// `source` of a built-in preset.
    package static let presetSource = "preset"
    /// `source` of an organization's own portal or override.
    package static let organizationSource = "organization"

    package init(key: String, name: String, titleMaxLength: Int, descriptionMaxLength: Int,
                 source: String = ListingPortal.presetSource, updatedAt: Date? = nil, updatedBy: UserID? = nil) {
        self.key = key
        self.name = name
        self.titleMaxLength = titleMaxLength
        self.descriptionMaxLength = descriptionMaxLength
        self.source = source
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

/// The organization's own portals and overrides of the presets (table `listing_portals`). Reading
/// needs `listingsRead`, changing `listingsManage`; the presets themselves live in PPTAssistant.
package struct ListingPortalRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// The organization's portals, by key.
    package func portals(_ scope: OrgScope) async throws -> [ListingPortal] {
        try scope.require(.listingsRead)
        return try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM listing_portals WHERE org_id = \(bind: scope.organizationID.rawValue) ORDER BY portal_key
                """).all().map(Self.portal)
        }
    }

    /// Creates or replaces the organization's portal `portal.key` (validated by the caller).
    package func save(_ scope: OrgScope, _ portal: ListingPortal) async throws -> ListingPortal {
        try scope.require(.listingsManage)
        var saved = portal
        (saved.source, saved.updatedAt, saved.updatedBy) = (ListingPortal.organizationSource, clock.now(), scope.userID)
        try await database.write { [saved] sql in
            try await sql.raw("""
                INSERT INTO listing_portals (org_id, portal_key, name, title_max, description_max, updated_by, updated_at)
                VALUES (\(bind: scope.organizationID.rawValue), \(bind: saved.key), \(bind: saved.name),
                        \(bind: saved.titleMaxLength), \(bind: saved.descriptionMaxLength),
                        \(bind: scope.userID.rawValue), \(bind: saved.updatedAt))
                ON CONFLICT (org_id, portal_key) DO UPDATE SET name = excluded.name, title_max = excluded.title_max,
                  description_max = excluded.description_max, updated_by = excluded.updated_by,
                  updated_at = excluded.updated_at
                """).run()
        }
        return saved
    }

    static func portal(_ r: any SQLRow) throws -> ListingPortal {
        ListingPortal(key: try r.string("portal_key"), name: try r.string("name"),
                      titleMaxLength: try r.int("title_max"), descriptionMaxLength: try r.int("description_max"),
                      source: ListingPortal.organizationSource, updatedAt: try r.date("updated_at"),
                      updatedBy: try r.id("updated_by"))
    }
}

// MARK: - Publishing a description to a listing

extension ListingRepository {
    /// Replaces a listing's title and description on `sql`, inside the caller's transaction (publishing a
    /// generated description together with finalizing its generation). Needs `listingsManage`; a closed
    /// listing cannot change (`listing.closed`, as `update`).
    package static func replaceText(_ sql: any SQLDatabase, _ scope: OrgScope, id: ListingID, title: String,
                                    description: String, at now: Date) async throws -> Listing {
        try scope.require(.listingsManage)
        var listing = try await Self.listing(sql, scope, id)
        if listing.status == .closed {
            throw DomainError.listingClosed
        }
        (listing.title, listing.description, listing.updatedAt) = (title, description, now)
        try await sql.raw("""
            UPDATE listings SET title = \(bind: listing.title), description = \(bind: listing.description),
              search_text = \(bind: listing.searchText), updated_at = \(bind: now)
            WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """).run()
        return listing
    }

    /// One listing of the organization on `sql` (for callers composing their own transaction).
    package static func listing(on sql: any SQLDatabase, _ scope: OrgScope, id: ListingID) async throws -> Listing {
        try scope.require(.listingsRead)
        return try await listing(sql, scope, id)
    }
}
