import Foundation
import PPTDomain
import SQLKit

/// Photos of listings and their texts in further languages. Managers and realtors change them
/// (`listingsManage`); the Reality Portal reads them only for published listings.
package struct ListingMediaRepository: Sendable {
    private let database: any Database
    private let blobs: BlobStore
    private let clock: any WallClock
    private let maxUploadBytes: Int

    package init(database: any Database, blobs: BlobStore, clock: any WallClock = SystemWallClock(),
                 maxUploadBytes: Int = 25 * 1024 * 1024) {
        (self.database, self.blobs, self.clock, self.maxUploadBytes) = (database, blobs, clock, maxUploadBytes)
    }

    static func photo(_ r: any SQLRow) throws -> ListingPhoto {
        ListingPhoto(id: try r.id("id"), listingID: try r.id("listing_id"), position: try r.int("position"),
                     contentType: try r.string("content_type"), byteSize: try r.int("byte_size"),
                     width: try r.int("width"), height: try r.int("height"), alt: try r.string("alt"),
                     createdAt: try r.date("created_at"))
    }

    static func text(_ r: any SQLRow) throws -> ListingText {
        ListingText(language: try r.enumValue("language"), title: try r.string("title"),
                    description: try r.string("description"), updatedAt: try r.date("updated_at"))
    }

    // MARK: Photos

    /// The listing's photos in order.
    package func photos(_ scope: OrgScope, listingID: ListingID) async throws -> [ListingPhoto] {
        try scope.require(.listingsRead)
        return try await database.read { sql in
            _ = try await ListingRepository.listing(sql, scope, listingID)
            return try await Self.photos(sql, of: [listingID])[listingID] ?? []
        }
    }

    /// Adds a JPEG, PNG or WebP photo after the existing ones.
    package func addPhoto(_ scope: OrgScope, listingID: ListingID, data: Data, alt: String) async throws -> ListingPhoto {
        try scope.require(.listingsManage)
        let alt = alt.trimmingCharacters(in: .whitespacesAndNewlines)
        guard data.count <= maxUploadBytes else {
            throw DomainError(code: "listing.photo_too_large", kind: .invalid,
                              message: "The photo is larger than \(maxUploadBytes / 1_048_576) MB.")
        }
        guard let info = ImageInfo.sniff(data) else {
            throw DomainError(code: "listing.photo_unsupported", kind: .invalid,
                              message: "A listing photo must be a JPEG, PNG or WebP image.")
        }
        guard alt.count <= 300 else { throw DomainError.invalid("/alt", "at most 300 characters") }
        let now = clock.now()
        let blobs = blobs
        return try await database.write { sql in
            let listing = try await ListingRepository.listing(sql, scope, listingID)
            guard listing.status != .closed else {
                throw DomainError.listingClosed
            }
            let row = try await sql.raw("""
                SELECT COUNT(*) AS n, MAX(position) AS last FROM listing_photos WHERE listing_id = \(bind: listingID.rawValue)
                """).first()
            let count = try row?.int("n") ?? 0
            guard count < ListingPhoto.maximumPerListing else {
                throw DomainError(code: "listing.too_many_photos", kind: .conflict,
                                  message: "A listing has at most \(ListingPhoto.maximumPerListing) photos.")
            }
            let position = count == 0 ? 0 : (try row?.decode(column: "last", as: Int?.self) ?? -1) + 1
            // The bytes are written only once the upload is known to be wanted, so a refused one leaves nothing.
            let sha = try blobs.put(data)
            let photo = ListingPhoto(id: .init(), listingID: listingID, position: position, contentType: info.contentType,
                                     byteSize: data.count, width: info.width, height: info.height, alt: alt, createdAt: now)
            try await sql.raw("""
                INSERT INTO listing_photos (id, org_id, listing_id, position, content_type, sha256, byte_size, width,
                  height, alt, created_at)
                VALUES (\(bind: photo.id.rawValue), \(bind: scope.organizationID.rawValue), \(bind: listingID.rawValue),
                        \(bind: position), \(bind: info.contentType), \(bind: sha), \(bind: data.count),
                        \(bind: info.width), \(bind: info.height), \(bind: alt), \(bind: now))
                """).run()
            return photo
        }
    }

    /// A photo's bytes, for the management app's preview.
    package func photoContent(_ scope: OrgScope, listingID: ListingID, photoID: ListingPhotoID) async throws
        -> (photo: ListingPhoto, data: Data)
    {
        try scope.require(.listingsRead)
        let (photo, sha) = try await database.read { sql in
            _ = try await ListingRepository.listing(sql, scope, listingID)
            guard let row = try await sql.raw("""
                SELECT * FROM listing_photos WHERE id = \(bind: photoID.rawValue) AND listing_id = \(bind: listingID.rawValue)
                """).first() else { throw DomainError.notFound("photo") }
            return (try Self.photo(row), try row.string("sha256"))
        }
        guard let data = try blobs.get(sha) else { throw DomainError.notFound("photo") }
        return (photo, data)
    }

    /// Removes a photo (its bytes stay while other rows share them; the blob store is content-addressed).
    package func deletePhoto(_ scope: OrgScope, listingID: ListingID, photoID: ListingPhotoID) async throws {
        try scope.require(.listingsManage)
        try await database.write { sql in
            _ = try await ListingRepository.listing(sql, scope, listingID)
            let deleted = try await sql.raw("""
                DELETE FROM listing_photos WHERE id = \(bind: photoID.rawValue) AND listing_id = \(bind: listingID.rawValue)
                RETURNING id
                """).all()
            guard !deleted.isEmpty else { throw DomainError.notFound("photo") }
        }
    }

    /// Photos of several listings at once, by listing, in order.
    static func photos(_ sql: any SQLDatabase, of listings: [ListingID]) async throws -> [ListingID: [ListingPhoto]] {
        guard !listings.isEmpty else { return [:] }
        let rows = try await sql.select().column("*").from("listing_photos")
            .where("listing_id", .in, listings.map(\.rawValue)).orderBy("listing_id").orderBy("position").all()
        return try Dictionary(grouping: rows.map(Self.photo), by: \.listingID)
    }

    // MARK: Texts

    /// The listing's texts in further languages.
    package func texts(_ scope: OrgScope, listingID: ListingID) async throws -> [ListingText] {
        try scope.require(.listingsRead)
        return try await database.read { sql in
            _ = try await ListingRepository.listing(sql, scope, listingID)
            return try await Self.texts(sql, listingID)
        }
    }

    /// Sets the listing's title and description in `language`.
    package func setText(_ scope: OrgScope, listingID: ListingID, language: AppLocale, title: String,
                         description: String) async throws -> ListingText {
        try scope.require(.listingsManage)
        var v = Validator()
        v.text(title, "/title")
        v.text(description, "/description", max: 20_000)
        try v.finish()
        let now = clock.now()
        return try await database.write { sql in
            let listing = try await ListingRepository.listing(sql, scope, listingID)
            guard listing.status != .closed else {
                throw DomainError.listingClosed
            }
            guard try await Self.ownLanguage(sql, scope.organizationID) != language else {
                throw DomainError.invalid("/language", "is the listing's own language: change the listing's title and description instead")
            }
            return try await Self.setText(sql, scope, listingID: listingID, language: language, title: title,
                                          description: description, at: now)
        }
    }

    /// The language a listing's own title and description are written in: its organization's.
    package static func ownLanguage(_ sql: any SQLDatabase, _ organizationID: OrganizationID) async throws -> AppLocale {
        try await sql.raw("""
            SELECT default_locale FROM organizations WHERE id = \(bind: organizationID.rawValue)
            """).first()?.enumValue("default_locale") ?? .sk
    }

    /// Removes the text in `language` on the caller's transaction, if there is one.
    package static func removeText(_ sql: any SQLDatabase, listingID: ListingID, language: AppLocale) async throws {
        try await sql.raw("""
            DELETE FROM listing_texts WHERE listing_id = \(bind: listingID.rawValue) AND language = \(bind: language.rawValue)
            """).run()
    }

    /// Removes the listing's text in `language`.
    package func deleteText(_ scope: OrgScope, listingID: ListingID, language: AppLocale) async throws {
        try scope.require(.listingsManage)
        try await database.write { sql in
            _ = try await ListingRepository.listing(sql, scope, listingID)
            let deleted = try await sql.raw("""
                DELETE FROM listing_texts WHERE listing_id = \(bind: listingID.rawValue)
                  AND language = \(bind: language.rawValue) RETURNING listing_id
                """).all()
            guard !deleted.isEmpty else { throw DomainError.notFound("text") }
        }
    }

    /// Upserts a text on the caller's transaction (listing description publication uses it too); the
    /// caller makes sure `language` is not the listing's own.
    package static func setText(_ sql: any SQLDatabase, _ scope: OrgScope, listingID: ListingID, language: AppLocale,
                                title: String, description: String, at now: Date) async throws -> ListingText {
        try await sql.raw("""
            INSERT INTO listing_texts (listing_id, org_id, language, title, description, updated_at)
            VALUES (\(bind: listingID.rawValue), \(bind: scope.organizationID.rawValue), \(bind: language.rawValue),
                    \(bind: title), \(bind: description), \(bind: now))
            ON CONFLICT (listing_id, language) DO UPDATE SET title = excluded.title,
              description = excluded.description, updated_at = excluded.updated_at
            """).run()
        return ListingText(language: language, title: title, description: description, updatedAt: now)
    }

    static func texts(_ sql: any SQLDatabase, _ listingID: ListingID) async throws -> [ListingText] {
        try await sql.raw("""
            SELECT * FROM listing_texts WHERE listing_id = \(bind: listingID.rawValue) ORDER BY language
            """).all().map(Self.text)
    }
}
