import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PPTDomain
import PPTHTTP
import PPTStorage
import Testing

/// The management web app's files on the management router: `/` and `/app/**`.
@Suite("Management web app files")
struct WebAssetsTests {
    @Test("/ serves index.html with a CSP and an ETag; a matching If-None-Match is 304 Not Modified",
          arguments: [DatabaseDialect.sqlite])
    func index(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let page = try await app.request(.get, "/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.hasPrefix("<!doctype html>") && page.text.contains("/app/main.js"))
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'self'") && policy.contains("script-src 'self'"))
            #expect(policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"))
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[.cacheControl] == "no-cache")
            let etag = try #require(page.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 10)

            let again = try await app.request(.get, "/", headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == etag)
            let stale = try await app.request(.get, "/", headers: [.ifNoneMatch: "\"0000\""])
            #expect(stale.status == .ok && stale.text == page.text)
        }
    }

    @Test("modules, styles and icons are served with their content types and their own ETags",
          arguments: [DatabaseDialect.sqlite])
    func types(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let main = try await app.request(.get, "/app/main.js")
            #expect(main.status == .ok && main.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(main.text.contains("import "))
            #expect(main.headers[.contentSecurityPolicy] != nil && main.headers[.xContentTypeOptions] == "nosniff")
            let nested = try await app.request(.get, "/app/core/api.js")
            #expect(nested.status == .ok && nested.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(nested.headers[.eTag] != main.headers[.eTag])
            let css = try await app.request(.get, "/app/app.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            let icon = try await app.request(.get, "/app/icon.svg")
            #expect(icon.status == .ok && icon.headers[.contentType] == "image/svg+xml")
            let revalidated = try await app.request(.get, "/app/main.js", headers: [.ifNoneMatch: main.headers[.eTag]!])
            #expect(revalidated.status == .notModified)
        }
    }

    @Test("unknown files, parent directories and hidden files are 404 problems", arguments: [DatabaseDialect.sqlite])
    func refusals(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let unknown = try await app.request(.get, "/app/nope.js")
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            #expect(unknown.json?["code"] as? String == "route.not_found")
            for path in ["/app/../Package.swift", "/app/../../Package.swift", "/app/%2e%2e/Package.swift",
                         "/app/core/../../index.html", "/app/.hidden", "/app/core/.env", "/app/"] {
                let response = try await app.request(.get, path)
                #expect(response.status == .notFound, "\(path): \(response.status.code)")
                #expect(!response.text.contains("swift-tools-version"), "\(path)")
            }
        }
    }

    @Test("a development root is read on every request and never outside itself")
    func directory() async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-web-\(UUID())")
        let root = parent.appendingPathComponent("web")
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("app"), withIntermediateDirectories: true)
        try Data("<!doctype html>v1".utf8).write(to: root.appendingPathComponent("index.html"))
        try Data("export const a = 1;".utf8).write(to: root.appendingPathComponent("app/a.mjs"))
        try Data("DOTENV-CONTENT".utf8).write(to: root.appendingPathComponent("app/.env"))
        try Data("PARENT-CONTENT".utf8).write(to: parent.appendingPathComponent("secret.txt"))

        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ErrorMiddleware(observers: []))
        WebAssets.directory(root.path).addRoutes(to: router)
        let app = Application(router: router, logger: TestDatabase.logger)
        try await app.test(.router) { client in
            func get(_ path: String) async throws -> (HTTPResponse.Status, String, HTTPFields) {
                try await client.execute(uri: path, method: .get) { ($0.status, String(buffer: $0.body), $0.headers) }
            }
            let first = try await get("/")
            #expect(first.0 == .ok && first.1 == "<!doctype html>v1")
            try Data("<!doctype html>v2".utf8).write(to: root.appendingPathComponent("index.html"))
            let second = try await get("/")
            #expect(second.1 == "<!doctype html>v2", "edits show on reload")
            #expect(second.2[.eTag] != first.2[.eTag])
            let module = try await get("/app/a.mjs")
            #expect(module.0 == .ok && module.2[.contentType] == "text/javascript; charset=utf-8")
            for path in ["/app/../../secret.txt", "/app/%2e%2e/%2e%2e/secret.txt", "/app/.env", "/app/missing.js"] {
                let response = try await get(path)
                #expect(response.0 == .notFound, "\(path)")
                #expect(!response.1.contains("-CONTENT"), "\(path)")
            }
        }
    }
}
