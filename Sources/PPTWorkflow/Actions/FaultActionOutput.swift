import Foundation
import PPTDomain
import PPTStorage
import SQLKit

/// What the fault actions share: their output (one fault's fields) and the parsing of their input.
package enum FaultActionOutput {
    /// The output fields of every fault action (`steps.<id>.output.*`).
    package static let fields: [String: WorkflowValueType] = [
        "faultID": .string, "status": .string, "priority": .string, "category": .string, "title": .string,
        "description": .string, "buildingID": .string, "unitID": .string, "assigneeID": .string,
        "reportedBy": .string, "createdAt": .datetime, "updatedAt": .datetime, "resolvedAt": .datetime,
    ]

    /// A fault as action output: ids as text (`null` when absent), instants as ISO 8601 UTC.
    package static func json(_ fault: Fault) -> JSONValue {
        .object([
            "faultID": .id(fault.id), "status": .string(fault.status.rawValue),
            "priority": .string(fault.priority.rawValue), "category": .string(fault.category.rawValue),
            "title": .string(fault.title), "description": .string(fault.description),
            "buildingID": .id(fault.buildingID), "unitID": .id(fault.unitID), "assigneeID": .id(fault.assigneeID),
            "reportedBy": .id(fault.reportedBy), "createdAt": .string(timestamp(fault.createdAt)),
            "updatedAt": .string(timestamp(fault.updatedAt)),
            "resolvedAt": fault.resolvedAt.map { .string(timestamp($0)) } ?? .null,
        ])
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// A required id field.
    static func id<T>(_ call: ActionCall, _ field: String) throws -> Identifier<T> {
        guard let id: Identifier<T> = try optionalID(call, field) else {
            throw ActionFailure.invalidInput(field, "is required (an id)")
        }
        return id
    }

    /// An optional id field (empty text, as a template renders `null`, counts as absent).
    static func optionalID<T>(_ call: ActionCall, _ field: String) throws -> Identifier<T>? {
        guard let text = try call.optionalString(field)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        guard let id = Identifier<T>(text) else { throw ActionFailure.invalidInput(field, "must be an id, not '\(text)'") }
        return id
    }

    /// An optional choice among an enumeration's raw values.
    static func choice<E: RawRepresentable & CaseIterable>(_ call: ActionCall, _ field: String) throws -> E?
    where E.RawValue == String {
        guard let text = try call.optionalString(field)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw ActionFailure.invalidInput(field, "must be one of \(allowed), not '\(text)'")
        }
        return value
    }

    /// Throws `<resource>.not_found` unless `table` has the id in the scope's organization.
    static func requireExists(_ sql: any SQLDatabase, _ scope: OrgScope, table: String, _ id: String,
                              _ resource: String) async throws {
        let row = try await sql.raw("""
            SELECT id FROM \(unsafeRaw: table) WHERE id = \(bind: id) AND org_id = \(bind: scope.organizationID.rawValue)
            """).first()
        if row == nil { throw ActionFailure(DomainError.notFound(resource)) }
    }
}
