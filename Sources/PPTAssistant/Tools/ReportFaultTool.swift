import Foundation
import PPTDomain
import PPTStorage

/// `report_fault`: proposes reporting a fault (checked exactly as the fault API checks it) and reports it
/// with the member's scope once they confirm.
package struct ReportFaultTool: ConfirmableTool {
    package init() {}

    package var name: String { "report_fault" }

    package var description: String {
        """
        Reports a fault or defect in the user's building or flat (e.g. a broken elevator, a leaking pipe). \
        Nothing is reported until the user confirms the proposal. unit_id and building_id default to the \
        user's only unit; a user with several units must pass unit_id.
        """
    }

    package var parameters: JSONValue {
        ToolSchema.object([
            "title": ToolSchema.string("Short description of the fault, in the user's language.", maxLength: 200),
            "description": ToolSchema.string("Details (optional).", maxLength: 10_000),
            "category": ToolSchema.choice("Kind of fault (optional; guessed from the title).",
                                          FaultCategory.allCases.map(\.rawValue)),
            "priority": ToolSchema.choice("Urgency (optional; default medium).",
                                          FaultPriority.allCases.map(\.rawValue)),
            "unit_id": ToolSchema.string("Id of the unit (optional)."),
            "building_id": ToolSchema.string("Id of the building (optional; for common areas or staff)."),
        ], required: ["title"])
    }

    package func run(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolOutput {
        let draft = try await FaultDraft.resolve(arguments, context: context)
        let proposal = ToolProposal(tool: name, arguments: draft.arguments,
                                    description: draft.proposalText(context.locale))
        return ToolOutput(summary: proposal.description, data: ["proposal": draft.arguments, "created": false],
                          proposal: proposal)
    }

    package func perform(_ proposal: ToolProposal, context: ToolContext) async throws -> ToolOutput {
        guard proposal.tool == name else { throw DomainError.invalid("/tool", "must be \(name)") }
        guard case .object(let arguments) = proposal.arguments else {
            throw DomainError.invalid("/arguments", "must be an object")
        }
        // Checked again: the member's units or role may have changed since the proposal.
        let draft = try await FaultDraft.resolve(arguments, context: context)
        let repository = FaultRepository(database: context.services.database, clock: context.services.clock)
        let fault: Fault
        do {
            fault = try await repository.report(context.scope, draft.input)
        } catch let error as DomainError {
            throw ToolArguments.renaming(error, FaultDraft.pointers)
        }
        let locale = context.locale
        let title = AssistantText.quoted(fault.title, locale)
        let place = draft.location(locale)
        let status = AssistantText.faultStatus(fault.status, locale)
        let summary = AssistantText.pick(
            locale, sk: "Porucha \(title) bola nahlásená \(place); stav: \(status).",
            cs: "Závada \(title) byla nahlášena \(place); stav: \(status).",
            de: "Die Störung \(title) wurde gemeldet (\(place)); Status: \(status).",
            en: "The fault \(title) has been reported \(place); status: \(status).")
        return ToolOutput(summary: summary, data: [
            "created": true, "fault_id": .id(fault.id), "title": .string(fault.title),
            "status": .string(fault.status.rawValue), "category": .string(fault.category.rawValue),
            "priority": .string(fault.priority.rawValue), "building_id": .id(fault.buildingID),
            "unit_id": .id(fault.unitID),
        ])
    }
}
