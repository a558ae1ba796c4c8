import Foundation
import PPTDomain
import PPTStorage
import SQLKit

/// Whom an action addresses: members by id, members by role, and the current residents of
/// buildings and units. Read from the action input fields `users`, `roles`, `building` and `unit`
/// (each text or a list of text).
package struct RecipientSelection: Sendable, Hashable {
    /// Members by id.
    package var userIDs: [UserID]
    /// Every member holding one of these roles.
    package var roles: [Role]
    /// The current residents of every unit of these buildings.
    package var buildingIDs: [BuildingID]
    /// The current residents of these units.
    package var unitIDs: [UnitID]

    package init(userIDs: [UserID] = [], roles: [Role] = [], buildingIDs: [BuildingID] = [], unitIDs: [UnitID] = []) {
        self.userIDs = userIDs
        self.roles = roles
        self.buildingIDs = buildingIDs
        self.unitIDs = unitIDs
    }

    /// Reads the selection from an action's rendered input. Empty strings (a template that rendered
    /// a null) are ignored; text that is not an id or a role name is invalid input (an
    /// `ActionFailure`, never retried).
    package init(input: [String: JSONValue]) throws {
        userIDs = try Self.ids(input, "users")
        roles = try Self.texts(input, "roles").map { name in
            guard let role = Role(rawValue: name.lowercased()) else {
                let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                throw ActionFailure.invalidInput("roles", "has an unknown role '\(name)' (one of \(known))")
            }
            return role
        }
        buildingIDs = try Self.ids(input, "building")
        unitIDs = try Self.ids(input, "unit")
    }

    private static func texts(_ input: [String: JSONValue], _ field: String) throws -> [String] {
        let items: [JSONValue]
        switch input[field] {
        case nil, .null?: return []
        case .string(let text)?: items = [.string(text)]
        case .array(let list)?: items = list
        default: throw ActionFailure.invalidInput(field, "must be text or a list of text")
        }
        return try items.compactMap { item in
            switch item {
            case .null: return nil
            case .string(let text):
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? nil : trimmed
            default: throw ActionFailure.invalidInput(field, "must be text or a list of text")
            }
        }
    }

    private static func ids<T>(_ input: [String: JSONValue], _ field: String) throws -> [Identifier<T>] {
        try texts(input, field).map { text in
            guard let id = Identifier<T>(text) else {
                throw ActionFailure.invalidInput(field, "has '\(text)', which is not an id")
            }
            return id
        }
    }

    /// Whether nobody is selected.
    package var isEmpty: Bool { userIDs.isEmpty && roles.isEmpty && buildingIDs.isEmpty && unitIDs.isEmpty }
}

/// One e-mail address that a recipient selection resolved to.
package struct EmailRecipient: Sendable, Hashable {
    /// The address as stored (a member's account e-mail, or a resident's contact e-mail).
    package let address: String
    /// The person's name, for the `To` header.
    package let name: String
    /// The member, when the address belongs to one (residents without an account have none).
    package let userID: UserID?

    package init(address: String, name: String, userID: UserID?) {
        self.address = address
        self.name = name
        self.userID = userID
    }
}

/// Resolves a `RecipientSelection` within the acting organization, on the run's transaction.
///
/// Every id is confined to `scope.organizationID`: a user, building or unit of another
/// organization is `<resource>.not_found` (non-retryable), exactly like an unknown id. Selecting by
/// id or role reads the member list (`.membersRead`); selecting residents reads resident data
/// (`.residentsRead`), and resident-like roles only reach their own units (`scope.unitFilter`).
package enum Recipients {
    /// The input fields that every addressing action shares.
    package static let fields: [ActionField] = [
        ActionField("users", .any, "Member ids (text or a list of text)."),
        ActionField("roles", .any, "Role names: every member with one of them (admin, manager, technician, owner, tenant, resident, realtor)."),
        ActionField("building", .any, "Building id(s): the current residents of all its units."),
        ActionField("unit", .any, "Unit id(s): its current residents."),
    ]

    /// The member user ids the call's input addresses, without duplicates, in selection order
    /// (users, then roles, then buildings, then units). Residents without a member account are
    /// left out (they have no in-app inbox).
    package static func resolve(_ call: ActionCall) async throws -> [UserID] {
        try await resolve(RecipientSelection(input: call.input), call.scope, on: call.transaction(), at: call.now)
    }

    /// The e-mail recipients the call's input addresses (see `resolveEmails(_:_:on:at:)`).
    package static func resolveEmails(_ call: ActionCall) async throws -> [EmailRecipient] {
        try await resolveEmails(RecipientSelection(input: call.input), call.scope, on: call.transaction(), at: call.now)
    }

    /// The member user ids `selection` addresses in the scope's organization.
    package static func resolve(_ selection: RecipientSelection, _ scope: OrgScope, on sql: any SQLDatabase,
                                at now: Date) async throws -> [UserID] {
        var seen = Set<UserID>()
        return try await people(selection, scope, on: sql, at: now).compactMap { person in
            guard let id = person.memberID, seen.insert(id).inserted else { return nil }
            return id
        }
    }

    /// The e-mail addresses `selection` addresses in the scope's organization: members' account
    /// addresses, and residents' contact addresses (an account's address wins when a resident has
    /// both). Duplicates (case-insensitive) are dropped; people without any address are left out.
    package static func resolveEmails(_ selection: RecipientSelection, _ scope: OrgScope, on sql: any SQLDatabase,
                                      at now: Date) async throws -> [EmailRecipient] {
        var seen = Set<String>()
        return try await people(selection, scope, on: sql, at: now).compactMap { person in
            guard let address = person.email?.trimmingCharacters(in: .whitespaces), !address.isEmpty,
                  seen.insert(address.lowercased()).inserted else { return nil }
            return EmailRecipient(address: address, name: person.name, userID: person.memberID)
        }
    }

    /// Someone addressed: a member, or a resident who may or may not be one.
    private struct Person {
        let memberID: UserID?
        let name: String
        let email: String?
    }

    private static func people(_ selection: RecipientSelection, _ scope: OrgScope, on sql: any SQLDatabase,
                               at now: Date) async throws -> [Person] {
        let org = scope.organizationID.rawValue
        var people: [Person] = []
        if !selection.userIDs.isEmpty || !selection.roles.isEmpty {
            guard scope.can(.membersRead) else { throw forbidden(scope, "address members by id or role") }
        }
        if !selection.userIDs.isEmpty {
            let wanted = Set(selection.userIDs)
            let rows = try await sql.raw("""
                SELECT m.user_id, u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.org_id = \(bind: org) AND m.user_id IN (\(binds: wanted.map(\.rawValue)))
                """).all()
            var found: [UserID: Person] = [:]
            for row in rows {
                let id: UserID = try row.id("user_id")
                found[id] = Person(memberID: id, name: try row.string("name"), email: try row.string("email"))
            }
            for id in selection.userIDs {
                guard let person = found[id] else { throw notFound("user", id.rawValue) }
                people.append(person)
            }
        }
        if !selection.roles.isEmpty {
            people += try await sql.raw("""
                SELECT m.user_id, u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.org_id = \(bind: org) AND m.role IN (\(binds: Set(selection.roles).map(\.rawValue)))
                ORDER BY u.name, m.user_id
                """).all().map { Person(memberID: try $0.id("user_id"), name: try $0.string("name"), email: try $0.string("email")) }
        }
        if !selection.buildingIDs.isEmpty || !selection.unitIDs.isEmpty {
            if !scope.role.isResidentLike && !scope.can(.residentsRead) {
                throw forbidden(scope, "address residents")
            }
            people += try await residents(selection, scope, on: sql, at: now)
        }
        return people
    }

    private static func residents(_ selection: RecipientSelection, _ scope: OrgScope, on sql: any SQLDatabase,
                                  at now: Date) async throws -> [Person] {
        let org = scope.organizationID.rawValue
        let filter = scope.unitFilter
        for building in selection.buildingIDs {
            let exists = try await sql.raw("""
                SELECT id FROM buildings WHERE id = \(bind: building.rawValue) AND org_id = \(bind: org)
                """).first() != nil
            if !exists || (filter != nil && !scope.buildingIDs.contains(building)) {
                throw notFound("building", building.rawValue)
            }
        }
        for unit in selection.unitIDs {
            let exists = try await sql.raw("""
                SELECT id FROM units WHERE id = \(bind: unit.rawValue) AND org_id = \(bind: org)
                """).first() != nil
            if !exists || (filter.map { !$0.contains(unit) } ?? false) { throw notFound("unit", unit.rawValue) }
        }
        let today = CalendarDate(now).description
        var q: SQLQueryString = """
            SELECT r.user_id, r.name, r.email, us.name AS user_name, us.email AS user_email, m.user_id AS member_id
            FROM unit_residents r JOIN units un ON un.id = r.unit_id
            LEFT JOIN users us ON us.id = r.user_id
            LEFT JOIN memberships m ON m.org_id = r.org_id AND m.user_id = r.user_id
            WHERE r.org_id = \(bind: org) AND un.org_id = \(bind: org)
            AND r.start_date <= \(bind: today) AND (r.end_date IS NULL OR r.end_date >= \(bind: today))
            AND (un.building_id IN (\(binds: selection.buildingIDs.map(\.rawValue) + [""]))
                 OR r.unit_id IN (\(binds: selection.unitIDs.map(\.rawValue) + [""])))
            """
        if let filter { q += " AND r.unit_id IN (\(binds: filter.map(\.rawValue) + [""]))" }
        q += " ORDER BY un.building_id, un.number, r.start_date, r.id"
        return try await sql.raw(q).all().map { row in
            let memberID: UserID? = try row.optionalID("member_id")
            let residentName = try row.string("name")
            let residentEmail = try row.optionalString("email")
            guard memberID != nil else { return Person(memberID: nil, name: residentName, email: residentEmail) }
            return Person(memberID: memberID, name: try row.optionalString("user_name") ?? residentName,
                          email: try row.optionalString("user_email") ?? residentEmail)
        }
    }

    private static func notFound(_ resource: String, _ id: String) -> ActionFailure {
        ActionFailure(code: "\(resource).not_found", message: "No such \(resource) in this organization: \(id).",
                      retryable: false)
    }

    private static func forbidden(_ scope: OrgScope, _ what: String) -> ActionFailure {
        ActionFailure(code: "permission.denied",
                      message: "The workflow's author (role \(scope.role.rawValue)) may not \(what).", retryable: false)
    }
}
