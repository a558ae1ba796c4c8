import Foundation
import HTTPTypes
import PPTApp
import PPTAssistant
import PPTDomain
import PPTStorage
import Testing

@Suite("Voice command log API: own commands for the member, the organization's for its staff")
struct VoiceCommandAPITests {
    @Test("The member lists their own commands; admins list the organization's; other organizations are 404",
          arguments: TestDatabase.dialects)
    func lists(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let a = try await World.make(app, name: "A")
            let b = try await World.make(app, name: "B")
            let orgA = a.fixture.organization.id
            let token = try await OAuthTestSupport.linkedToken(app: app, user: a.tenantEmail, organizationID: orgA,
                                                               unitID: a.fixture.unit.id)
            let grant = try #require(try await OAuthRepository(database: app.runtime.database)
                .grant(forAccessToken: token))
            let voice = app.runtime.assistant.voice
            for utterance in ["koľko dlžím", "aké sú moje poruchy", "kedy je najbližší odpočet"] {
                var command = VoiceCommandService.recognize(utterance, locale: .sk)
                command.deviceID = "echo-kitchen"
                _ = try await voice.handle(a.fixture.tenant, grant: grant, command)
            }
            let adminToken = try await OAuthTestSupport.linkedToken(app: app, user: a.adminEmail, organizationID: orgA)
            let adminGrant = try #require(try await OAuthRepository(database: app.runtime.database)
                .grant(forAccessToken: adminToken))
            _ = try await voice.handle(a.fixture.admin, grant: adminGrant,
                                       VoiceCommandService.recognize("what do I owe", locale: .en))

            let tenant = try await app.login(a.tenantEmail)
            let admin = try await app.login(a.adminEmail)
            let mine = try await app.request(.get, "/api/v1/me/voice/commands?limit=2", token: tenant)
            #expect(mine.status == .ok)
            #expect(mine.items.count == 2 && mine.json?["nextCursor"] is String)
            let item = try #require(mine.items.first)
            #expect(item["userID"] as? String == a.fixture.tenantUser.id.rawValue && item["deviceID"] as? String == "echo-kitchen")
            #expect(item["platform"] as? String == "alexa" && item["result"] as? String == "ok")
            #expect((item["latencyMilliseconds"] as? Int).map { $0 >= 0 } == true && item["reply"] is String)
            #expect(!mine.text.contains(token) && !mine.text.contains(adminToken))
            let cursor = try #require(mine.json?["nextCursor"] as? String)
            let rest = try await app.request(.get, "/api/v1/me/voice/commands?cursor=\(cursor)", token: tenant)
            #expect(rest.status == .ok && rest.items.count == 1 && !(rest.json?["nextCursor"] is String))
            let intents = Set((mine.items + rest.items).compactMap { $0["intent"] as? String })
            #expect(intents == ["check_balance", "my_faults", "next_meter_reading"])
            let filtered = try await app.request(.get, "/api/v1/me/voice/commands?orgID=\(b.fixture.organization.id)",
                                                 token: tenant)
            #expect(filtered.status == .ok && filtered.items.isEmpty)

            let all = try await app.request(.get, "/api/v1/orgs/\(orgA)/voice/commands", token: admin)
            #expect(all.status == .ok && all.items.count == 4)
            let one = try await app.request(
                .get, "/api/v1/orgs/\(orgA)/voice/commands?userID=\(a.fixture.tenantUser.id)&result=ok", token: admin)
            #expect(one.items.count == 3)
            let adminsOwn = try await app.request(.get, "/api/v1/me/voice/commands", token: admin)
            #expect(adminsOwn.items.count == 1 && adminsOwn.items.first?["intent"] as? String == "check_balance")

            let forbidden = try await app.request(.get, "/api/v1/orgs/\(orgA)/voice/commands", token: tenant)
            #expect(forbidden.status == .forbidden)
            let elsewhere = try await app.request(.get, "/api/v1/orgs/\(b.fixture.organization.id)/voice/commands",
                                                  token: admin)
            #expect(elsewhere.status == .notFound)
            let otherAdmin = try await app.login(b.adminEmail)
            let empty = try await app.request(.get, "/api/v1/orgs/\(b.fixture.organization.id)/voice/commands",
                                              token: otherAdmin)
            #expect(empty.status == .ok && empty.items.isEmpty)
            let bad = try await app.request(.get, "/api/v1/orgs/\(orgA)/voice/commands?result=maybe", token: admin)
            #expect(bad.status == .unprocessableContent)
            let anonymous = try await app.request(.get, "/api/v1/me/voice/commands")
            #expect(anonymous.status == .unauthorized)
        }
    }
}
