import Foundation
import PPTDomain
import PPTStorage
import Testing

@Suite("Listing media repository contract")
struct ListingMediaRepositoryTests {
    /// A database with org A (a realtor and a draft listing) and org B, and a blob store in a
    /// temporary folder.
    struct Setup: Sendable {
        let database: any Database
        let a: Fixture
        let b: Fixture
        let realtor: OrgScope
        let listing: Listing
        let blobs: BlobStore
        var media: ListingMediaRepository { ListingMediaRepository(database: database, blobs: blobs) }
        var listings: ListingRepository { ListingRepository(database: database) }
    }

    static func with(_ dialect: DatabaseDialect, _ body: @escaping @Sendable (Setup) async throws -> Void)
        async throws
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-media-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let realtor = try await ListingRepositoryTests.realtor(database, a)
            let listing = try await ListingRepository(database: database).create(
                realtor, ListingRepositoryTests.input("Byt s fotkami"))
            try await body(Setup(database: database, a: a, b: b, realtor: realtor, listing: listing,
                                 blobs: BlobStore(directory: folder.path)))
        }
    }

    @Test("photos take the next position, are read back in order with their bytes, and delete",
          arguments: TestDatabase.dialects)
    func photos(dialect: DatabaseDialect) async throws {
        try await Self.with(dialect) { s in
            let id = s.listing.id
            let first = try await s.media.addPhoto(s.realtor, listingID: id, data: try TestImages.png(width: 6, height: 4),
                                                   alt: "  Obývačka  ")
            #expect(first.position == 0 && first.contentType == "image/png" && first.width == 6 && first.height == 4)
            #expect(first.alt == "Obývačka")
            let second = try await s.media.addPhoto(s.a.admin, listingID: id,
                                                    data: TestImages.jpeg(width: 640, height: 480), alt: "")
            let third = try await s.media.addPhoto(s.realtor, listingID: id,
                                                   data: TestImages.webpVP8L(width: 300, height: 200), alt: "Kuchyňa")
            #expect([second.position, third.position] == [Int](1...2))
            #expect([second.contentType, third.contentType] == ["image/jpeg", "image/webp"])
            #expect(third.byteSize == TestImages.webpVP8L(width: 300, height: 200).count)
            #expect(try await s.media.photos(s.realtor, listingID: id).map(\.id) == [first.id, second.id, third.id])

            let content = try await s.media.photoContent(s.realtor, listingID: id, photoID: first.id)
            #expect(content.data == (try TestImages.png(width: 6, height: 4)) && content.photo.id == first.id)

            try await s.media.deletePhoto(s.realtor, listingID: id, photoID: second.id)
            await #expect(throws: DomainError.notFound("photo")) {
                try await s.media.deletePhoto(s.realtor, listingID: id, photoID: second.id)
            }
            await #expect(throws: DomainError.notFound("photo")) {
                try await s.media.photoContent(s.realtor, listingID: id, photoID: second.id)
            }
            let fourth = try await s.media.addPhoto(s.realtor, listingID: id, data: try TestImages.png(shade: 9), alt: "")
            #expect(fourth.position == 3, "after the last one, gaps left as they are")
            #expect(try await s.media.photos(s.realtor, listingID: id).map(\.position) == [0, 2, 3])

            // A photo of another listing of the same organization is not this listing's.
            let other = try await s.listings.create(s.realtor, ListingRepositoryTests.input("Iný byt"))
            #expect(try await s.media.photos(s.realtor, listingID: other.id).isEmpty)
            await #expect(throws: DomainError.notFound("photo")) {
                try await s.media.photoContent(s.realtor, listingID: other.id, photoID: first.id)
            }
            await #expect(throws: DomainError.notFound("photo")) {
                try await s.media.deletePhoto(s.realtor, listingID: other.id, photoID: first.id)
            }
        }
    }

    @Test("a listing carries at most 20 photos", arguments: TestDatabase.dialects)
    func limit(dialect: DatabaseDialect) async throws {
        try await Self.with(dialect) { s in
            for shade in 0..<ListingPhoto.maximumPerListing {
                _ = try await s.media.addPhoto(s.realtor, listingID: s.listing.id,
                                               data: try TestImages.png(shade: UInt8(shade)), alt: "")
            }
            await expectError("listing.too_many_photos") {
                try await s.media.addPhoto(s.realtor, listingID: s.listing.id, data: try TestImages.png(), alt: "")
            }
            let photos = try await s.media.photos(s.realtor, listingID: s.listing.id)
            #expect(photos.map(\.position) == Array(0..<20))
            try await s.media.deletePhoto(s.realtor, listingID: s.listing.id, photoID: photos[5].id)
            #expect(try await s.media.addPhoto(s.realtor, listingID: s.listing.id, data: try TestImages.png(),
                                               alt: "").position == 20)
        }
    }

    @Test("unsupported, oversized or badly described uploads and closed listings are refused",
          arguments: TestDatabase.dialects)
    func refusals(dialect: DatabaseDialect) async throws {
        try await Self.with(dialect) { s in
            let id = s.listing.id
            await expectError("listing.photo_unsupported") {
                try await s.media.addPhoto(s.realtor, listingID: id, data: Data("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8),
                                           alt: "")
            }
            await expectError("listing.photo_unsupported") {
                try await s.media.addPhoto(s.realtor, listingID: id, data: Data("<html></html>".utf8), alt: "")
            }
            let small = ListingMediaRepository(database: s.database, blobs: s.blobs, maxUploadBytes: 64)
            await expectError("listing.photo_too_large") {
                try await small.addPhoto(s.realtor, listingID: id, data: try TestImages.png(width: 40, height: 40), alt: "")
            }
            await expectError("validation.failed", fields: ["/alt"]) {
                try await s.media.addPhoto(s.realtor, listingID: id, data: try TestImages.png(),
                                           alt: String(repeating: "a", count: 301))
            }
            #expect(try await s.media.photos(s.realtor, listingID: id).isEmpty)
            _ = try await s.listings.close(s.realtor, id: id)
            await expectError("listing.closed") {
                try await s.media.addPhoto(s.realtor, listingID: id, data: try TestImages.png(), alt: "")
            }
            await #expect(throws: DomainError.notFound("listing")) {
                try await s.media.addPhoto(s.realtor, listingID: ListingID(), data: try TestImages.png(), alt: "")
            }
        }
    }

    @Test("another organization's listing is not found for every photo and text operation",
          arguments: TestDatabase.dialects)
    func tenancy(dialect: DatabaseDialect) async throws {
        try await Self.with(dialect) { s in
            let id = s.listing.id
            let photo = try await s.media.addPhoto(s.realtor, listingID: id, data: try TestImages.png(), alt: "")
            _ = try await s.media.setText(s.realtor, listingID: id, language: .de, title: "Wohnung", description: "Schön")
            let other = s.b.admin
            let missing = DomainError.notFound("listing")
            await #expect(throws: missing) { try await s.media.photos(other, listingID: id) }
            await #expect(throws: missing) {
                try await s.media.addPhoto(other, listingID: id, data: try TestImages.png(shade: 1), alt: "")
            }
            await #expect(throws: missing) { try await s.media.photoContent(other, listingID: id, photoID: photo.id) }
            await #expect(throws: missing) { try await s.media.deletePhoto(other, listingID: id, photoID: photo.id) }
            await #expect(throws: missing) { try await s.media.texts(other, listingID: id) }
            await #expect(throws: missing) {
                try await s.media.setText(other, listingID: id, language: .de, title: "Gehackt", description: "x")
            }
            await #expect(throws: missing) { try await s.media.deleteText(other, listingID: id, language: .de) }
            // B's own listing with A's photo id: still nothing.
            let theirs = try await s.listings.create(other, ListingRepositoryTests.input("Byt B"))
            await #expect(throws: DomainError.notFound("photo")) {
                try await s.media.photoContent(other, listingID: theirs.id, photoID: photo.id)
            }
            await #expect(throws: DomainError.notFound("photo")) {
                try await s.media.deletePhoto(other, listingID: theirs.id, photoID: photo.id)
            }
            #expect(try await s.media.photos(s.realtor, listingID: id).map(\.id) == [photo.id])
            #expect(try await s.media.texts(s.realtor, listingID: id).map(\.title) == ["Wohnung"])
        }
    }

    @Test("texts are set per language, replaced, listed by language and deleted", arguments: TestDatabase.dialects)
    func texts(dialect: DatabaseDialect) async throws {
        try await Self.with(dialect) { s in
            let id = s.listing.id
            let clock = ManualClock()
            let media = ListingMediaRepository(database: s.database, blobs: s.blobs, clock: clock)
            _ = try await media.setText(s.realtor, listingID: id, language: .en, title: "Flat", description: "Nice flat")
            clock.advance(by: 60)
            let german = try await media.setText(s.realtor, listingID: id, language: .de, title: "Wohnung",
                                                 description: "Schöne Wohnung")
            #expect(german.updatedAt == clock.now())
            #expect(try await media.texts(s.realtor, listingID: id).map(\.language) == [.de, .en])
            clock.advance(by: 60)
            _ = try await media.setText(s.a.admin, listingID: id, language: .en, title: "Bright flat",
                                        description: "Line one\nLine two")
            let texts = try await media.texts(s.realtor, listingID: id)
            #expect(texts.count == 2)
            let english = try #require(texts.first { $0.language == .en })
            #expect(english.title == "Bright flat" && english.description == "Line one\nLine two")
            #expect(abs(english.updatedAt.timeIntervalSince(clock.now())) < 0.001)

            try await media.deleteText(s.realtor, listingID: id, language: .en)
            #expect(try await media.texts(s.realtor, listingID: id).map(\.language) == [.de])
            await #expect(throws: DomainError.notFound("text")) {
                try await media.deleteText(s.realtor, listingID: id, language: .en)
            }
            await expectError("validation.failed", fields: ["/title", "/description"]) {
                try await media.setText(s.realtor, listingID: id, language: .cs, title: "", description: "")
            }
            await expectError("validation.failed", fields: ["/description"]) {
                try await media.setText(s.realtor, listingID: id, language: .cs, title: "Byt",
                                        description: String(repeating: "x", count: 20_001))
            }
            #expect(try await media.texts(s.realtor, listingID: id).map(\.language) == [.de])
        }
    }

    @Test("members without listingsManage cannot change media; without listingsRead cannot read it",
          arguments: TestDatabase.dialects)
    func permissions(dialect: DatabaseDialect) async throws {
        try await Self.with(dialect) { s in
            let id = s.listing.id
            let photo = try await s.media.addPhoto(s.realtor, listingID: id, data: try TestImages.png(), alt: "")
            let accounts = AccountRepository(database: s.database)
            let technicianUser = try await accounts.createUser(email: "tech@example.com", name: "Tech", passwordHash: "x",
                                                               locale: .sk)
            _ = try await accounts.setMember(s.a.admin, email: technicianUser.email, role: .technician)
            let technician = try #require(try await accounts.scope(userID: technicianUser.id,
                                                                   organizationID: s.a.organization.id))
            for scope in [s.a.tenant, technician] {
                await expectError("permission.denied") {
                    try await s.media.addPhoto(scope, listingID: id, data: try TestImages.png(shade: 3), alt: "")
                }
                await expectError("permission.denied") {
                    try await s.media.deletePhoto(scope, listingID: id, photoID: photo.id)
                }
                await expectError("permission.denied") {
                    try await s.media.setText(scope, listingID: id, language: .en, title: "x", description: "y")
                }
                await expectError("permission.denied") { try await s.media.deleteText(scope, listingID: id, language: .en) }
                await expectError("permission.denied") { try await s.media.photos(scope, listingID: id) }
                await expectError("permission.denied") { try await s.media.texts(scope, listingID: id) }
                await expectError("permission.denied") {
                    try await s.media.photoContent(scope, listingID: id, photoID: photo.id)
                }
            }
            #expect(try await s.media.photos(s.realtor, listingID: id).count == 1)
            #expect(try await s.media.setText(s.realtor, listingID: id, language: .en, title: "Flat",
                                              description: "Nice").title == "Flat")
        }
    }

    @Test("the portal reads photos, texts and the sitemap index of published listings only",
          arguments: TestDatabase.dialects)
    func portal(dialect: DatabaseDialect) async throws {
        try await Self.with(dialect) { s in
            let id = s.listing.id
            let portal = PortalRepository(database: s.database)
            let cover = try await s.media.addPhoto(s.realtor, listingID: id, data: try TestImages.png(), alt: "Dom")
            let second = try await s.media.addPhoto(s.realtor, listingID: id, data: try TestImages.png(shade: 1), alt: "")
            _ = try await s.media.setText(s.realtor, listingID: id, language: .de, title: "Wohnung", description: "Schön")
            await #expect(throws: DomainError.notFound("photo")) { try await portal.photo(id: cover.id) }
            await #expect(throws: DomainError.notFound("listing")) { try await portal.listingWithMedia(id: id) }
            #expect(try await portal.publishedIndex().isEmpty)

            _ = try await s.listings.publish(s.realtor, id: id)
            let other = try await s.listings.create(s.b.admin, ListingRepositoryTests.input("Byt B"))
            _ = try await s.listings.publish(s.b.admin, id: other.id)
            let draft = try await s.listings.create(s.realtor, ListingRepositoryTests.input("Koncept"))

            let found = try await portal.photo(id: cover.id)
            let digest = BlobStore.digest(try TestImages.png())
            #expect(found.photo.id == cover.id && found.photo.alt == "Dom" && found.sha256 == digest)
            let page = try await portal.listingWithMedia(id: id)
            #expect(page.photos.map(\.id) == [cover.id, second.id] && page.language == .sk)
            #expect(page.texts.map(\.title) == ["Wohnung"] && page.listing.title == "Byt s fotkami")
            #expect(try await portal.texts(of: [id, other.id], language: .de).mapValues(\.title) == [id: "Wohnung"])
            #expect(try await portal.texts(of: [id], language: .en).isEmpty)
            #expect(try await portal.texts(of: [], language: .de).isEmpty)
            #expect(try await portal.photos(of: [id, other.id]).mapValues { $0.map(\.id) } == [id: [cover.id, second.id]])
            #expect(Set(try await portal.publishedIndex().map(\.id)) == [id, other.id])
            #expect(try await !portal.publishedIndex().map(\.id).contains(draft.id))

            _ = try await s.listings.reserve(s.realtor, id: id)
            await #expect(throws: DomainError.notFound("photo")) { try await portal.photo(id: cover.id) }
            #expect(try await portal.publishedIndex().map(\.id) == [other.id])
        }
    }
}
