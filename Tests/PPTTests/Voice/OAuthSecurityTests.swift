import Foundation
import HTTPTypes
import PPTApp
import PPTDomain
import PPTStorage
import PPTVoice
import Testing

/// CSRF, introspection, metadata, unlinking, tenancy and client administration of the OAuth server.
@Suite("OAuth server security") struct OAuthSecurityTests {
    @Test("the consent POST needs the CSRF token of this very request", arguments: TestDatabase.dialects)
    func csrf(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let world = try await World.make(flow.app, name: "A")
            let verifier = OAuthFlow.verifier()
            let (hidden, cookie) = try await flow.loginPage(verifier: verifier)
            let login = [("action", "login"), ("email", world.tenantEmail), ("password", "correct horse battery")]
            let missing = try await flow.post("/oauth/authorize", hidden.filter { $0.0 != "csrf" } + login,
                                              headers: cookie)
            #expect(missing.status == .forbidden && missing.headers[.location] == nil)
            #expect(!missing.text.contains("<select"))
            // The token of this request does not fit another state.
            let changed = hidden.map { $0.0 == "state" ? ("state", "other") : $0 }
            let forged = try await flow.post("/oauth/authorize", changed + login, headers: cookie)
            #expect(forged.status == .forbidden && forged.headers[.location] == nil)
            // Nor another browser: without the consent cookie, or with another page's cookie.
            let cookieless = try await flow.post("/oauth/authorize", hidden + login)
            #expect(cookieless.status == .forbidden && !cookieless.text.contains("<select"))
            let otherBrowser = try await flow.loginPage(verifier: verifier)
            let crossed = try await flow.post("/oauth/authorize", hidden + login, headers: otherBrowser.cookie)
            #expect(crossed.status == .forbidden && !crossed.text.contains("<select"))
            let own = try await flow.post("/oauth/authorize", hidden + login, headers: cookie)
            #expect(own.status == .ok && own.text.contains("<select"), "the untouched form signs in")
            // A consent without a valid sign-in ticket issues no code.
            let consent = try await flow.signIn(world.tenantEmail, verifier: verifier)
            let noTicket = try await flow.post("/oauth/authorize", consent.hidden.filter { $0.0 != "ticket" } + [
                ("action", "consent"), ("target", consent.options[0]),
            ], headers: consent.cookie)
            #expect(noTicket.status == .forbidden && noTicket.headers[.location] == nil)
            let otherUser = consent.hidden.map { $0.0 == "user" ? ("user", world.fixture.admin.userID.rawValue) : $0 }
            let impersonated = try await flow.post("/oauth/authorize", otherUser + [
                ("action", "consent"), ("target", world.ids["orgID"]!),
            ], headers: consent.cookie)
            #expect(impersonated.status == .forbidden && impersonated.headers[.location] == nil)
        }
    }

    @Test("the consent page signs in with the login rules: wrong passwords, lockout, escaping, language",
          arguments: TestDatabase.dialects)
    func signInRules(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let world = try await World.make(flow.app, name: "A")
            let verifier = OAuthFlow.verifier()
            let page = try await flow.app.request(.get, flow.authorizePath(verifier: verifier),
                                                  headers: [.acceptLanguage: "de-AT;q=0.9, sk;q=0.95, en;q=0.1"])
            #expect(page.text.contains("lang=\"sk\"") && page.text.contains("Prihlásiť sa"))
            #expect(page.text.contains("Alexa &lt;Skill&gt; &amp; Co") && !page.text.contains("<Skill>"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            let hidden = OAuthFlow.hiddenFields(page.text)
            let cookie = try OAuthFlow.cookie(page)
            for attempt in 1...6 {
                let wrong = try await flow.post("/oauth/authorize", hidden + [
                    ("action", "login"), ("email", world.tenantEmail), ("password", "wrong \(attempt)"),
                ], headers: cookie)
                #expect(wrong.status == (attempt <= 5 ? .unauthorized : .tooManyRequests), "attempt \(attempt)")
                #expect(!wrong.text.contains("<select") && wrong.headers[.location] == nil)
            }
            let locked = try await flow.post("/oauth/authorize", hidden + [
                ("action", "login"), ("email", world.tenantEmail), ("password", "correct horse battery"),
            ], headers: cookie)
            #expect(locked.status == .tooManyRequests, "the right password does not lift the lockout")
            #expect(locked.headers[.retryAfter] != nil)
        }
    }

    @Test("introspection reports active tokens to their own client only", arguments: TestDatabase.dialects)
    func introspection(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let world = try await World.make(flow.app, name: "A")
            let pair = try await flow.link(world.tenantEmail)
            let active = try await flow.post("/oauth/introspect", [("token", pair.access)], headers: flow.basic)
            #expect(active.status == .ok)
            let json = try #require(active.json)
            #expect(json["active"] as? Bool == true)
            #expect(json["client_id"] as? String == flow.clientID)
            #expect(json["sub"] as? String == world.fixture.tenantUser.id.rawValue)
            #expect(json["ppt_org"] as? String == world.ids["orgID"])
            #expect(json["scope"] as? String == "voice voice.actions")
            #expect((json["exp"] as? Int).map { abs(Double($0) - flow.clock.now().timeIntervalSince1970 - 3600) < 2 } == true)

            // Another client learns nothing about it.
            let other = try await flow.app.request(.post, "/api/v1/admin/oauth/clients", token: flow.superadminToken, body: [
                "name": "Google", "platform": "google", "redirectURIs": ["https://google.test/cb"], "scopes": ["voice"],
            ])
            let otherID = try #require((other.json?["client"] as? [String: Any])?["id"] as? String)
            let otherSecret = try #require(other.json?["clientSecret"] as? String)
            let foreign = try await flow.post("/oauth/introspect", [("token", pair.access)],
                                              headers: OAuthFlow.basic(otherID, otherSecret))
            #expect(foreign.json?["active"] as? Bool == false)
            #expect(foreign.json?["sub"] == nil)
            // Without client authentication: 401.
            let anonymous = try await flow.post("/oauth/introspect", [("token", pair.access)])
            #expect(anonymous.status == .unauthorized)

            _ = try await flow.post("/oauth/revoke", [("token", pair.access)], headers: flow.basic)
            let inactive = try await flow.post("/oauth/introspect", [("token", pair.access)], headers: flow.basic)
            #expect(inactive.json?["active"] as? Bool == false)
            #expect(inactive.json?.count == 1)
            // Revoking the access token alone leaves the refresh token working.
            #expect(try await flow.refresh(pair.refresh).status == .ok)
        }
    }

    @Test("metadata document (RFC 8414)", arguments: TestDatabase.dialects)
    func metadata(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let response = try await flow.app.request(.get, "/.well-known/oauth-authorization-server")
            #expect(response.status == .ok)
            let json = try #require(response.json)
            let issuer = try #require(json["issuer"] as? String)
            // Without PPT_PUBLIC_URL: the Host the client used.
            let port = try flow.app.port
            #expect(issuer == "http://localhost" || issuer == "http://localhost:\(port)", "\(issuer)")
            #expect(json["authorization_endpoint"] as? String == "\(issuer)/oauth/authorize")
            #expect(json["token_endpoint"] as? String == "\(issuer)/oauth/token")
            #expect(json["revocation_endpoint"] as? String == "\(issuer)/oauth/revoke")
            #expect(json["introspection_endpoint"] as? String == "\(issuer)/oauth/introspect")
            #expect(json["code_challenge_methods_supported"] as? [String] == ["S256"])
            #expect(json["grant_types_supported"] as? [String] == ["authorization_code", "refresh_token"])
            #expect(json["response_types_supported"] as? [String] == ["code"])
        }
    }

    @Test("unlinking revokes the link's tokens; others' links are not found", arguments: TestDatabase.dialects)
    func unlink(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let world = try await World.make(flow.app, name: "A")
            let pair = try await flow.link(world.tenantEmail)
            let tenantToken = try await flow.app.login(world.tenantEmail)
            let adminToken = try await flow.app.login(world.adminEmail)
            let linkID = try #require(try await flow.app.request(.get, "/api/v1/me/voice/links", token: tenantToken)
                .items.first?["id"] as? String)
            let orgLinks = try await flow.app.request(.get, "/api/v1/orgs/\(world.ids["orgID"]!)/voice/links",
                                                      token: adminToken)
            #expect(orgLinks.status == .ok && orgLinks.items.map { $0["id"] as? String } == [linkID])
            let tenantOrgLinks = try await flow.app.request(.get, "/api/v1/orgs/\(world.ids["orgID"]!)/voice/links",
                                                            token: tenantToken)
            #expect(tenantOrgLinks.status == .forbidden)
            let notMine = try await flow.app.request(.delete, "/api/v1/me/voice/links/\(linkID)", token: adminToken)
            #expect(notMine.status == .notFound)
            #expect(try await flow.repository.grant(forAccessToken: pair.access) != nil)
            let deleted = try await flow.app.request(.delete, "/api/v1/me/voice/links/\(linkID)", token: tenantToken)
            #expect(deleted.status == .noContent)
            #expect(try await flow.repository.grant(forAccessToken: pair.access) == nil)
            #expect(try await flow.refresh(pair.refresh).json?["error"] as? String == "invalid_grant")
            #expect(try await flow.app.request(.get, "/api/v1/me/voice/links", token: tenantToken).items.isEmpty)
            let anonymous = try await flow.app.request(.get, "/api/v1/me/voice/links")
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("changing one's password revokes every voice link with its tokens; others' links stay",
          arguments: TestDatabase.dialects)
    func passwordChangeRevokesLinks(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let world = try await World.make(flow.app, name: "A")
            let tenantPair = try await flow.link(world.tenantEmail)
            let adminPair = try await flow.link(world.adminEmail)
            let tenantToken = try await flow.app.login(world.tenantEmail)
            let wrong = try await flow.app.request(.post, "/api/v1/me/password", token: tenantToken, body: [
                "currentPassword": "not the password", "newPassword": "a brand new passphrase",
            ])
            #expect(wrong.status == .unprocessableContent)
            #expect(try await flow.repository.grant(forAccessToken: tenantPair.access) != nil, "a refused change keeps links")
            let changed = try await flow.app.request(.post, "/api/v1/me/password", token: tenantToken, body: [
                "currentPassword": "correct horse battery", "newPassword": "a brand new passphrase",
            ])
            #expect(changed.status == .noContent || changed.status == .ok, "\(changed.text)")
            #expect(try await flow.repository.grant(forAccessToken: tenantPair.access) == nil)
            #expect(try await flow.refresh(tenantPair.refresh).json?["error"] as? String == "invalid_grant")
            #expect(try await flow.repository.grant(forAccessToken: adminPair.access) != nil)
        }
    }

    @Test("a token of organization A carries A only; B cannot be picked by a non-member",
          arguments: TestDatabase.dialects)
    func tenancy(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let worldA = try await World.make(flow.app, name: "A")
            let worldB = try await World.make(flow.app, name: "B")
            let verifier = OAuthFlow.verifier()
            let consent = try await flow.signIn(worldA.adminEmail, verifier: verifier)
            #expect(consent.options == [worldA.ids["orgID"]!])
            let smuggled = try await flow.post("/oauth/authorize", consent.hidden + [
                ("action", "consent"), ("target", worldB.ids["orgID"]!),
            ], headers: consent.cookie)
            #expect(smuggled.status == .badRequest && smuggled.headers[.location] == nil)
            let foreignUnit = try await flow.post("/oauth/authorize", consent.hidden + [
                ("action", "consent"), ("target", "\(worldA.ids["orgID"]!):\(worldB.ids["unitID"]!)"),
            ], headers: consent.cookie)
            #expect(foreignUnit.headers[.location] == nil)

            let pair = try await flow.link(worldA.adminEmail)
            let grant = try #require(try await flow.repository.grant(forAccessToken: pair.access))
            #expect(grant.organizationID.rawValue == worldA.ids["orgID"])
            #expect(grant.organizationID.rawValue != worldB.ids["orgID"])
            let accounts = AccountRepository(database: flow.app.runtime.database, clock: flow.clock)
            #expect(try await accounts.scope(userID: grant.userID, organizationID: worldB.fixture.organization.id) == nil)
            // The voice token is no PPT session: the management API refuses it.
            let api = try await flow.app.request(.get, "/api/v1/orgs/\(worldA.ids["orgID"]!)/buildings",
                                                 token: pair.access)
            #expect(api.status == .unauthorized)
        }
    }

    @Test("only platform superadmins register, list and delete clients", arguments: TestDatabase.dialects)
    func clientAdministration(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let world = try await World.make(flow.app, name: "A")
            let adminToken = try await flow.app.login(world.adminEmail)
            let body: [String: Any] = ["name": "Skill", "platform": "alexa", "redirectURIs": ["https://a.test/cb"],
                                       "scopes": ["voice"]]
            #expect(try await flow.app.request(.post, "/api/v1/admin/oauth/clients", token: adminToken, body: body)
                .status == .forbidden)
            #expect(try await flow.app.request(.post, "/api/v1/admin/oauth/clients", body: body).status == .unauthorized)
            #expect(try await flow.app.request(.get, "/api/v1/admin/oauth/clients", token: adminToken).status == .forbidden)
            let bad = try await flow.app.request(.post, "/api/v1/admin/oauth/clients", token: flow.superadminToken, body: [
                "name": "", "platform": "alexa", "redirectURIs": ["http://a.test/cb", "https://a.test/cb#frag"],
                "scopes": ["admin"],
            ])
            #expect(bad.status == .unprocessableContent)
            let pointers = Set(((bad.json?["errors"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String })
            #expect(pointers == ["/name", "/redirectURIs/0", "/redirectURIs/1", "/scopes/0"], "\(bad.text)")

            let list = try await flow.app.request(.get, "/api/v1/admin/oauth/clients", token: flow.superadminToken)
            #expect(list.items.map { $0["id"] as? String } == [flow.clientID])
            #expect(!list.text.contains(flow.secret) && list.items.first?["clientSecret"] == nil)
            let pair = try await flow.link(world.tenantEmail)
            let gone = try await flow.app.request(.delete, "/api/v1/admin/oauth/clients/\(flow.clientID)",
                                                  token: flow.superadminToken)
            #expect(gone.status == .noContent)
            #expect(try await flow.repository.grant(forAccessToken: pair.access) == nil)
            #expect(try await flow.app.request(.get, "/api/v1/admin/oauth/clients/\(flow.clientID)",
                                               token: flow.superadminToken).status == .notFound)
        }
    }
}
