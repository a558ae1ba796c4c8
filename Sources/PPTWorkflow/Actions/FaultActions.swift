import Foundation
import PPTDomain
import PPTStorage
import SQLKit

/// `create_fault`: reports a fault as the workflow's author, on the run's transaction (so it
/// commits with the run's next state: exactly once). The author's permissions apply as if they
/// reported it themselves (a resident-like author only in their own building and unit).
package struct CreateFaultAction: WorkflowAction {
    package let name = "create_fault"
    package let effect = ActionEffect.database
    package let fields: [ActionField] = [
        ActionField("buildingID", .string, required: true, "The building."),
        ActionField("unitID", .string, "The unit, if the fault is in one."),
        ActionField("title", .string, required: true, "Short title."),
        ActionField("description", .string, required: true, "What is wrong."),
        ActionField("category", .string, "plumbing, electrical, heating, elevator, structural, cleaning, security or other (default)."),
        ActionField("priority", .string, "low, medium (default), high or urgent."),
    ]
    package let output = FaultActionOutput.fields

    package init() {}

    private func input(_ call: ActionCall) throws -> FaultInput {
        let input = FaultInput(
            buildingID: try FaultActionOutput.id(call, "buildingID"),
            unitID: try FaultActionOutput.optionalID(call, "unitID"),
            title: try call.string("title"), description: try call.string("description"),
            category: try FaultActionOutput.choice(call, "category") ?? .other,
            priority: try FaultActionOutput.choice(call, "priority"))
        try ActionFailure.mapping { try input.validate() }
        return input
    }

    package func perform(_ call: ActionCall) async throws -> JSONValue {
        let input = try input(call)
        let sql = try call.transaction()
        let fault = try await ActionFailure.mappingDomainErrors {
            try await FaultRepository.report(sql, call.scope, input, at: call.now)
        }
        return FaultActionOutput.json(fault)
    }

    package func simulate(_ call: ActionCall) async throws -> JSONValue {
        let input = try input(call)
        try ActionFailure.mapping { try call.scope.require(.faultsReport) }
        let sql = try call.transaction()
        try await FaultActionOutput.requireExists(sql, call.scope, table: "buildings", input.buildingID.rawValue, "building")
        if let unit = input.unitID {
            try await FaultActionOutput.requireExists(sql, call.scope, table: "units", unit.rawValue, "unit")
        }
        let fault = Fault(id: FaultID(), organizationID: call.scope.organizationID, buildingID: input.buildingID,
                          unitID: input.unitID, title: input.title, description: input.description,
                          category: input.category, priority: input.priority ?? .medium, status: .new,
                          reportedBy: call.scope.userID, photoDocumentIDs: [], createdAt: call.now, updatedAt: call.now)
        return FaultActionOutput.json(fault)
    }
}

/// `update_fault_status`: moves a fault along its lifecycle (with an optional note on its
/// timeline) as the workflow's author; an invalid transition is `fault.invalid_transition`.
package struct UpdateFaultStatusAction: WorkflowAction {
    package let name = "update_fault_status"
    package let effect = ActionEffect.database
    package let fields: [ActionField] = [
        ActionField("faultID", .string, required: true, "The fault."),
        ActionField("status", .string, required: true, "new, acknowledged, in_progress, on_hold, resolved, closed or rejected."),
        ActionField("note", .string, "A comment added to the fault's timeline."),
    ]
    package let output = FaultActionOutput.fields

    package init() {}

    private func change(_ call: ActionCall) throws -> (FaultID, FaultUpdate) {
        guard let status: FaultStatus = try FaultActionOutput.choice(call, "status") else {
            throw ActionFailure.invalidInput("status", "is required text")
        }
        return (try FaultActionOutput.id(call, "faultID"),
                FaultUpdate(status: status, comment: try call.optionalString("note")))
    }

    package func perform(_ call: ActionCall) async throws -> JSONValue {
        let (id, change) = try change(call)
        let sql = try call.transaction()
        let fault = try await ActionFailure.mappingDomainErrors {
            try await FaultRepository.update(sql, call.scope, id: id, change, at: call.now)
        }
        return FaultActionOutput.json(fault)
    }

    package func simulate(_ call: ActionCall) async throws -> JSONValue {
        let (id, change) = try change(call)
        try ActionFailure.mapping { try call.scope.require(.faultsWork) }
        var fault = try await ActionFailure.mappingDomainErrors {
            try await FaultRepository.fault(call.transaction(), call.scope, id)
        }
        if let next = change.status, next != fault.status {
            guard fault.status.allowedNext.contains(next) else {
                throw ActionFailure(DomainError.invalidTransition("fault", from: fault.status.rawValue, to: next.rawValue))
            }
            fault.status = next
        }
        return FaultActionOutput.json(fault)
    }
}

/// `assign_fault`: assigns a fault to a member who works on faults (as the workflow's author, who
/// must be allowed to assign).
package struct AssignFaultAction: WorkflowAction {
    package let name = "assign_fault"
    package let effect = ActionEffect.database
    package let fields: [ActionField] = [
        ActionField("faultID", .string, required: true, "The fault."),
        ActionField("assigneeID", .string, required: true, "A member who works on faults (technician, manager, admin)."),
    ]
    package let output = FaultActionOutput.fields

    package init() {}

    package func perform(_ call: ActionCall) async throws -> JSONValue {
        let id: FaultID = try FaultActionOutput.id(call, "faultID")
        let assignee: UserID = try FaultActionOutput.id(call, "assigneeID")
        let sql = try call.transaction()
        let fault = try await ActionFailure.mappingDomainErrors {
            try await FaultRepository.update(sql, call.scope, id: id, FaultUpdate(assigneeID: assignee), at: call.now)
        }
        return FaultActionOutput.json(fault)
    }

    package func simulate(_ call: ActionCall) async throws -> JSONValue {
        let id: FaultID = try FaultActionOutput.id(call, "faultID")
        let assignee: UserID = try FaultActionOutput.id(call, "assigneeID")
        try ActionFailure.mapping { try call.scope.require(.faultsWork) }
        var fault = try await ActionFailure.mappingDomainErrors {
            try await FaultRepository.fault(call.transaction(), call.scope, id)
        }
        fault.assigneeID = assignee
        return FaultActionOutput.json(fault)
    }
}

/// `get_fault`: reads a fault the workflow's author may see (for re-checking its status after a
/// delay, say). Reads only, so its simulation is the same read.
package struct GetFaultAction: WorkflowAction {
    package let name = "get_fault"
    package let effect = ActionEffect.database
    package let fields: [ActionField] = [ActionField("faultID", .string, required: true, "The fault.")]
    package let output = FaultActionOutput.fields

    package init() {}

    package func perform(_ call: ActionCall) async throws -> JSONValue {
        let id: FaultID = try FaultActionOutput.id(call, "faultID")
        let fault = try await ActionFailure.mappingDomainErrors {
            try await FaultRepository.fault(call.transaction(), call.scope, id)
        }
        return FaultActionOutput.json(fault)
    }

    package func simulate(_ call: ActionCall) async throws -> JSONValue { try await perform(call) }
}
