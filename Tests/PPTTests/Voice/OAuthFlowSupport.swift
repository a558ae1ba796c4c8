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
import PPTVoice
import Testing

/// A management API on a loopback port with a hand-moved clock, and a browser-like walk through the
/// OAuth consent pages over real HTTP.
struct OAuthFlow: Sendable {
    let app: TestApp
    let clock: ManualClock
    let clientID: String
    let secret: String
    let redirectURI: String
    let superadminToken: String

    static let redirect = "https://voice.test/callback?x=1"

    /// Runs `body` with a live app whose clock is `ManualClock`, a superadmin and a registered client.
    static func with(_ dialect: DatabaseDialect, _ body: @escaping @Sendable (OAuthFlow) async throws -> Void)
        async throws
    {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-oauth-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        let clock = ManualClock(Date())
        try await TestDatabase.with(dialect) { database in
            let configuration = try AppConfiguration.forTests(overrides: [
                "PPT_BCRYPT_COST": "10", "PPT_DATA_DIR": dataDirectory.path,
            ])
            let runtime = try Runtime.make(configuration, database: database, keyRing: .generate(),
                                           logger: TestDatabase.logger, clock: clock)
            let services = try await runtime.httpServices()
            await runtime.health.markStarted()
            let application = Application(router: APIRouter.management(services), logger: TestDatabase.logger)
            try await application.test(.live) { client in
                let app = TestApp(runtime: runtime, client: client)
                try await app.user("root@oauth.test", superadmin: true)
                let rootToken = try await app.login("root@oauth.test")
                let created = try await app.request(.post, "/api/v1/admin/oauth/clients", token: rootToken, body: [
                    "name": "Alexa <Skill> & Co", "platform": "alexa", "redirectURIs": [redirect],
                    "scopes": ["voice", "voice.actions"],
                ])
                #expect(created.status == .created, "\(created.text)")
                let json = try #require(created.json)
                let clientID = try #require((json["client"] as? [String: Any])?["id"] as? String)
                let secret = try #require(json["clientSecret"] as? String)
                try await body(OAuthFlow(app: app, clock: clock, clientID: clientID, secret: secret,
                                         redirectURI: redirect, superadminToken: rootToken))
            }
        }
    }

    /// `Authorization: Basic` for this client.
    var basic: HTTPFields { Self.basic(clientID, secret) }

    static func basic(_ id: String, _ secret: String) -> HTTPFields {
        let encoded = Data("\(OAuthForm.encode(id)):\(OAuthForm.encode(secret))".utf8).base64EncodedString()
        return [.authorization: "Basic \(encoded)"]
    }

    /// A fresh PKCE verifier.
    static func verifier() -> String { OAuthRepository.newSecret() + "-verifier" }

    /// The authorize query for `verifier`.
    func authorizePath(verifier: String, state: String = "st-123", redirect: String? = nil,
                       extra: [(String, String)] = [], omit: Set<String> = []) -> String {
        let parameters = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirect ?? redirectURI),
                          ("scope", "voice voice.actions"), ("state", state),
                          ("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", "S256")]
            .filter { !omit.contains($0.0) } + extra
        return "/oauth/authorize?" + Self.formBody(parameters)
    }

    static func formBody(_ parameters: [(String, String)]) -> String {
        parameters.map { "\(OAuthForm.encode($0.0))=\(OAuthForm.encode($0.1))" }.joined(separator: "&")
    }

    /// POSTs a form.
    func post(_ path: String, _ parameters: [(String, String)], headers extra: HTTPFields = [:]) async throws
        -> TestApp.Result
    {
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await app.raw(.post, path, body: ByteBuffer(string: Self.formBody(parameters)), headers: headers)
    }

    /// The hidden fields of the first form of an HTML page, without its `action`.
    static func hiddenFields(_ html: String) -> [(String, String)] {
        let form = html.components(separatedBy: "</form>").first ?? html
        return matches(#"<input type="hidden" name="([^"]*)" value="([^"]*)">"#, in: form).map { ($0[0], $0[1]) }
            .filter { $0.0 != "action" }
    }

    /// The option values of a page's select.
    static func options(_ html: String) -> [String] {
        matches(#"<option value="([^"]*)""#, in: html).map { $0[0] }
    }

    private static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { index in
                unescape(String(text[Range(match.range(at: index), in: text)!]))
            }
        }
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The query parameters of a redirect's `Location`.
    static func query(_ location: String?) throws -> [String: String] {
        let text = try #require(location)
        let components = try #require(URLComponents(string: text))
        return Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { first, _ in first }
    }

    /// The `Cookie` header a browser sends back after `response` (its `Set-Cookie`).
    static func cookie(_ response: TestApp.Result) throws -> HTTPFields {
        let set = try #require(response.headers[.setCookie], "no consent cookie")
        return [.cookie: String(set.split(separator: ";")[0])]
    }

    /// The sign-in page: its hidden fields and the consent cookie.
    func loginPage(verifier: String, state: String = "st-123") async throws
        -> (hidden: [(String, String)], cookie: HTTPFields)
    {
        let page = try await app.request(.get, authorizePath(verifier: verifier, state: state))
        #expect(page.status == .ok, "\(page.text)")
        #expect(page.headers[.setCookie]?.contains("HttpOnly; SameSite=Lax") == true)
        return (Self.hiddenFields(page.text), try Self.cookie(page))
    }

    /// The consent page after signing in as `email` (hidden fields, option values, cookie).
    func signIn(_ email: String, verifier: String, state: String = "st-123") async throws
        -> (hidden: [(String, String)], options: [String], cookie: HTTPFields)
    {
        let page = try await loginPage(verifier: verifier, state: state)
        let login = try await post("/oauth/authorize", page.hidden + [
            ("action", "login"), ("email", email), ("password", "correct horse battery"),
        ], headers: page.cookie)
        #expect(login.status == .ok, "\(login.text) \(login.headers[.location] ?? "")")
        return (Self.hiddenFields(login.text), Self.options(login.text), page.cookie)
    }

    /// Walks the consent pages as `email`, picking `target` (or the first option), and returns the code.
    func code(_ email: String, verifier: String, target: String? = nil, state: String = "st-123") async throws
        -> String
    {
        let consent = try await signIn(email, verifier: verifier, state: state)
        let chosen = try target ?? #require(consent.options.first)
        let redirect = try await post("/oauth/authorize", consent.hidden + [
            ("action", "consent"), ("target", chosen),
        ], headers: consent.cookie)
        #expect(redirect.status == .found, "\(redirect.text)")
        let query = try Self.query(redirect.headers[.location])
        #expect(query["state"] == state)
        #expect(query["x"] == "1", "the registered query is kept")
        return try #require(query["code"])
    }

    /// Exchanges a code at the token endpoint.
    func exchange(_ code: String, verifier: String, redirect: String? = nil) async throws -> TestApp.Result {
        try await post("/oauth/token", [("grant_type", "authorization_code"), ("code", code),
                                        ("redirect_uri", redirect ?? redirectURI), ("code_verifier", verifier)],
                       headers: basic)
    }

    /// Refreshes at the token endpoint (client_secret_post).
    func refresh(_ token: String) async throws -> TestApp.Result {
        try await post("/oauth/token", [("grant_type", "refresh_token"), ("refresh_token", token),
                                        ("client_id", clientID), ("client_secret", secret)])
    }

    /// A linked token pair through the whole browser flow.
    func link(_ email: String, target: String? = nil) async throws -> (access: String, refresh: String) {
        let verifier = Self.verifier()
        let response = try await exchange(try await code(email, verifier: verifier, target: target), verifier: verifier)
        #expect(response.status == .ok, "\(response.text)")
        let json = try #require(response.json)
        return (try #require(json["access_token"] as? String), try #require(json["refresh_token"] as? String))
    }

    var repository: OAuthRepository { OAuthRepository(database: app.runtime.database, clock: clock) }
}
