import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MultipartKit
import NIOCore
import NIOHTTP1
import PPTDomain
import PPTStorage

/// Documents, their versions and their bytes under `/api/v1/orgs/{orgID}`. Uploads are
/// `multipart/form-data` with a `file` part; the repository enforces access on every read.
package struct DocumentController: Sendable {
    private let documents: DocumentRepository

    package init(documents: DocumentRepository) { self.documents = documents }

    /// Registers the routes on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("documents", use: list)
        org.post("documents", use: upload)
        org.get("documents/:documentID", use: get)
        org.put("documents/:documentID", use: update)
        org.delete("documents/:documentID", use: delete)
        org.get("documents/:documentID/versions", use: versions)
        org.post("documents/:documentID/versions", use: uploadVersion)
        org.get("documents/:documentID/content", use: download)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Page<Document>> {
        let filter = DocumentFilter(
            folder: request.uri.queryParameters.get("folder"), category: request.uri.queryParameters.get("category"),
            text: request.uri.queryParameters.get("text"))
        return JSONResponse(try await documents.documents(
            try context.requireScope(), filter: filter, page: try request.pageRequest()))
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Document> {
        let scope = try context.requireScope()
        let form = try await DocumentUploadForm(request, maxFileBytes: documents.maxUploadBytes)
        let document = try await documents.upload(scope, try form.metadata(), file: try form.file())
        return JSONResponse(document, status: .created)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Document> {
        JSONResponse(try await documents.document(
            try context.requireScope(), id: try context.id("documentID", resource: "document")))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Document> {
        let scope = try context.requireScope()
        let id: DocumentID = try context.id("documentID", resource: "document")
        let input = try await request.decode(as: DocumentMetadataInput.self, context: context)
        return JSONResponse(try await documents.updateMetadata(scope, id: id, input))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        try await documents.delete(try context.requireScope(), id: try context.id("documentID", resource: "document"))
        return EmptyResponse()
    }

    @Sendable func versions(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<[DocumentVersion]>
    {
        JSONResponse(try await documents.versions(
            try context.requireScope(), id: try context.id("documentID", resource: "document")))
    }

    @Sendable func uploadVersion(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Document>
    {
        let scope = try context.requireScope()
        let id: DocumentID = try context.id("documentID", resource: "document")
        // Look the document up before reading up to 25 MB of body for it.
        _ = try await documents.document(scope, id: id)
        let form = try await DocumentUploadForm(request, maxFileBytes: documents.maxUploadBytes)
        return JSONResponse(try await documents.uploadVersion(scope, id: id, file: try form.file()), status: .created)
    }

    /// The bytes, always as an attachment and never sniffed, so an uploaded HTML file cannot run in the
    /// app's origin.
    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try context.requireScope()
        let id: DocumentID = try context.id("documentID", resource: "document")
        let version = try request.query("version") { Int($0).flatMap { $0 > 0 ? $0 : nil } }
        let file = try await documents.download(scope, id: id, version: version)
        let type = DocumentFormat(rawValue: file.contentType)?.isText == true
            ? "\(file.contentType); charset=utf-8" : file.contentType
        let headers: HTTPFields = [
            .contentType: type,
            .contentDisposition: Self.attachment(file.fileName),
            .eTag: "\"\(file.sha256)\"",
            .xContentTypeOptions: "nosniff",
            .contentSecurityPolicy: "sandbox",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }

    /// `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 8187).
    static func attachment(_ fileName: String) -> String {
        let fallback = String(fileName.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 32 && scalar != "\"" && scalar != "\\" ? Character(scalar) : "_"
        })
        let allowed = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? fallback
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }
}

/// A parsed `multipart/form-data` upload: a `file` part, and metadata either as a `metadata` JSON
/// part or as the fields `title`, `category`, `folder`, `language` and `access` (JSON).
struct DocumentUploadForm {
    private var fields: [String: String] = [:]
    private var filePart: MultipartPart?

    /// What metadata and multipart framing may add to the file's size limit.
    static let framingAllowance = 256 * 1024

    /// Reads and parses the body. Metadata and framing may add up to 256 KiB to the file's limit.
    init(_ request: Request, maxFileBytes: Int) async throws {
        guard let contentType = request.headers[.contentType],
              contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty
        else {
            throw APIError(status: .unsupportedMediaType, code: "request.unsupported_media_type",
                           detail: "Send the upload as multipart/form-data with a file part named file.")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxFileBytes + Self.framingAllowance)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            // NIOTooManyBytesError from `collect(upTo:)`: report it like the repository's own size check.
            throw DomainError(code: "document.too_large", kind: .invalid,
                              message: "The file is larger than the limit of \(maxFileBytes) bytes.",
                              fields: [FieldError(pointer: "/file", detail: "at most \(maxFileBytes) bytes")])
        }
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var partBody = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.replaceOrAdd(name: name, value: value) }
        parser.onBody = { chunk in partBody.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: partBody))
            (headers, partBody) = (HTTPHeaders(), ByteBuffer())
        }
        do {
            try parser.execute(body)
        } catch {
            throw APIError.badRequest("request.malformed_multipart", "The multipart body could not be read.")
        }
        for part in parts {
            guard let name = part.name else { continue }
            if name == "file" {
                filePart = part
            } else {
                fields[name] = String(buffer: part.body)
            }
        }
    }

    /// The uploaded file; 422 on `/file` when there is none.
    func file() throws -> DocumentFile {
        guard let part = filePart else { throw DomainError.invalid("/file", "is required") }
        let disposition = part.headers.first(name: "Content-Disposition") ?? ""
        return DocumentFile(
            fileName: Self.parameter("filename*", in: disposition).flatMap(Self.extended)
                ?? Self.parameter("filename", in: disposition) ?? "",
            declaredType: part.headers.first(name: "Content-Type") ?? "application/octet-stream",
            data: Data(part.body.readableBytesView))
    }

    /// The metadata from the `metadata` JSON part, or from individual fields.
    func metadata() throws -> DocumentMetadataInput {
        if let json = fields["metadata"] {
            return try ProblemJSONDecoder.decode(DocumentMetadataInput.self, from: Data(json.utf8))
        }
        var language: AppLocale?
        if let raw = fields["language"], !raw.isEmpty {
            guard let locale = AppLocale(rawValue: raw) else {
                throw DomainError.invalid("/language", "must be one of sk, cs, de, en")
            }
            language = locale
        }
        let access = try fields["access"].map {
            try ProblemJSONDecoder.decode(DocumentAccess.self, from: Data($0.utf8))
        }
        guard let title = fields["title"] else { throw DomainError.invalid("/title", "is required") }
        guard let category = fields["category"] else { throw DomainError.invalid("/category", "is required") }
        return DocumentMetadataInput(title: title, category: category, folder: fields["folder"], language: language,
                                     access: access)
    }

    /// The value of `name=value` or `name="value"` in a header such as Content-Disposition.
    static func parameter(_ name: String, in header: String) -> String? {
        var rest = Substring(header)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop(while: \.isWhitespace)
            guard let equals = rest.firstIndex(of: "="),
                  rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            let value = rest[rest.index(after: equals)...].drop(while: \.isWhitespace)
            if value.first == "\"" {
                var result = "", escaped = false
                for character in value.dropFirst() {
                    if escaped { result.append(character); escaped = false }
                    else if character == "\\" { escaped = true }
                    else if character == "\"" { return result }
                    else { result.append(character) }
                }
                return result
            }
            return String(value.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// Decodes an RFC 8187 value such as `UTF-8''Zmluva%20%C4%8D.pdf`.
    static func extended(_ value: String) -> String? {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        return String(pieces[2]).removingPercentEncoding
    }
}
