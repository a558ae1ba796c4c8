import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PPTApp
import PPTDomain
import PPTHTTP
import PPTObservability
import PPTStorage
import Testing

/// The management API over a real database, exercised through HummingbirdTesting's router client.
struct TestApp: Sendable {
    let runtime: Runtime
    let client: any TestClientProtocol

    /// Runs `body` against a fresh migrated database of `dialect`.
    static func with(
        _ dialect: DatabaseDialect, portal: Bool = false,
        _ body: @escaping @Sendable (TestApp) async throws -> Void
    ) async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-app-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        try await TestDatabase.with(dialect) { database in
            let configuration = try AppConfiguration.forTests(overrides: [
                "PPT_BCRYPT_COST": "10", "PPT_DATA_DIR": dataDirectory.path,
            ])
            let runtime = try Runtime.make(configuration, database: database, keyRing: .generate(),
                                       logger: TestDatabase.logger)
            let services = try await runtime.httpServices()
            await runtime.health.markStarted()
            let router = portal ? APIRouter.portal(services) : APIRouter.management(services)
            let app = Application(router: router, logger: TestDatabase.logger)
            try await app.test(.router) { client in
                try await body(TestApp(runtime: runtime, client: client))
            }
        }
    }

    /// A user with a password, created directly (bcrypt cost 10 in tests).
    @discardableResult
    func user(_ email: String, password: String = "correct horse battery", superadmin: Bool = false) async throws -> User {
        try await runtime.createUser(email: email, name: email.components(separatedBy: "@")[0], password: password,
                                     locale: "en", superadmin: superadmin)
    }

    /// Signs in and returns the access token.
    func login(_ email: String, password: String = "correct horse battery") async throws -> String {
        let response = try await request(.post, "/api/v1/auth/login", body: ["email": email, "password": password])
        #expect(response.status == .ok, "login of \(email) failed: \(response.text)")
        return try #require(response.json?["accessToken"] as? String)
    }

    /// The result of a request.
    struct Result: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: ByteBuffer
        var text: String { String(buffer: body) }
        var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] }
        var array: [Any]? { try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [Any] }
        /// `items` of a page.
        var items: [[String: Any]] { (json?["items"] as? [[String: Any]]) ?? [] }
    }

    /// Sends a JSON request.
    func request(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, body: Any? = nil,
                 headers extra: HTTPFields = [:]) async throws -> Result {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var buffer: ByteBuffer?
        if let body {
            headers[.contentType] = "application/json"
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        }
        return try await client.execute(uri: path, method: method, headers: headers, body: buffer) { response in
            Result(status: response.status, headers: response.headers, body: response.body)
        }
    }

    /// Sends a raw body.
    func raw(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, body: ByteBuffer,
             headers extra: HTTPFields = [:]) async throws -> Result {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: path, method: method, headers: headers, body: body) { response in
            Result(status: response.status, headers: response.headers, body: response.body)
        }
    }
}

extension AppConfiguration {
    /// The configuration tests run with: `overrides` over the defaults, with bcrypt at cost 4. The suite
    /// creates hundreds of accounts, and at the production minimum (10) their hashing — C compiled
    /// without optimisation in the debug build, on two cores — queued sign-ins for minutes. Production
    /// keeps its 10…16 range (validated when the configuration is read).
    static func forTests(overrides: [String: String]) throws -> AppConfiguration {
        var configuration = try AppConfiguration.make(overrides: overrides)
        configuration.bcryptCost = 4
        return configuration
    }
}
