import Foundation
import PPTApp
import PPTAssistant
import PPTDomain
import PPTStorage
import Testing

/// An organization for the assistant's tools on 10 March 2025: a tenant in unit 1, an owner of units 2 and
/// 3, a manager, invoices, faults, votes, reading windows, a meter and announcements; and a second
/// organization whose data must never show.
struct AssistantWorld: Sendable {
    static let today = "2025-03-10"

    let app: TestApp
    let clock: FixedClock
    let fixture: Fixture
    let other: Fixture
    let manager: OrgScope
    let owner: OrgScope
    let unit2: BuildingUnit
    let unit3: BuildingUnit
    let tenantFault: Fault
    let ownerFault: Fault
    let activeVote: Vote
    let scheduledVote: Vote

    var database: any Database { app.runtime.database }
    var tenant: OrgScope { fixture.tenant }

    /// The tools' services over this world, reading the world's fixed clock.
    var services: AssistantServices {
        AssistantServices(database: database, blobs: app.runtime.blobs, clock: clock,
                          search: app.runtime.search.search)
    }

    /// A tool context for `scope` in `locale`.
    func context(_ scope: OrgScope, _ locale: AppLocale = .sk) -> ToolContext {
        ToolContext(scope: scope, locale: locale, services: services)
    }

    /// Runs the registry's tool `name`.
    func run(_ name: String, _ scope: OrgScope, _ locale: AppLocale = .sk, _ arguments: [String: JSONValue] = [:])
        async throws -> ToolOutput
    {
        let tool = try #require(ToolRegistry.standard().tool(named: name))
        return try await tool.run(arguments, context: context(scope, locale))
    }

    static func make(_ app: TestApp) async throws -> AssistantWorld {
        let database = app.runtime.database
        let clock = FixedClock(today)
        let day = { (text: String) in CalendarDate(text)! }
        let fixture = try await Fixture.make(database, name: "A")
        let other = try await Fixture.make(database, name: "Z")
        let accounts = AccountRepository(database: database)
        let properties = PropertyRepository(database: database, clock: clock)
        let admin = fixture.admin

        let managerUser = try await accounts.createUser(email: "manager-a@example.com", name: "Manager A",
                                                        passwordHash: "x", locale: .sk)
        _ = try await accounts.setMember(admin, email: managerUser.email, role: .manager)
        let manager = try await accounts.scope(userID: managerUser.id, organizationID: fixture.organization.id)!
        func unit(_ number: String) async throws -> BuildingUnit {
            try await properties.createUnit(admin, UnitInput(
                buildingID: fixture.building.id, number: number, type: .flat, floor: 2, sizeSqm: 48, rooms: 2,
                ownershipShareNumerator: 480, ownershipShareDenominator: 10_000))
        }
        let unit2 = try await unit("2")
        let unit3 = try await unit("3")
        let ownerUser = try await accounts.createUser(email: "owner-a@example.com", name: "Owner A",
                                                      passwordHash: "x", locale: .sk)
        _ = try await accounts.setMember(admin, email: ownerUser.email, role: .owner)
        for unit in [unit2, unit3] {
            _ = try await properties.addResident(admin, unitID: unit.id, ResidentInput(
                userID: ownerUser.id, name: ownerUser.name, email: ownerUser.email, relation: .owner,
                startDate: day("2024-01-01")))
        }
        let owner = try await accounts.scope(userID: ownerUser.id, organizationID: fixture.organization.id)!

        let finance = FinanceRepository(database: database, clock: clock)
        func invoice(_ unit: UnitID, _ number: String, _ minor: Int64, due: String, as scope: OrgScope? = nil)
            async throws -> Invoice
        {
            try await finance.createInvoice(scope ?? admin, InvoiceInput(
                unitID: unit, number: number, description: "Zálohy \(number)", amountMinor: minor, currency: .EUR,
                issueDate: day("2025-02-01"), dueDate: day(due)))
        }
        let overdue = try await invoice(fixture.unit.id, "INV-1", 12_000, due: "2025-02-28")
        _ = try await finance.recordPayment(admin, PaymentInput(
            invoiceID: overdue.id, amountMinor: 2_000, currency: .EUR, receivedOn: day("2025-03-01")))
        _ = try await invoice(fixture.unit.id, "INV-2", 8_000, due: "2025-03-15")
        _ = try await invoice(unit2.id, "INV-3", 123_456, due: "2025-02-15")
        _ = try await invoice(other.unit.id, "INV-Z", 99_900, due: "2025-02-15", as: other.admin)

        let faults = FaultRepository(database: database, clock: clock)
        let tenantFault = try await faults.report(fixture.tenant, FaultInput(
            buildingID: fixture.building.id, unitID: fixture.unit.id, title: "Kvapká kohútik",
            description: "V kuchyni kvapká kohútik.", category: .plumbing))
        let ownerFault = try await faults.report(owner, FaultInput(
            buildingID: fixture.building.id, unitID: unit2.id, title: "Prasknuté okno",
            description: "Okno v spálni je prasknuté.", category: .structural))
        _ = try await FaultRepository(database: database).report(other.tenant, FaultInput(
            buildingID: other.building.id, unitID: other.unit.id, title: "Cudzia porucha", description: "x",
            category: .other))

        let votes = VoteRepository(database: database, clock: clock)
        let question = [VoteQuestionInput(id: "q1", text: "Súhlasíte?", options: ["yes", "no"])]
        let active = try await votes.create(admin, VoteInput(
            buildingID: fixture.building.id, title: "Zateplenie fasády", description: "", questions: question))
        let activeVote = try await votes.open(admin, id: active.id, VoteOpening(
            endsAt: CalendarDate("2025-03-20")!.startOfDay.addingTimeInterval(12 * 3600)))
        let planned = try await votes.create(admin, VoteInput(
            buildingID: nil, title: "Nová strecha", description: "", questions: question))
        let scheduledVote = try await votes.schedule(admin, id: planned.id, VoteSchedule(
            startsAt: day("2025-04-01").startOfDay, endsAt: day("2025-04-10").startOfDay))
        _ = try await votes.create(admin, VoteInput(
            buildingID: nil, title: "Rozpracované", description: "", questions: question))

        let meters = MeterRepository(database: database, clock: clock)
        _ = try await meters.createReadingWindow(admin, ReadingWindowInput(
            buildingID: fixture.building.id, title: "Zima 2025", opensOn: day("2025-03-09"),
            closesOn: day("2025-03-20")))
        _ = try await meters.createReadingWindow(admin, ReadingWindowInput(
            title: "Leto 2025", opensOn: day("2025-06-01"), closesOn: day("2025-06-10")))
        _ = try await meters.createReadingWindow(admin, ReadingWindowInput(
            title: "Jeseň 2024", opensOn: day("2024-10-01"), closesOn: day("2024-10-10")))
        let meter = try await meters.createMeter(admin, MeterInput(unitID: fixture.unit.id, kind: .coldWater,
                                                                   serialNumber: "CW-1"))
        _ = try await meters.submitReading(admin, meterID: meter.id,
                                           ReadingInput(value: 12.5, readOn: day("2025-03-01")))
        _ = try await meters.createMeter(admin, MeterInput(unitID: unit2.id, kind: .hotWater, serialNumber: "HW-2"))

        let announcements = AnnouncementRepository(database: database, clock: clock)
        for title in ["Odstávka vody", "Upratovanie schodiska"] {
            let draft = try await announcements.create(admin,
                                                       AnnouncementInput(title: title, body: "\(title) – detaily."))
            _ = try await announcements.publish(admin, id: draft.id)
        }
        _ = try await announcements.create(admin, AnnouncementInput(title: "Koncept", body: "Ešte nie."))

        return AssistantWorld(app: app, clock: clock, fixture: fixture, other: other, manager: manager, owner: owner,
                              unit2: unit2, unit3: unit3, tenantFault: tenantFault, ownerFault: ownerFault,
                              activeVote: activeVote, scheduledVote: scheduledVote)
    }

    /// Every fault of the organization, as the admin sees them.
    func faultCount() async throws -> Int {
        try await FaultRepository(database: database).faults(fixture.admin, page: PageRequest(limit: 200)).items.count
    }
}
