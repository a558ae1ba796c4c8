import Foundation
import HTTPTypes
import PPTDomain
import PPTStorage
import PPTVoice
import Testing

/// The account-linking flow over real HTTP: consent pages, codes with PKCE, tokens, rotation,
/// reuse detection and revocation.
@Suite("OAuth account linking") struct OAuthFlowTests {
    @Test("authorize with PKCE → sign-in and unit → code → token → refresh → reuse revokes → revoke",
          arguments: TestDatabase.dialects)
    func fullFlow(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let world = try await World.make(flow.app, name: "A")
            let verifier = OAuthFlow.verifier()
            let consent = try await flow.signIn(world.tenantEmail, verifier: verifier)
            let unitTarget = "\(world.ids["orgID"]!):\(world.ids["unitID"]!)"
            #expect(consent.options == [unitTarget], "a tenant links only their own unit")
            let code = try await flow.code(world.tenantEmail, verifier: verifier, target: unitTarget)
            let token = try await flow.exchange(code, verifier: verifier)
            #expect(token.status == .ok, "\(token.text)")
            #expect(token.headers[.cacheControl] == "no-store")
            let json = try #require(token.json)
            #expect(json["token_type"] as? String == "Bearer")
            #expect(json["expires_in"] as? Int == 3600)
            #expect(json["scope"] as? String == "voice voice.actions")
            let access = try #require(json["access_token"] as? String)
            let refresh = try #require(json["refresh_token"] as? String)

            let grant = try #require(try await flow.repository.grant(forAccessToken: access))
            #expect(grant.organizationID.rawValue == world.ids["orgID"])
            #expect(grant.unitID?.rawValue == world.ids["unitID"])
            #expect(grant.userID == world.fixture.tenantUser.id)
            #expect(grant.platform == .alexa && grant.clientID == flow.clientID)
            #expect(grant.scopes == ["voice", "voice.actions"])

            // The user sees the link.
            let userToken = try await flow.app.login(world.tenantEmail)
            let links = try await flow.app.request(.get, "/api/v1/me/voice/links", token: userToken)
            #expect(links.status == .ok)
            #expect(links.items.count == 1)
            #expect(links.items.first?["clientName"] as? String == "Alexa <Skill> & Co")
            #expect(links.items.first?["unitID"] as? String == world.ids["unitID"])
            #expect(links.items.first?["lastUsedAt"] is String, "the grant lookup recorded the use")

            // Rotation: a new pair, the old refresh token spent.
            let rotated = try await flow.refresh(refresh)
            #expect(rotated.status == .ok, "\(rotated.text)")
            let newAccess = try #require(rotated.json?["access_token"] as? String)
            let newRefresh = try #require(rotated.json?["refresh_token"] as? String)
            #expect(newRefresh != refresh && newAccess != access)
            #expect(try await flow.repository.grant(forAccessToken: newAccess) != nil)

            // Reuse of the old refresh token revokes the whole family.
            let reused = try await flow.refresh(refresh)
            #expect(reused.status == .badRequest)
            #expect(reused.json?["error"] as? String == "invalid_grant")
            #expect(try await flow.repository.grant(forAccessToken: newAccess) == nil)
            #expect(try await flow.repository.grant(forAccessToken: access) == nil)
            #expect(try await flow.refresh(newRefresh).json?["error"] as? String == "invalid_grant")
            let after = try await flow.app.request(.get, "/api/v1/me/voice/links", token: userToken)
            #expect(after.items.isEmpty)

            // A second link, revoked by the client (RFC 7009): the refresh token takes the link along.
            let second = try await flow.link(world.tenantEmail)
            #expect(try await flow.repository.grant(forAccessToken: second.access) != nil)
            let revoked = try await flow.post("/oauth/revoke", [("token", second.refresh),
                                                                ("token_type_hint", "refresh_token")],
                                              headers: flow.basic)
            #expect(revoked.status == .ok)
            #expect(try await flow.repository.grant(forAccessToken: second.access) == nil)
            #expect(try await flow.refresh(second.refresh).json?["error"] as? String == "invalid_grant")
            let unknown = try await flow.post("/oauth/revoke", [("token", "no-such-token")], headers: flow.basic)
            #expect(unknown.status == .ok)
        }
    }

    @Test("a wrong PKCE verifier is invalid_grant and spends the code", arguments: TestDatabase.dialects)
    func wrongVerifier(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let world = try await World.make(flow.app, name: "A")
            let verifier = OAuthFlow.verifier()
            let code = try await flow.code(world.tenantEmail, verifier: verifier)
            let wrong = try await flow.exchange(code, verifier: OAuthFlow.verifier())
            #expect(wrong.status == .badRequest)
            #expect(wrong.json?["error"] as? String == "invalid_grant")
            let retry = try await flow.exchange(code, verifier: verifier)
            #expect(retry.json?["error"] as? String == "invalid_grant")
        }
    }

    @Test("a reused code is refused and revokes the tokens issued from it", arguments: TestDatabase.dialects)
    func reusedCode(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let world = try await World.make(flow.app, name: "A")
            let verifier = OAuthFlow.verifier()
            let code = try await flow.code(world.tenantEmail, verifier: verifier)
            let first = try await flow.exchange(code, verifier: verifier)
            #expect(first.status == .ok)
            let access = try #require(first.json?["access_token"] as? String)
            #expect(try await flow.repository.grant(forAccessToken: access) != nil)
            let second = try await flow.exchange(code, verifier: verifier)
            #expect(second.json?["error"] as? String == "invalid_grant")
            #expect(try await flow.repository.grant(forAccessToken: access) == nil)
        }
    }

    @Test("a code older than 60 s is refused; access tokens expire after an hour", arguments: TestDatabase.dialects)
    func expiry(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let world = try await World.make(flow.app, name: "A")
            let verifier = OAuthFlow.verifier()
            let code = try await flow.code(world.tenantEmail, verifier: verifier)
            flow.clock.advance(by: 61)
            let late = try await flow.exchange(code, verifier: verifier)
            #expect(late.json?["error"] as? String == "invalid_grant")
            #expect((late.json?["error_description"] as? String)?.contains("expired") == true)

            let pair = try await flow.link(world.tenantEmail)
            flow.clock.advance(by: 3599)
            #expect(try await flow.repository.grant(forAccessToken: pair.access) != nil)
            flow.clock.advance(by: 2)
            #expect(try await flow.repository.grant(forAccessToken: pair.access) == nil)
            #expect(try await flow.refresh(pair.refresh).status == .ok, "the refresh token lives on")

            // The clean-up removes what expired more than a day ago, once.
            let now = flow.clock.now()
            #expect(try await flow.repository.scanExpiredOAuth(now: now) == 0)
            let removed = try await flow.repository.scanExpiredOAuth(now: now.addingTimeInterval(2 * 24 * 3600))
            #expect(removed == 4, "two codes and two access tokens; the refresh tokens live on")
            #expect(try await flow.repository.scanExpiredOAuth(now: now.addingTimeInterval(2 * 24 * 3600)) == 0)
        }
    }

    @Test("redirect URI mismatch: an error page, never a redirect; and invalid_grant at the token endpoint",
          arguments: TestDatabase.dialects)
    func redirectMismatch(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let world = try await World.make(flow.app, name: "A")
            let verifier = OAuthFlow.verifier()
            for uri in ["https://evil.test/callback", "https://voice.test/callback", "https://voice.test/callback?x=1&y=2"] {
                let page = try await flow.app.request(.get, flow.authorizePath(verifier: verifier, redirect: uri))
                #expect(page.status == .badRequest)
                #expect(page.headers[.location] == nil)
                #expect(page.text.contains("not registered"))
            }
            // A POST naming another redirect URI is refused the same way.
            let form = try await flow.post("/oauth/authorize", [("client_id", flow.clientID),
                                                                ("redirect_uri", "https://evil.test/cb")])
            #expect(form.status == .badRequest && form.headers[.location] == nil)

            let code = try await flow.code(world.tenantEmail, verifier: verifier)
            let other = try await flow.exchange(code, verifier: verifier, redirect: "https://voice.test/callback")
            #expect(other.json?["error"] as? String == "invalid_grant")
        }
    }

    @Test("unknown clients get an error page and invalid_client", arguments: TestDatabase.dialects)
    func unknownClient(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let page = try await flow.app.request(
                .get, "/oauth/authorize?response_type=code&client_id=nobody&redirect_uri=https%3A%2F%2Fvoice.test%2Fcallback%3Fx%3D1")
            #expect(page.status == .badRequest && page.headers[.location] == nil)
            let token = try await flow.post("/oauth/token", [("grant_type", "refresh_token"), ("refresh_token", "x")],
                                            headers: OAuthFlow.basic("nobody", "secret"))
            #expect(token.status == .unauthorized)
            #expect(token.json?["error"] as? String == "invalid_client")
            #expect(token.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            let wrongSecret = try await flow.post("/oauth/token", [("grant_type", "refresh_token"), ("refresh_token", "x")],
                                                  headers: OAuthFlow.basic(flow.clientID, "not-the-secret"))
            #expect(wrongSecret.status == .unauthorized)
            let unsupported = try await flow.post("/oauth/token", [("grant_type", "password")], headers: flow.basic)
            #expect(unsupported.json?["error"] as? String == "unsupported_grant_type")
            let missing = try await flow.post("/oauth/token", [("grant_type", "authorization_code")], headers: flow.basic)
            #expect(missing.json?["error"] as? String == "invalid_request")
        }
    }

    @Test("errors after the redirect URI is trusted go back to the client with state", arguments: TestDatabase.dialects)
    func errorRedirects(dialect: DatabaseDialect) async throws {
        try await OAuthFlow.with(dialect) { flow in
            let verifier = OAuthFlow.verifier()
            let noPKCE = try await flow.app.request(.get, flow.authorizePath(verifier: verifier, omit: ["code_challenge"]))
            #expect(noPKCE.status == .found)
            let query = try OAuthFlow.query(noPKCE.headers[.location])
            #expect(query["error"] == "invalid_request" && query["state"] == "st-123")
            #expect(noPKCE.headers[.location]?.hasPrefix("https://voice.test/callback?x=1&") == true)
            let plain = try await flow.app.request(.get, flow.authorizePath(
                verifier: verifier, extra: [], omit: ["code_challenge_method"]) + "&code_challenge_method=plain")
            #expect(try OAuthFlow.query(plain.headers[.location])["error"] == "invalid_request")
            let scope = try await flow.app.request(.get, flow.authorizePath(verifier: verifier, omit: ["scope"])
                                                   + "&scope=admin")
            #expect(try OAuthFlow.query(scope.headers[.location])["error"] == "invalid_scope")
            let token = try await flow.app.request(.get, flow.authorizePath(verifier: verifier, omit: ["response_type"])
                                                   + "&response_type=token")
            #expect(try OAuthFlow.query(token.headers[.location])["error"] == "unsupported_response_type")
            // Deny.
            let page = try await flow.loginPage(verifier: verifier)
            let denied = try await flow.post("/oauth/authorize", page.hidden + [("action", "deny")], headers: page.cookie)
            #expect(try OAuthFlow.query(denied.headers[.location])["error"] == "access_denied")
        }
    }
}
