import Foundation
import PPTDomain
import SQLKit

/// Organizations, users and memberships, and the resolution of a user's `OrgScope`.
package struct AccountRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func user(_ row: any SQLRow) throws -> User {
        User(id: try row.id("id"), email: try row.string("email"), name: try row.string("name"),
             locale: try row.enumValue("locale"), isSuperadmin: try row.bool("is_superadmin"),
             createdAt: try row.date("created_at"))
    }

    static func organization(_ row: any SQLRow) throws -> Organization {
        Organization(id: try row.id("id"), name: try row.string("name"), country: try row.string("country"),
                     defaultLocale: try row.enumValue("default_locale"), currency: try row.enumValue("currency"),
                     createdAt: try row.date("created_at"))
    }

    /// Normalizes an email address for storage and lookup.
    package static func normalize(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Creates a user with an already-hashed password; `conflict` when the email is taken.
    package func createUser(email: String, name: String, passwordHash: String, locale: AppLocale,
                            isSuperadmin: Bool = false) async throws -> User {
        let user = User(email: Self.normalize(email: email), name: name, locale: locale, isSuperadmin: isSuperadmin,
                        createdAt: clock.now())
        try await database.write { sql in
            if try await sql.raw("SELECT id FROM users WHERE email = \(bind: user.email)").first() != nil {
                throw DomainError(code: "user.email_taken", kind: .conflict, message: "A user with this email exists.")
            }
            try await sql.raw("""
                INSERT INTO users (id, email, name, locale, is_superadmin, password_hash, created_at)
                VALUES (\(bind: user.id.rawValue), \(bind: user.email), \(bind: user.name), \(bind: user.locale.rawValue),
                        \(bind: user.isSuperadmin), \(bind: passwordHash), \(bind: user.createdAt))
                """).run()
        }
        return user
    }

    /// The user and password hash for a login attempt.
    package func credentials(email: String) async throws -> (user: User, passwordHash: String)? {
        let normalized = Self.normalize(email: email)
        return try await database.read { sql in
            guard let row = try await sql.raw("SELECT * FROM users WHERE email = \(bind: normalized)").first()
            else { return nil }
            return (try Self.user(row), try row.string("password_hash"))
        }
    }

    /// Replaces a user's password hash.
    package func setPasswordHash(userID: UserID, passwordHash: String) async throws {
        try await database.write { sql in
            try await sql.raw("UPDATE users SET password_hash = \(bind: passwordHash) WHERE id = \(bind: userID.rawValue)")
                .run()
        }
    }

    /// Changes a user's own name or locale.
    package func updateProfile(userID: UserID, name: String?, locale: AppLocale?) async throws -> User {
        if let name {
            var validator = Validator()
            validator.text(name, "/name")
            try validator.finish()
        }
        try await database.write { sql in
            if let name {
                try await sql.raw("UPDATE users SET name = \(bind: name) WHERE id = \(bind: userID.rawValue)").run()
            }
            if let locale {
                try await sql.raw("UPDATE users SET locale = \(bind: locale.rawValue) WHERE id = \(bind: userID.rawValue)")
                    .run()
            }
        }
        guard let user = try await user(id: userID) else { throw DomainError.notFound("user") }
        return user
    }

    /// Adds a member by email, creating their account first when none exists (then `name` and
    /// `passwordHash` are required). Returns the member and whether the account was created.
    package func addMember(_ scope: OrgScope, email: String, name: String?, role: Role, passwordHash: String?,
                           locale: AppLocale) async throws -> (member: Member, created: Bool) {
        try scope.require(.membersManage)
        let normalized = Self.normalize(email: email)
        var validator = Validator()
        validator.check(normalized.contains("@") && normalized.count <= 254 && !normalized.contains(" "), "/email",
                        "must be an email address")
        try validator.finish()
        if try await credentials(email: normalized) != nil {
            return (try await setMember(scope, email: normalized, role: role), false)
        }
        guard let name, let passwordHash else {
            throw DomainError.invalid([
                FieldError(pointer: "/name", detail: "is required to create a new account"),
                FieldError(pointer: "/password", detail: "is required to create a new account"),
            ].filter { ($0.pointer == "/name" && name == nil) || ($0.pointer == "/password" && passwordHash == nil) })
        }
        _ = try await createUser(email: normalized, name: name, passwordHash: passwordHash, locale: locale)
        return (try await setMember(scope, email: normalized, role: role), true)
    }

    /// A user by id.
    package func user(id: UserID) async throws -> User? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM users WHERE id = \(bind: id.rawValue)").first().map(Self.user)
        }
    }

    /// Creates an organization with `admin` as its first administrator.
    package func createOrganization(name: String, country: String, locale: AppLocale, currency: Currency,
                                    admin: UserID) async throws -> Organization {
        var validator = Validator()
        validator.text(name, "/name")
        validator.check(country.count == 2 && country.allSatisfy(\.isLetter), "/country", "must be a two-letter code")
        try validator.finish()
        let organization = Organization(name: name, country: country.uppercased(), defaultLocale: locale,
                                        currency: currency, createdAt: clock.now())
        try await database.write { sql in
            try await sql.raw("""
                INSERT INTO organizations (id, name, country, default_locale, currency, created_at)
                VALUES (\(bind: organization.id.rawValue), \(bind: organization.name), \(bind: organization.country),
                        \(bind: locale.rawValue), \(bind: currency.rawValue), \(bind: organization.createdAt))
                """).run()
            try await Self.insertMembership(sql, organization.id, admin, .admin, organization.createdAt)
        }
        return organization
    }

    private static func insertMembership(_ sql: any SQLDatabase, _ org: OrganizationID, _ user: UserID, _ role: Role,
                                         _ now: Date) async throws {
        try await sql.raw("""
            INSERT INTO memberships (org_id, user_id, role, created_at)
            VALUES (\(bind: org.rawValue), \(bind: user.rawValue), \(bind: role.rawValue), \(bind: now))
            """).run()
    }

    /// The organizations a user belongs to, with the role in each.
    package func memberships(userID: UserID) async throws -> [(organization: Organization, role: Role)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT o.*, m.role FROM memberships m JOIN organizations o ON o.id = m.org_id
                WHERE m.user_id = \(bind: userID.rawValue) ORDER BY o.name
                """).all().map { row in (try Self.organization(row), try row.enumValue("role") as Role) }
        }
    }

    /// The acting scope of `userID` in `organizationID`, or `nil` when they are not a member.
    /// Superadmins act as admins of every organization.
    package func scope(userID: UserID, organizationID: OrganizationID) async throws -> OrgScope? {
        let today = CalendarDate(clock.now())
        return try await database.read { sql in
            try await Self.scope(sql, userID: userID, organizationID: organizationID, today: today)
        }
    }

    /// `scope(userID:organizationID:)` inside the caller's transaction (the workflow runner acts as
    /// a workflow's author, with that member's role of the moment).
    package static func scope(_ sql: any SQLDatabase, userID: UserID, organizationID: OrganizationID,
                              today day: CalendarDate) async throws -> OrgScope? {
        let today = day.description
        // One round trip on the hot path (every organization request): the membership with the
        // user's current residencies joined in.
        let rows = try await sql.raw("""
            SELECT m.role, r.unit_id, u.building_id FROM memberships m
            LEFT JOIN unit_residents r ON r.org_id = m.org_id AND r.user_id = m.user_id
              AND r.start_date <= \(bind: today) AND (r.end_date IS NULL OR r.end_date >= \(bind: today))
            LEFT JOIN units u ON u.id = r.unit_id
            WHERE m.org_id = \(bind: organizationID.rawValue) AND m.user_id = \(bind: userID.rawValue)
            """).all()
        if let first = rows.first {
            let role: Role = try first.enumValue("role")
            let residencies = try rows.compactMap { row -> (UnitID, BuildingID)? in
                guard let unit: UnitID = try row.optionalID("unit_id"),
                      let building: BuildingID = try row.optionalID("building_id") else { return nil }
                return (unit, building)
            }
            return OrgScope(organizationID: organizationID, userID: userID, role: role,
                            unitIDs: Set(residencies.map(\.0)), buildingIDs: Set(residencies.map(\.1)))
        }
        // Not a member: platform superadmins act as admins of every organization.
        let isSuperadmin = try await sql.raw("""
            SELECT u.is_superadmin FROM users u, organizations o
            WHERE u.id = \(bind: userID.rawValue) AND o.id = \(bind: organizationID.rawValue)
            """).first().map { try $0.bool("is_superadmin") } ?? false
        guard isSuperadmin else { return nil }
        let residencies = try await sql.raw("""
            SELECT r.unit_id, u.building_id FROM unit_residents r JOIN units u ON u.id = r.unit_id
            WHERE r.org_id = \(bind: organizationID.rawValue) AND r.user_id = \(bind: userID.rawValue)
            AND r.start_date <= \(bind: today) AND (r.end_date IS NULL OR r.end_date >= \(bind: today))
            """).all()
        return OrgScope(
            organizationID: organizationID, userID: userID, role: .admin,
            unitIDs: Set(try residencies.map { try $0.id("unit_id") }),
            buildingIDs: Set(try residencies.map { try $0.id("building_id") }))
    }

    /// The acting organization.
    package func organization(_ scope: OrgScope) async throws -> Organization {
        try await database.read { sql in
            guard let row = try await sql.raw(
                "SELECT * FROM organizations WHERE id = \(bind: scope.organizationID.rawValue)"
            ).first() else { throw DomainError.notFound("organization") }
            return try Self.organization(row)
        }
    }

    /// Renames or re-localizes the acting organization.
    package func updateOrganization(_ scope: OrgScope, name: String?, defaultLocale: AppLocale?) async throws
        -> Organization
    {
        try scope.require(.organizationManage)
        if let name {
            var validator = Validator()
            validator.text(name, "/name")
            try validator.finish()
        }
        try await database.write { sql in
            if let name {
                try await sql.raw(
                    "UPDATE organizations SET name = \(bind: name) WHERE id = \(bind: scope.organizationID.rawValue)"
                ).run()
            }
            if let defaultLocale {
                try await sql.raw("""
                    UPDATE organizations SET default_locale = \(bind: defaultLocale.rawValue)
                    WHERE id = \(bind: scope.organizationID.rawValue)
                    """).run()
            }
        }
        return try await organization(scope)
    }

    /// Members of the acting organization.
    package func members(_ scope: OrgScope) async throws -> [Member] {
        try scope.require(.membersRead)
        return try await database.read { sql in
            try await sql.raw("""
                SELECT u.*, m.role FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.org_id = \(bind: scope.organizationID.rawValue) ORDER BY u.name, u.id
                """).all().map { Member(user: try Self.user($0), role: try $0.enumValue("role")) }
        }
    }

    /// Adds an existing user (by email) to the organization, or changes their role.
    package func setMember(_ scope: OrgScope, email: String, role: Role) async throws -> Member {
        try scope.require(.membersManage)
        let normalized = Self.normalize(email: email)
        let now = clock.now()
        return try await database.write { sql in
            guard let row = try await sql.raw("SELECT * FROM users WHERE email = \(bind: normalized)").first() else {
                throw DomainError(code: "user.not_found", kind: .notFound, message: "No user with this email.")
            }
            let user = try Self.user(row)
            let current = try await sql.raw("""
                SELECT role FROM memberships WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND user_id = \(bind: user.id.rawValue)
                """).first().map { try $0.enumValue("role") as Role }
            if current == .admin && role != .admin {
                let admins = try await sql.raw("""
                    SELECT COUNT(*) AS n FROM memberships WHERE org_id = \(bind: scope.organizationID.rawValue)
                    AND role = 'admin'
                    """).first()?.int("n") ?? 0
                if admins <= 1 {
                    throw DomainError(code: "member.last_admin", kind: .conflict,
                                      message: "The last administrator cannot be demoted.")
                }
            }
            try await sql.raw("""
                DELETE FROM memberships WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND user_id = \(bind: user.id.rawValue)
                """).run()
            try await Self.insertMembership(sql, scope.organizationID, user.id, role, now)
            try await Audit.record(sql, scope, action: "member.set", target: user.id.rawValue,
                                   details: ["role": .string(role.rawValue)], at: now)
            return Member(user: user, role: role)
        }
    }

    /// Removes a member; the last admin cannot be removed.
    package func removeMember(_ scope: OrgScope, userID: UserID) async throws {
        try scope.require(.membersManage)
        let now = clock.now()
        try await database.write { sql in
            let org = scope.organizationID.rawValue
            guard let row = try await sql.raw(
                "SELECT role FROM memberships WHERE org_id = \(bind: org) AND user_id = \(bind: userID.rawValue)"
            ).first() else { throw DomainError.notFound("member") }
            if try row.enumValue("role") as Role == .admin {
                let admins = try await sql.raw(
                    "SELECT COUNT(*) AS n FROM memberships WHERE org_id = \(bind: org) AND role = 'admin'"
                ).first()?.int("n") ?? 0
                if admins <= 1 {
                    throw DomainError(code: "member.last_admin", kind: .conflict,
                                      message: "The last administrator cannot be removed.")
                }
            }
            try await sql.raw(
                "DELETE FROM memberships WHERE org_id = \(bind: org) AND user_id = \(bind: userID.rawValue)"
            ).run()
            try await Audit.record(sql, scope, action: "member.remove", target: userID.rawValue, details: [:], at: now)
        }
    }

    /// All organizations (for the demo seed check and superadmins).
    package func organizationCount() async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM organizations").first()?.int("n") ?? 0
        }
    }
}

/// The audit trail of administrative changes.
enum Audit {
    static func record(_ sql: any SQLDatabase, _ scope: OrgScope, action: String, target: String,
                       details: [String: JSONValue], at time: Date) async throws {
        try await sql.raw("""
            INSERT INTO audit_log (id, org_id, actor_id, action, target, details, created_at)
            VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: scope.organizationID.rawValue),
                    \(bind: scope.userID.rawValue), \(bind: action), \(bind: target), \(bind: jsonText(details)),
                    \(bind: time))
            """).run()
    }
}
