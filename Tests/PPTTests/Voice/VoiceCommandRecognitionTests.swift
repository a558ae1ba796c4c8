import Foundation
import PPTAssistant
import PPTDomain
import Testing

@Suite("Voice commands: utterances to intents and slots in sk, cs, de and en")
struct VoiceCommandRecognitionTests {
    /// An utterance and what it must be recognized as (slots compared exactly).
    struct Case: Sendable, CustomTestStringConvertible {
        let locale: AppLocale
        let utterance: String
        let intent: VoiceIntent
        let slots: [String: String]

        init(_ locale: AppLocale, _ utterance: String, _ intent: VoiceIntent, _ slots: [String: String] = [:]) {
            (self.locale, self.utterance, self.intent, self.slots) = (locale, utterance, intent, slots)
        }

        var testDescription: String { "\(locale.rawValue): \(utterance)" }
    }

    static let slovakCases: [Case] = [
        Case(.sk, "koľko dlžím", .checkBalance),
        Case(.sk, "Koľko mám zaplatiť?", .checkBalance),
        Case(.sk, "nahlás poruchu: nesvieti svetlo na chodbe", .reportFault,
             ["description": "Nesvieti svetlo na chodbe", "location": "na chodbe"]),
        Case(.sk, "nahlás poruchu", .reportFault),
        Case(.sk, "aké sú moje poruchy", .myFaults),
        Case(.sk, "aké sú najnovšie oznamy", .announcements),
        Case(.sk, "kedy je najbližší odpočet", .nextMeterReading),
        Case(.sk, "stav vodomera je 1234,5", .submitMeterReading, ["value": "1234,5", "meter": "water"]),
        Case(.sk, "nahlás stav elektromera", .submitMeterReading, ["meter": "electricity"]),
        Case(.sk, "povedz správcovi, že v pivnici tečie voda", .contactManager, ["message": "V pivnici tečie voda"]),
        Case(.sk, "áno", .confirm),
        Case(.sk, "nie, ďakujem", .deny),
        Case(.sk, "stop", .stop),
        Case(.sk, "pomoc", .help),
        Case(.sk, "môžem mať v byte psa?", .question, ["query": "môžem mať v byte psa?"]),
    ]

    static let czechCases: [Case] = [
        Case(.cs, "kolik dlužím", .checkBalance),
        Case(.cs, "nahlaste závadu: nesvítí světlo na chodbě", .reportFault,
             ["description": "Nesvítí světlo na chodbě", "location": "na chodbě"]),
        Case(.cs, "jaké jsou moje závady", .myFaults),
        Case(.cs, "jaká jsou nejnovější oznámení", .announcements),
        Case(.cs, "kdy je příští odečet", .nextMeterReading),
        Case(.cs, "zapiš stav elektroměru 5678", .submitMeterReading, ["value": "5678", "meter": "electricity"]),
        Case(.cs, "řekni správci, že nefunguje zvonek", .contactManager, ["message": "Nefunguje zvonek"]),
        Case(.cs, "ano", .confirm),
        Case(.cs, "ne", .deny),
        Case(.cs, "konec", .stop),
        Case(.cs, "nápověda", .help),
        Case(.cs, "kolik stojí parkování?", .question, ["query": "kolik stojí parkování?"]),
    ]

    static let germanCases: [Case] = [
        Case(.de, "was schulde ich", .checkBalance),
        Case(.de, "melde eine Störung: das Licht im Flur ist kaputt", .reportFault,
             ["description": "Das Licht im Flur ist kaputt", "location": "im Flur"]),
        Case(.de, "wie ist der Status meiner Meldungen", .myFaults),
        Case(.de, "gibt es neue Mitteilungen", .announcements),
        Case(.de, "wann ist die nächste Ablesung", .nextMeterReading),
        Case(.de, "Zählerstand Warmwasser 345", .submitMeterReading, ["value": "345", "meter": "hot_water"]),
        Case(.de, "sag der Hausverwaltung, dass die Tür klemmt", .contactManager, ["message": "Die Tür klemmt"]),
        Case(.de, "ja bitte", .confirm),
        Case(.de, "nein", .deny),
        Case(.de, "stopp", .stop),
        Case(.de, "was kannst du", .help),
        Case(.de, "darf ich im Hof grillen?", .question, ["query": "darf ich im Hof grillen?"]),
    ]

    static let englishCases: [Case] = [
        Case(.en, "what do I owe", .checkBalance),
        Case(.en, "report a fault: the light in the hallway is broken", .reportFault,
             ["description": "The light in the hallway is broken", "location": "in the hallway"]),
        Case(.en, "what is the status of my faults", .myFaults),
        Case(.en, "any news", .announcements),
        Case(.en, "when is the next meter reading", .nextMeterReading),
        Case(.en, "submit a cold water meter reading of 1 234.5", .submitMeterReading,
             ["value": "1234.5", "meter": "cold_water"]),
        Case(.en, "tell the manager that the door is broken", .contactManager, ["message": "The door is broken"]),
        Case(.en, "yes", .confirm),
        Case(.en, "no", .deny),
        Case(.en, "cancel", .deny),
        Case(.en, "stop", .stop),
        Case(.en, "what can you do", .help),
        Case(.en, "can I keep a dog in my flat?", .question, ["query": "can I keep a dog in my flat?"]),
    ]

    @Test("Slovak utterances", arguments: slovakCases)
    func slovak(_ example: Case) { check(example) }

    @Test("Czech utterances", arguments: czechCases)
    func czech(_ example: Case) { check(example) }

    @Test("German utterances", arguments: germanCases)
    func german(_ example: Case) { check(example) }

    @Test("English utterances", arguments: englishCases)
    func english(_ example: Case) { check(example) }

    private func check(_ example: Case) {
        let command = VoiceCommandService.recognize(example.utterance, locale: example.locale)
        #expect(command.intent == example.intent, "\(example.utterance)")
        #expect(command.slots == example.slots, "\(example.utterance)")
        #expect(command.utterance == example.utterance && command.locale == example.locale)
        #expect(command.pending == nil)
    }

    @Test("Diacritics and case do not matter")
    func diacriticsInsensitive() {
        for (plain, marked, locale) in [("kolko dlzim", "KOĽKO DLŽÍM", AppLocale.sk), ("kolik dluzim", "Kolik Dlužím", .cs),
                                        ("ANO", "áno", .sk), ("was schulde ich", "WAS SCHULDE ICH", .de)] {
            let a = VoiceCommandService.recognize(plain, locale: locale)
            let b = VoiceCommandService.recognize(marked, locale: locale)
            #expect(a.intent == b.intent && a.intent != .question, "\(plain) / \(marked)")
        }
    }

    @Test("Nothing said asks for help; a reading without a meter word is not a meter reading")
    func edges() {
        #expect(VoiceCommandService.recognize("  ", locale: .en).intent == .help)
        #expect(VoiceCommandService.recognize("nahlás poruchu vodomera v byte 12", locale: .sk).intent == .reportFault)
        #expect(VoiceCommandService.recognize("koľko dlžím za rok 2024", locale: .sk).intent == .checkBalance)
    }
}
