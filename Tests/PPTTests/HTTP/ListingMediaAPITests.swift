import Foundation
import HTTPTypes
import NIOCore
import PPTDomain
import PPTStorage
import Testing

@Suite("Listing media API")
struct ListingMediaAPITests {
    @Test("a PNG uploaded as the raw body is stored, listed, served with its type and deleted",
          arguments: TestDatabase.dialects)
    func photos(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let base = "/api/v1/orgs/\(world.ids["orgID"]!)/listings/\(world.ids["listingID"]!)/photos"
            let png = try TestImages.png(width: 12, height: 9, shade: 77)
            let created = try await app.raw(.post, "\(base)?alt=Ob%C3%BDva%C4%8Dka", token: token,
                                            body: ByteBuffer(bytes: png), headers: [.contentType: "image/png"])
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json?["width"] as? Int == 12 && created.json?["height"] as? Int == 9)
            #expect(created.json?["contentType"] as? String == "image/png")
            #expect(created.json?["byteSize"] as? Int == png.count)
            #expect(created.json?["alt"] as? String == "Obývačka")
            #expect(created.json?["position"] as? Int == 1, "after the world's own photo")
            let id = try #require(created.json?["id"] as? String)

            let list = try await app.request(.get, base, token: token)
            #expect(list.status == .ok)
            let photos = try #require(list.array as? [[String: Any]])
            #expect(photos.map { $0["id"] as? String } == [world.ids["photoID"], id])
            #expect(photos.map { $0["position"] as? Int } == [0, 1])

            let content = try await app.request(.get, "\(base)/\(id)/content", token: token)
            #expect(content.status == .ok)
            #expect(content.headers[.contentType] == "image/png")
            #expect(content.headers[.xContentTypeOptions] == "nosniff")
            #expect(content.headers[.cacheControl]?.hasPrefix("private") == true)
            #expect(Data(content.body.readableBytesView) == png)

            let deleted = try await app.request(.delete, "\(base)/\(id)", token: token)
            #expect(deleted.status == .noContent)
            let gone = try await app.request(.get, "\(base)/\(id)/content", token: token)
            #expect(gone.status == .notFound && gone.json?["code"] as? String == "photo.not_found")
            #expect(try await app.request(.delete, "\(base)/\(id)", token: token).status == .notFound)
            #expect(try await app.request(.get, base, token: token).array?.count == 1)
        }
    }

    @Test("uploads that are not JPEG, PNG or WebP are 422 problems and store nothing",
          arguments: [DatabaseDialect.sqlite])
    func refusedUploads(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let base = "/api/v1/orgs/\(world.ids["orgID"]!)/listings/\(world.ids["listingID"]!)/photos"
            let svg = #"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#
            for (type, body) in [("image/svg+xml", svg), ("image/png", "<html></html>"), ("image/jpeg", "")] {
                let refused = try await app.raw(.post, base, token: token, body: ByteBuffer(string: body),
                                                headers: [.contentType: type])
                #expect(refused.status == .unprocessableContent, "\(type): \(refused.text)")
                #expect(refused.headers[.contentType] == "application/problem+json")
                #expect(refused.json?["code"] as? String == "listing.photo_unsupported")
            }
            #expect(try await app.request(.get, base, token: token).array?.count == 1)
            let missing = try await app.raw(.post, "/api/v1/orgs/\(world.ids["orgID"]!)/listings/\(UUID())/photos",
                                            token: token, body: ByteBuffer(bytes: try TestImages.png()),
                                            headers: [.contentType: "image/png"])
            #expect(missing.status == .notFound)
        }
    }

    @Test("texts are put, listed, replaced and deleted per language; unknown languages are 422 problems",
          arguments: TestDatabase.dialects)
    func texts(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let base = "/api/v1/orgs/\(world.ids["orgID"]!)/listings/\(world.ids["listingID"]!)/texts"
            let put = try await app.request(.put, "\(base)/en", token: token,
                                            body: ["title": "Sunny flat", "description": "Two rooms.\nBalcony."])
            #expect(put.status == .ok, "\(put.text)")
            #expect(put.json?["language"] as? String == "en" && put.json?["title"] as? String == "Sunny flat")
            let replaced = try await app.request(.put, "\(base)/en", token: token,
                                                 body: ["title": "Bright flat", "description": "Two rooms."])
            #expect(replaced.status == .ok)
            let list = try await app.request(.get, base, token: token)
            let texts = try #require(list.array as? [[String: Any]])
            #expect(texts.map { $0["language"] as? String } == ["de", "en"])
            #expect(texts.last?["title"] as? String == "Bright flat")

            #expect(try await app.request(.delete, "\(base)/en", token: token).status == .noContent)
            let again = try await app.request(.delete, "\(base)/en", token: token)
            #expect(again.status == .notFound && again.json?["code"] as? String == "text.not_found")
            #expect(try await app.request(.get, base, token: token).array?.count == 1)

            for language in ["xx", "EN", "sk-SK"] {
                let invalid = try await app.request(.put, "\(base)/\(language)", token: token,
                                                    body: ["title": "x", "description": "y"])
                #expect(invalid.status == .unprocessableContent, "\(language): \(invalid.text)")
                #expect(invalid.headers[.contentType] == "application/problem+json")
                let pointers = (invalid.json?["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String }
                #expect(pointers == ["/language"])
                #expect(try await app.request(.delete, "\(base)/\(language)", token: token).status == .unprocessableContent)
            }
            let empty = try await app.request(.put, "\(base)/cs", token: token, body: ["title": "", "description": "y"])
            #expect(empty.status == .unprocessableContent && empty.text.contains("/title"))
            let malformed = try await app.request(.put, "\(base)/cs", token: token, body: ["title": "x"])
            #expect(malformed.status.code / 100 == 4 && malformed.headers[.contentType] == "application/problem+json")
        }
    }
}
