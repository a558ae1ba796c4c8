import Foundation
import PPTApp
import PPTAssistant
import PPTDomain
import PPTLLM
import PPTStorage
import Testing

@Suite("Assistant tools that read the member's data")
struct AssistantReadToolTests {
    @Test("my_balance: a tenant sees only their unit, in their language; staff get the organization's totals",
          arguments: TestDatabase.dialects)
    func balance(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await AssistantWorld.make(app)
            let tenant = try await world.run("my_balance", world.tenant)
            #expect(tenant.summary == """
                Building A, byt 1: zostáva uhradiť 180,00 €, z toho po splatnosti 100,00 € (1 faktúra). \
                Najbližšia splatnosť: 15. 3. 2025 (80,00 €).
                """)
            let units = tenant.data["units"]?.items ?? []
            #expect(units.count == 1 && units[0]["unit_id"]?.stringValue == world.fixture.unit.id.rawValue)
            #expect(units[0]["balance_minor"]?.intValue == 18_000 && units[0]["overdue_minor"]?.intValue == 10_000)
            let numbers = (units[0]["open_invoices"]?.items ?? []).compactMap { $0["number"]?.stringValue }
            #expect(numbers == ["INV-1", "INV-2"])
            #expect(!tenant.summary.contains("1 234,56") && !"\(tenant.data)".contains("INV-3"))

            let english = try await world.run("my_balance", world.tenant, .en)
            #expect(english.summary == """
                Building A, flat 1: €180.00 outstanding, of which €100.00 is overdue (1 invoice). \
                Next due date: 15 March 2025 (€80.00).
                """)
            let german = try await world.run("my_balance", world.tenant, .de)
            #expect(german.summary.hasPrefix("Building A, Wohnung 1: offen 180,00 €, davon überfällig 100,00 €"))

            let manager = try await world.run("my_balance", world.manager)
            #expect(manager.summary == """
                Po splatnosti je 1 334,56 € v 2 jednotkách; celkovo zostáva uhradiť 1 414,56 €. \
                Najviac: Building A, byt 2 (1 234,56 €), Building A, byt 1 (100,00 €).
                """)
            #expect(manager.data["units"]?.intValue == 3 && manager.data["overdue_minor"]?.intValue == 133_456)
            let one = try await world.run("my_balance", world.manager, .cs, ["unit_id": .id(world.unit2.id)])
            #expect(one.summary == """
                Building A, byt 2: zbývá uhradit 1 234,56 €, z toho po splatnosti 1 234,56 € (1 faktura).
                """)

            let owner = try await world.run("my_balance", world.owner)
            #expect(owner.data["units"]?.items.count == 2)
            #expect(owner.summary.contains("Building A, byt 3: všetko je uhradené."))
        }
    }

    @Test("my_balance: other units and organizations are not found; bad ids point at unit_id",
          arguments: TestDatabase.dialects)
    func balanceAccess(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await AssistantWorld.make(app)
            await expectError("unit.not_found") {
                try await world.run("my_balance", world.tenant, .sk, ["unit_id": .id(world.unit2.id)])
            }
            await expectError("unit.not_found") {
                try await world.run("my_balance", world.manager, .sk, ["unit_id": .id(world.other.unit.id)])
            }
            await expectError("validation.failed", fields: ["/unit_id"]) {
                try await world.run("my_balance", world.tenant, .sk, ["unit_id": "byt 1"])
            }
            await expectError("validation.failed", fields: ["/unit_id"]) {
                try await world.run("my_balance", world.tenant, .sk, ["unit_id": 1])
            }
            // Unknown arguments are ignored.
            let output = try await world.run("my_balance", world.tenant, .sk, ["currency": "USD"])
            #expect(output.data["units"]?.items.count == 1)
        }
    }

    @Test("my_faults: the tenant's own faults, the organization's for staff, with a status filter",
          arguments: TestDatabase.dialects)
    func faults(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await AssistantWorld.make(app)
            let tenant = try await world.run("my_faults", world.tenant)
            #expect(tenant.summary == """
                Vaše poruchy: 1. „Kvapká kohútik“ – nová, Building A, byt 1, nahlásená 10. 3. 2025.
                """)
            #expect(tenant.data["total"]?.intValue == 1 && tenant.data["scope"]?.stringValue == "own")
            #expect(!"\(tenant.data)".contains("Prasknuté okno") && !"\(tenant.data)".contains("Cudzia"))

            let manager = try await world.run("my_faults", world.manager, .en)
            #expect(manager.summary.hasPrefix("Faults in the organization: 2."))
            #expect(manager.summary.contains("“Prasknuté okno” – new, Building A, flat 2, reported 10 March 2025"))
            #expect(!manager.summary.contains("Cudzia"))
            #expect(manager.data["by_status"]?["new"]?.intValue == 2)

            let open = try await world.run("my_faults", world.tenant, .sk, ["status": "open"])
            #expect(open.data["total"]?.intValue == 1)
            let resolved = try await world.run("my_faults", world.tenant, .de, ["status": "resolved"])
            #expect(resolved.summary == "Sie haben keine gemeldeten Störungen (Status: behoben).")
            let progress = try await world.run("my_faults", world.manager, .sk, ["status": "In Progress"])
            #expect(progress.data["total"]?.intValue == 0)
            await expectError("validation.failed", fields: ["/status"]) {
                try await world.run("my_faults", world.tenant, .sk, ["status": "broken"])
            }
            await expectError("validation.failed", fields: ["/assigned_to_me"]) {
                try await world.run("my_faults", world.manager, .sk, ["assigned_to_me": 3])
            }
        }
    }

    @Test("building_info: the tenant's building and own units; staff get the number of units",
          arguments: TestDatabase.dialects)
    func building(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await AssistantWorld.make(app)
            let tenant = try await world.run("building_info", world.tenant)
            #expect(tenant.summary == "Building A, Hlavná 1, 81101 Bratislava. Vaše jednotky: byt 1.")
            #expect(tenant.data["buildings"]?.items.first?["units_count"] == nil)
            let owner = try await world.run("building_info", world.owner, .en)
            #expect(owner.summary == "Building A, Hlavná 1, 81101 Bratislava. Your units: flat 2, flat 3.")
            let manager = try await world.run("building_info", world.manager, .cs,
                                              ["building_id": .id(world.fixture.building.id)])
            #expect(manager.summary == "Building A, Hlavná 1, 81101 Bratislava: 3 jednotky.")
            #expect(manager.data["buildings"]?.items.first?["units_count"]?.intValue == 3)
            await expectError("building.not_found") {
                try await world.run("building_info", world.manager, .sk, ["building_id": .id(world.other.building.id)])
            }
            await expectError("building.not_found") {
                try await world.run("building_info", world.tenant, .sk, ["building_id": .id(world.other.building.id)])
            }
        }
    }

    @Test("upcoming_votes: open and scheduled votes; owners learn whether they voted, staff how many did",
          arguments: TestDatabase.dialects)
    func votes(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await AssistantWorld.make(app)
            let before = try await world.run("upcoming_votes", world.owner)
            #expect(before.summary == """
                Prebiehajúce hlasovania: „Zateplenie fasády“ do 20. 3. 2025 (ešte ste nehlasovali). \
                Naplánované: „Nová strecha“ od 1. 4. 2025 do 10. 4. 2025.
                """)
            _ = try await VoteRepository(database: world.database, clock: world.clock).respond(
                world.owner, id: world.activeVote.id,
                VoteBallot(unitID: world.unit2.id, answers: [VoteAnswer(questionID: "q1", option: "yes")]))
            let after = try await world.run("upcoming_votes", world.owner, .en)
            #expect(after.summary.hasPrefix(
                "Open votes: “Zateplenie fasády” until 20 March 2025 (you have already voted)."))
            #expect(after.data["active"]?.items.first?["answered"] == .bool(true))
            let tenant = try await world.run("upcoming_votes", world.tenant)
            #expect(!tenant.summary.contains("hlasovali"))
            #expect(tenant.summary.contains("„Zateplenie fasády“ do 20. 3. 2025"))
            let manager = try await world.run("upcoming_votes", world.manager)
            #expect(manager.summary.contains("(hlasovalo jednotiek: 1)") && !manager.summary.contains("Rozpracované"))
            #expect(manager.data["scheduled"]?.items.count == 1)
        }
    }

    @Test("meter_reading_windows: open and coming windows with dates, and the resident's own meters",
          arguments: TestDatabase.dialects)
    func meters(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await AssistantWorld.make(app)
            let tenant = try await world.run("meter_reading_windows", world.tenant)
            #expect(tenant.summary == """
                Odpočet „Zima 2025“ (Building A) prebieha do 20. 3. 2025 (od 9. 3. 2025). \
                Pripravované odpočty: „Leto 2025“ od 1. 6. 2025 do 10. 6. 2025. \
                Vaše merače: studená voda (CW-1, posledný stav 12,5 m³ k 1. 3. 2025).
                """)
            #expect(tenant.data["meters"]?.items.count == 1 && !"\(tenant.data)".contains("HW-2"))
            #expect(!tenant.summary.contains("Jeseň"))
            let manager = try await world.run("meter_reading_windows", world.manager, .de)
            #expect(manager.summary.hasPrefix("Die Ablesung „Zima 2025“ (Building A) läuft bis 20. 3. 2025"))
            #expect(manager.data["meters"] == nil && manager.data["open"]?.items.count == 1)
        }
    }

    @Test("recent_announcements: published announcements only, at most the limit", arguments: TestDatabase.dialects)
    func announcements(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await AssistantWorld.make(app)
            for scope in [world.tenant, world.manager] {
                let output = try await world.run("recent_announcements", scope)
                #expect(output.summary.hasPrefix("Najnovšie oznamy: "))
                #expect(output.summary.contains("„Odstávka vody“ (10. 3. 2025, neprečítané)"))
                #expect(output.data["announcements"]?.items.count == 2 && !output.summary.contains("Koncept"))
            }
            let one = try await world.run("recent_announcements", world.tenant, .en, ["limit": 1])
            #expect(one.data["announcements"]?.items.count == 1)
            await expectError("validation.failed", fields: ["/limit"]) {
                try await world.run("recent_announcements", world.tenant, .sk, ["limit": 9])
            }
            await expectError("validation.failed", fields: ["/limit"]) {
                try await world.run("recent_announcements", world.tenant, .sk, ["limit": "many"])
            }
            let elsewhere = try await world.run("recent_announcements", world.other.tenant, .en)
            #expect(elsewhere.summary == "There are no announcements.")
        }
    }

    @Test("search_documents: passages the member may read, as sources", arguments: TestDatabase.dialects)
    func search(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await AssistantWorld.make(app)
            let documents = DocumentRepository(database: world.database, blobs: app.runtime.blobs)
            _ = try await documents.upload(
                world.fixture.admin, DocumentMetadataInput(title: "Domový poriadok", category: "rules"),
                file: DocumentFile(fileName: "poriadok.txt", declaredType: "text/plain",
                                   data: Data("Nočný kľud platí od 22:00 do 6:00. Psy musia byť na vôdzke.".utf8)))
            _ = try await documents.upload(
                world.fixture.admin,
                DocumentMetadataInput(title: "Trezor", category: "internal", access: DocumentAccess(level: .staff)),
                file: DocumentFile(fileName: "trezor.txt", declaredType: "text/plain",
                                   data: Data("Nočný kľud v kancelárii: kód trezoru je u predsedu.".utf8)))
            try await app.runtime.runPendingIndexing()

            let tenant = try await world.run("search_documents", world.tenant, .sk, ["query": "nočný kľud"])
            #expect(!tenant.sources.isEmpty && tenant.sources.allSatisfy { $0.documentTitle == "Domový poriadok" })
            #expect(tenant.summary == "V dokumentoch som našiel: „Domový poriadok“.")
            #expect(tenant.data["hits"]?.items.first?["text"]?.stringValue?.contains("22:00") == true)
            let manager = try await world.run("search_documents", world.manager, .en, ["query": "nocny klud"])
            #expect(Set(manager.sources.map(\.documentTitle)) == ["Domový poriadok", "Trezor"])
            let nothing = try await world.run("search_documents", world.tenant, .cs, ["query": "bazén sauna"])
            #expect(nothing.summary == "V dokumentech jsem k tomu nic nenašel." && nothing.sources.isEmpty)

            await expectError("validation.failed", fields: ["/query"]) {
                try await world.run("search_documents", world.tenant)
            }
            await expectError("validation.failed", fields: ["/query"]) {
                try await world.run("search_documents", world.tenant, .sk, ["query": "   "])
            }
            await expectError("validation.failed", fields: ["/query"]) {
                try await world.run("search_documents", world.tenant, .sk, ["query": .array(["a"])])
            }
        }
    }
}
