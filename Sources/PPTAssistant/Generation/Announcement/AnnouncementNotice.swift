import Foundation
import PPTDomain

/// The scenario-specific sentences of a template draft in one language: the subject (title), the
/// facts (stating every required field value) and what readers should do.
struct AnnouncementNotice: Sendable, Hashable {
    var subject: String
    var summary: String
    var action: String

    /// The notice for `input` in `locale`.
    static func make(_ input: AnnouncementDraftInput, _ locale: AppLocale) -> AnnouncementNotice {
        let phrases = AnnouncementPhrases(values: input.values, locale: locale, topic: input.topic)
        switch input.scenario.key {
        case "water_outage": return phrases.waterOutage()
        case "elevator_maintenance": return phrases.elevatorMaintenance()
        case "annual_meeting": return phrases.annualMeeting()
        case "heating_season": return phrases.heatingSeason()
        case "cleaning_schedule": return phrases.cleaningSchedule()
        case "fee_change": return phrases.feeChange()
        case "emergency": return phrases.emergency()
        default: return phrases.custom()
        }
    }
}

/// The sentences of each scenario in Slovak, Czech, German and English, with the request's values
/// written the way the language writes them.
struct AnnouncementPhrases {
    let values: AnnouncementFieldValues
    let locale: AppLocale
    let topic: String?

    /// The written value of a field ("" when absent: only optional fields can be).
    func w(_ name: String) -> String { values.written(name, locale) ?? "" }

    /// `text` when the field `name` was given, else "".
    func ifGiven(_ name: String, _ text: (String) -> String) -> String {
        values.values[name] == nil ? "" : text(w(name))
    }

    func pick(sk: String, cs: String, de: String, en: String) -> String {
        AssistantText.pick(locale, sk: sk, cs: cs, de: de, en: en)
    }

    func waterOutage() -> AnnouncementNotice {
        let (date, from, to, affected) = (w("date"), w("fromTime"), w("toTime"), w("affected"))
        let supply = values.choice("supply") ?? "any"
        let reason = values.choice("reason") ?? "maintenance"
        switch locale {
        case .sk:
            let what = ["all": "studenej aj teplej vody", "cold": "studenej vody", "hot": "teplej vody"][supply] ?? "vody"
            let why = ["repair": "oprava potrubia", "connection": "pripojovacie práce",
                       "inspection": "kontrola kvality vody"][reason] ?? "plánovaná údržba"
            return AnnouncementNotice(
                subject: "Odstávka vody \(date)",
                summary: "Dňa \(date) od \(from) do \(to) bude prerušená dodávka \(what). Dôvodom je \(why). "
                    + "Odstávka sa týka: \(affected).",
                action: "Prosíme, pripravte si vopred zásobu vody a počas odstávky nechajte vodovodné kohútiky zatvorené.")
        case .cs:
            let what = ["all": "studené i teplé vody", "cold": "studené vody", "hot": "teplé vody"][supply] ?? "vody"
            let why = ["repair": "oprava potrubí", "connection": "připojovací práce",
                       "inspection": "kontrola kvality vody"][reason] ?? "plánovaná údržba"
            return AnnouncementNotice(
                subject: "Odstávka vody \(date)",
                summary: "Dne \(date) od \(from) do \(to) bude přerušena dodávka \(what). Důvodem je \(why). "
                    + "Odstávka se týká: \(affected).",
                action: "Připravte si prosím předem zásobu vody a během odstávky nechte vodovodní kohoutky zavřené.")
        case .de:
            let what = ["all": "Kalt- und Warmwasserversorgung", "cold": "Kaltwasserversorgung",
                        "hot": "Warmwasserversorgung"][supply] ?? "Wasserversorgung"
            let why = ["repair": "Rohrreparatur", "connection": "Anschlussarbeiten",
                       "inspection": "Prüfung der Wasserqualität"][reason] ?? "geplante Wartung"
            return AnnouncementNotice(
                subject: "Wasserabschaltung am \(date)",
                summary: "Am \(date) wird die \(what) von \(from) bis \(to) Uhr unterbrochen. Grund: \(why). "
                    + "Betroffen sind: \(affected).",
                action: "Bitte legen Sie sich vorher einen Wasservorrat an und lassen Sie die Wasserhähne während "
                    + "der Abschaltung geschlossen.")
        case .en:
            let what = ["all": "cold and hot water", "cold": "cold water", "hot": "hot water"][supply] ?? "water"
            let why = ["repair": "a pipe repair", "connection": "connection work",
                       "inspection": "a water quality inspection"][reason] ?? "planned maintenance"
            return AnnouncementNotice(
                subject: "Water outage on \(date)",
                summary: "On \(date), the \(what) supply will be interrupted from \(from) to \(to) due to \(why). "
                    + "Affected: \(affected).",
                action: "Please store some water in advance and keep your taps closed during the outage.")
        }
    }

    func elevatorMaintenance() -> AnnouncementNotice {
        let (date, from, to, elevator) = (w("date"), w("fromTime"), w("toTime"), w("elevator"))
        let work = values.choice("work") ?? "inspection"
        switch locale {
        case .sk:
            let why = ["repair": "opravy", "modernization": "modernizácie"][work] ?? "pravidelnej revízie"
            return AnnouncementNotice(
                subject: "Výťah mimo prevádzky \(date)",
                summary: "Dňa \(date) od \(from) do \(to) bude výťah (\(elevator)) mimo prevádzky z dôvodu \(why)."
                    + ifGiven("endDate") { " Práce potrvajú do \($0)." },
                action: "Prosíme, počas tohto času použite schodisko a starším susedom ponúknite pomoc s nákupom.")
        case .cs:
            let why = ["repair": "opravy", "modernization": "modernizace"][work] ?? "pravidelné revize"
            return AnnouncementNotice(
                subject: "Výtah mimo provoz \(date)",
                summary: "Dne \(date) od \(from) do \(to) bude výtah (\(elevator)) mimo provoz z důvodu \(why)."
                    + ifGiven("endDate") { " Práce potrvají do \($0)." },
                action: "Během této doby prosím použijte schodiště a starším sousedům nabídněte pomoc s nákupem.")
        case .de:
            let why = ["repair": "einer Reparatur", "modernization": "einer Modernisierung"][work]
                ?? "einer regelmäßigen Prüfung"
            return AnnouncementNotice(
                subject: "Aufzug außer Betrieb am \(date)",
                summary: "Am \(date) ist der Aufzug (\(elevator)) von \(from) bis \(to) Uhr wegen \(why) außer Betrieb."
                    + ifGiven("endDate") { " Die Arbeiten dauern bis zum \($0)." },
                action: "Bitte benutzen Sie in dieser Zeit die Treppe und bieten Sie älteren Nachbarn Hilfe beim "
                    + "Einkaufen an.")
        case .en:
            let why = ["repair": "a repair", "modernization": "modernization work"][work] ?? "a regular inspection"
            return AnnouncementNotice(
                subject: "Elevator out of service on \(date)",
                summary: "On \(date), the elevator (\(elevator)) will be out of service from \(from) to \(to) "
                    + "because of \(why)." + ifGiven("endDate") { " The work will last until \($0)." },
                action: "Please use the stairs during this time and offer older neighbours help with their shopping.")
        }
    }

    func annualMeeting() -> AnnouncementNotice {
        let (date, time, place) = (w("date"), w("time"), w("place"))
        let agenda = values.list("agenda").enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "; ")
        switch locale {
        case .sk:
            return AnnouncementNotice(
                subject: "Pozvánka na výročnú schôdzu \(date)",
                summary: "Výročná schôdza vlastníkov sa uskutoční dňa \(date) o \(time). Miesto konania: \(place). "
                    + "Program: \(agenda).",
                action: "Prosíme, príďte včas; ak sa nemôžete zúčastniť, môžete písomne splnomocniť iného vlastníka.")
        case .cs:
            return AnnouncementNotice(
                subject: "Pozvánka na výroční schůzi \(date)",
                summary: "Výroční schůze vlastníků se uskuteční dne \(date) v \(time). Místo konání: \(place). "
                    + "Program: \(agenda).",
                action: "Přijďte prosím včas; pokud se nemůžete zúčastnit, můžete písemnou plnou mocí zmocnit "
                    + "jiného vlastníka.")
        case .de:
            return AnnouncementNotice(
                subject: "Einladung zur Jahresversammlung am \(date)",
                summary: "Die Jahresversammlung der Eigentümer findet am \(date) um \(time) Uhr statt. Ort: \(place). "
                    + "Tagesordnung: \(agenda).",
                action: "Bitte kommen Sie pünktlich; wenn Sie nicht teilnehmen können, können Sie einen anderen "
                    + "Eigentümer schriftlich bevollmächtigen.")
        case .en:
            return AnnouncementNotice(
                subject: "Invitation to the annual meeting on \(date)",
                summary: "The annual owners' meeting will take place on \(date) at \(time). Place: \(place). "
                    + "Agenda: \(agenda).",
                action: "Please arrive on time; if you cannot attend, you may authorise another owner with a "
                    + "written proxy.")
        }
    }

    func heatingSeason() -> AnnouncementNotice {
        let date = w("date")
        let start = values.choice("action") != "end"
        switch (locale, start) {
        case (.sk, true):
            return AnnouncementNotice(
                subject: "Začiatok vykurovacej sezóny \(date)",
                summary: "Od \(date) sa začína vykurovacia sezóna a do bytov sa začne dodávať teplo.",
                action: "Prosíme, skontrolujte, či sú ventily radiátorov otvorené, a prípadné poruchy nahláste správe.")
        case (.sk, false):
            return AnnouncementNotice(
                subject: "Koniec vykurovacej sezóny \(date)",
                summary: "Dňa \(date) sa končí vykurovacia sezóna a dodávka tepla do bytov sa preruší.",
                action: "Prosíme, nastavte termostatické hlavice radiátorov na maximum, aby sa ventily počas leta "
                    + "nezasekli.")
        case (.cs, true):
            return AnnouncementNotice(
                subject: "Zahájení topné sezóny \(date)",
                summary: "Od \(date) začíná topná sezóna a do bytů se začne dodávat teplo.",
                action: "Zkontrolujte prosím, zda jsou ventily radiátorů otevřené, a případné poruchy nahlaste správě.")
        case (.cs, false):
            return AnnouncementNotice(
                subject: "Ukončení topné sezóny \(date)",
                summary: "Dne \(date) končí topná sezóna a dodávka tepla do bytů bude přerušena.",
                action: "Nastavte prosím termostatické hlavice radiátorů na maximum, aby se ventily přes léto "
                    + "nezasekly.")
        case (.de, true):
            return AnnouncementNotice(
                subject: "Beginn der Heizperiode am \(date)",
                summary: "Ab dem \(date) beginnt die Heizperiode und die Wohnungen werden wieder beheizt.",
                action: "Bitte prüfen Sie, ob die Heizkörperventile geöffnet sind, und melden Sie Störungen der "
                    + "Verwaltung.")
        case (.de, false):
            return AnnouncementNotice(
                subject: "Ende der Heizperiode am \(date)",
                summary: "Am \(date) endet die Heizperiode und die Wärmeversorgung der Wohnungen wird eingestellt.",
                action: "Bitte stellen Sie die Thermostatköpfe auf die höchste Stufe, damit die Ventile über den "
                    + "Sommer nicht festsitzen.")
        case (.en, true):
            return AnnouncementNotice(
                subject: "Heating season starts on \(date)",
                summary: "The heating season starts on \(date) and the flats will be heated from then on.",
                action: "Please check that your radiator valves are open and report any faults to the management.")
        case (.en, false):
            return AnnouncementNotice(
                subject: "Heating season ends on \(date)",
                summary: "The heating season ends on \(date) and the heat supply to the flats will be switched off.",
                action: "Please turn your radiator thermostats to maximum so that the valves do not get stuck over "
                    + "the summer.")
        }
    }
}
