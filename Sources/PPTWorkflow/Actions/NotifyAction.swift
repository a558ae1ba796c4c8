import Foundation
import PPTDomain
import PPTStorage
import SQLKit

/// `notify`: an in-app notification (kind `workflow`) to members chosen by id, role, building or
/// unit (`Recipients`). Written on the run's transaction; the notification's dedupe key is the
/// step's idempotency key, unique per user, so even a repeated attempt never notifies twice.
package struct NotifyAction: WorkflowAction {
    /// The notification kind that workflow notifications carry.
    package static let kind = "workflow"

    package let name = "notify"
    package let effect = ActionEffect.database
    package let fields: [ActionField] = Recipients.fields + [
        ActionField("title", .string, required: true, "Headline, at most 200 characters."),
        ActionField("body", .string, required: true, "Text, at most 5,000 characters."),
        ActionField("link", .string, "An in-app path to open (e.g. /faults/<id>), stored in the notification's data."),
    ]
    package let output: [String: WorkflowValueType] = [
        "recipients": .integer, "userIDs": .list, "created": .integer,
    ]

    package init() {}

    /// The checked input.
    private struct Input {
        let selection: RecipientSelection
        let title: String
        let body: String
        let link: String?
    }

    private func input(_ call: ActionCall) throws -> Input {
        let selection = try RecipientSelection(input: call.input)
        guard !selection.isEmpty else {
            throw ActionFailure.invalidInput("users", "or roles, building or unit must name at least one recipient")
        }
        let title = try call.string("title").trimmingCharacters(in: .whitespacesAndNewlines)
        let body = try call.string("body")
        guard !title.isEmpty else { throw ActionFailure.invalidInput("title", "is required text") }
        guard title.count <= 200 else { throw ActionFailure.invalidInput("title", "must be at most 200 characters") }
        guard body.count <= 5000 else { throw ActionFailure.invalidInput("body", "must be at most 5,000 characters") }
        let link = try call.optionalString("link")
        if let link, !link.hasPrefix("/") || link.count > 500 {
            throw ActionFailure.invalidInput("link", "must be an in-app path starting with / (at most 500 characters)")
        }
        return Input(selection: selection, title: title, body: body, link: link)
    }

    package func perform(_ call: ActionCall) async throws -> JSONValue {
        let input = try input(call)
        let sql = try call.transaction()
        let userIDs = try await Recipients.resolve(input.selection, call.scope, on: sql, at: call.now)
        var data: [String: JSONValue] = ["workflowID": .string(call.workflowID), "runID": .string(call.runID)]
        if let link = input.link { data["link"] = .string(link) }
        let created = try await NotificationRepository.notify(
            sql, userIDs, organizationID: call.scope.organizationID, kind: Self.kind, title: input.title,
            body: input.body, data: data, dedupeKey: call.idempotencyKey, at: call.now)
        return Self.output(userIDs, created: created)
    }

    package func simulate(_ call: ActionCall) async throws -> JSONValue {
        let input = try input(call)
        let userIDs = try await Recipients.resolve(input.selection, call.scope, on: call.transaction(), at: call.now)
        return Self.output(userIDs, created: userIDs.count)
    }

    private static func output(_ userIDs: [UserID], created: Int) -> JSONValue {
        .object(["recipients": .number(Double(userIDs.count)), "userIDs": .array(userIDs.map { .id($0) }),
                 "created": .number(Double(created))])
    }
}
