import Foundation
import PPTDomain
import PPTStorage
import PPTWorkflow
import Testing

/// Every triggerable event starts its workflow from the real domain change: the repository call (or
/// scheduled scanner) the product uses writes the event, the outbox dispatcher and the job queue
/// deliver it, and exactly one run per event reads the event's payload. A second drain (and a second
/// scan with the same clock) starts nothing more.
@Suite("Workflow trigger coverage")
struct WorkflowTriggerCoverageTests {
    /// A workflow on `event` whose only step copies `trigger.<field>` into `vars.id`.
    static func watch(_ h: WorkflowHarness, _ event: DomainEventType, _ field: String) async throws -> WorkflowRecord {
        try await h.create("""
            {"trigger": {"type": "event", "event": "\(event.rawValue)"},
             "steps": [{"id": "seen", "type": "set", "values": {"id": "trigger.\(field)"}}]}
            """, name: "On \(event.rawValue)")
    }

    /// `vars.id` of a run's state.
    static func seenID(_ run: WorkflowRunRecord) -> String? {
        guard case .object(let state) = run.state, case .object(let vars)? = state["vars"] else { return nil }
        return vars["id"]?.stringValue
    }

    /// A field of a JSON object.
    static func field(_ value: JSONValue, _ name: String) -> JSONValue? {
        guard case .object(let object) = value else { return nil }
        return object[name]
    }

    /// Expects `workflow` to have succeeded runs started by `event` whose `vars.id` are exactly `ids`
    /// (one run per id, in order); returns the runs.
    @discardableResult
    static func expectRuns(_ h: WorkflowHarness, _ workflow: WorkflowRecord, _ event: DomainEventType, ids: [String],
                           sourceLocation: SourceLocation = #_sourceLocation) async throws -> [WorkflowRunRecord] {
        let runs = try await h.runs(workflow)
        #expect(runs.count == ids.count, "runs of \(event.rawValue)", sourceLocation: sourceLocation)
        for run in runs where run.status != .succeeded {
            Issue.record("run \(run.id) is \(run.status): \(run.errorCode ?? "") \(run.errorMessage ?? "")",
                         sourceLocation: sourceLocation)
        }
        #expect(runs.map(seenID) == ids.map { Optional($0) }, sourceLocation: sourceLocation)
        #expect(runs.allSatisfy { $0.triggerType == "event" && field($0.event, "type")?.stringValue == event.rawValue },
                sourceLocation: sourceLocation)
        return runs
    }

    /// Drains again and expects no workflow to have gained a run.
    static func expectQuiet(_ h: WorkflowHarness, _ workflows: [WorkflowRecord],
                            sourceLocation: SourceLocation = #_sourceLocation) async throws {
        var before: [[WorkflowRunID]] = []
        for workflow in workflows { before.append(try await h.runs(workflow).map(\.id)) }
        try await h.drain()
        var after: [[WorkflowRunID]] = []
        for workflow in workflows { after.append(try await h.runs(workflow).map(\.id)) }
        #expect(after == before, "a second drain started runs", sourceLocation: sourceLocation)
    }

    static let day: TimeInterval = 86_400

    @Test("fault_created, fault_status_changed and fault_resolved fire from FaultRepository.report and update",
          arguments: TestDatabase.dialects)
    func faults(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let created = try await Self.watch(h, .faultCreated, "faultID")
            let changed = try await Self.watch(h, .faultStatusChanged, "faultID")
            let resolved = try await Self.watch(h, .faultResolved, "faultID")
            let faults = FaultRepository(database: database, clock: h.clock)
            let fault = try await faults.report(h.world.tenant, FaultInput(
                buildingID: h.world.building.id, unitID: h.world.unit.id, title: "Leaking tap", description: "Drips all night",
                category: .plumbing, priority: .high))
            try await h.drain()
            try await Self.expectRuns(h, created, .faultCreated, ids: [fault.id.rawValue])
            try await Self.expectRuns(h, changed, .faultStatusChanged, ids: [])
            try await Self.expectRuns(h, resolved, .faultResolved, ids: [])
            try await Self.expectQuiet(h, [created, changed, resolved])

            h.clock.advance(by: 60)
            _ = try await faults.update(h.admin, id: fault.id, FaultUpdate(status: .acknowledged))
            try await h.drain()
            let runs = try await Self.expectRuns(h, changed, .faultStatusChanged, ids: [fault.id.rawValue])
            #expect(runs.first.flatMap { Self.field($0.trigger, "fromStatus") } == "new")
            #expect(runs.first.flatMap { Self.field($0.trigger, "status") } == "acknowledged")
            try await Self.expectRuns(h, created, .faultCreated, ids: [fault.id.rawValue])
            try await Self.expectRuns(h, resolved, .faultResolved, ids: [])
            try await Self.expectQuiet(h, [created, changed, resolved])

            // Resolving writes fault_status_changed and fault_resolved in one transaction.
            h.clock.advance(by: 60)
            _ = try await faults.update(h.admin, id: fault.id, FaultUpdate(status: .resolved))
            try await h.drain()
            try await Self.expectRuns(h, changed, .faultStatusChanged, ids: [fault.id.rawValue, fault.id.rawValue])
            try await Self.expectRuns(h, resolved, .faultResolved, ids: [fault.id.rawValue])
            try await Self.expectQuiet(h, [created, changed, resolved])
        }
    }

    @Test("vote_started and vote_ended fire from scanVotes and from open/close", arguments: TestDatabase.dialects)
    func votes(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let started = try await Self.watch(h, .voteStarted, "voteID")
            let ended = try await Self.watch(h, .voteEnded, "voteID")
            let votes = VoteRepository(database: database, clock: h.clock)
            func draft(_ title: String) async throws -> Vote {
                try await votes.create(h.admin, VoteInput(buildingID: h.world.building.id, title: title, description: "",
                                                          questions: [VoteQuestionInput(id: "q", text: "Agree?", options: ["yes", "no"])]))
            }
            // Scheduled: the scanner opens it and, later, closes it.
            let scheduled = try await draft("Roof repair")
            let start = h.clock.now()
            _ = try await votes.schedule(h.admin, id: scheduled.id, VoteSchedule(
                startsAt: start.addingTimeInterval(3600), endsAt: start.addingTimeInterval(3 * 3600)))
            h.clock.advance(by: 2 * 3600)
            #expect(try await votes.scanVotes(now: h.clock.now()) == 1)
            try await h.drain()
            try await Self.expectRuns(h, started, .voteStarted, ids: [scheduled.id.rawValue])
            try await Self.expectRuns(h, ended, .voteEnded, ids: [])
            #expect(try await votes.scanVotes(now: h.clock.now()) == 0)
            try await Self.expectQuiet(h, [started, ended])

            h.clock.advance(by: 2 * 3600)
            #expect(try await votes.scanVotes(now: h.clock.now()) == 1)
            try await h.drain()
            try await Self.expectRuns(h, ended, .voteEnded, ids: [scheduled.id.rawValue])
            try await Self.expectRuns(h, started, .voteStarted, ids: [scheduled.id.rawValue])
            try await Self.expectQuiet(h, [started, ended])

            // By hand: a manager opens and closes it.
            let manual = try await draft("Garden")
            _ = try await votes.open(h.admin, id: manual.id)
            try await h.drain()
            try await Self.expectRuns(h, started, .voteStarted, ids: [scheduled.id.rawValue, manual.id.rawValue])
            h.clock.advance(by: 60)
            _ = try await votes.close(h.admin, id: manual.id)
            try await h.drain()
            try await Self.expectRuns(h, ended, .voteEnded, ids: [scheduled.id.rawValue, manual.id.rawValue])
            try await Self.expectQuiet(h, [started, ended])
        }
    }

    @Test("payment_overdue fires from scanOverdue and payment_received from recordPayment", arguments: TestDatabase.dialects)
    func finance(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let overdue = try await Self.watch(h, .paymentOverdue, "invoiceID")
            let received = try await Self.watch(h, .paymentReceived, "paymentID")
            let finance = FinanceRepository(database: database, clock: h.clock)
            let today = CalendarDate(h.clock.now())
            let invoice = try await finance.createInvoice(h.admin, InvoiceInput(
                unitID: h.world.unit.id, number: "2026-011", description: "November", amountMinor: 25_000, currency: .EUR,
                issueDate: today.adding(days: -30), dueDate: today.adding(days: -10)))
            #expect(try await finance.scanOverdue(now: h.clock.now()) == 1)
            try await h.drain()
            let runs = try await Self.expectRuns(h, overdue, .paymentOverdue, ids: [invoice.id.rawValue])
            #expect(runs.first.flatMap { Self.field($0.trigger, "daysOverdue") } == 10)
            try await Self.expectRuns(h, received, .paymentReceived, ids: [])
            // The same day's scan again (another instance) is deduplicated.
            #expect(try await finance.scanOverdue(now: h.clock.now()) == 0)
            try await Self.expectQuiet(h, [overdue, received])

            h.clock.advance(by: 3600)
            let payment = try await finance.recordPayment(h.admin, PaymentInput(
                invoiceID: invoice.id, amountMinor: 25_000, currency: .EUR, receivedOn: today, reference: "VS2026011"))
            try await h.drain()
            let paid = try await Self.expectRuns(h, received, .paymentReceived, ids: [payment.id.rawValue])
            #expect(paid.first.flatMap { Self.field($0.trigger, "invoiceID") } == .string(invoice.id.rawValue))
            // Paid: the next day's scan finds nothing overdue.
            h.clock.advance(by: Self.day)
            #expect(try await finance.scanOverdue(now: h.clock.now()) == 0)
            try await h.drain()
            try await Self.expectRuns(h, overdue, .paymentOverdue, ids: [invoice.id.rawValue])
            try await Self.expectQuiet(h, [overdue, received])
        }
    }

    @Test("meter_reading_due fires from scanReadingWindows, once per unit of the window", arguments: TestDatabase.dialects)
    func meterReadingDue(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let due = try await Self.watch(h, .meterReadingDue, "windowID")
            let meters = MeterRepository(database: database, clock: h.clock)
            let today = CalendarDate(h.clock.now())
            let window = try await meters.createReadingWindow(h.admin, ReadingWindowInput(
                buildingID: h.world.building.id, title: "Winter readings", opensOn: today.adding(days: 1),
                closesOn: today.adding(days: 14)))
            #expect(try await meters.scanReadingWindows(now: h.clock.now()) == 0, "not open yet")
            try await h.drain()
            try await Self.expectRuns(h, due, .meterReadingDue, ids: [])

            h.clock.advance(by: Self.day)
            // The building has two units (the fixture's and the action world's second): one event each.
            #expect(try await meters.scanReadingWindows(now: h.clock.now()) == 2)
            try await h.drain()
            let runs = try await Self.expectRuns(h, due, .meterReadingDue, ids: [window.id.rawValue, window.id.rawValue])
            let units = Set(runs.compactMap { Self.field($0.trigger, "unitID")?.stringValue })
            #expect(units == [h.world.unit.id.rawValue, h.world.secondUnit.id.rawValue])
            #expect(try await meters.scanReadingWindows(now: h.clock.now()) == 0)
            try await Self.expectQuiet(h, [due])
        }
    }

    @Test("lease_expiring fires from scanExpiringLeases for an active lease", arguments: TestDatabase.dialects)
    func leaseExpiring(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let expiring = try await Self.watch(h, .leaseExpiring, "leaseID")
            let leases = LeaseRepository(database: database, clock: h.clock)
            let today = CalendarDate(h.clock.now())
            let lease = try await leases.createLease(h.admin, LeaseInput(
                unitID: h.world.unit.id, landlord: LeaseParty(name: "Ján Vlastník", email: "jan@example.com"),
                tenants: [LeaseParty(name: "Eva Nájomná", email: "eva@example.com", userID: h.world.fixture.tenantUser.id)],
                startDate: today.adding(days: -340), endDate: today.adding(days: 20), rentMinor: 65_000, depositMinor: 130_000,
                currency: .EUR))
            // A draft lease is not scanned; the active one is.
            #expect(try await leases.scanExpiringLeases(now: h.clock.now(), daysAhead: 30) == 0)
            _ = try await leases.setStatus(h.admin, id: lease.id, to: .active)
            #expect(try await leases.scanExpiringLeases(now: h.clock.now(), daysAhead: 30) == 1)
            try await h.drain()
            let runs = try await Self.expectRuns(h, expiring, .leaseExpiring, ids: [lease.id.rawValue])
            #expect(runs.first.flatMap { Self.field($0.trigger, "daysRemaining") } == 20)
            // The next day's scan: the same lease and end date alert once.
            h.clock.advance(by: Self.day)
            #expect(try await leases.scanExpiringLeases(now: h.clock.now(), daysAhead: 30) == 0)
            try await Self.expectQuiet(h, [expiring])
        }
    }

    @Test("document_uploaded fires from DocumentRepository.upload and uploadVersion", arguments: TestDatabase.dialects)
    func documentUploaded(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let uploaded = try await Self.watch(h, .documentUploaded, "documentID")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-blobs-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let documents = DocumentRepository(database: database, blobs: BlobStore(directory: directory.path), clock: h.clock)
            func file(_ text: String) -> DocumentFile {
                DocumentFile(fileName: "rules.txt", declaredType: "text/plain; charset=utf-8", data: Data(text.utf8))
            }
            let document = try await documents.upload(h.admin, DocumentMetadataInput(
                title: "House rules", category: "rules", language: .sk), file: file("Quiet hours 22-6."))
            try await h.drain()
            let first = try await Self.expectRuns(h, uploaded, .documentUploaded, ids: [document.id.rawValue])
            #expect(first.first.flatMap { Self.field($0.trigger, "version") } == 1)
            try await Self.expectQuiet(h, [uploaded])

            h.clock.advance(by: 60)
            _ = try await documents.uploadVersion(h.admin, id: document.id, file: file("Quiet hours 22-7."))
            try await h.drain()
            let runs = try await Self.expectRuns(h, uploaded, .documentUploaded, ids: [document.id.rawValue, document.id.rawValue])
            #expect(runs.last.flatMap { Self.field($0.trigger, "version") } == 2)
            try await Self.expectQuiet(h, [uploaded])
        }
    }

    @Test("announcement_published fires from publish and from scanScheduledAnnouncements", arguments: TestDatabase.dialects)
    func announcementPublished(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let published = try await Self.watch(h, .announcementPublished, "announcementID")
            let announcements = AnnouncementRepository(database: database, clock: h.clock)
            let direct = try await announcements.create(h.admin, AnnouncementInput(
                title: "Water off on Friday", body: "From 8 to 12.", target: AnnouncementTarget(all: false,
                buildingIDs: [h.world.building.id]), pinned: true))
            let later = try await announcements.create(h.admin, AnnouncementInput(title: "Cleaning", body: "Stairs on Monday."))
            _ = try await announcements.schedule(h.admin, id: later.id, AnnouncementSchedule(
                publishAt: h.clock.now().addingTimeInterval(3600)))
            _ = try await announcements.publish(h.admin, id: direct.id)
            try await h.drain()
            let runs = try await Self.expectRuns(h, published, .announcementPublished, ids: [direct.id.rawValue])
            #expect(runs.first.flatMap { Self.field($0.trigger, "pinned") } == true)
            try await Self.expectQuiet(h, [published])

            h.clock.advance(by: 2 * 3600)
            #expect(try await announcements.scanScheduledAnnouncements(now: h.clock.now()) == 1)
            #expect(try await announcements.scanScheduledAnnouncements(now: h.clock.now()) == 0)
            try await h.drain()
            try await Self.expectRuns(h, published, .announcementPublished, ids: [direct.id.rawValue, later.id.rawValue])
            try await Self.expectQuiet(h, [published])
        }
    }

    @Test("inquiry_received fires from PortalRepository.submitInquiry on a published listing", arguments: TestDatabase.dialects)
    func inquiryReceived(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let h = try await WorkflowHarness.make(database)
            let inquiries = try await Self.watch(h, .inquiryReceived, "inquiryID")
            let listings = ListingRepository(database: database, clock: h.clock)
            let listing = try await listings.create(h.admin, ListingInput(
                unitID: h.world.unit.id, type: .rent, title: "3-room flat", description: "Bright, renovated.",
                price: Money(amountMinor: 90_000, currency: .EUR), sizeSqm: 62.5, rooms: 3, street: "Hlavná 1",
                city: "Bratislava", postalCode: "81101", country: "sk"))
            _ = try await listings.publish(h.admin, id: listing.id)
            let inquiry = try await PortalRepository(database: database, clock: h.clock).submitInquiry(
                listingID: listing.id, InquiryInput(name: "Peter Záujemca", email: "peter@example.net",
                                                    message: "Can I see it on Saturday?"))
            try await h.drain()
            let runs = try await Self.expectRuns(h, inquiries, .inquiryReceived, ids: [inquiry.id.rawValue])
            #expect(runs.first.flatMap { Self.field($0.trigger, "listingID") } == .string(listing.id.rawValue))
            try await Self.expectQuiet(h, [inquiries])
        }
    }
}
