import Foundation
import PPTDomain
import PPTStorage
import SQLKit

/// `create_announcement_draft`: an unpublished announcement written as the workflow's author (who
/// needs `.announcementsManage`), on the run's transaction. A person reviews and publishes it.
package struct AnnouncementDraftAction: WorkflowAction {
    package let name = "create_announcement_draft"
    package let effect = ActionEffect.database
    package let fields: [ActionField] = [
        ActionField("title", .string, required: true, "Headline, at most 200 characters."),
        ActionField("body", .string, required: true, "Text, at most 20,000 characters."),
        ActionField("target", .object, """
            The audience, as in the announcements API: {"all": true} or any of "buildingIDs", "unitIDs", "roles" \
            (naming any of them without "all" means all: false; nothing means everyone).
            """),
        ActionField("pinned", .boolean, "Pin it above the others once published (default false)."),
    ]
    package let output: [String: WorkflowValueType] = [
        "announcementID": .string, "status": .string, "title": .string, "createdAt": .datetime,
    ]

    package init() {}

    private func input(_ call: ActionCall) throws -> AnnouncementInput {
        let input = AnnouncementInput(title: try call.string("title"), body: try call.string("body"),
                                      target: try Self.target(call.input["target"]), pinned: try Self.pinned(call))
        try ActionFailure.mapping { try input.validate() }
        return input
    }

    package func perform(_ call: ActionCall) async throws -> JSONValue {
        let input = try input(call)
        let sql = try call.transaction()
        let announcement = try await ActionFailure.mappingDomainErrors {
            try await AnnouncementRepository.create(sql, call.scope, input, at: call.now)
        }
        return Self.output(id: announcement.id, title: announcement.title, at: announcement.createdAt)
    }

    package func simulate(_ call: ActionCall) async throws -> JSONValue {
        let input = try input(call)
        try ActionFailure.mapping { try call.scope.require(.announcementsManage) }
        return Self.output(id: AnnouncementID(), title: input.title, at: call.now)
    }

    private static func output(id: AnnouncementID, title: String, at date: Date) -> JSONValue {
        .object(["announcementID": .id(id), "status": .string(AnnouncementStatus.draft.rawValue),
                 "title": .string(title), "createdAt": .string(FaultActionOutput.timestamp(date))])
    }

    private static func pinned(_ call: ActionCall) throws -> Bool? {
        switch call.input["pinned"] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case .string("true")?: return true
        case .string("false")?, .string("")?: return false
        default: throw ActionFailure.invalidInput("pinned", "must be true or false")
        }
    }

    /// The audience in the announcements API's shape (lists may be text or lists of text, since
    /// templates render text).
    static func target(_ value: JSONValue?) throws -> AnnouncementTarget? {
        let fields: [String: JSONValue]
        switch value {
        case nil, .null?: return nil
        case .object(let object)?: fields = object
        default: throw ActionFailure.invalidInput("target", "must be an object")
        }
        let known: Set<String> = ["all", "buildingIDs", "unitIDs", "roles"]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw ActionFailure.invalidInput("target.\(unknown)", "is not a target field (all, buildingIDs, unitIDs, roles)")
        }
        let selection = try RecipientSelection(input: [
            "building": fields["buildingIDs"] ?? .null, "unit": fields["unitIDs"] ?? .null,
            "roles": fields["roles"] ?? .null,
        ])
        let all: Bool
        switch fields["all"] {
        case nil, .null?: all = selection.buildingIDs.isEmpty && selection.unitIDs.isEmpty && selection.roles.isEmpty
        case .bool(let value)?: all = value
        case .string("true")?: all = true
        case .string("false")?: all = false
        default: throw ActionFailure.invalidInput("target.all", "must be true or false")
        }
        return AnnouncementTarget(all: all, buildingIDs: selection.buildingIDs, unitIDs: selection.unitIDs,
                                  roles: selection.roles)
    }
}
