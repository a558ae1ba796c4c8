import Foundation
import PPTDomain
import PPTStorage
import PPTWorkflow
import SQLKit
import Testing

/// An organization for action tests: the repository `Fixture` plus a manager, a technician, a
/// second unit whose resident has no account (only an e-mail), and a former resident of the first
/// unit whose residency has ended.
struct ActionWorld: Sendable {
    let fixture: Fixture
    let manager: User
    let technician: User
    let formerTenant: User
    let secondUnit: BuildingUnit
    let guestEmail = "guest@example.org"

    var admin: OrgScope { fixture.admin }
    var tenant: OrgScope { fixture.tenant }
    var building: Building { fixture.building }
    var unit: BuildingUnit { fixture.unit }

    static func make(_ database: any Database, name: String = "A") async throws -> ActionWorld {
        let fixture = try await Fixture.make(database, name: name)
        let accounts = AccountRepository(database: database)
        let properties = PropertyRepository(database: database)
        let slug = name.lowercased()
        func member(_ role: Role, _ label: String) async throws -> User {
            let user = try await accounts.createUser(email: "\(label)-\(slug)@example.com", name: "\(label.capitalized) \(name)",
                                                     passwordHash: "x", locale: .en)
            _ = try await accounts.setMember(fixture.admin, email: user.email, role: role)
            return user
        }
        let manager = try await member(.manager, "manager")
        let technician = try await member(.technician, "technician")
        let formerTenant = try await member(.tenant, "former")
        _ = try await properties.addResident(fixture.admin, unitID: fixture.unit.id, ResidentInput(
            userID: formerTenant.id, name: formerTenant.name, email: formerTenant.email, relation: .tenant,
            startDate: CalendarDate("2020-01-01")!, endDate: CalendarDate("2023-12-31")!))
        let secondUnit = try await properties.createUnit(fixture.admin, UnitInput(
            buildingID: fixture.building.id, number: "2", type: .flat, floor: 2, sizeSqm: 48, rooms: 2,
            ownershipShareNumerator: 480, ownershipShareDenominator: 10_000))
        _ = try await properties.addResident(fixture.admin, unitID: secondUnit.id, ResidentInput(
            name: "Guest \(name)", email: "guest@example.org", relation: .tenant, startDate: CalendarDate("2024-01-01")!))
        return ActionWorld(fixture: fixture, manager: manager, technician: technician, formerTenant: formerTenant,
                           secondUnit: secondUnit)
    }
}

/// Calls and failures of actions in tests.
enum ActionTesting {
    /// A call of `input` as `scope` on `sql` (the run's transaction), with a stable key per step.
    static func call(_ input: [String: JSONValue], scope: OrgScope, sql: (any SQLDatabase)?,
                     key: String = "run-1:step-1", attempt: Int = 1, now: Date = Date()) -> ActionCall {
        ActionCall(input: input, scope: scope, runID: "run-1", workflowID: "wf-1", stepID: "step-1", attempt: attempt,
                   idempotencyKey: key, now: now, sql: sql)
    }

    /// The `ActionFailure` that `body` throws (`nil`, with an issue recorded, otherwise).
    static func failure(_ body: () async throws -> Void) async -> ActionFailure? {
        do {
            try await body()
            Issue.record("the action was expected to fail")
            return nil
        } catch let failure as ActionFailure {
            return failure
        } catch {
            Issue.record("expected an ActionFailure, got \(error)")
            return nil
        }
    }

    /// Reads `output.<field>` as text.
    static func text(_ output: JSONValue, _ field: String) -> String? {
        guard case .object(let object) = output else { return nil }
        return object[field]?.stringValue
    }

    /// Whether `output` has exactly the fields `action` declares.
    static func matchesDeclaredOutput(_ output: JSONValue, of action: any WorkflowAction) -> Bool {
        guard case .object(let object) = output else { return false }
        return Set(object.keys) == Set(action.output.keys)
    }

    /// Reads `output.<field>`.
    static func field(_ output: JSONValue, _ field: String) -> JSONValue? {
        guard case .object(let object) = output else { return nil }
        return object[field]
    }
}

/// Makes a `database.write` roll back by throwing this after the body ran.
struct RollbackRequested: Error {}
