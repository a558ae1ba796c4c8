import Foundation
import PPTApp
import PPTDomain
import PPTLLM
import PPTStorage
import PPTWorkflow

/// One organization holding one of every resource, for the cross-tenant and role matrices.
struct World: Sendable {
    let fixture: Fixture
    /// Path parameter name → this organization's id for it.
    let ids: [String: String]
    /// Every id of this organization, to look for leaks in other tenants' responses.
    var allIDs: Set<String> { Set(ids.values) }
    let adminEmail: String
    let tenantEmail: String

    /// Builds the world in `app`'s database; users get the test password.
    static func make(_ app: TestApp, name: String) async throws -> World {
        let database = app.runtime.database
        let adminEmail = "admin-\(name.lowercased())@world.test"
        let tenantEmail = "tenant-\(name.lowercased())@world.test"
        let admin = try await app.user(adminEmail)
        let tenantUser = try await app.user(tenantEmail)
        let accounts = AccountRepository(database: database)
        let organization = try await accounts.createOrganization(
            name: "World \(name)", country: "SK", locale: .sk, currency: .EUR, admin: admin.id)
        let adminScope = try await accounts.scope(userID: admin.id, organizationID: organization.id)!
        _ = try await accounts.setMember(adminScope, email: tenantEmail, role: .tenant)
        let properties = PropertyRepository(database: database)
        let building = try await properties.createBuilding(adminScope, BuildingInput(
            name: "B \(name)", street: "Street 1", city: "Žilina", postalCode: "01001", country: "SK"))
        let unit = try await properties.createUnit(adminScope, UnitInput(
            buildingID: building.id, number: "1", type: .flat, floor: 1, sizeSqm: 50, rooms: 2,
            ownershipShareNumerator: 1, ownershipShareDenominator: 10))
        let resident = try await properties.addResident(adminScope, unitID: unit.id, ResidentInput(
            userID: tenantUser.id, name: "Tenant \(name)", relation: .tenant, startDate: CalendarDate("2024-01-01")!))
        let tenantScope = try await accounts.scope(userID: tenantUser.id, organizationID: organization.id)!
        let fault = try await FaultRepository(database: database).report(tenantScope, FaultInput(
            buildingID: building.id, unitID: unit.id, title: "Leak", description: "Kitchen tap drips", category: .plumbing))
        let announcement = try await AnnouncementRepository(database: database).create(
            adminScope, AnnouncementInput(title: "Water outage", body: "Tuesday 8-12"))
        let vote = try await VoteRepository(database: database).create(adminScope, VoteInput(
            buildingID: building.id, title: "Facade", description: "Renovate the facade?",
            questions: [VoteQuestionInput(id: "q1", text: "Approve?", options: ["yes", "no"])]))
        let finance = FinanceRepository(database: database)
        let today = CalendarDate(Date())
        let invoice = try await finance.createInvoice(adminScope, InvoiceInput(
            unitID: unit.id, number: "INV-\(name)-1", description: "Service charge", amountMinor: 12_000, currency: .EUR,
            issueDate: today.adding(days: -40), dueDate: today.adding(days: -10)))
        _ = try await finance.recordPayment(adminScope, PaymentInput(
            invoiceID: invoice.id, amountMinor: 2_000, currency: .EUR, receivedOn: today))
        let meters = MeterRepository(database: database)
        let meter = try await meters.createMeter(adminScope, MeterInput(unitID: unit.id, kind: .coldWater,
                                                                       serialNumber: "CW-\(name)"))
        _ = try await meters.createReadingWindow(adminScope, ReadingWindowInput(
            title: "Winter", opensOn: today.adding(days: -1), closesOn: today.adding(days: 10)))
        let lease = try await LeaseRepository(database: database).createLease(adminScope, LeaseInput(
            unitID: unit.id, landlord: LeaseParty(name: "Owner \(name)"), tenants: [LeaseParty(name: "Tenant \(name)")],
            startDate: today.adding(days: -30), endDate: today.adding(days: 300), rentMinor: 65_000,
            depositMinor: 130_000, currency: .EUR))
        let document = try await DocumentRepository(database: database, blobs: app.runtime.blobs).upload(
            adminScope, DocumentMetadataInput(title: "House rules \(name)", category: "rules"),
            file: DocumentFile(fileName: "rules.txt", declaredType: "text/plain", data: Data("Quiet after 22:00".utf8)))
        let listing = try await ListingRepository(database: database).create(adminScope, ListingInput(
            unitID: unit.id, type: .rent, title: "Flat \(name)", description: "Sunny two-room flat",
            price: Money(amountMinor: 80_000, currency: .EUR), sizeSqm: 50, rooms: 2, street: "Street 1",
            city: "Žilina", postalCode: "01001", country: "SK"))
        let listingMedia = ListingMediaRepository(database: database, blobs: app.runtime.blobs)
        let photo = try await listingMedia.addPhoto(adminScope, listingID: listing.id,
                                                    data: try TestImages.png(width: 3, height: 2), alt: "Flat \(name)")
        _ = try await listingMedia.setText(adminScope, listingID: listing.id, language: .de, title: "Wohnung \(name)",
                                           description: "Sonnige Zweizimmerwohnung")
        // Its own LLM configuration and one call through the gateway, so usage and budget have rows.
        _ = try await app.runtime.llm.repository.save(adminScope, input: LLMSettingsInput(settings: LLMSettings(
            primary: LLMSettings.builtinDefault.primary,
            budget: LLMBudget(monthlyLimit: Money(amountMinor: 5_000, currency: .EUR)))))
        _ = try await app.runtime.llm.gateway.complete(LLMCall(
            organizationID: organization.id, userID: admin.id, feature: .chat,
            request: LLMChatRequest(model: "", messages: [.user("Hello from \(name)")])))
        let usage = try await app.runtime.llm.repository.entries(adminScope, page: PageRequest(limit: 1))
        // A chat session of the admin with one answered question and a proposed action.
        let chats = ChatRepository(database: database)
        let chatSession = try await chats.createSession(adminScope, title: "Chat \(name)")
        var (_, _, answer) = try await chats.ask(adminScope, sessionID: chatSession.id, question: "Hello \(name)")
        (answer.content, answer.status) = ("Hello.", .complete)
        answer = try await chats.finish(answer, organizationID: organization.id)
        let action = try await chats.propose(adminScope, message: answer, tool: "report_fault",
                                             arguments: .object(["title": .string("Leak \(name)")]), description: "Report a leak")
        // A stored generation request (a summary draft) of the admin.
        let generation = GenerationRecord(
            organizationID: organization.id, kind: .summary, subject: "document:\(document.id.rawValue)@1",
            inputs: .object(["length": "short"]), usage: GenerationUsage(provider: "builtin", model: "ppt-builtin-1"),
            latencyMs: 3, status: .draft, result: .object(["summary": .string("Quiet after 22:00 \(name).")]),
            createdBy: admin.id, createdAt: Date())
        try await GenerationRepository(database: database).insert(adminScope, generation)
        // A manual workflow with one run (left running: no worker drains the queue) and an org template.
        let workflowService = app.runtime.workflows.service
        let workflow = try await workflowService.create(
            adminScope, name: "Welcome \(name)", description: "Greets managers", enabled: true, definition: [
                "trigger": ["type": "manual", "inputs": [["name": "note", "type": "string", "required": false]]],
                "steps": [["id": "n", "type": "notify",
                           "input": ["roles": ["manager"], "title": .string("Hello \(name)"), "body": "{{ trigger.note }}"]]],
            ])
        let workflowRun = try await workflowService.startManual(adminScope, id: workflow.id, input: [:], idempotencyKey: "world")
        let workflowTemplate = try await WorkflowTemplateRepository(database: database).create(adminScope, WorkflowTemplateInput(
            name: "Template \(name)", description: "Saved from a workflow", category: .communication, parameters: [],
            definition: workflow.definition))
        let ids: [String: String] = [
            "workflowID": workflow.id.rawValue, "runID": workflowRun.id.rawValue, "templateID": workflowTemplate.id,
            "generationID": generation.id.rawValue,
            "llmUsageID": usage.items.first?.id ?? "",
            "sessionID": chatSession.id.rawValue, "messageID": answer.id.rawValue, "actionID": action.id.rawValue,
            "documentID": document.id.rawValue, "listingID": listing.id.rawValue, "photoID": photo.id.rawValue,
            "orgID": organization.id.rawValue, "buildingID": building.id.rawValue, "unitID": unit.id.rawValue,
            "residentID": resident.id.rawValue, "faultID": fault.id.rawValue,
            "announcementID": announcement.id.rawValue, "voteID": vote.id.rawValue, "invoiceID": invoice.id.rawValue,
            "meterID": meter.id.rawValue, "leaseID": lease.id.rawValue, "userID": tenantUser.id.rawValue,
        ]
        let fixture = Fixture(organization: organization, admin: adminScope, building: building, unit: unit,
                              tenantUser: tenantUser, tenant: tenantScope)
        return World(fixture: fixture, ids: ids, adminEmail: adminEmail, tenantEmail: tenantEmail)
    }
}
