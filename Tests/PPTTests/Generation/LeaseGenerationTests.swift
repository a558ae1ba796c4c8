import Foundation
import HTTPTypes
import SQLKit
import PPTApp
import PPTDomain
import PPTStorage
import Testing

/// The demo cooperative (a Slovak lease of A102 to Eva Tóthová) plus a Czech building with a lease,
/// and a second tenant with a login in another unit.
struct LeaseWorld: Sendable {
    let app: TestApp
    /// `/api/v1/orgs/<id>`.
    let org: String
    let admin: String
    let manager: String
    /// Eva Tóthová, tenant of A102.
    let tenant: String
    /// A tenant of another unit.
    let otherTenant: String
    let adminScope: OrgScope
    let skLeaseID: String
    let skUnitID: String
    let czLeaseID: String
    let czUnitID: String

    static func make(_ app: TestApp) async throws -> LeaseWorld {
        let logins = try #require(try await DemoSeed(runtime: app.runtime).run())
        func token(_ role: String) async throws -> String {
            let login = try #require(logins.first { $0.role == role })
            return try await app.login(login.email, password: login.password)
        }
        let admin = try await token("admin")
        let me = try await app.request(.get, "/api/v1/me", token: admin)
        let membership = try #require((me.json?["memberships"] as? [[String: Any]])?.first)
        let orgID = try #require((membership["organization"] as? [String: Any])?["id"] as? String)
        let org = "/api/v1/orgs/\(orgID)"
        let leases = try await app.request(.get, "\(org)/leases", token: admin).items
        let skLease = try #require(leases.first)
        let accounts = AccountRepository(database: app.runtime.database)
        let adminText = try #require((me.json?["user"] as? [String: Any])?["id"] as? String)
        let adminID = try #require(UserID(adminText))
        let organizationID = try #require(OrganizationID(orgID))
        let found = try await accounts.scope(userID: adminID, organizationID: organizationID)
        let scope = try #require(found)
        let properties = PropertyRepository(database: app.runtime.database)
        let building = try await properties.createBuilding(scope, BuildingInput(
            name: "Dům Vinohrady", street: "Korunní 12", city: "Praha", postalCode: "120 00", country: "CZ"))
        let unit = try await properties.createUnit(scope, UnitInput(
            buildingID: building.id, number: "3B", type: .flat, floor: 3, sizeSqm: 61.5, rooms: 2,
            ownershipShareNumerator: 615, ownershipShareDenominator: 10_000))
        let czLease = try await LeaseRepository(database: app.runtime.database).createLease(scope, LeaseInput(
            unitID: unit.id, landlord: LeaseParty(name: "Jana Dvořáková", address: "Korunní 12, 120 00 Praha"),
            tenants: [LeaseParty(name: "Tomáš Svoboda", address: "Slezská 5, 130 00 Praha", idNumber: "850101/1234")],
            startDate: CalendarDate("2026-01-01")!, endDate: nil, rentMinor: 1_850_000, depositMinor: 3_700_000,
            currency: .CZK))
        // Another unit's tenant with a login.
        let otherEmail = "other-tenant@lease.test"
        let other = try await app.user(otherEmail)
        _ = try await accounts.setMember(scope, email: otherEmail, role: .tenant)
        _ = try await properties.addResident(scope, unitID: unit.id, ResidentInput(
            userID: other.id, name: "Other Tenant", relation: .tenant, startDate: CalendarDate("2026-01-01")!))
        return LeaseWorld(
            app: app, org: org, admin: admin, manager: try await token("manager"), tenant: try await token("tenant"),
            otherTenant: try await app.login(otherEmail), adminScope: scope,
            skLeaseID: try #require(skLease["id"] as? String), skUnitID: try #require(skLease["unitID"] as? String),
            czLeaseID: czLease.id.rawValue, czUnitID: unit.id.rawValue)
    }

    /// `POST …/leases/{id}/drafts` as the manager.
    func generate(_ leaseID: String, _ body: [String: Any] = [:], token: String? = nil) async throws -> TestApp.Result {
        try await app.request(.post, "\(org)/leases/\(leaseID)/drafts", token: token ?? manager, body: body)
    }

    /// A lease as the API returns it.
    func lease(_ id: String) async throws -> [String: Any] {
        try #require(try await app.request(.get, "\(org)/leases/\(id)", token: manager).json)
    }
}

/// The generated result's sections.
func leaseSections(_ generation: [String: Any]?) -> [[String: Any]] {
    ((generation?["result"] as? [String: Any])?["sections"] as? [[String: Any]]) ?? []
}

/// The text of the section `key`.
func leaseText(_ sections: [[String: Any]], _ key: String) -> String {
    sections.first { $0["key"] as? String == key }?["text"] as? String ?? ""
}

/// `2026-01-01` as Slovak and Czech contracts write it: `1. 1. 2026`.
func czechSlovakDate(_ iso: String) -> String {
    let parts = iso.split(separator: "-").compactMap { Int($0) }
    return "\(parts[2]). \(parts[1]). \(parts[0])"
}

@Suite("Lease generation from the clause library")
struct LeaseGenerationTests {
    static let slovakMandatory = ["parties", "flat", "term", "rent", "deposit", "maintenance", "use", "subletting",
                                  "termination", "handover", "governing_law", "signatures"]

    @Test("A Slovak and a Czech lease from the data contain every mandatory clause and the exact figures",
          arguments: TestDatabase.dialects)
    func slovakAndCzech(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await LeaseWorld.make(app)
            let sk = try await world.generate(world.skLeaseID)
            #expect(sk.status == .created, "\(sk.text)")
            let skResult = try #require(sk.json?["result"] as? [String: Any])
            #expect(skResult["country"] as? String == "SK")
            #expect(skResult["language"] as? String == "sk")
            #expect(sk.json?["subject"] as? String == "lease:\(world.skLeaseID)")
            #expect((sk.json?["usage"] as? [String: Any])?["provider"] as? String == "builtin")
            let sections = leaseSections(sk.json)
            let keys = sections.compactMap { $0["key"] as? String }
            #expect(keys == Self.slovakMandatory)
            #expect(sections.allSatisfy { $0["mandatory"] as? Bool == true && ($0["legalBasis"] as? String) != nil })
            let lease = try await world.lease(world.skLeaseID)
            #expect(leaseText(sections, "rent").contains("Nájomné je 620,00 EUR mesačne"))
            #expect(leaseText(sections, "deposit").contains("1 240,00 EUR"))
            #expect(leaseText(sections, "parties").contains("Prenajímateľ: Ján Novák"))
            #expect(leaseText(sections, "parties").contains("Nájomca: Eva Tóthová"))
            #expect(leaseText(sections, "flat").contains("byt č. A102"))
            let start = czechSlovakDate(try #require(lease["startDate"] as? String))
            let end = czechSlovakDate(try #require(lease["endDate"] as? String))
            #expect(leaseText(sections, "term").contains("na dobu určitú od \(start) do \(end)"))
            #expect(leaseText(sections, "handover").contains(start))
            let termination = try #require(sections.first { $0["key"] as? String == "termination" })
            #expect((termination["legalBasis"] as? String)?.contains("§711") == true)
            #expect(!sections.contains { ($0["text"] as? String)?.contains("{") == true })
            print("lease: built-in generation latencyMs=\(sk.json?["latencyMs"] ?? "?") (\(dialect))")

            let cz = try await world.generate(world.czLeaseID, ["bilingual": "en"])
            #expect(cz.status == .created, "\(cz.text)")
            let czResult = try #require(cz.json?["result"] as? [String: Any])
            #expect(czResult["language"] as? String == "cs")
            #expect(czResult["translatedTitle"] as? String == "Flat Lease Agreement")
            let czSections = leaseSections(cz.json)
            #expect(czSections.count == Self.slovakMandatory.count)
            #expect(leaseText(czSections, "rent").contains("Nájemné činí 18 500,00 Kč měsíčně"))
            #expect(leaseText(czSections, "deposit").contains("37 000,00 Kč"))
            #expect(leaseText(czSections, "term").contains("na dobu neurčitou s účinností od 1. 1. 2026"))
            #expect(leaseText(czSections, "flat").contains("byt č. 3B ve 3. podlaží"))
            #expect(leaseText(czSections, "parties").contains("identifikační číslo: 850101/1234"))
            let deposit = try #require(czSections.first { $0["key"] as? String == "deposit" })
            #expect((deposit["legalBasis"] as? String)?.contains("§2254") == true)
            let translation = try #require(deposit["translation"] as? [String: Any])
            #expect((translation["text"] as? String)?.contains("CZK 37,000.00") == true)
            #expect(czSections.allSatisfy { $0["translation"] is [String: Any] })

            let drafts = try await app.request(.get, "\(world.org)/leases/\(world.czLeaseID)/drafts", token: world.manager)
            #expect(drafts.items.map { $0["id"] as? String } == [cz.json?["id"] as? String])
            let byTenant = try await world.generate(world.skLeaseID, token: world.tenant)
            #expect(byTenant.status == .forbidden)
        }
    }

    @Test("A lease with a missing tenant name and address is refused, naming every missing field",
          arguments: TestDatabase.dialects)
    func missingFields(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await LeaseWorld.make(app)
            try await app.runtime.database.write { sql in
                try await sql.raw("""
                    UPDATE leases SET tenants = \(bind: #"[{"name":"  "}]"#) WHERE id = \(bind: world.czLeaseID)
                    """).run()
            }
            let refused = try await world.generate(world.czLeaseID)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.json?["code"] as? String == "lease.missing_fields")
            let pointers = ((refused.json?["errors"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String }
            #expect(pointers == ["/lease/tenants/0/name", "/lease/tenants/0/address"])
            let drafts = try await app.request(.get, "\(world.org)/leases/\(world.czLeaseID)/drafts", token: world.manager)
            #expect(drafts.items.first?["status"] as? String == "failed")
            #expect(drafts.items.first?["errorCode"] as? String == "lease.missing_fields")
        }
    }

    @Test("A Czech deposit over three months' rent is refused (§2254), and so is a unit that is not a flat")
    func czechDepositCap() async throws {
        try await TestApp.with(.sqlite) { app in
            let world = try await LeaseWorld.make(app)
            try await app.runtime.database.write { sql in
                try await sql.raw("UPDATE leases SET deposit_minor = 5600000 WHERE id = \(bind: world.czLeaseID)").run()
            }
            let refused = try await world.generate(world.czLeaseID)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.json?["code"] as? String == "lease.deposit_over_limit")
            #expect(refused.text.contains("/lease/deposit"))
            try await app.runtime.database.write { sql in
                try await sql.raw("UPDATE leases SET deposit_minor = 5550000 WHERE id = \(bind: world.czLeaseID)").run()
            }
            #expect(try await world.generate(world.czLeaseID).status == .created)
            // A garage is not let under the flat-lease clauses.
            try await app.runtime.database.write { sql in
                try await sql.raw("UPDATE units SET type = 'garage' WHERE id = \(bind: world.czUnitID)").run()
            }
            let garage = try await world.generate(world.czLeaseID)
            #expect(garage.status == .unprocessableContent && garage.pointers == ["/unit/type"], "\(garage.text)")
        }
    }
}
