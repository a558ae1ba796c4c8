import Foundation
import PPTDomain
import SQLKit

/// The sections of the workflow template library.
package enum WorkflowTemplateCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case onboarding, reminders, alerts, maintenance, financial, communication, listings
}

/// An organization's saved workflow template, as stored (`workflow_templates`). The parameters and
/// the definition are JSON that `PPTWorkflow.WorkflowTemplate` interprets and validates.
package struct StoredWorkflowTemplate: Sendable, Hashable, Codable {
    /// UUID.
    package var id: String
    /// Owning organization.
    package var organizationID: OrganizationID
    /// Short title, unique in the organization (case-insensitive).
    package var name: String
    /// What it does.
    package var description: String
    /// Library section.
    package var category: WorkflowTemplateCategory
    /// JSON list of typed parameters.
    package var parameters: JSONValue
    /// Workflow JSON with parameter nodes.
    package var definition: JSONValue
    /// Member who saved it.
    package var createdBy: UserID
    /// When it was saved.
    package var createdAt: Date
    /// When it last changed.
    package var updatedAt: Date
}

/// What a template is saved from (already validated by `WorkflowTemplate.make`; checked here for shape).
package struct WorkflowTemplateInput: Sendable, Hashable {
    /// Short title (1–200 characters), unique in the organization.
    package var name: String
    /// What it does (at most 2,000 characters).
    package var description: String
    /// Library section.
    package var category: WorkflowTemplateCategory
    /// JSON list of parameters.
    package var parameters: JSONValue
    /// Workflow JSON object.
    package var definition: JSONValue

    package init(name: String, description: String, category: WorkflowTemplateCategory, parameters: JSONValue,
                 definition: JSONValue) {
        self.name = name
        self.description = description
        self.category = category
        self.parameters = parameters
        self.definition = definition
    }

    /// Field problems with pointers (`/name`, `/description`, `/parameters`, `/definition`).
    package func validate() throws(DomainError) {
        var fields: [FieldError] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 200 { fields.append(FieldError(pointer: "/name", detail: "1 to 200 characters")) }
        if description.count > 2000 { fields.append(FieldError(pointer: "/description", detail: "at most 2,000 characters")) }
        if case .array = parameters {} else { fields.append(FieldError(pointer: "/parameters", detail: "a list of parameters")) }
        if case .object = definition {} else { fields.append(FieldError(pointer: "/definition", detail: "a workflow definition object")) }
        if jsonText(definition).utf8.count > 512 * 1024 {
            fields.append(FieldError(pointer: "/definition", detail: "at most 512 KiB of JSON"))
        }
        if !fields.isEmpty { throw DomainError.invalid(fields) }
    }
}

/// Organization workflow templates: read with `.workflowsRead`, written with `.workflowsManage`.
package struct WorkflowTemplateRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func template(_ r: any SQLRow) throws -> StoredWorkflowTemplate {
        StoredWorkflowTemplate(
            id: try r.string("id"), organizationID: try r.id("org_id"), name: try r.string("name"),
            description: try r.optionalString("description") ?? "", category: try r.enumValue("category"),
            parameters: try r.json("parameters"), definition: try r.json("definition"),
            createdBy: try r.id("created_by"), createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }

    /// The organization's templates, newest first, optionally of one category.
    package func list(_ scope: OrgScope, category: WorkflowTemplateCategory? = nil,
                      page: PageRequest) async throws -> Page<StoredWorkflowTemplate> {
        try scope.require(.workflowsRead)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM workflow_templates WHERE org_id = \(bind: scope.organizationID.rawValue)"
            if let category { q += " AND category = \(bind: category.rawValue)" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.template), page) { ($0.createdAt, $0.id) }
        }
    }

    /// One template of the organization.
    package func get(_ scope: OrgScope, id: String) async throws -> StoredWorkflowTemplate {
        try scope.require(.workflowsRead)
        return try await database.read { sql in try await Self.get(sql, scope, id: id) }
    }

    /// One template, on an open connection or transaction (`workflow_template.not_found` for another org's id).
    package static func get(_ sql: any SQLDatabase, _ scope: OrgScope, id: String) async throws -> StoredWorkflowTemplate {
        guard UUID(uuidString: id) != nil, let row = try await sql.raw("""
            SELECT * FROM workflow_templates WHERE id = \(bind: id.lowercased())
              AND org_id = \(bind: scope.organizationID.rawValue)
            """).first() else { throw DomainError.notFound("workflow_template") }
        return try template(row)
    }

    /// Saves a new template (`workflow_template.name_taken` when the name is in use).
    package func create(_ scope: OrgScope, _ input: WorkflowTemplateInput) async throws -> StoredWorkflowTemplate {
        try scope.require(.workflowsManage)
        try input.validate()
        let now = clock.now()
        let template = StoredWorkflowTemplate(
            id: UUID().uuidString.lowercased(), organizationID: scope.organizationID,
            name: input.name.trimmingCharacters(in: .whitespacesAndNewlines), description: input.description,
            category: input.category, parameters: input.parameters, definition: input.definition,
            createdBy: scope.userID, createdAt: now, updatedAt: now)
        do {
            // Read back, so the caller sees exactly what later reads return (SQLite keeps instants as REAL).
            return try await database.write { sql in
                try await Self.requireFreeName(sql, scope, template.name, except: nil)
                try await sql.raw("""
                    INSERT INTO workflow_templates (id, org_id, name, description, category, parameters, definition,
                      created_by, created_at, updated_at)
                    VALUES (\(bind: template.id), \(bind: template.organizationID.rawValue), \(bind: template.name),
                      \(bind: template.description), \(bind: template.category.rawValue), \(bind: jsonText(template.parameters)),
                      \(bind: jsonText(template.definition)), \(bind: scope.userID.rawValue), \(bind: now), \(bind: now))
                    """).run()
                return try await Self.get(sql, scope, id: template.id)
            }
        } catch { throw ConstraintViolation.translate(error) }
    }

    /// Replaces a template's fields.
    package func update(_ scope: OrgScope, id: String, _ input: WorkflowTemplateInput) async throws -> StoredWorkflowTemplate {
        try scope.require(.workflowsManage)
        try input.validate()
        let now = clock.now()
        do {
            return try await database.write { sql in
                var template = try await Self.get(sql, scope, id: id)
                template.name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
                try await Self.requireFreeName(sql, scope, template.name, except: template.id)
                (template.description, template.category) = (input.description, input.category)
                (template.parameters, template.definition, template.updatedAt) = (input.parameters, input.definition, now)
                try await sql.raw("""
                    UPDATE workflow_templates SET name = \(bind: template.name), description = \(bind: template.description),
                      category = \(bind: template.category.rawValue), parameters = \(bind: jsonText(template.parameters)),
                      definition = \(bind: jsonText(template.definition)), updated_at = \(bind: now)
                    WHERE id = \(bind: template.id) AND org_id = \(bind: scope.organizationID.rawValue)
                    """).run()
                return try await Self.get(sql, scope, id: template.id)
            }
        } catch { throw ConstraintViolation.translate(error) }
    }

    /// Deletes a template (workflows made from it keep their own definitions).
    package func delete(_ scope: OrgScope, id: String) async throws {
        try scope.require(.workflowsManage)
        try await database.write { sql in
            let template = try await Self.get(sql, scope, id: id)
            try await sql.raw("""
                DELETE FROM workflow_templates WHERE id = \(bind: template.id) AND org_id = \(bind: scope.organizationID.rawValue)
                """).run()
        }
    }

    private static func requireFreeName(_ sql: any SQLDatabase, _ scope: OrgScope, _ name: String,
                                        except id: String?) async throws {
        let rows = try await sql.raw("""
            SELECT id FROM workflow_templates WHERE org_id = \(bind: scope.organizationID.rawValue)
              AND LOWER(name) = LOWER(\(bind: name))
            """).all()
        if try rows.contains(where: { try $0.string("id") != id }) {
            throw DomainError(code: "workflow_template.name_taken", kind: .conflict,
                              message: "The organization already has a workflow template named '\(name)'.")
        }
    }
}
