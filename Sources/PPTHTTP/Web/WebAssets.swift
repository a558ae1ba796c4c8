import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The management web app: plain HTML, CSS and JavaScript modules from `Resources/web`, served at
/// `/` (the page) and `/app/…` (its modules and styles). No build step: the files are served as
/// they are written.
///
/// Bundled files are read once at start and answered from memory with a strong `ETag`, so a
/// browser revalidates (`Cache-Control: no-cache`) and gets `304 Not Modified` until the binary
/// changes. A development root (`PPT_WEB_ROOT`) is read on every request instead, so edits show on
/// reload.
package struct WebAssets: Sendable {
    /// One file, ready to send.
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String

        init(data: Data, path: String) {
            body = ByteBuffer(bytes: data)
            contentType = WebAssets.contentType(forPath: path)
            let digest = SHA256.hash(data: data)
            etag = "\"" + digest.prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        }
    }

    private enum Source: Sendable {
        case memory([String: Asset])
        case directory(URL)
    }

    private let source: Source

    /// The files bundled with the binary.
    package static func bundled() -> WebAssets {
        guard let root = Bundle.module.url(forResource: "web", withExtension: nil) else {
            return WebAssets(source: .memory([:]))
        }
        return WebAssets(source: .memory(load(root)))
    }

    /// Files read from `directory` on every request (development).
    package static func directory(_ path: String) -> WebAssets {
        WebAssets(source: .directory(URL(fileURLWithPath: path, isDirectory: true)))
    }

    private init(source: Source) { self.source = source }

    /// The content security policy of every page and module: nothing but our own origin runs or
    /// loads; documents open as `blob:` URLs the page made from an authorized download.
    static let securityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
        "connect-src 'self'", "frame-src 'self' blob:", "object-src 'self' blob:", "base-uri 'none'",
        "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// Registers `GET /` and `GET /app/**` on the management router.
    package func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/") { request, _ in try self.respond("index.html", request) }
        router.get("app/**") { request, context in
            let path = context.parameters.getCatchAll().joined(separator: "/")
            return try self.respond("app/" + path, request)
        }
    }

    private func respond(_ path: String, _ request: Request) throws -> Response {
        guard let asset = asset(path) else {
            throw APIError(status: .notFound, code: "route.not_found", detail: "No such file of the web app.")
        }
        var headers: HTTPFields = [
            .contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "no-cache",
            .contentSecurityPolicy: Self.securityPolicy, .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "same-origin",
        ]
        if request.headers[.ifNoneMatch] == asset.etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }

    private func asset(_ path: String) -> Asset? {
        guard Self.isSafe(path) else { return nil }
        switch source {
        case .memory(let files):
            return files[path]
        case .directory(let root):
            guard let data = try? Data(contentsOf: root.appendingPathComponent(path)) else { return nil }
            return Asset(data: data, path: path)
        }
    }

    /// Relative paths of plain names only: no `..`, no hidden files, no absolute paths.
    static func isSafe(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") }
    }

    private static func load(_ root: URL) -> [String: Asset] {
        var files: [String: Asset] = [:]
        let rootPath = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return files }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                let data = try? Data(contentsOf: url)
            else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(rootPath.count + 1))
            if isSafe(relative) { files[relative] = Asset(data: data, path: relative) }
        }
        return files
    }

    static func contentType(forPath path: String) -> String {
        switch path.split(separator: ".").last.map(String.init) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "json": "application/json"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }
}
