import Foundation
import PPTDomain
import PPTStorage
import PPTWorkflow
import Testing

/// Built-in templates run for real: instantiated, saved as workflows, triggered by real domain
/// changes and driven by the engine over SQLite and PostgreSQL.
@Suite("Workflow templates end to end")
struct WorkflowTemplateRunTests {
    static func report(_ h: WorkflowHarness, _ title: String, priority: FaultPriority) async throws -> Fault {
        try await FaultRepository(database: h.database, clock: h.clock).report(h.world.tenant, FaultInput(
            buildingID: h.world.building.id, unitID: h.world.unit.id, title: title, description: "Reported by a tenant",
            category: .plumbing, priority: priority))
    }

    @Test("fault escalation waits, re-checks each fault, and alerts the managers only about the one still new",
          arguments: TestDatabase.dialects)
    func faultEscalation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let definition = try WorkflowTemplateLibrary.builtIn(id: "builtin.fault_escalation")
                .instantiate(parameters: ["waitFor": "4h", "language": "en", "priorities": ["high", "urgent"]])
            let workflow = try await h.service.create(h.admin, name: "Escalation", description: "", enabled: true,
                                                      definition: definition.json)
            _ = try await Self.report(h, "Leaking tap", priority: .high)
            let handled = try await Self.report(h, "Broken light", priority: .urgent)
            _ = try await Self.report(h, "Scratched door", priority: .low)
            try await h.drain()
            var runs = try await h.runs(workflow)
            #expect(runs.count == 2, "the low-priority fault is filtered out")
            #expect(runs.allSatisfy { $0.status == .waiting })

            _ = try await FaultRepository(database: database, clock: h.clock)
                .update(h.admin, id: handled.id, FaultUpdate(status: .acknowledged))
            h.clock.advance(by: 4 * 3600 + 1)
            try await h.drain()
            runs = try await h.runs(workflow)
            #expect(runs.map(\.status) == [.succeeded, .succeeded])
            let notes = try await h.notifications(h.world.manager.id)
            #expect(notes.map(\.title) == ["Fault not picked up: Leaking tap"])
            #expect(notes.first?.body.hasPrefix("The fault \u{201C}Leaking tap\u{201D} (priority high, category plumbing)") == true)
        }
    }

    @Test("an urgent fault is assigned to the template's technician, who is notified in their language",
          arguments: TestDatabase.dialects)
    func urgentFaultToTechnician(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let technician = h.world.technician.id
            let definition = try WorkflowTemplateLibrary.builtIn(id: "builtin.urgent_fault_technician")
                .instantiate(parameters: ["technicianID": .string(technician.rawValue), "language": "sk"])
            let workflow = try await h.service.create(h.admin, name: "Urgent", description: "", enabled: true,
                                                      definition: definition.json)
            let urgent = try await Self.report(h, "Prasknutá rúra", priority: .urgent)
            let routine = try await Self.report(h, "Kvapkajúci kohútik", priority: .medium)
            try await h.drain()
            #expect(try await h.runs(workflow).map(\.status) == [.succeeded])
            let faults = FaultRepository(database: database, clock: h.clock)
            #expect(try await faults.fault(h.admin, id: urgent.id).assigneeID == technician)
            #expect(try await faults.fault(h.admin, id: routine.id).assigneeID == nil)
            let notes = try await h.notifications(technician)
            #expect(notes.map(\.title) == ["Urgentná porucha: Prasknutá rúra"])
        }
    }
}
