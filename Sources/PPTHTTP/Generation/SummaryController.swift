import Foundation
import Hummingbird
import NIOCore
import PPTAssistant
import PPTDomain

/// Document summaries under `/api/v1/orgs/{orgID}/documents/{documentID}/summary`: any member who may
/// read the document asks for one (stored with the document version and reused until it changes)
/// and reads the stored one back.
package struct SummaryController: Sendable {
    private let summaries: DocumentSummaryService

    /// The controller over the generation services' summary service.
    package init(generation: GenerationServices) { summaries = generation.summaries }

    /// Registers the routes on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.post("documents/:documentID/summary", use: summarize)
        org.get("documents/:documentID/summary", use: stored)
    }

    /// Summarizes the document's current version; the body is optional (all fields have defaults).
    @Sendable func summarize(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<DocumentSummary>
    {
        let scope = try context.requireScope()
        let documentID: DocumentID = try context.id("documentID", resource: "document")
        let input = try await Self.input(request, context: context)
        return JSONResponse(try await summaries.summarize(scope, documentID: documentID, input))
    }

    /// The stored summary of the current version for `language` and `length` (or `words`).
    @Sendable func stored(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<DocumentSummary> {
        let scope = try context.requireScope()
        let documentID: DocumentID = try context.id("documentID", resource: "document")
        return JSONResponse(try await summaries.stored(
            scope, documentID: documentID, language: try request.query("language", as: AppLocale.self),
            length: try request.query("length", as: SummaryLength.self), words: try request.query("words") { Int($0) }))
    }

    /// The request body, or the defaults when the body is empty.
    private static func input(_ request: Request, context: AppRequestContext) async throws -> SummaryInput {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 64 * 1024)
        } catch is NIOTooManyBytesError {
            throw APIError(status: .contentTooLarge, code: "request.too_large",
                           detail: "The request body is larger than 64 KiB.")
        }
        let data = Data(buffer.readableBytesView)
        guard data.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            return SummaryInput()
        }
        if let contentType = request.headers[.contentType], !contentType.lowercased().contains("json") {
            throw APIError(status: .unsupportedMediaType, code: "request.unsupported_media_type",
                           detail: "Send the body as application/json.")
        }
        return try ProblemJSONDecoder.decode(SummaryInput.self, from: data)
    }
}
