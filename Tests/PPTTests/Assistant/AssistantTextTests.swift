import Foundation
import PPTAssistant
import PPTDomain
import PPTLLM
import Testing

@Suite("Assistant wording, arguments and tool registry")
struct AssistantTextTests {
    @Test("Money is written per language: 1 234,56 €, 1.234,56 € (de) and €1,234.56; Czech crowns as Kč")
    func money() {
        #expect(AssistantText.money(123_456, .EUR, .sk) == "1 234,56 €")
        #expect(AssistantText.money(123_456, .EUR, .de) == "1.234,56 €")
        #expect(AssistantText.money(123_456, .EUR, .en) == "€1,234.56")
        #expect(AssistantText.money(123_456, .CZK, .cs) == "1 234,56 Kč")
        #expect(AssistantText.money(123_456, .CZK, .en) == "1,234.56 Kč")
        #expect(AssistantText.money(5, .EUR, .sk) == "0,05 €")
        #expect(AssistantText.money(0, .EUR, .cs) == "0,00 €")
        #expect(AssistantText.money(-2_000, .EUR, .en) == "-€20.00")
        #expect(AssistantText.money(100_000_000, .EUR, .sk) == "1 000 000,00 €")
        #expect(AssistantText.money(Int64.min, .EUR, .en) == "-€92,233,720,368,547,758.08")
    }

    @Test("Dates, numbers, plurals and quotes")
    func dates() {
        let day = CalendarDate("2025-03-05")!
        #expect(AssistantText.date(day, .sk) == "5. 3. 2025" && AssistantText.date(day, .de) == "5. 3. 2025")
        #expect(AssistantText.date(day, .en) == "5 March 2025")
        #expect(AssistantText.date(day.startOfDay.addingTimeInterval(23 * 3600), .cs) == "5. 3. 2025")
        #expect(AssistantText.number(12.5, .sk) == "12,5" && AssistantText.number(3, .de) == "3")
        #expect(AssistantText.number(0.125, .en) == "0.125" && AssistantText.number(-0.0001, .en) == "0")
        let forms = (one: "faktúra", few: "faktúry", many: "faktúr")
        #expect([1, 3, 5, 0].map { AssistantText.counted($0, .sk, one: forms.one, few: forms.few, many: forms.many) }
                == ["1 faktúra", "3 faktúry", "5 faktúr", "0 faktúr"])
        #expect(AssistantText.counted(3, .en, one: "invoice", few: "-", many: "invoices") == "3 invoices")
        #expect(AssistantText.quoted("Výťah", .sk) == "„Výťah“" && AssistantText.quoted("Lift", .en) == "“Lift”")
    }

    @Test("Arguments: unknown keys ignored, null and blank absent, wrong types point at the argument")
    func arguments() throws {
        let args = ToolArguments(["title": "  Výťah  ", "blank": " ", "none": .null, "number": 3, "flag": "true",
                                  "list": ["a"], "id": "6F9619FF-8B86-D011-B42D-00C04FC964FF"])
        #expect(try args.string("title") == "Výťah" && args.string("blank") == nil && args.string("none") == nil)
        #expect(try args.string("number") == "3" && args.integer("number", in: 1...5) == 3)
        #expect(try args.flag("flag") == true && args.flag("missing") == nil)
        #expect(try args.id("id", as: UnitID.self)?.rawValue == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
        #expect(throws: DomainError.self) { try args.choice("title", as: FaultCategory.self) }
        #expect(throws: DomainError.invalid("/list", "must be a string")) { try args.string("list") }
        #expect(throws: DomainError.invalid("/blank", "must not be empty")) { try args.string("blank", required: true) }
        #expect(throws: DomainError.invalid("/number", "must be between 4 and 5")) {
            try args.integer("number", in: 4...5)
        }
        #expect(throws: DomainError.invalid("/title", "is not a valid id")) { try args.id("title", as: UnitID.self) }
        #expect(throws: DomainError.self) { try args.flag("number") }
        #expect(try ToolArguments(["s": "in-progress"]).choice("s", as: FaultStatus.self) == .inProgress)
    }

    @Test("Fault categories are guessed from the words in four languages")
    func categories() {
        #expect(FaultCategoryGuess.category(for: "Výťah stojí medzi poschodiami") == .elevator)
        #expect(FaultCategoryGuess.category(for: "Tečie voda v kúpeľni") == .plumbing)
        #expect(FaultCategoryGuess.category(for: "Netopí topení") == .heating)
        #expect(FaultCategoryGuess.category(for: "Die Heizung ist kaputt") == .heating)
        #expect(FaultCategoryGuess.category(for: "Broken window in the stairwell") == .structural)
        #expect(FaultCategoryGuess.category(for: "Hluk od susedov") == .other)
    }

    @Test("The standard registry offers every tool with an object schema; report_fault is confirmable")
    func registry() {
        let registry = ToolRegistry.standard()
        let names = registry.definitions.map(\.name)
        #expect(names == ["my_balance", "my_faults", "building_info", "upcoming_votes", "meter_reading_windows",
                          "recent_announcements", "search_documents", "report_fault"])
        for definition in registry.definitions {
            #expect(definition.parameters["type"] == "object" && !definition.description.isEmpty)
            #expect(definition.name.allSatisfy { $0.isLowercase || $0 == "_" })
        }
        #expect(registry.definitions.first { $0.name == "search_documents" }?.parameters["required"] == ["query"])
        #expect(registry.confirmableTool(named: "report_fault") != nil)
        #expect(registry.confirmableTool(named: "my_balance") == nil && registry.tool(named: "delete_all") == nil)
    }
}
