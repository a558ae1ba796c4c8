import Foundation
import PPTAssistant
import PPTDomain
import Testing

@Suite("Assistant intent router (offline built-in provider)")
struct IntentRouterTests {
    /// A message, the tool it should go to (`nil`: answered from documents) and, for report_fault, the title.
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let tool: String?
        let title: String?
        init(_ text: String, _ tool: String?, title: String? = nil) {
            (self.text, self.tool, self.title) = (text, tool, title)
        }
        var testDescription: String { "\(text) → \(tool ?? "nil")" }
    }

    static let slovak: [Case] = [
        Case("Čo dlžím?", "my_balance"),
        Case("Koľko mám zaplatiť?", "my_balance"),
        Case("Aký je stav môjho účtu", "my_balance"),
        Case("moje poruchy", "my_faults"),
        Case("Aký je stav mojej poruchy?", "my_faults"),
        Case("Nahlásiť poruchu: nesvieti svetlo na chodbe", "report_fault", title: "Nesvieti svetlo na chodbe"),
        Case("pokazený výťah", "report_fault", title: "Pokazený výťah"),
        Case("Chcem nahlásiť poruchu výťahu", "report_fault", title: "Porucha výťahu"),
        Case("Dobrý deň, výťah nefunguje.", "report_fault", title: "Výťah nefunguje"),
        Case("Kedy je odpočet?", "meter_reading_windows"),
        Case("Aké hlasovania prebiehajú?", "upcoming_votes"),
        Case("Sú nejaké nové oznamy?", "recent_announcements"),
        Case("Informácie o dome", "building_info"),
        Case("Čo hovorí domový poriadok o psoch?", nil),
        Case("Smiem mať na balkóne gril?", nil),
        Case("Kde nahlásim poruchu?", nil),
        Case("Nahlásiť poruchu", nil),
        Case("Koľko mám zaplatiť za parkovanie?", nil),
        Case("Kedy je nočný kľud?", nil),
        Case("Ahoj", nil),
    ]

    static let czech: [Case] = [
        Case("Kolik dlužím?", "my_balance"),
        Case("Co dlužím za tento měsíc", "my_balance"),
        Case("Stav mé závady", "my_faults"),
        Case("Nahlásit závadu: neteče teplá voda", "report_fault", title: "Neteče teplá voda"),
        Case("Rozbitý zámek u vchodu", "report_fault", title: "Rozbitý zámek u vchodu"),
        Case("Kdy je odečet vodoměrů?", "meter_reading_windows"),
        Case("Jaká hlasování probíhají", "upcoming_votes"),
        Case("Nejnovější oznámení", "recent_announcements"),
        Case("Co říká domovní řád o kouření?", nil),
        Case("Jak nahlásit závadu?", nil),
        Case("Děkuji", nil),
    ]

    static let german: [Case] = [
        Case("Was schulde ich?", "my_balance"),
        Case("Wie viel muss ich zahlen?", "my_balance"),
        Case("Meine Störungen", "my_faults"),
        Case("Störung melden: Aufzug steckt fest", "report_fault", title: "Aufzug steckt fest"),
        Case("Ich möchte einen defekten Aufzug melden", "report_fault", title: "Defekten Aufzug"),
        Case("Das Licht im Flur ist kaputt", "report_fault", title: "Das Licht im Flur ist kaputt"),
        Case("Wann ist die nächste Zählerablesung?", "meter_reading_windows"),
        Case("Gibt es laufende Abstimmungen?", "upcoming_votes"),
        Case("Neue Mitteilungen", "recent_announcements"),
        Case("Was sagt die Hausordnung über Haustiere?", nil),
        Case("Darf ich im Hof grillen?", nil),
        Case("Ist der Aufzug kaputt?", nil),
        Case("Danke!", nil),
    ]

    static let english: [Case] = [
        Case("What do I owe?", "my_balance"),
        Case("my balance", "my_balance"),
        Case("How much do I have to pay?", "my_balance"),
        Case("my faults", "my_faults"),
        Case("What's the status of my repair request?", "my_faults"),
        Case("the elevator is broken", "report_fault", title: "The elevator is broken"),
        Case("Report that the hallway light is broken", "report_fault", title: "The hallway light is broken"),
        Case("When is the next meter reading?", "meter_reading_windows"),
        Case("Are there any open votes?", "upcoming_votes"),
        Case("Show me the latest announcements", "recent_announcements"),
        Case("Tell me about my building", "building_info"),
        Case("What do the house rules say about pets?", nil),
        Case("Am I allowed to keep a dog?", nil),
        Case("How do I report a fault?", nil),
        Case("Is the elevator broken?", nil),
        Case("How much do I have to pay for parking?", nil),
        Case("Who is the building manager?", nil),
        Case("", nil),
    ]

    @Test("Routes clear intents and leaves the rest to the documents", arguments: slovak + czech + german + english)
    func route(_ example: Case) {
        let route = IntentRouter.route(example.text)
        #expect(route?.tool == example.tool)
        if let title = example.title {
            #expect(route?.arguments == ["title": .string(title)])
        } else {
            #expect(route?.arguments.isEmpty ?? true)
        }
    }

    @Test("Every routed tool exists in the standard registry")
    func toolsExist() {
        let registry = ToolRegistry.standard()
        for example in Self.slovak + Self.czech + Self.german + Self.english {
            if let tool = IntentRouter.route(example.text)?.tool { #expect(registry.tool(named: tool) != nil) }
        }
    }

    @Test("A long statement is cut to a title of at most 200 characters at a word boundary")
    func longTitle() throws {
        let text = "Report that " + Array(repeating: "the hallway light", count: 30).joined(separator: " ")
        let title = try #require(IntentRouter.route(text)?.arguments["title"]?.stringValue)
        #expect(title.count <= 200 && title.hasPrefix("The hallway light") && title.hasSuffix("light"))
    }
}
