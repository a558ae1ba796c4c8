import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTHTTP
import PPTStorage
import Testing

/// DESIGN §4 through the API: what a tenant may not do in their own organization.
@Suite("Role matrix")
struct RoleMatrixTests {
    @Test("a tenant cannot publish announcements, read other units' invoices or see documents outside their scope",
          arguments: TestDatabase.dialects)
    func tenantLimits(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let database = app.runtime.database
            let admin = world.fixture.admin
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            // A second unit with its own invoice, and a staff-only document.
            let otherUnit = try await PropertyRepository(database: database).createUnit(admin, UnitInput(
                buildingID: world.fixture.building.id, number: "2", type: .flat, floor: 2, sizeSqm: 70, rooms: 3,
                ownershipShareNumerator: 2, ownershipShareDenominator: 10))
            let today = CalendarDate(Date())
            let foreignInvoice = try await FinanceRepository(database: database).createInvoice(admin, InvoiceInput(
                unitID: otherUnit.id, number: "OTHER-1", description: "Service charge", amountMinor: 5_000,
                currency: .EUR, issueDate: today, dueDate: today.adding(days: 14)))
            let secret = try await DocumentRepository(database: database, blobs: app.runtime.blobs).upload(
                admin, DocumentMetadataInput(title: "Board salaries", category: "finance",
                                             access: DocumentAccess(level: .staff)),
                file: DocumentFile(fileName: "salaries.txt", declaredType: "text/plain", data: Data("confidential".utf8)))

            let tenant = try await app.login(world.tenantEmail)
            let create = try await app.request(.post, "\(org)/announcements", token: tenant,
                                               body: ["title": "Party", "body": "Tonight"])
            #expect(create.status == .forbidden)
            #expect(create.json?["code"] as? String == "permission.denied")
            let publish = try await app.request(
                .post, "\(org)/announcements/\(world.ids["announcementID"]!)/publish", token: tenant)
            #expect([.forbidden, .notFound].contains(publish.status))

            #expect(try await app.request(.get, "\(org)/invoices/\(world.ids["invoiceID"]!)", token: tenant).status == .ok)
            let foreign = try await app.request(.get, "\(org)/invoices/\(foreignInvoice.id)", token: tenant)
            #expect(foreign.status == .notFound)
            let invoices = try await app.request(.get, "\(org)/invoices", token: tenant)
            #expect(invoices.items.map { $0["id"] as? String } == [world.ids["invoiceID"]])
            #expect(try await app.request(.get, "\(org)/units/\(otherUnit.id)/balance", token: tenant).status == .notFound)

            #expect(try await app.request(.get, "\(org)/documents/\(secret.id)", token: tenant).status == .notFound)
            #expect(try await app.request(.get, "\(org)/documents/\(secret.id)/content", token: tenant).status == .notFound)
            let documents = try await app.request(.get, "\(org)/documents", token: tenant)
            #expect(!documents.text.contains(secret.id.rawValue))
            #expect(documents.text.contains(world.ids["documentID"]!))

            // Members cannot manage the organization; the admin can.
            #expect(try await app.request(.put, "\(org)/members", token: tenant,
                                          body: ["email": world.tenantEmail, "role": "admin"]).status == .forbidden)
            #expect(try await app.request(.put, "\(org)/feature-flags/llm.chat_enabled", token: tenant,
                                          body: ["enabled": false]).status == .forbidden)
            let adminToken = try await app.login(world.adminEmail)
            let flag = try await app.request(.put, "\(org)/feature-flags/llm.chat_enabled", token: adminToken,
                                             body: ["enabled": false])
            #expect(flag.status == .ok)
            let flags = try await app.request(.get, "\(org)/feature-flags", token: tenant)
            #expect(flags.status == .ok)
            #expect(flags.text.contains("\"enabled\":false"))
        }
    }

    @Test("Idempotency-Key replays the first response and rejects a different body", arguments: TestDatabase.dialects)
    func idempotency(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let path = "/api/v1/orgs/\(world.ids["orgID"]!)/buildings"
            let body: [String: Any] = ["name": "Nová", "street": "Dlhá 5", "city": "Trnava", "postalCode": "91701",
                                       "country": "SK"]
            let first = try await app.request(.post, path, token: token, body: body, headers: [.idempotencyKey: "k-1"])
            let second = try await app.request(.post, path, token: token, body: body, headers: [.idempotencyKey: "k-1"])
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(first.json?["id"] as? String == second.json?["id"] as? String)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            var changed = body
            changed["name"] = "Iná"
            let mismatch = try await app.request(.post, path, token: token, body: changed,
                                                 headers: [.idempotencyKey: "k-1"])
            #expect(mismatch.status == .unprocessableContent)
            #expect(mismatch.json?["code"] as? String == "idempotency.key_reused")
            let list = try await app.request(.get, path, token: token)
            #expect(list.items.filter { $0["name"] as? String == "Nová" }.count == 1)
        }
    }

    @Test("oversized bodies and unknown enum values are 4xx problems", arguments: [DatabaseDialect.sqlite])
    func badBodies(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let token = try await app.login(world.adminEmail)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
            let huge = String(repeating: "x", count: 2 * 1024 * 1024)
            let tooLarge = try await app.request(.post, "\(org)/buildings", token: token,
                                                 body: ["name": huge, "street": "s", "city": "c", "postalCode": "p",
                                                        "country": "SK"])
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.json?["code"] as? String == "request.too_large")
            let badEnum = try await app.request(.post, "\(org)/faults", token: token, body: [
                "buildingID": world.ids["buildingID"]!, "title": "t", "description": "d", "category": "volcano",
            ])
            #expect(badEnum.status == .unprocessableContent)
            #expect(((badEnum.json?["errors"] as? [[String: Any]])?.first?["pointer"] as? String) == "/category")
            let badID = try await app.request(.get, "\(org)/faults/not-a-uuid", token: token)
            #expect(badID.status == .notFound)
            let badTransition = try await app.request(.patch, "\(org)/faults/\(world.ids["faultID"]!)", token: token,
                                                      body: ["status": "closed"])
            #expect(badTransition.status == .conflict)
            #expect(badTransition.json?["code"] as? String == "fault.invalid_transition")
            let badQuery = try await app.request(.get, "\(org)/faults?limit=5000", token: token)
            #expect(badQuery.status == .unprocessableContent)
        }
    }

    @Test("a tenant cannot read or change listing photos and texts; a realtor can", arguments: TestDatabase.dialects)
    func listingMedia(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            try await app.user("realtor@world.test")
            _ = try await AccountRepository(database: app.runtime.database)
                .setMember(world.fixture.admin, email: "realtor@world.test", role: .realtor)
            let realtor = try await app.login("realtor@world.test")
            let tenant = try await app.login(world.tenantEmail)
            let listing = "/api/v1/orgs/\(world.ids["orgID"]!)/listings/\(world.ids["listingID"]!)"
            let photo = "\(listing)/photos/\(world.ids["photoID"]!)"
            let png = ByteBuffer(bytes: try TestImages.png(shade: 3))
            let text: [String: Any] = ["title": "Flat", "description": "Nice"]

            let refused: [(String, TestApp.Result)] = [
                ("upload", try await app.raw(.post, "\(listing)/photos", token: tenant, body: png,
                                             headers: [.contentType: "image/png"])),
                ("list photos", try await app.request(.get, "\(listing)/photos", token: tenant)),
                ("content", try await app.request(.get, "\(photo)/content", token: tenant)),
                ("delete photo", try await app.request(.delete, photo, token: tenant)),
                ("list texts", try await app.request(.get, "\(listing)/texts", token: tenant)),
                ("put text", try await app.request(.put, "\(listing)/texts/en", token: tenant, body: text)),
                ("delete text", try await app.request(.delete, "\(listing)/texts/de", token: tenant)),
            ]
            for (name, response) in refused {
                #expect(response.status == .forbidden, "tenant \(name): \(response.status.code) \(response.text)")
                #expect(response.json?["code"] as? String == "permission.denied", "tenant \(name)")
            }

            let uploaded = try await app.raw(.post, "\(listing)/photos", token: realtor, body: png,
                                             headers: [.contentType: "image/png"])
            #expect(uploaded.status == .created)
            #expect(try await app.request(.get, "\(photo)/content", token: realtor).status == .ok)
            #expect(try await app.request(.delete, photo, token: realtor).status == .noContent)
            #expect(try await app.request(.put, "\(listing)/texts/en", token: realtor, body: text).status == .ok)
            #expect(try await app.request(.delete, "\(listing)/texts/de", token: realtor).status == .noContent)
            #expect(try await app.request(.get, "\(listing)/texts", token: realtor).array?.count == 1)
        }
    }

    @Test("/me lists each membership's permissions, matching its role", arguments: [DatabaseDialect.sqlite])
    func mePermissions(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            try await app.user("realtor@world.test")
            _ = try await AccountRepository(database: app.runtime.database)
                .setMember(world.fixture.admin, email: "realtor@world.test", role: .realtor)
            let cases: [(String, Role)] = [(world.tenantEmail, .tenant), ("realtor@world.test", .realtor),
                                           (world.adminEmail, .admin)]
            for (email, role) in cases {
                let me = try await app.request(.get, "/api/v1/me", token: try await app.login(email))
                #expect(me.status == .ok)
                let memberships = try #require(me.json?["memberships"] as? [[String: Any]])
                #expect(memberships.count == 1)
                #expect(memberships.first?["role"] as? String == role.rawValue)
                let permissions = try #require(memberships.first?["permissions"] as? [String], "\(me.text)")
                #expect(permissions == role.permissions.map(\.rawValue).sorted(), "\(role)")
            }
            let tenant = try await app.request(.get, "/api/v1/me", token: try await app.login(world.tenantEmail))
            let permissions = (tenant.json?["memberships"] as? [[String: Any]])?.first?["permissions"] as? [String] ?? []
            #expect(!permissions.contains("listingsManage") && !permissions.contains("listingsRead"))
            #expect(permissions.contains("faultsReport") && permissions.contains("financeReadOwn"))
        }
    }
}
