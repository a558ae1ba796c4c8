import Foundation
import HTTPTypes
import PPTDomain
import PPTStorage
import Testing

@Suite("Members and profile")
struct MembersTests {
    @Test("an admin adds a new person with an account, who can then sign in; the last admin stays",
          arguments: TestDatabase.dialects)
    func addMembers(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let admin = try await app.login(world.adminEmail)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            let missingPassword = try await app.request(.post, "\(org)/members", token: admin,
                                                        body: ["email": "new@world.test", "role": "owner"])
            #expect(missingPassword.status == .unprocessableContent)
            let pointers = (missingPassword.json?["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String }
            #expect(pointers == ["/name", "/password"])
            let weak = try await app.request(.post, "\(org)/members", token: admin, body: [
                "email": "new@world.test", "role": "owner", "name": "Nový Vlastník", "password": "short",
            ])
            #expect(weak.status == .unprocessableContent)
            let created = try await app.request(.post, "\(org)/members", token: admin, body: [
                "email": "New@World.test", "role": "owner", "name": "Nový Vlastník", "password": "long enough pass",
            ])
            #expect(created.status == .created)
            #expect(!created.text.contains("long enough pass"))
            let token = try await app.login("new@world.test", password: "long enough pass")
            let me = try await app.request(.get, "/api/v1/me", token: token)
            #expect(me.text.contains("\"role\":\"owner\""))
            // Adding an existing user again only changes the role.
            let again = try await app.request(.post, "\(org)/members", token: admin,
                                              body: ["email": "new@world.test", "role": "tenant"])
            #expect(again.status == .ok)
            // The only admin cannot demote themselves.
            let demote = try await app.request(.put, "\(org)/members", token: admin,
                                               body: ["email": world.adminEmail, "role": "manager"])
            #expect(demote.status == .conflict)
            #expect(demote.json?["code"] as? String == "member.last_admin")
            // A tenant may not add members.
            let tenant = try await app.login(world.tenantEmail)
            #expect(try await app.request(.post, "\(org)/members", token: tenant, body: [
                "email": "x@world.test", "role": "admin", "name": "X", "password": "long enough pass",
            ]).status == .forbidden)
        }
    }

    @Test("a user changes their profile and password; other sessions are signed out",
          arguments: TestDatabase.dialects)
    func profileAndPassword(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            try await app.user("eva@example.com")
            let login = try await app.request(.post, "/api/v1/auth/login",
                                              body: ["email": "eva@example.com", "password": "correct horse battery"])
            let access = try #require(login.json?["accessToken"] as? String)
            let refresh = try #require(login.json?["refreshToken"] as? String)
            let profile = try await app.request(.patch, "/api/v1/me", token: access,
                                                body: ["name": "Eva Tóthová", "locale": "sk"])
            #expect(profile.status == .ok)
            #expect(profile.json?["name"] as? String == "Eva Tóthová")
            #expect(profile.json?["locale"] as? String == "sk")
            let wrong = try await app.request(.post, "/api/v1/me/password", token: access,
                                              body: ["currentPassword": "nope nope nope", "newPassword": "a new passphrase"])
            #expect(wrong.status == .unprocessableContent)
            let changed = try await app.request(.post, "/api/v1/me/password", token: access, body: [
                "currentPassword": "correct horse battery", "newPassword": "a new passphrase",
            ])
            #expect(changed.status == .noContent)
            #expect(try await app.request(.post, "/api/v1/auth/refresh", body: ["refreshToken": refresh]).status
                == .unauthorized)
            _ = try await app.login("eva@example.com", password: "a new passphrase")
        }
    }
}
