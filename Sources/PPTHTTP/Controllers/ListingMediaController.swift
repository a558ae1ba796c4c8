import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PPTDomain
import PPTStorage

/// A listing's photos and its texts in further languages, under `/api/v1/orgs/{orgID}/listings/{listingID}`.
package struct ListingMediaController: Sendable {
    private let media: ListingMediaRepository
    private let maxUploadBytes: Int

    package init(media: ListingMediaRepository, maxUploadBytes: Int) {
        self.media = media
        self.maxUploadBytes = maxUploadBytes
    }

    struct TextInput: Decodable { let title: String; let description: String }

    /// Registers the routes on the organization group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("listings/:listingID/photos", use: photos)
        org.post("listings/:listingID/photos", use: addPhoto)
        org.get("listings/:listingID/photos/:photoID/content", use: photoContent)
        org.delete("listings/:listingID/photos/:photoID", use: deletePhoto)
        org.get("listings/:listingID/texts", use: texts)
        org.put("listings/:listingID/texts/:language", use: setText)
        org.delete("listings/:listingID/texts/:language", use: deleteText)
    }

    @Sendable func photos(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<[ListingPhoto]> {
        JSONResponse(try await media.photos(try context.requireScope(), listingID: try context.id("listingID", resource: "listing")))
    }

    /// The body is the image itself (`image/jpeg`, `image/png` or `image/webp`); `alt` describes it.
    @Sendable func addPhoto(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ListingPhoto> {
        let scope = try context.requireScope()
        let listingID: ListingID = try context.id("listingID", resource: "listing")
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxUploadBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw DomainError(code: "listing.photo_too_large", kind: .invalid,
                              message: "The photo is larger than the limit of \(maxUploadBytes) bytes.")
        }
        let photo = try await media.addPhoto(scope, listingID: listingID, data: Data(body.readableBytesView),
                                             alt: request.uri.queryParameters.get("alt") ?? "")
        return JSONResponse(photo, status: .created)
    }

    @Sendable func photoContent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (photo, data) = try await media.photoContent(
            try context.requireScope(), listingID: try context.id("listingID", resource: "listing"),
            photoID: try context.id("photoID", resource: "photo"))
        return Self.image(photo, data, cacheControl: "private, max-age=3600")
    }

    @Sendable func deletePhoto(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        try await media.deletePhoto(try context.requireScope(), listingID: try context.id("listingID", resource: "listing"),
                                    photoID: try context.id("photoID", resource: "photo"))
        return EmptyResponse()
    }

    @Sendable func texts(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<[ListingText]> {
        JSONResponse(try await media.texts(try context.requireScope(), listingID: try context.id("listingID", resource: "listing")))
    }

    @Sendable func setText(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ListingText> {
        let scope = try context.requireScope()
        let listingID: ListingID = try context.id("listingID", resource: "listing")
        let language = try Self.language(context)
        let input = try await request.decode(as: TextInput.self, context: context)
        return JSONResponse(try await media.setText(scope, listingID: listingID, language: language,
                                                    title: input.title, description: input.description))
    }

    @Sendable func deleteText(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        try await media.deleteText(try context.requireScope(), listingID: try context.id("listingID", resource: "listing"),
                                   language: try Self.language(context))
        return EmptyResponse()
    }

    static func language(_ context: AppRequestContext) throws -> AppLocale {
        guard let language = context.parameters.get("language").flatMap(AppLocale.init(rawValue:)) else {
            throw APIError(DomainError.invalid("/language", "must be one of sk, cs, de, en"))
        }
        return language
    }

    /// An image response that is never sniffed as anything else.
    static func image(_ photo: ListingPhoto, _ data: Data, cacheControl: String) -> Response {
        Response(status: .ok,
                 headers: [.contentType: photo.contentType, .cacheControl: cacheControl, .xContentTypeOptions: "nosniff",
                           .eTag: "\"\(photo.id.rawValue)\""],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
