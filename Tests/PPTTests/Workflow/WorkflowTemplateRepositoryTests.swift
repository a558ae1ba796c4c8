import Foundation
import PPTDomain
import PPTStorage
import PPTWorkflow
import Testing

/// Organization workflow templates in storage: saved from a validated `WorkflowTemplate`, read back
/// into one, confined to the organization, with permissions and unique names.
@Suite("Workflow template repository contract")
struct WorkflowTemplateRepositoryTests {
    static func input(_ template: WorkflowTemplate) -> WorkflowTemplateInput {
        WorkflowTemplateInput(name: template.name, description: template.description, category: template.category,
                              parameters: .array(template.parameters.map(\.json)), definition: template.definition)
    }

    static func savedTemplate(name: String = "Slow faults") throws -> WorkflowTemplate {
        let builtIn = try WorkflowTemplateLibrary.builtIn(id: "builtin.fault_escalation")
        return try WorkflowTemplate.make(name: name, description: "Our escalation", category: .maintenance,
                                         parameters: builtIn.parameters, definition: builtIn.definition)
    }

    @Test("a saved template reads back as the same template and instantiates", arguments: TestDatabase.dialects)
    func saveAndRead(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let repository = WorkflowTemplateRepository(database: database)
            let template = try Self.savedTemplate()
            let stored = try await repository.create(a.admin, Self.input(template))
            #expect(stored.createdBy == a.admin.userID && stored.organizationID == a.organization.id)
            let read = try await repository.get(a.admin, id: stored.id)
            #expect(read == stored)
            let back = try WorkflowTemplate.read([
                "id": .string(read.id), "name": .string(read.name), "description": .string(read.description),
                "category": .string(read.category.rawValue), "parameters": read.parameters, "definition": read.definition,
            ])
            #expect(back.parameters == template.parameters && back.definition == template.definition)
            let definition = try back.instantiate(parameters: ["waitFor": "2h", "language": "en"])
            #expect(definition.steps[0].kind == .delay(.duration(WorkflowDuration(seconds: 7200))))

            var changed = Self.input(template)
            changed.name = "Very slow faults"
            changed.category = .alerts
            let updated = try await repository.update(a.admin, id: stored.id, changed)
            #expect(updated.name == "Very slow faults" && updated.category == .alerts && updated.createdAt == stored.createdAt)
            #expect(try await repository.get(a.admin, id: stored.id).name == "Very slow faults")
        }
    }

    @Test("lists page newest first and filter by category", arguments: TestDatabase.dialects)
    func listing(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let clock = ManualClock(Date(timeIntervalSince1970: 1_795_953_600))
            let repository = WorkflowTemplateRepository(database: database, clock: clock)
            var ids: [String] = []
            for index in 0..<5 {
                var input = Self.input(try Self.savedTemplate(name: "T\(index)"))
                input.category = index % 2 == 0 ? .maintenance : .alerts
                ids.append(try await repository.create(a.admin, input).id)
                clock.advance(by: 60)
            }
            var seen: [String] = []
            var cursor: Cursor?
            repeat {
                let page = try await repository.list(a.admin, page: PageRequest(limit: 2, cursor: cursor))
                seen += page.items.map(\.id)
                cursor = page.nextCursor.flatMap(Cursor.init(token:))
            } while cursor != nil
            #expect(seen == ids.reversed())
            let alerts = try await repository.list(a.admin, category: .alerts, page: PageRequest())
            #expect(alerts.items.map(\.name) == ["T3", "T1"])
        }
    }

    @Test("other organizations' templates are not found, and names are unique per organization",
          arguments: TestDatabase.dialects)
    func isolationAndNames(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let repository = WorkflowTemplateRepository(database: database)
            let input = Self.input(try Self.savedTemplate())
            let stored = try await repository.create(a.admin, input)
            await #expect(throws: DomainError.notFound("workflow_template")) { try await repository.get(b.admin, id: stored.id) }
            await #expect(throws: DomainError.notFound("workflow_template")) {
                try await repository.update(b.admin, id: stored.id, input)
            }
            await #expect(throws: DomainError.notFound("workflow_template")) { try await repository.delete(b.admin, id: stored.id) }
            await #expect(throws: DomainError.notFound("workflow_template")) { try await repository.get(a.admin, id: "not-a-uuid") }
            #expect(try await repository.list(b.admin, page: PageRequest()).items.isEmpty)
            // The same name in another organization is fine; in the same one (any case) it is a conflict.
            _ = try await repository.create(b.admin, input)
            var shouting = input
            shouting.name = "SLOW FAULTS"
            await #expect { try await repository.create(a.admin, shouting) } throws: { error in
                (error as? DomainError)?.code == "workflow_template.name_taken"
            }
            let other = try await repository.create(a.admin, { var i = input; i.name = "Other"; return i }())
            await #expect { try await repository.update(a.admin, id: other.id, shouting) } throws: { error in
                (error as? DomainError)?.code == "workflow_template.name_taken"
            }
            try await repository.delete(a.admin, id: stored.id)
            await #expect(throws: DomainError.notFound("workflow_template")) { try await repository.get(a.admin, id: stored.id) }
            _ = try await repository.create(a.admin, shouting)
        }
    }

    @Test("tenants may not read or write templates, and bad input is refused with pointers", arguments: TestDatabase.dialects)
    func permissionsAndValidation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let repository = WorkflowTemplateRepository(database: database)
            let input = Self.input(try Self.savedTemplate())
            await #expect { try await repository.create(a.tenant, input) } throws: { error in
                (error as? DomainError)?.kind == .forbidden
            }
            await #expect { try await repository.list(a.tenant, page: PageRequest()) } throws: { error in
                (error as? DomainError)?.kind == .forbidden
            }
            var bad = input
            bad.name = "  "
            bad.parameters = ["name": "x"]
            bad.definition = []
            await #expect { try await repository.create(a.admin, bad) } throws: { error in
                (error as? DomainError)?.fields.map(\.pointer) == ["/name", "/parameters", "/definition"]
            }
        }
    }
}
