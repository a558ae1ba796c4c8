import Foundation
import PPTDomain
import PPTStorage
import PPTWorkflow
import SQLKit
import Testing

/// The fault and announcement actions, as the workflow's author, on the run's transaction.
@Suite("Workflow actions: faults and announcements")
struct WorkflowFaultActionTests {
    private static func outboxCount(_ database: any Database, _ type: DomainEventType, _ id: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("""
                SELECT COUNT(*) AS n FROM outbox WHERE event_type = \(bind: type.rawValue) AND aggregate_id = \(bind: id)
                """).first()?.int("n") ?? 0
        }
    }

    @Test("create_fault reports the fault with its timeline and event, and commits or rolls back with the run",
          arguments: TestDatabase.dialects)
    func createFault(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let w = try await ActionWorld.make(database)
            let input: [String: JSONValue] = [
                "buildingID": .id(w.building.id), "unitID": .id(w.unit.id), "title": "Leaking radiator",
                "description": "Water under the radiator in the kitchen.", "category": "heating", "priority": "high",
            ]
            let output = try await database.write { sql in
                try await CreateFaultAction().perform(ActionTesting.call(input, scope: w.admin, sql: sql))
            }
            let id = try #require(ActionTesting.text(output, "faultID").flatMap(FaultID.init))
            let fault = try await FaultRepository(database: database).fault(w.admin, id: id)
            #expect(fault.title == "Leaking radiator" && fault.category == .heating && fault.priority == .high)
            #expect(fault.status == .new && fault.reportedBy == w.admin.userID && fault.unitID == w.unit.id)
            #expect(ActionTesting.text(output, "status") == "new" && ActionTesting.field(output, "assigneeID") == .null)
            #expect(ActionTesting.matchesDeclaredOutput(output, of: CreateFaultAction()))
            #expect(try await Self.outboxCount(database, .faultCreated, id.rawValue) == 1)
            #expect(try await FaultRepository(database: database).timeline(w.admin, id: id).map(\.kind) == [.created])

            // A run whose transaction rolls back leaves no fault and no event.
            await #expect(throws: RollbackRequested.self) {
                try await database.write { sql in
                    _ = try await CreateFaultAction().perform(ActionTesting.call(input, scope: w.admin, sql: sql))
                    throw RollbackRequested()
                }
            }
            let all = try await FaultRepository(database: database).faults(w.admin, page: PageRequest())
            #expect(all.items.map(\.id) == [id])

            // Simulation checks and previews without writing.
            let preview = try await database.write { sql in
                try await CreateFaultAction().simulate(ActionTesting.call(input, scope: w.admin, sql: sql))
            }
            #expect(ActionTesting.text(preview, "title") == "Leaking radiator")
            #expect(try await FaultRepository(database: database).faults(w.admin, page: PageRequest()).items.count == 1)
        }
    }

    @Test("a tenant author cannot create a fault in another unit, and other organizations' buildings are refused",
          arguments: TestDatabase.dialects)
    func createFaultPermissions(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await ActionWorld.make(database, name: "A")
            let b = try await ActionWorld.make(database, name: "B")
            try await database.write { sql in
                func failure(_ input: [String: JSONValue], as scope: OrgScope) async -> ActionFailure? {
                    var full: [String: JSONValue] = ["title": "Broken door", "description": "It does not close."]
                    full.merge(input) { _, new in new }
                    return await ActionTesting.failure {
                        _ = try await CreateFaultAction().perform(ActionTesting.call(full, scope: scope, sql: sql))
                    }
                }
                let otherUnit = await failure(["buildingID": .id(a.building.id), "unitID": .id(a.secondUnit.id)],
                                              as: a.tenant)
                #expect(otherUnit?.code == "validation.failed" && otherUnit?.retryable == false)
                #expect(otherUnit?.message.contains("/unitID") == true)
                let otherOrg = await failure(["buildingID": .id(b.building.id)], as: a.admin)
                #expect(otherOrg?.code == "validation.failed" && otherOrg?.retryable == false)
                #expect(otherOrg?.message.contains("/buildingID") == true)
                let badCategory = await failure(["buildingID": .id(a.building.id), "category": "magic"], as: a.admin)
                #expect(badCategory?.code == "action.invalid_input")
                let missingBuilding = await failure([:], as: a.admin)
                #expect(missingBuilding?.code == "action.invalid_input")
                // In their own unit the tenant may.
                let own = try await CreateFaultAction().perform(ActionTesting.call(
                    ["buildingID": .id(a.building.id), "unitID": .id(a.unit.id), "title": "Broken door",
                     "description": "It does not close."], scope: a.tenant, sql: sql))
                #expect(ActionTesting.text(own, "category") == "other" && ActionTesting.text(own, "priority") == "medium")
            }
        }
    }

    @Test("update_fault_status, assign_fault and get_fault act on the fault; invalid changes are not retried",
          arguments: TestDatabase.dialects)
    func updateAssignGet(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await ActionWorld.make(database, name: "A")
            let b = try await ActionWorld.make(database, name: "B")
            let fault = try await FaultRepository(database: database).report(a.tenant, FaultInput(
                buildingID: a.building.id, unitID: a.unit.id, title: "No hot water", description: "Since Monday.",
                category: .plumbing))
            let id = JSONValue.id(fault.id)
            try await database.write { sql in
                let checked = try await GetFaultAction().perform(ActionTesting.call(["faultID": id], scope: a.admin, sql: sql))
                #expect(ActionTesting.text(checked, "status") == "new" && ActionTesting.text(checked, "title") == "No hot water")
                #expect(ActionTesting.field(checked, "unitID") == .id(a.unit.id))

                let moved = try await UpdateFaultStatusAction().perform(ActionTesting.call(
                    ["faultID": id, "status": "acknowledged", "note": "Escalated by workflow"], scope: a.admin, sql: sql))
                #expect(ActionTesting.text(moved, "status") == "acknowledged")

                let assigned = try await AssignFaultAction().perform(ActionTesting.call(
                    ["faultID": id, "assigneeID": .id(a.technician.id)], scope: a.admin, sql: sql))
                #expect(ActionTesting.field(assigned, "assigneeID") == .id(a.technician.id))
                #expect(ActionTesting.matchesDeclaredOutput(checked, of: GetFaultAction()))
                #expect(ActionTesting.matchesDeclaredOutput(moved, of: UpdateFaultStatusAction()))
                #expect(ActionTesting.matchesDeclaredOutput(assigned, of: AssignFaultAction()))

                let invalid = await ActionTesting.failure {
                    _ = try await UpdateFaultStatusAction().perform(ActionTesting.call(
                        ["faultID": id, "status": "new"], scope: a.admin, sql: sql))
                }
                #expect(invalid?.code == "fault.invalid_transition" && invalid?.retryable == false)
                let notWorker = await ActionTesting.failure {
                    _ = try await AssignFaultAction().perform(ActionTesting.call(
                        ["faultID": id, "assigneeID": .id(a.fixture.tenantUser.id)], scope: a.admin, sql: sql))
                }
                #expect(notWorker?.code == "validation.failed" && notWorker?.retryable == false)
                let tenantMoves = await ActionTesting.failure {
                    _ = try await UpdateFaultStatusAction().perform(ActionTesting.call(
                        ["faultID": id, "status": "in_progress"], scope: a.tenant, sql: sql))
                }
                #expect(tenantMoves?.code == "permission.denied" && tenantMoves?.retryable == false)
                for action in [GetFaultAction() as any WorkflowAction, UpdateFaultStatusAction(), AssignFaultAction()] {
                    let foreign = await ActionTesting.failure {
                        _ = try await action.perform(ActionTesting.call(
                            ["faultID": id, "status": "in_progress", "assigneeID": .id(b.technician.id)],
                            scope: b.admin, sql: sql))
                    }
                    #expect(foreign?.code == "fault.not_found" && foreign?.retryable == false, "\(action.name)")
                }
            }
            let stored = try await FaultRepository(database: database).fault(a.admin, id: fault.id)
            #expect(stored.status == .acknowledged && stored.assigneeID == a.technician.id)
            let timeline = try await FaultRepository(database: database).timeline(a.admin, id: fault.id)
            // The status change and its note share one instant, so their order is by id.
            #expect(timeline.count == 4 && Set(timeline.map(\.kind)) == [.created, .statusChanged, .comment, .assigned])
            #expect(timeline.first { $0.kind == .comment }?.comment == "Escalated by workflow")
            #expect(try await Self.outboxCount(database, .faultStatusChanged, fault.id.rawValue) == 1)
        }
    }

    @Test("create_announcement_draft writes an unpublished draft for the target; residents may not",
          arguments: TestDatabase.dialects)
    func announcementDraft(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await ActionWorld.make(database, name: "A")
            let b = try await ActionWorld.make(database, name: "B")
            let input: [String: JSONValue] = [
                "title": "Elevator maintenance", "body": "The elevator is off on Monday.",
                "target": ["buildingIDs": .id(a.building.id), "roles": ["tenant", "owner"]],
            ]
            let output = try await database.write { sql in
                try await AnnouncementDraftAction().perform(ActionTesting.call(input, scope: a.admin, sql: sql))
            }
            #expect(ActionTesting.text(output, "status") == "draft")
            #expect(ActionTesting.matchesDeclaredOutput(output, of: AnnouncementDraftAction()))
            let id = try #require(ActionTesting.text(output, "announcementID").flatMap(AnnouncementID.init))
            let stored = try await AnnouncementRepository(database: database).announcement(a.admin, id: id)
            #expect(stored.status == .draft && stored.publishedAt == nil && stored.title == "Elevator maintenance")
            #expect(stored.target == AnnouncementTarget(all: false, buildingIDs: [a.building.id], roles: [.tenant, .owner]))
            #expect(try await Self.outboxCount(database, .announcementPublished, id.rawValue) == 0)
            try await database.write { sql in
                let resident = await ActionTesting.failure {
                    _ = try await AnnouncementDraftAction().perform(ActionTesting.call(input, scope: a.tenant, sql: sql))
                }
                #expect(resident?.code == "permission.denied" && resident?.retryable == false)
                let foreign = await ActionTesting.failure {
                    _ = try await AnnouncementDraftAction().perform(ActionTesting.call(input, scope: b.admin, sql: sql))
                }
                #expect(foreign?.retryable == false)
                let badTarget = await ActionTesting.failure {
                    _ = try await AnnouncementDraftAction().perform(ActionTesting.call(
                        ["title": "x", "body": "y", "target": ["everyone": true]], scope: a.admin, sql: sql))
                }
                #expect(badTarget?.code == "action.invalid_input")
            }
            let everyone = try await database.write { sql in
                try await AnnouncementDraftAction().perform(ActionTesting.call(
                    ["title": "Hello", "body": "Everyone"], scope: a.admin, sql: sql, key: "k2"))
            }
            let second = try #require(ActionTesting.text(everyone, "announcementID").flatMap(AnnouncementID.init))
            #expect(try await AnnouncementRepository(database: database).announcement(a.admin, id: second).target.all)
        }
    }
}
