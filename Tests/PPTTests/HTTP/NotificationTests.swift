import Foundation
import HTTPTypes
import PPTApp
import PPTDomain
import PPTStorage
import Testing

@Suite("Notifications")
struct NotificationTests {
    @Test("operators receive a notification once per dedupe key, read it, and never see another user's",
          arguments: TestDatabase.dialects)
    func notifications(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let a = try await World.make(app, name: "A")
            let b = try await World.make(app, name: "B")
            let repository = NotificationRepository(database: app.runtime.database)
            let operators = try await repository.operatorIDs()
            #expect(Set(operators) == [a.fixture.admin.userID, b.fixture.admin.userID])
            for _ in 0..<2 {
                try await repository.notify(operators, kind: "alert.error_rate", title: "Error rate 7.1 %",
                                            body: "Above 5 % for 5 minutes.", data: ["value": .number(0.071)],
                                            dedupeKey: "alert.error_rate:2026-11-29T17:00")
            }
            let tokenA = try await app.login(a.adminEmail)
            let tokenB = try await app.login(b.adminEmail)
            let list = try await app.request(.get, "/api/v1/me/notifications?unread=true", token: tokenA)
            #expect(list.status == .ok)
            #expect(list.items.count == 1)
            let id = try #require(list.items.first?["id"] as? String)
            let foreign = try await app.request(.post, "/api/v1/me/notifications/\(id)/read", token: tokenB)
            #expect(foreign.status == .notFound)
            let read = try await app.request(.post, "/api/v1/me/notifications/\(id)/read", token: tokenA)
            #expect(read.status == .ok)
            #expect(read.json?["readAt"] != nil)
            #expect(try await app.request(.get, "/api/v1/me/notifications?unread=true", token: tokenA).items.isEmpty)
            let all = try await app.request(.post, "/api/v1/me/notifications/read-all", token: tokenB)
            #expect(all.json?["updated"] as? Int == 1)
            #expect(try await app.request(.get, "/api/v1/me/notifications", token: nil).status == .unauthorized)
        }
    }
}
