import Foundation
import PPTApp
import PPTAssistant
import PPTDomain
import PPTStorage
import Testing

@Suite("Voice commands: answers from the member's real data, through the tool layer")
struct VoiceCommandServiceTests {
    @Test("What do I owe: the unit's real balance, spoken without symbols, with SSML dates, in four languages",
          arguments: TestDatabase.dialects)
    func balance(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let voice = try await VoiceCommandHarness.make(app)
            let grant = try await voice.grant("tenant-a@example.com", unitID: voice.world.fixture.unit.id)
            let sk = try await voice.say("koľko dlžím", grant)
            #expect(sk.speech == "Dlžíte 180 eur. Z toho je po splatnosti 100 eur. Najbližšia splatnosť je 15. marca, 80 eur.")
            #expect(sk.ssml == """
                <speak>Dlžíte 180 eur. Z toho je po splatnosti 100 eur. Najbližšia splatnosť je \
                <say-as interpret-as="date">????0315</say-as>, 80 eur.</speak>
                """)
            #expect(sk.cardText?.contains("180,00 €") == true && sk.endSession && sk.pending == nil)
            let cs = try await voice.say("kolik dlužím", grant, .cs)
            #expect(cs.speech == "Dlužíte 180 eur. Z toho je po splatnosti 100 eur. Nejbližší splatnost je 15. března, 80 eur.")
            let de = try await voice.say("was schulde ich", grant, .de)
            #expect(de.speech == """
                Sie schulden 180 Euro. Davon sind 100 Euro überfällig. Die nächste Fälligkeit ist am 15. März, 80 Euro.
                """)
            let en = try await voice.say("what do I owe", grant, .en)
            #expect(en.speech == "You owe 180 euros. 100 euros of it is overdue. The next payment of 80 euros is due on March 15.")
            for reply in [sk, cs, de, en] {
                #expect(!reply.speech.contains("€") && !reply.speech.contains("2025"))
            }

            let manager = try await voice.grant("manager-a@example.com")
            let staff = try await voice.say("koľko dlžím", manager)
            #expect(staff.speech == "Po splatnosti je 1334,56 eura v 2 jednotkách, celkovo zostáva uhradiť 1414,56 eura.")
        }
    }

    @Test("A resident linked to one unit hears only that unit; linked without a unit, all of theirs",
          arguments: TestDatabase.dialects)
    func linkedUnit(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let voice = try await VoiceCommandHarness.make(app)
            let unit3 = try await voice.grant("owner-a@example.com", unitID: voice.world.unit3.id)
            let narrowed = try await voice.say("koľko dlžím", unit3)
            #expect(narrowed.speech == "Všetko máte zaplatené.")
            #expect(!(narrowed.cardText ?? "").contains("1 234,56") && !(narrowed.cardText ?? "").contains("byt 2"))
            // Unit 2's hot-water meter is not reachable through the link to unit 3.
            let meter = try await voice.say("stav teplej vody 100", unit3)
            #expect(meter.pending == nil && meter.speech == "Takýto merač vo vašej jednotke nemáte.")

            let whole = try await voice.grant("owner-a@example.com")
            let both = try await voice.say("koľko dlžím", whole)
            #expect(both.speech.contains("Building A, byt 2: Dlžíte 1234,56 eura. Z toho je po splatnosti 1234,56 eura."))
            #expect(both.speech.contains("Building A, byt 3: Všetko máte zaplatené."))
            let readBack = try await voice.say("stav teplej vody 100", whole)
            #expect(readBack.pending?.intent == .submitMeterReading)

            // The tenant's scope in another organization never serves this link.
            let tenant = try await voice.grant("tenant-a@example.com")
            var command = VoiceCommandService.recognize("koľko dlžím", locale: .sk)
            command.deviceID = "device-1"
            let refused = try await voice.service.handle(voice.world.other.tenant, grant: tenant, command)
            #expect(refused.speech == "Na toto nemáte oprávnenie." && !refused.speech.contains("999"))
            let logged = try #require(try await voice.log(voice.world.fixture.tenantUser.id).first)
            #expect(logged.result == .refused && logged.errorCode == "permission.denied")
        }
    }

    @Test("Report a fault: a question first, exactly one fault on yes, none on no or without a pending question",
          arguments: TestDatabase.dialects)
    func reportFault(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let voice = try await VoiceCommandHarness.make(app)
            let grant = try await voice.grant("tenant-a@example.com", unitID: voice.world.fixture.unit.id)
            let before = try await voice.faultCount()

            let asked = try await voice.say("nahlás poruchu: nesvieti svetlo na chodbe", grant)
            #expect(asked.speech == "Mám nahlásiť poruchu: Nesvieti svetlo na chodbe? Povedzte áno alebo nie.")
            #expect(!asked.endSession && asked.reprompt == asked.speech)
            let pending = try #require(asked.pending)
            #expect(pending.intent == .reportFault && pending.arguments["title"] == "Nesvieti svetlo na chodbe")
            #expect(pending.arguments["unit_id"] == voice.world.fixture.unit.id.rawValue)
            #expect(try await voice.faultCount() == before)

            let denied = try await voice.say("nie", grant, pending: pending)
            #expect(denied.speech == "Dobre, nič som neurobila." && denied.pending == nil)
            #expect(try await voice.faultCount() == before)

            let nothing = try await voice.say("áno", grant)
            #expect(nothing.speech == "Nie je čo potvrdiť.")
            #expect(try await voice.faultCount() == before)

            let done = try await voice.say("áno", grant, pending: pending)
            #expect(done.speech == "Hotovo, porucha Nesvieti svetlo na chodbe je nahlásená." && done.pending == nil)
            #expect(try await voice.faultCount() == before + 1)
            // The world's clock stands still, so the log is read by content, not by order.
            let log = try await voice.log(voice.world.fixture.tenantUser.id)
            let action = try #require(log.first { $0.intent == "confirm" && $0.result == .ok }?.action)
            let id = try #require(FaultID(String(action.dropFirst("fault:".count))))
            let fault = try await FaultRepository(database: voice.database).fault(voice.world.fixture.admin, id: id)
            #expect(fault.title == "Nesvieti svetlo na chodbe" && fault.unitID == voice.world.fixture.unit.id)
            #expect(fault.reportedBy == voice.world.fixture.tenantUser.id && fault.category == .electrical)
            #expect(log.map(\.intent).sorted() == ["confirm", "confirm", "deny", "report_fault"])
            #expect(log.filter { $0.result == .refused }.map(\.errorCode) == ["voice.nothing_pending"])
            let proposed = try #require(log.first { $0.intent == "report_fault" })
            #expect(proposed.action == "pending:report_fault" && proposed.slots["location"] == "na chodbe")
            #expect(log.first { $0.intent == "deny" }?.action == "cancelled:report_fault")
        }
    }

    @Test("A link without the voice.actions scope may ask but not act", arguments: TestDatabase.dialects)
    func askOnlyLink(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let voice = try await VoiceCommandHarness.make(app)
            let full = try await voice.grant("tenant-a@example.com", unitID: voice.world.fixture.unit.id)
            let pending = try #require(try await voice.say("nahlás poruchu: nesvieti svetlo na chodbe", full).pending)
            var askOnly = full
            askOnly.scopes = ["voice"]
            let before = try await voice.faultCount()
            #expect(try await voice.say("koľko dlžím", askOnly).speech.hasPrefix("Dlžíte 180 eur."))
            for (utterance, waiting) in [("nahlás poruchu: nesvieti svetlo", nil), ("áno", pending),
                                         ("stav vodomera je 20", nil), ("povedz správcovi, že ďakujem", nil)] {
                let reply = try await voice.say(utterance, askOnly, pending: waiting)
                #expect(reply.speech == "Toto prepojenie umožňuje len otázky. Prepojte účet znova a povoľte akcie.")
                #expect(reply.pending == nil && reply.endSession)
            }
            #expect(try await voice.faultCount() == before)
            let refused = try await voice.log(full.userID).filter { $0.result == .refused }
            #expect(refused.count == 4 && refused.allSatisfy { $0.errorCode == "voice.scope_missing" })
        }
    }

    @Test("Report a fault without saying what: the assistant asks, and the next answer is the description",
          arguments: TestDatabase.dialects)
    func reportFaultAsks(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let voice = try await VoiceCommandHarness.make(app)
            let grant = try await voice.grant("tenant-a@example.com")
            let question = try await voice.say("report a fault", grant, .en)
            #expect(question.speech == "What is broken, and where?" && !question.endSession)
            let waiting = try #require(question.pending)
            #expect(waiting.intent == .reportFault && waiting.arguments["title"] == nil)
            let proposal = try await voice.say("the door of the lift", grant, .en, pending: waiting)
            #expect(proposal.speech == "Shall I report the fault: The door of the lift? Say yes or no.")
            #expect(proposal.pending?.arguments["title"] == "The door of the lift")
        }
    }

    @Test("Submit a meter reading: the value is read back, and stored only on yes", arguments: TestDatabase.dialects)
    func meterReading(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let voice = try await VoiceCommandHarness.make(app)
            let grant = try await voice.grant("tenant-a@example.com", unitID: voice.world.fixture.unit.id)
            let meters = MeterRepository(database: voice.database, clock: voice.world.clock)
            let meter = try #require(try await meters.meters(voice.world.tenant, page: PageRequest()).items.first)

            let asked = try await voice.say("stav vodomera je 15,5", grant)
            #expect(asked.speech == "Mám zapísať stav 15,5 kubických metrov, merač studená voda? Povedzte áno alebo nie.")
            let pending = try #require(asked.pending)
            #expect(pending.arguments == ["meter_id": meter.id.rawValue, "value": "15.5"])
            #expect(try await meters.readings(voice.world.fixture.admin, meterID: meter.id).count == 1)

            let stored = try await voice.say("áno", grant, pending: pending)
            #expect(stored.speech == "Hotovo, stav 15,5 kubických metrov je zapísaný.")
            let readings = try await meters.readings(voice.world.fixture.admin, meterID: meter.id)
            #expect(readings.count == 2 && readings.contains { $0.value == 15.5 && $0.submittedBy == grant.userID })
            let created = try #require(readings.first { $0.value == 15.5 })
            let actions = try await voice.log(grant.userID).compactMap(\.action)
            #expect(actions.filter { $0.hasPrefix("meter_reading:") } == ["meter_reading:\(created.id)"])

            let german = try await voice.say("Zählerstand Wasser 20", grant, .de)
            #expect(german.speech == "Soll ich den Stand 20 Kubikmeter erfassen, Zähler Kaltwasser? Sagen Sie ja oder nein.")
            let value = try await voice.say("nahlás stav vodomera", grant)
            #expect(value.pending?.intent == .submitMeterReading && !value.endSession)
            let answered = try await voice.say("17", grant, pending: value.pending)
            #expect(answered.pending?.arguments["value"] == "17.0")
        }
    }

    @Test("Contact the manager: an in-app notification for the organization's managers and admins",
          arguments: TestDatabase.dialects)
    func contactManager(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let voice = try await VoiceCommandHarness.make(app)
            let grant = try await voice.grant("tenant-a@example.com", unitID: voice.world.fixture.unit.id)
            let reply = try await voice.say("povedz správcovi, že v pivnici tečie voda", grant)
            #expect(reply.speech == "Odkaz som poslala správcovi.")
            let notifications = NotificationRepository(database: voice.database)
            for manager in [voice.world.manager.userID, voice.world.fixture.admin.userID] {
                let items = try await notifications.notifications(userID: manager, unreadOnly: false,
                                                                  page: PageRequest()).items
                #expect(items.count == 1)
                #expect(items.first?.body == "V pivnici tečie voda" && items.first?.kind == "voice.message")
                #expect(items.first?.organizationID == voice.world.fixture.organization.id)
            }
            let others = [voice.world.fixture.tenantUser.id, voice.world.owner.userID, voice.world.other.admin.userID]
            for user in others {
                #expect(try await notifications.notifications(userID: user, unreadOnly: false,
                                                              page: PageRequest()).items.isEmpty)
            }
            #expect(try await voice.log(grant.userID).first?.action == "notification:2")
        }
    }

    @Test("Faults, announcements and the next reading are spoken with dates as words", arguments: TestDatabase.dialects)
    func information(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let voice = try await VoiceCommandHarness.make(app)
            let grant = try await voice.grant("tenant-a@example.com", unitID: voice.world.fixture.unit.id)
            #expect(try await voice.say("aké sú moje poruchy", grant).speech == "Máte 1 otvorenú poruchu. Kvapká kohútik: nová.")
            #expect(try await voice.say("what is the status of my faults", grant, .en).speech
                == "You have 1 open fault. Kvapká kohútik: new.")
            let news = try await voice.say("aké sú najnovšie oznamy", grant)
            #expect(news.speech.hasPrefix("Najnovšie oznamy: ") && news.speech.contains("Odstávka vody, 10. marca"))
            #expect(!news.speech.contains("Koncept"))
            let reading = try await voice.say("kedy je najbližší odpočet", grant)
            #expect(reading.speech == """
                Odpočet Zima 2025 prebieha do 20. marca. Najbližší odpočet Leto 2025 bude od 1. júna do 10. júna.
                """)
            #expect(reading.ssml?.contains("<say-as interpret-as=\"date\">????0601</say-as>") == true)
            let help = try await voice.say("pomoc", grant)
            #expect(help.speech.hasPrefix("Môžete sa opýtať, koľko dlžíte") && !help.endSession)
            let stop = try await voice.say("stop", grant)
            #expect(stop.speech == "Dovidenia." && stop.endSession)
        }
    }

    @Test("A free-form question is answered from the documents at voice length, without citations",
          arguments: TestDatabase.dialects)
    func question(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let voice = try await VoiceCommandHarness.make(app)
            _ = try await DocumentRepository(database: app.runtime.database, blobs: app.runtime.blobs).upload(
                voice.world.fixture.admin, DocumentMetadataInput(title: "Domový poriadok", category: "rules"),
                file: DocumentFile(fileName: "poriadok.pdf", declaredType: "application/pdf",
                                   data: DocumentFixtures.pdf()))
            try await app.runtime.runPendingIndexing()
            let grant = try await voice.grant("tenant-a@example.com", unitID: voice.world.fixture.unit.id)
            let reply = try await voice.say("Musí byť pes v spoločných priestoroch na vôdzke?", grant)
            let words = reply.speech.split(whereSeparator: \.isWhitespace).count
            #expect(words > 0 && words <= VoiceCommandService.questionWordLimit)
            // The passage as the PDF's text layer gives it (the fixture's PDF drops some diacritics).
            #expect(reply.speech.hasPrefix("Podľa dokumentov vašej organizácie:"), "\(reply.speech)")
            #expect(reply.speech.contains("Pes musí") && reply.speech.contains("na vôdzke."), "\(reply.speech)")
            #expect(!reply.speech.contains("[") && reply.ssml?.hasPrefix("<speak>") == true)
            #expect(reply.cardText?.contains("• Domový poriadok") == true)
            let logged = try #require(try await voice.log(grant.userID).first)
            #expect(logged.intent == "question" && logged.result == .ok)
            #expect(logged.action?.hasPrefix("answer:") == true && logged.action != "answer:0")

            let nothing = try await voice.say("what is the wifi password of the gym?", grant, .en)
            #expect(nothing.speech.split(whereSeparator: \.isWhitespace).count <= VoiceCommandService.questionWordLimit)
        }
    }

    @Test("With the flag off nothing runs: a spoken refusal, logged as refused", arguments: TestDatabase.dialects)
    func flagOff(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let voice = try await VoiceCommandHarness.make(app)
            let grant = try await voice.grant("tenant-a@example.com", unitID: voice.world.fixture.unit.id)
            let asked = try await voice.say("nahlás poruchu: nesvieti svetlo na chodbe", grant)
            _ = try await FeatureFlagRepository(database: voice.database)
                .set(voice.world.fixture.admin, flag: .voiceAssistant, enabled: false)
            let before = try await voice.faultCount()
            let refused = try await voice.say("áno", grant, pending: asked.pending)
            #expect(refused.speech == "Hlasový asistent je vo vašej organizácii vypnutý." && refused.endSession)
            #expect(try await voice.faultCount() == before)
            let balance = try await voice.say("koľko dlžím", grant)
            #expect(!balance.speech.contains("180"))
            let log = try await voice.log(grant.userID)
            #expect(log.count == 3 && log.filter { $0.result == .ok }.map(\.intent) == ["report_fault"])
            #expect(log.filter { $0.result == .refused }.allSatisfy { $0.errorCode == "llm.feature_disabled" })
        }
    }

    @Test("Every command is logged: link, platform, device, utterance, intent, slots, result, reply and latency",
          arguments: TestDatabase.dialects)
    func log(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let voice = try await VoiceCommandHarness.make(app)
            let grant = try await voice.grant("tenant-a@example.com", unitID: voice.world.fixture.unit.id)
            let reply = try await voice.say("stav vodomera je 15,5", grant)
            _ = try await voice.say("koľko dlžím", grant)
            let log = try await voice.log(grant.userID)
            #expect(log.count == 2)
            let first = try #require(log.first { $0.intent == "submit_meter_reading" })
            #expect(first.linkID == grant.linkID && first.platform == .alexa && first.deviceID == "device-1")
            #expect(first.organizationID == voice.world.fixture.organization.id && first.userID == grant.userID)
            #expect(first.utterance == "stav vodomera je 15,5" && first.intent == "submit_meter_reading")
            #expect(first.slots == ["value": "15,5", "meter": "water"] && first.reply == reply.speech)
            #expect(first.result == .ok && first.errorCode == nil && first.latencyMilliseconds >= 0)
            #expect(log.contains { $0.intent == "check_balance" && $0.action == nil && $0.result == .ok })
            #expect(try await voice.log(voice.world.owner.userID).isEmpty)
        }
    }
}
