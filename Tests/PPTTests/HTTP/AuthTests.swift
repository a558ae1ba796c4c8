import Foundation
import NIOCore
import HTTPTypes
import PPTDomain
import PPTStorage
import Testing

@Suite("Authentication")
struct AuthTests {
    @Test("login, me, refresh rotation, reuse detection and logout", arguments: TestDatabase.dialects)
    func sessionLifecycle(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            try await app.user("ana@example.com")
            let login = try await app.request(.post, "/api/v1/auth/login",
                                              body: ["email": "Ana@Example.com ", "password": "correct horse battery"])
            #expect(login.status == .ok)
            let access = try #require(login.json?["accessToken"] as? String)
            let refresh = try #require(login.json?["refreshToken"] as? String)
            #expect(login.json?["expiresIn"] as? Int == 900)
            #expect(!login.text.contains("password"))

            let me = try await app.request(.get, "/api/v1/me", token: access)
            #expect(me.status == .ok)
            #expect((me.json?["user"] as? [String: Any])?["email"] as? String == "ana@example.com")

            let rotated = try await app.request(.post, "/api/v1/auth/refresh", body: ["refreshToken": refresh])
            #expect(rotated.status == .ok)
            let next = try #require(rotated.json?["refreshToken"] as? String)
            #expect(next != refresh)

            // Reusing the old token revokes the whole family, including the newest token.
            let reuse = try await app.request(.post, "/api/v1/auth/refresh", body: ["refreshToken": refresh])
            #expect(reuse.status == .unauthorized)
            #expect(reuse.json?["code"] as? String == "auth.invalid_refresh_token")
            let afterReuse = try await app.request(.post, "/api/v1/auth/refresh", body: ["refreshToken": next])
            #expect(afterReuse.status == .unauthorized)

            // Logout revokes a fresh family.
            let second = try await app.request(.post, "/api/v1/auth/login",
                                               body: ["email": "ana@example.com", "password": "correct horse battery"])
            let token = try #require(second.json?["refreshToken"] as? String)
            #expect(try await app.request(.post, "/api/v1/auth/logout", body: ["refreshToken": token]).status == .noContent)
            #expect(try await app.request(.post, "/api/v1/auth/refresh", body: ["refreshToken": token]).status
                == .unauthorized)
        }
    }

    @Test("five failed logins lock the account with Retry-After, even for the right password",
          arguments: TestDatabase.dialects)
    func lockout(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            try await app.user("bob@example.com")
            for _ in 0..<5 {
                let failed = try await app.request(.post, "/api/v1/auth/login",
                                                   body: ["email": "bob@example.com", "password": "wrong password!"])
                #expect(failed.status == .unauthorized)
                #expect(failed.json?["code"] as? String == "auth.invalid_credentials")
            }
            let locked = try await app.request(.post, "/api/v1/auth/login",
                                               body: ["email": "bob@example.com", "password": "correct horse battery"])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.json?["code"] as? String == "auth.locked")
            let retryAfter = try #require(locked.headers[.retryAfter].flatMap(Int.init))
            #expect(retryAfter > 800 && retryAfter <= 900)
        }
    }

    @Test("five failures from one address lock that address for every account", arguments: [DatabaseDialect.sqlite])
    func addressLockout(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            try await app.user("carol@example.com")
            for index in 0..<5 {
                let failed = try await app.request(.post, "/api/v1/auth/login",
                                                   body: ["email": "guess\(index)@example.com", "password": "whatever pass"])
                #expect(failed.status == .unauthorized)
            }
            let locked = try await app.request(.post, "/api/v1/auth/login",
                                               body: ["email": "carol@example.com", "password": "correct horse battery"])
            #expect(locked.status == .tooManyRequests)
        }
    }

    @Test("unknown emails and bad tokens get problem+json, never a 500", arguments: TestDatabase.dialects)
    func badInput(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let unknown = try await app.request(.post, "/api/v1/auth/login",
                                                body: ["email": "nobody@example.com", "password": "whatever pass"])
            #expect(unknown.status == .unauthorized)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            let malformed = try await app.raw(.post, "/api/v1/auth/login", body: .init(string: "{not json"),
                                              headers: [.contentType: "application/json"])
            #expect(malformed.status == .badRequest)
            #expect(malformed.json?["code"] as? String == "request.malformed_json")
            let wrongType = try await app.request(.post, "/api/v1/auth/login", body: ["email": 5, "password": "x"])
            #expect(wrongType.status == .unprocessableContent)
            #expect(((wrongType.json?["errors"] as? [[String: Any]])?.first?["pointer"] as? String) == "/email")
            let forged = try await app.request(.get, "/api/v1/me", token: "eyJhbGciOiJub25lIn0.e30.")
            #expect(forged.status == .unauthorized)
            #expect(forged.json?["code"] as? String == "auth.invalid_token")
            let anonymous = try await app.request(.get, "/api/v1/me")
            #expect(anonymous.status == .unauthorized)
            let missing = try await app.request(.get, "/api/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(missing.json?["code"] as? String == "route.not_found")
        }
    }
}
