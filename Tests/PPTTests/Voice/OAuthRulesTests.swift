import Crypto
import Foundation
import PPTVoice
import Testing

/// The OAuth server's pure rules: scopes, redirect URIs, forms, client credentials, signed fields.
@Suite("OAuth rules") struct OAuthRulesTests {
    @Test func scopes() {
        #expect(OAuthScopes.parse("voice  voice.actions voice") == ["voice", "voice.actions"])
        #expect(OAuthScopes.parse("voice \"x\"") == nil)
        #expect(OAuthScopes.grant(requested: nil, allowed: ["voice"]) == ["voice"])
        #expect(OAuthScopes.grant(requested: "voice.actions", allowed: ["voice"]) == nil)
        #expect(OAuthScopes.grant(requested: "voice", allowed: ["voice", "voice.actions"]) == ["voice"])
    }

    @Test func redirectURIs() {
        #expect(OAuthRedirectURI.registrationProblem("https://layla.amazon.com/api/skill/link/M2AAAAAAAAAAAA") == nil)
        #expect(OAuthRedirectURI.registrationProblem("http://127.0.0.1:8080/cb") == nil)
        #expect(OAuthRedirectURI.registrationProblem("http://localhost/cb") == nil)
        #expect(OAuthRedirectURI.registrationProblem("http://example.com/cb") != nil)
        #expect(OAuthRedirectURI.registrationProblem("https://example.com/cb#x") != nil)
        #expect(OAuthRedirectURI.registrationProblem("https://user:pw@example.com/cb") != nil)
        #expect(OAuthRedirectURI.registrationProblem("/relative") != nil)
        #expect(OAuthRedirectURI.registrationProblem("javascript:alert(1)") != nil)
        let registered = ["https://a.test/cb"]
        #expect(OAuthRedirectURI.matches("https://a.test/cb", registered: registered))
        for near in ["https://a.test/cb/", "https://a.test/cb?x=1", "https://A.test/cb", "https://a.test/c"] {
            #expect(!OAuthRedirectURI.matches(near, registered: registered), "\(near)")
        }
        #expect(OAuthRedirectURI.redirect("https://a.test/cb?x=1", with: [("code", "a+b/c"), ("state", "s t&")])
                == "https://a.test/cb?x=1&code=a%2Bb%2Fc&state=s%20t%26")
    }

    @Test func metadata() {
        let document = OAuthMetadata(issuer: "https://ppt.example/")
        #expect(document.issuer == "https://ppt.example")
        #expect(document.tokenEndpoint == "https://ppt.example/oauth/token")
        #expect(document.codeChallengeMethodsSupported == ["S256"])
    }

    @Test func forms() throws {
        let form = try #require(OAuthForm.parse("a=1&b=x+y%21&a=2&c="))
        #expect(form["a"] == ["1", "2"] && form["b"] == ["x y!"] && form["c"] == [""])
        #expect(OAuthForm.parse("a=%zz") == nil)
    }

    @Test func clientCredentials() throws {
        let header = "Basic " + Data("ppt-alexa-1:s%3Acret".utf8).base64EncodedString()
        let basic = try #require(try OAuthClientCredentials.from(authorization: header, form: [:]))
        #expect(basic.clientID == "ppt-alexa-1" && basic.secret == "s:cret" && basic.method == .basic)
        let post = try #require(try OAuthClientCredentials.from(authorization: nil,
                                                                 form: ["client_id": ["c"], "client_secret": ["s"]]))
        #expect(post.method == .post)
        #expect(throws: OAuthErrorCode.invalidRequest) {
            try OAuthClientCredentials.from(authorization: header, form: ["client_secret": ["s"]])
        }
        #expect(throws: OAuthErrorCode.invalidRequest) {
            try OAuthClientCredentials.from(authorization: "Basic !!!", form: [:])
        }
        #expect(try OAuthClientCredentials.from(authorization: nil, form: ["client_id": ["c"]]) == nil)
    }

    @Test func signedFields() {
        let signer = OAuthConsentSigner(key: SymmetricKey(size: .bits256))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let token = signer.sign(["a", "b"], expires: now.addingTimeInterval(60))
        #expect(signer.verify(token, fields: ["a", "b"], now: now))
        #expect(!signer.verify(token, fields: ["a", "c"], now: now))
        #expect(!signer.verify(token, fields: ["a|b"], now: now))
        #expect(!signer.verify(token, fields: ["a", "b"], now: now.addingTimeInterval(61)))
        #expect(!OAuthConsentSigner(key: SymmetricKey(size: .bits256)).verify(token, fields: ["a", "b"], now: now))
        let later = String(Int(now.timeIntervalSince1970) + 9999) + token.drop { $0 != "." }
        #expect(!signer.verify(later, fields: ["a", "b"], now: now), "the expiry is signed too")
    }
}
