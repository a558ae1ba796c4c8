import Foundation
import PPTAssistant
import PPTDomain
import PPTLLM
import PPTStorage
import Testing

@Suite("Assistant report_fault: proposes, then reports on confirmation")
struct ReportFaultToolTests {
    private let tool = ReportFaultTool()

    @Test("run proposes with the tenant's unit and building and creates nothing; perform creates exactly one",
          arguments: TestDatabase.dialects)
    func proposeThenPerform(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await AssistantWorld.make(app)
            let context = world.context(world.tenant)
            let before = try await world.faultCount()
            let output = try await tool.run(["title": " Nesvieti svetlo na chodbe ", "mood": "angry"], context: context)
            #expect(try await world.faultCount() == before)
            let proposal = try #require(output.proposal)
            #expect(proposal.tool == "report_fault")
            #expect(proposal.description == """
                Nahlásim poruchu „Nesvieti svetlo na chodbe“ v dome Building A, byt 1. \
                Kategória: elektrina, priorita: stredná.
                """)
            #expect(output.summary == proposal.description)
            #expect(proposal.arguments == [
                "title": "Nesvieti svetlo na chodbe", "description": "Nesvieti svetlo na chodbe",
                "category": "electrical", "priority": "medium",
                "building_id": .id(world.fixture.building.id), "unit_id": .id(world.fixture.unit.id),
            ])

            let done = try await tool.perform(proposal, context: context)
            #expect(try await world.faultCount() == before + 1)
            let id = try #require(done.data["fault_id"]?.stringValue.flatMap(FaultID.init))
            let fault = try await FaultRepository(database: world.database).fault(world.fixture.admin, id: id)
            #expect(fault.reportedBy == world.fixture.tenantUser.id && fault.unitID == world.fixture.unit.id)
            #expect(fault.title == "Nesvieti svetlo na chodbe" && fault.category == .electrical && fault.status == .new)
            #expect(done.summary == """
                Porucha „Nesvieti svetlo na chodbe“ bola nahlásená v dome Building A, byt 1; stav: nová.
                """)
            #expect(done.data["created"] == .bool(true) && done.proposal == nil)
        }
    }

    @Test("Arguments are normalised and described in the member's language", arguments: TestDatabase.dialects)
    func languages(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await AssistantWorld.make(app)
            let german = try await tool.run(
                ["title": "Aufzug steckt fest", "priority": "URGENT", "category": "elevator", "unit_id": .null],
                context: world.context(world.tenant, .de))
            #expect(german.proposal?.description == """
                Ich melde die Störung „Aufzug steckt fest“ im Haus Building A, Wohnung 1. \
                Kategorie: Aufzug, Priorität: dringend.
                """)
            let english = try await tool.run(
                ["title": "The hallway light is broken", "building_id": .id(world.fixture.building.id)],
                context: world.context(world.tenant, .en))
            #expect(english.proposal?.description == """
                I will report the fault “The hallway light is broken” in Building A. \
                Category: electrical, priority: medium.
                """)
            #expect(english.proposal?.arguments["unit_id"] == .null)
            let czech = try await tool.run(["title": "Kape kohoutek", "unit_id": .id(world.unit3.id)],
                                           context: world.context(world.owner, .cs))
            #expect(czech.proposal?.description == """
                Nahlásím závadu „Kape kohoutek“ v domě Building A, byt 3. \
                Kategorie: voda a kanalizace, priorita: střední.
                """)
            let done = try await tool.perform(try #require(czech.proposal), context: world.context(world.owner, .cs))
            #expect(done.summary == "Závada „Kape kohoutek“ byla nahlášena v domě Building A, byt 3; stav: nová.")
        }
    }

    @Test("Bad arguments and places the member may not report in are errors pointing at the argument",
          arguments: TestDatabase.dialects)
    func invalid(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await AssistantWorld.make(app)
            let before = try await world.faultCount()
            let tenant = world.context(world.tenant)
            await expectError("validation.failed", fields: ["/title"]) { try await tool.run([:], context: tenant) }
            await expectError("validation.failed", fields: ["/title"]) {
                try await tool.run(["title": .bool(true)], context: tenant)
            }
            await expectError("validation.failed", fields: ["/title"]) {
                try await tool.run(["title": .string(String(repeating: "x", count: 201))], context: tenant)
            }
            await expectError("validation.failed", fields: ["/category"]) {
                try await tool.run(["title": "Hluk", "category": "noise"], context: tenant)
            }
            await expectError("validation.failed", fields: ["/priority"]) {
                try await tool.run(["title": "Hluk", "priority": 5], context: tenant)
            }
            await expectError("validation.failed", fields: ["/unit_id"]) {
                try await tool.run(["title": "Hluk", "unit_id": .id(world.unit2.id)], context: tenant)
            }
            await expectError("validation.failed", fields: ["/unit_id"]) {
                try await tool.run(["title": "Hluk", "unit_id": .id(world.other.unit.id)], context: tenant)
            }
            await expectError("validation.failed", fields: ["/building_id"]) {
                try await tool.run(["title": "Hluk", "building_id": .id(world.other.building.id)], context: tenant)
            }
            await expectError("validation.failed", fields: ["/unit_id"]) {
                try await tool.run(["title": "Hluk"], context: world.context(world.owner))
            }
            await expectError("validation.failed", fields: ["/building_id"]) {
                try await tool.run(["title": "Hluk"], context: world.context(world.manager))
            }
            await expectError("validation.failed", fields: ["/building_id"]) {
                try await tool.run(["title": "Hluk", "unit_id": .id(world.fixture.unit.id),
                                    "building_id": .id(world.other.building.id)], context: world.context(world.manager))
            }
            let realtor = OrgScope(organizationID: world.fixture.organization.id, userID: world.fixture.tenantUser.id,
                                   role: .realtor)
            await expectError("permission.denied") {
                try await tool.run(["title": "Hluk"], context: world.context(realtor))
            }
            let wrong = ToolProposal(tool: "my_balance", arguments: ["title": "Hluk"], description: "")
            await expectError("validation.failed", fields: ["/tool"]) { try await tool.perform(wrong, context: tenant) }
            let forged = ToolProposal(tool: "report_fault",
                                      arguments: ["title": "Hluk", "unit_id": .id(world.unit2.id)], description: "")
            await expectError("validation.failed", fields: ["/unit_id"]) {
                try await tool.perform(forged, context: tenant)
            }
            #expect(try await world.faultCount() == before)

            let staff = try await tool.run(["title": "Hluk v pivnici", "building_id": .id(world.fixture.building.id)],
                                           context: world.context(world.manager))
            #expect(staff.proposal?.description.hasPrefix(
                "Nahlásim poruchu „Hluk v pivnici“ v dome Building A.") == true)
        }
    }
}
