import Foundation
import PPTDomain

/// The scenario templates: each scenario's inputs with their types, whether they are required, and
/// their names in Slovak, Czech, German and English.
package enum AnnouncementScenarios {
    /// Every scenario, `custom` last.
    package static let all: [AnnouncementScenario] = [
        waterOutage, elevatorMaintenance, annualMeeting, heatingSeason, cleaningSchedule, feeChange, emergency, custom,
    ]

    /// The scenario with `key`.
    package static func scenario(_ key: String) -> AnnouncementScenario? { all.first { $0.key == key } }

    private static func l(_ sk: String, _ cs: String, _ de: String, _ en: String) -> LocalizedText {
        LocalizedText(sk: sk, cs: cs, de: de, en: en)
    }

    private static func option(_ key: String, _ sk: String, _ cs: String, _ de: String, _ en: String)
        -> AnnouncementFieldOption
    {
        AnnouncementFieldOption(key, l(sk, cs, de, en))
    }

    // MARK: Shared fields

    private static let date = AnnouncementField("date", .date, labels: l("Dátum", "Datum", "Datum", "Date"))
    private static let fromTime = AnnouncementField("fromTime", .time, labels: l("Od", "Od", "Von", "From"))
    private static let toTime = AnnouncementField("toTime", .time, labels: l("Do", "Do", "Bis", "To"))
    private static let affected = AnnouncementField(
        "affected", .text, labels: l("Dotknuté budovy a vchody", "Dotčené budovy a vchody",
                                     "Betroffene Gebäude und Eingänge", "Affected buildings and entrances"))
    private static let note = AnnouncementField("note", .text, required: false,
                                                labels: l("Poznámka", "Poznámka", "Hinweis", "Note"))
    private static let contact = AnnouncementField("contact", .text, required: false,
                                                   labels: l("Kontakt", "Kontakt", "Kontakt", "Contact"))

    // MARK: Scenarios

    static let waterOutage = AnnouncementScenario(
        key: "water_outage", names: l("Odstávka vody", "Odstávka vody", "Wasserabschaltung", "Water outage"),
        fields: [
            date, fromTime, toTime, affected,
            AnnouncementField("reason", .choice, labels: l("Dôvod", "Důvod", "Grund", "Reason"), options: [
                option("maintenance", "Plánovaná údržba", "Plánovaná údržba", "Geplante Wartung", "Planned maintenance"),
                option("repair", "Oprava potrubia", "Oprava potrubí", "Rohrreparatur", "Pipe repair"),
                option("connection", "Pripojovacie práce", "Připojovací práce", "Anschlussarbeiten", "Connection work"),
                option("inspection", "Kontrola kvality vody", "Kontrola kvality vody", "Wasserqualitätsprüfung",
                       "Water quality inspection"),
            ]),
            AnnouncementField("supply", .choice, required: false,
                              labels: l("Dotknutá voda", "Dotčená voda", "Betroffenes Wasser", "Affected supply"),
                              options: [
                                  option("all", "Studená aj teplá", "Studená i teplá", "Kalt- und Warmwasser",
                                         "Cold and hot"),
                                  option("cold", "Studená voda", "Studená voda", "Kaltwasser", "Cold water"),
                                  option("hot", "Teplá voda", "Teplá voda", "Warmwasser", "Hot water"),
                              ]),
            note,
        ])

    static let elevatorMaintenance = AnnouncementScenario(
        key: "elevator_maintenance",
        names: l("Údržba výťahu", "Údržba výtahu", "Aufzugswartung", "Elevator maintenance"),
        fields: [
            date, fromTime, toTime,
            AnnouncementField("elevator", .text, labels: l("Výťah", "Výtah", "Aufzug", "Elevator")),
            AnnouncementField("work", .choice, labels: l("Druh prác", "Druh prací", "Art der Arbeiten", "Type of work"),
                              options: [
                                  option("inspection", "Pravidelná revízia", "Pravidelná revize", "Regelmäßige Prüfung",
                                         "Regular inspection"),
                                  option("repair", "Oprava", "Oprava", "Reparatur", "Repair"),
                                  option("modernization", "Modernizácia", "Modernizace", "Modernisierung",
                                         "Modernization"),
                              ]),
            AnnouncementField("endDate", .date, required: false, labels: l("Do dňa", "Do dne", "Bis zum", "Until")),
            contact, note,
        ])

    static let annualMeeting = AnnouncementScenario(
        key: "annual_meeting",
        names: l("Výročná schôdza", "Výroční schůze", "Jahresversammlung", "Annual meeting"),
        fields: [
            date,
            AnnouncementField("time", .time, labels: l("Čas", "Čas", "Uhrzeit", "Time")),
            AnnouncementField("place", .text, labels: l("Miesto", "Místo", "Ort", "Place")),
            AnnouncementField("agenda", .list, labels: l("Program", "Program", "Tagesordnung", "Agenda")),
            note,
        ])

    static let heatingSeason = AnnouncementScenario(
        key: "heating_season", names: l("Vykurovacia sezóna", "Topná sezóna", "Heizperiode", "Heating season"),
        fields: [
            AnnouncementField("action", .choice, labels: l("Začiatok alebo koniec", "Zahájení nebo ukončení",
                                                           "Beginn oder Ende", "Start or end"), options: [
                option("start", "Začiatok vykurovania", "Zahájení topení", "Heizbeginn", "Start of heating"),
                option("end", "Koniec vykurovania", "Ukončení topení", "Heizende", "End of heating"),
            ]),
            date, contact, note,
        ])

    private static let weekdays: [AnnouncementFieldOption] = [
        option("monday", "Pondelok", "Pondělí", "Montag", "Monday"),
        option("tuesday", "Utorok", "Úterý", "Dienstag", "Tuesday"),
        option("wednesday", "Streda", "Středa", "Mittwoch", "Wednesday"),
        option("thursday", "Štvrtok", "Čtvrtek", "Donnerstag", "Thursday"),
        option("friday", "Piatok", "Pátek", "Freitag", "Friday"),
        option("saturday", "Sobota", "Sobota", "Samstag", "Saturday"),
        option("sunday", "Nedeľa", "Neděle", "Sonntag", "Sunday"),
    ]

    static let cleaningSchedule = AnnouncementScenario(
        key: "cleaning_schedule",
        names: l("Harmonogram upratovania", "Harmonogram úklidu", "Reinigungsplan", "Cleaning schedule"),
        fields: [
            AnnouncementField("startDate", .date, labels: l("Platí od", "Platí od", "Gültig ab", "Starting")),
            AnnouncementField("weekday", .choice, labels: l("Deň", "Den", "Tag", "Day"), options: weekdays),
            AnnouncementField("frequency", .choice, labels: l("Frekvencia", "Četnost", "Häufigkeit", "Frequency"),
                              options: [
                                  option("weekly", "Každý týždeň", "Každý týden", "Wöchentlich", "Weekly"),
                                  option("biweekly", "Každý druhý týždeň", "Každý druhý týden", "Alle zwei Wochen",
                                         "Every other week"),
                                  option("monthly", "Raz za mesiac", "Jednou měsíčně", "Monatlich", "Monthly"),
                              ]),
            AnnouncementField("time", .time, required: false, labels: l("Čas", "Čas", "Uhrzeit", "Time")),
            AnnouncementField("areas", .text, labels: l("Upratované priestory", "Uklízené prostory",
                                                        "Gereinigte Bereiche", "Areas cleaned")),
            AnnouncementField("company", .text, required: false,
                              labels: l("Upratovacia firma", "Úklidová firma", "Reinigungsfirma", "Cleaning company")),
            note,
        ])

    static let feeChange = AnnouncementScenario(
        key: "fee_change", names: l("Zmena poplatku", "Změna poplatku", "Gebührenänderung", "Fee change"),
        fields: [
            AnnouncementField("fee", .choice, labels: l("Poplatok", "Poplatek", "Gebühr", "Fee"), options: [
                option("serviceCharge", "Poplatok za správu", "Poplatek za správu", "Verwaltungsgebühr",
                       "Service charge"),
                option("repairFund", "Fond opráv", "Fond oprav", "Reparaturfonds", "Repair fund"),
                option("heatingAdvance", "Záloha na teplo", "Záloha na teplo", "Heizkostenvorauszahlung",
                       "Heating advance"),
                option("waterAdvance", "Záloha na vodu", "Záloha na vodu", "Wasserkostenvorauszahlung",
                       "Water advance"),
                option("other", "Iný poplatok", "Jiný poplatek", "Sonstige Gebühr", "Other fee"),
            ]),
            AnnouncementField("oldAmount", .money, labels: l("Doterajšia výška", "Dosavadní výše", "Bisheriger Betrag",
                                                             "Current amount")),
            AnnouncementField("newAmount", .money, labels: l("Nová výška", "Nová výše", "Neuer Betrag", "New amount")),
            AnnouncementField("effectiveDate", .date, labels: l("Platí od", "Platí od", "Gültig ab", "Effective from")),
            AnnouncementField("reason", .text, labels: l("Dôvod", "Důvod", "Grund", "Reason")),
            note,
        ])

    static let emergency = AnnouncementScenario(
        key: "emergency", names: l("Mimoriadna udalosť", "Mimořádná událost", "Notfall", "Emergency"),
        fields: [
            AnnouncementField("kind", .choice, labels: l("Udalosť", "Událost", "Ereignis", "Incident"), options: [
                option("gasLeak", "Únik plynu", "Únik plynu", "Gasaustritt", "Gas leak"),
                option("fire", "Požiar", "Požár", "Brand", "Fire"),
                option("flood", "Zaplavenie", "Zaplavení", "Überschwemmung", "Flooding"),
                option("powerOutage", "Výpadok elektriny", "Výpadek elektřiny", "Stromausfall", "Power outage"),
                option("waterLeak", "Havária vody", "Havárie vody", "Wasserrohrbruch", "Burst water pipe"),
                option("structural", "Statická porucha", "Statická porucha", "Bauschaden", "Structural damage"),
                option("other", "Iná udalosť", "Jiná událost", "Sonstiger Notfall", "Other incident"),
            ]),
            affected,
            AnnouncementField("contact", .text, labels: l("Kontakt", "Kontakt", "Kontakt", "Contact")),
            AnnouncementField("since", .time, required: false, labels: l("Od", "Od", "Seit", "Since")),
            AnnouncementField("instructions", .text, required: false,
                              labels: l("Pokyny", "Pokyny", "Anweisungen", "Instructions")),
        ])

    static let custom = AnnouncementScenario(
        key: "custom", names: l("Vlastná téma", "Vlastní téma", "Eigenes Thema", "Custom topic"), fields: [],
        requiresTopic: true)
}
