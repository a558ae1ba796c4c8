import Foundation
import PPTDomain
import SQLKit

/// An organization's clause for flat leases of one country and language: its own wording of a
/// library clause (same key), or a clause of its own (a new key).
package struct OrgLeaseClause: Codable, Sendable, Hashable {
    /// `SK` or `CZ`.
    package var country: String
    package var language: AppLocale
    package var key: String
    package var title: String
    /// The wording, with `{placeholders}`.
    package var text: String
    /// The citation (own clauses only; a library clause keeps the library's).
    package var legalBasis: String?
    /// Whether every lease must contain it (own clauses only; a library clause keeps the library's).
    package var mandatory: Bool
    package var updatedBy: UserID
    package var updatedAt: Date

    package init(country: String, language: AppLocale, key: String, title: String, text: String, legalBasis: String?,
                 mandatory: Bool, updatedBy: UserID, updatedAt: Date) {
        self.country = country
        self.language = language
        self.key = key
        self.title = title
        self.text = text
        self.legalBasis = legalBasis
        self.mandatory = mandatory
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }
}

/// Identifies a lease template.
package typealias LeaseTemplateID = Identifier<LeaseTemplate>

/// A clause written into a template itself.
package struct LeaseTemplateClause: Codable, Sendable, Hashable {
    package var key: String
    package var title: String
    package var text: String

    package init(key: String, title: String, text: String) {
        self.key = key
        self.title = title
        self.text = text
    }
}

/// A named lease template of an organization: which clauses, in which order, plus its own clauses.
package struct LeaseTemplate: Codable, Sendable, Hashable {
    package var id: LeaseTemplateID
    package var organizationID: OrganizationID
    package var name: String
    package var country: String
    package var language: AppLocale
    /// Clause keys in contract order: library keys, the organization's clause keys, keys of `clauses`.
    package var clauseKeys: [String]
    package var clauses: [LeaseTemplateClause]
    package var createdBy: UserID
    package var createdAt: Date
    package var updatedAt: Date

    package init(id: LeaseTemplateID = LeaseTemplateID(), organizationID: OrganizationID, name: String, country: String,
                 language: AppLocale, clauseKeys: [String], clauses: [LeaseTemplateClause], createdBy: UserID,
                 createdAt: Date, updatedAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.country = country
        self.language = language
        self.clauseKeys = clauseKeys
        self.clauses = clauses
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Organizations' lease clauses and templates (table `lease_clauses`, `lease_templates`, M010).
/// Everything here needs `leasesManage`; the clause library's rules (mandatory clauses, placeholders)
/// are checked by the caller, which knows the library.
package struct LeaseClauseRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    // MARK: Clauses

    /// The organization's clauses for `country` and, when given, `language`, by key.
    package func clauses(_ scope: OrgScope, country: String, language: AppLocale?) async throws -> [OrgLeaseClause] {
        try scope.require(.leasesManage)
        return try await database.read { sql in
            var q: SQLQueryString = """
                SELECT * FROM lease_clauses WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND country = \(bind: country)
                """
            if let language { q += " AND language = \(bind: language.rawValue)" }
            q += " ORDER BY clause_key, language"
            return try await sql.raw(q).all().map(Self.clause)
        }
    }

    /// Creates or replaces the organization's clause `clause.key` for its country and language.
    package func saveClause(_ scope: OrgScope, _ clause: OrgLeaseClause) async throws -> OrgLeaseClause {
        try scope.require(.leasesManage)
        var saved = clause
        (saved.updatedBy, saved.updatedAt) = (scope.userID, clock.now())
        try await database.write { [saved] sql in
            try await sql.raw("""
                INSERT INTO lease_clauses (org_id, country, language, clause_key, title, body, legal_basis, mandatory,
                  updated_by, updated_at)
                VALUES (\(bind: scope.organizationID.rawValue), \(bind: saved.country), \(bind: saved.language.rawValue),
                  \(bind: saved.key), \(bind: saved.title), \(bind: saved.text), \(bind: saved.legalBasis),
                  \(bind: saved.mandatory), \(bind: saved.updatedBy.rawValue), \(bind: saved.updatedAt))
                ON CONFLICT (org_id, country, language, clause_key) DO UPDATE SET title = excluded.title,
                  body = excluded.body, legal_basis = excluded.legal_basis, mandatory = excluded.mandatory,
                  updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).run()
        }
        return saved
    }

    /// Deletes the organization's clause (reverting to the library's wording for a library key).
    package func deleteClause(_ scope: OrgScope, country: String, language: AppLocale, key: String) async throws {
        try scope.require(.leasesManage)
        try await database.write { sql in
            let found = try await sql.raw("""
                DELETE FROM lease_clauses WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND country = \(bind: country) AND language = \(bind: language.rawValue) AND clause_key = \(bind: key)
                RETURNING clause_key
                """).first()
            if found == nil { throw DomainError.notFound("lease_clause") }
        }
    }

    // MARK: Templates

    /// The organization's templates, by name.
    package func templates(_ scope: OrgScope) async throws -> [LeaseTemplate] {
        try scope.require(.leasesManage)
        return try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM lease_templates WHERE org_id = \(bind: scope.organizationID.rawValue) ORDER BY name
                """).all().map(Self.template)
        }
    }

    /// One template; another organization's is not found.
    package func template(_ scope: OrgScope, id: LeaseTemplateID) async throws -> LeaseTemplate {
        try scope.require(.leasesManage)
        return try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT * FROM lease_templates WHERE id = \(bind: id.rawValue)
                AND org_id = \(bind: scope.organizationID.rawValue)
                """).first() else { throw DomainError.notFound("lease_template") }
            return try Self.template(row)
        }
    }

    /// Creates the template `template.name`, or replaces the one of that name (keeping its id).
    package func saveTemplate(_ scope: OrgScope, _ template: LeaseTemplate) async throws -> LeaseTemplate {
        try scope.require(.leasesManage)
        let now = clock.now()
        return try await database.write { sql in
            var saved = template
            (saved.organizationID, saved.updatedAt) = (scope.organizationID, now)
            if let row = try await sql.raw("""
                SELECT * FROM lease_templates WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND name = \(bind: template.name)
                """).first() {
                let existing = try Self.template(row)
                (saved.id, saved.createdBy, saved.createdAt) = (existing.id, existing.createdBy, existing.createdAt)
                try await sql.raw("""
                    UPDATE lease_templates SET country = \(bind: saved.country), language = \(bind: saved.language.rawValue),
                      clause_keys = \(bind: jsonText(saved.clauseKeys)), clauses = \(bind: jsonText(saved.clauses)),
                      updated_at = \(bind: now) WHERE id = \(bind: saved.id.rawValue)
                    """).run()
            } else {
                (saved.id, saved.createdBy, saved.createdAt) = (LeaseTemplateID(), scope.userID, now)
                try await sql.raw("""
                    INSERT INTO lease_templates (id, org_id, name, country, language, clause_keys, clauses, created_by,
                      created_at, updated_at)
                    VALUES (\(bind: saved.id.rawValue), \(bind: scope.organizationID.rawValue), \(bind: saved.name),
                      \(bind: saved.country), \(bind: saved.language.rawValue), \(bind: jsonText(saved.clauseKeys)),
                      \(bind: jsonText(saved.clauses)), \(bind: saved.createdBy.rawValue), \(bind: now), \(bind: now))
                    """).run()
            }
            return saved
        }
    }

    /// Deletes a template.
    package func deleteTemplate(_ scope: OrgScope, id: LeaseTemplateID) async throws {
        try scope.require(.leasesManage)
        try await database.write { sql in
            let found = try await sql.raw("""
                DELETE FROM lease_templates WHERE id = \(bind: id.rawValue)
                AND org_id = \(bind: scope.organizationID.rawValue) RETURNING id
                """).first()
            if found == nil { throw DomainError.notFound("lease_template") }
        }
    }

    // MARK: Rows

    static func clause(_ r: any SQLRow) throws -> OrgLeaseClause {
        OrgLeaseClause(country: try r.string("country"), language: try r.enumValue("language"),
                       key: try r.string("clause_key"), title: try r.string("title"), text: try r.string("body"),
                       legalBasis: try r.optionalString("legal_basis"), mandatory: try r.bool("mandatory"),
                       updatedBy: try r.id("updated_by"), updatedAt: try r.date("updated_at"))
    }

    static func template(_ r: any SQLRow) throws -> LeaseTemplate {
        LeaseTemplate(id: try r.id("id"), organizationID: try r.id("org_id"), name: try r.string("name"),
                      country: try r.string("country"), language: try r.enumValue("language"),
                      clauseKeys: try r.json("clause_keys"), clauses: try r.json("clauses"),
                      createdBy: try r.id("created_by"), createdAt: try r.date("created_at"),
                      updatedAt: try r.date("updated_at"))
    }
}
