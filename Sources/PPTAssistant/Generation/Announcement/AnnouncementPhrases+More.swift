import Foundation
import PPTDomain

extension AnnouncementPhrases {
    func cleaningSchedule() -> AnnouncementNotice {
        let (start, areas, day) = (w("startDate"), w("areas"), w("weekday"))
        let frequency = values.choice("frequency") ?? "weekly"
        switch locale {
        case .sk:
            let how = ["biweekly": "každý druhý týždeň", "monthly": "raz za mesiac"][frequency] ?? "každý týždeň"
            return AnnouncementNotice(
                subject: "Nový harmonogram upratovania od \(start)",
                summary: "Od \(start) platí nový harmonogram upratovania: \(areas) sa budú upratovať \(how). "
                    + "Deň upratovania: \(day)\(ifGiven("time") { ", od \($0)" })."
                    + ifGiven("company") { " Upratovanie zabezpečuje \($0)." },
                action: "Prosíme, v tento deň nenechávajte na chodbách a schodisku žiadne veci, aby sa dalo všade "
                    + "upratať.")
        case .cs:
            let how = ["biweekly": "každý druhý týden", "monthly": "jednou měsíčně"][frequency] ?? "každý týden"
            return AnnouncementNotice(
                subject: "Nový harmonogram úklidu od \(start)",
                summary: "Od \(start) platí nový harmonogram úklidu: \(areas) se budou uklízet \(how). "
                    + "Den úklidu: \(day)\(ifGiven("time") { ", od \($0)" })."
                    + ifGiven("company") { " Úklid zajišťuje \($0)." },
                action: "V tento den prosím nenechávejte na chodbách a schodišti žádné věci, aby se dalo všude uklidit.")
        case .de:
            let how = ["biweekly": "alle zwei Wochen", "monthly": "einmal im Monat"][frequency] ?? "jede Woche"
            return AnnouncementNotice(
                subject: "Neuer Reinigungsplan ab dem \(start)",
                summary: "Ab dem \(start) gilt ein neuer Reinigungsplan: \(areas) werden \(how) gereinigt. "
                    + "Reinigungstag: \(day)\(ifGiven("time") { ", ab \($0) Uhr" })."
                    + ifGiven("company") { " Die Reinigung übernimmt \($0)." },
                action: "Bitte lassen Sie an diesem Tag keine Gegenstände in den Fluren und im Treppenhaus stehen, "
                    + "damit überall gereinigt werden kann.")
        case .en:
            let how = ["biweekly": "every other week", "monthly": "once a month"][frequency] ?? "every week"
            return AnnouncementNotice(
                subject: "New cleaning schedule from \(start)",
                summary: "From \(start), a new cleaning schedule applies: \(areas) will be cleaned \(how). "
                    + "Cleaning day: \(day)\(ifGiven("time") { ", from \($0)" })."
                    + ifGiven("company") { " The cleaning is done by \($0)." },
                action: "Please do not leave anything in the corridors or on the stairs on that day so that "
                    + "everything can be cleaned.")
        }
    }

    func feeChange() -> AnnouncementNotice {
        let (fee, old, new, date, reason) = (w("fee"), w("oldAmount"), w("newAmount"), w("effectiveDate"), w("reason"))
        let name = AssistantText.quoted(fee, locale)
        switch locale {
        case .sk:
            return AnnouncementNotice(
                subject: "Zmena výšky poplatku: \(fee) od \(date)",
                summary: "Od \(date) sa mení výška položky \(name) z \(old) na \(new). Dôvod: \(reason).",
                action: "Prosíme, upravte si trvalý príkaz alebo inkaso na novú sumu \(new).")
        case .cs:
            return AnnouncementNotice(
                subject: "Změna výše poplatku: \(fee) od \(date)",
                summary: "Od \(date) se mění výše položky \(name) z \(old) na \(new). Důvod: \(reason).",
                action: "Upravte si prosím trvalý příkaz nebo inkaso na novou částku \(new).")
        case .de:
            return AnnouncementNotice(
                subject: "Änderung der Gebühr: \(fee) ab dem \(date)",
                summary: "Ab dem \(date) ändert sich der Posten \(name) von \(old) auf \(new). Grund: \(reason).",
                action: "Bitte passen Sie Ihren Dauerauftrag oder Ihre Lastschrift an den neuen Betrag von \(new) an.")
        case .en:
            return AnnouncementNotice(
                subject: "Fee change: \(fee) from \(date)",
                summary: "From \(date), the \(name) changes from \(old) to \(new). Reason: \(reason).",
                action: "Please update your standing order or direct debit to the new amount of \(new).")
        }
    }

    func emergency() -> AnnouncementNotice {
        let (kind, affected, contact) = (w("kind"), w("affected"), w("contact"))
        let key = values.choice("kind") ?? "other"
        let action = values.values["instructions"] == nil ? Self.emergencyAction(key, locale) : w("instructions")
        switch locale {
        case .sk:
            return AnnouncementNotice(
                subject: "\(kind) – \(affected)",
                summary: "\(kind) – týka sa: \(affected)\(ifGiven("since") { " (od \($0))" }). "
                    + "Informácie a pomoc na kontakte \(contact).", action: action)
        case .cs:
            return AnnouncementNotice(
                subject: "\(kind) – \(affected)",
                summary: "\(kind) – týká se: \(affected)\(ifGiven("since") { " (od \($0))" }). "
                    + "Informace a pomoc na kontaktu \(contact).", action: action)
        case .de:
            return AnnouncementNotice(
                subject: "\(kind) – \(affected)",
                summary: "\(kind) – betroffen: \(affected)\(ifGiven("since") { " (seit \($0) Uhr)" }). "
                    + "Informationen und Hilfe unter \(contact).", action: action)
        case .en:
            return AnnouncementNotice(
                subject: "\(kind) – \(affected)",
                summary: "\(kind) – affected: \(affected)\(ifGiven("since") { " (since \($0))" }). "
                    + "Information and help: \(contact).", action: action)
        }
    }

    /// What to do at once in an emergency of `kind`.
    static func emergencyAction(_ kind: String, _ locale: AppLocale) -> String {
        let actions: [String: LocalizedText] = [
            "gasLeak": LocalizedText(
                sk: "Nepoužívajte otvorený oheň ani elektrické spínače, otvorte okná, opustite budovu a volajte 112.",
                cs: "Nepoužívejte otevřený oheň ani elektrické spínače, otevřete okna, opusťte budovu a volejte 112.",
                de: "Benutzen Sie kein offenes Feuer und keine Lichtschalter, öffnen Sie die Fenster, verlassen Sie "
                    + "das Gebäude und rufen Sie 112 an.",
                en: "Do not use open flames or light switches, open the windows, leave the building and call 112."),
            "fire": LocalizedText(
                sk: "Opustite budovu po schodisku, nepoužívajte výťah a volajte 112.",
                cs: "Opusťte budovu po schodišti, nepoužívejte výtah a volejte 112.",
                de: "Verlassen Sie das Gebäude über die Treppe, benutzen Sie nicht den Aufzug und rufen Sie 112 an.",
                en: "Leave the building by the stairs, do not use the elevator and call 112."),
            "flood": LocalizedText(
                sk: "Vypnite elektrinu v zaplavených priestoroch, presuňte cennosti vyššie a nevstupujte do vody.",
                cs: "Vypněte elektřinu v zaplavených prostorách, přesuňte cennosti výše a nevstupujte do vody.",
                de: "Schalten Sie den Strom in überfluteten Räumen ab, bringen Sie Wertsachen nach oben und betreten "
                    + "Sie das Wasser nicht.",
                en: "Switch off the electricity in flooded rooms, move valuables higher up and do not walk into the water."),
            "powerOutage": LocalizedText(
                sk: "Vypnite citlivé spotrebiče, nepoužívajte výťah a nenechávajte horiace sviečky bez dozoru.",
                cs: "Vypněte citlivé spotřebiče, nepoužívejte výtah a nenechávejte hořící svíčky bez dozoru.",
                de: "Schalten Sie empfindliche Geräte aus, benutzen Sie nicht den Aufzug und lassen Sie Kerzen nie "
                    + "unbeaufsichtigt.",
                en: "Switch off sensitive appliances, do not use the elevator and never leave candles unattended."),
            "waterLeak": LocalizedText(
                sk: "Zatvorte hlavný uzáver vody vo svojom byte a skontrolujte, či vám nezateká.",
                cs: "Zavřete hlavní uzávěr vody ve svém bytě a zkontrolujte, zda vám nezatéká.",
                de: "Schließen Sie den Hauptwasserhahn Ihrer Wohnung und prüfen Sie, ob Wasser eindringt.",
                en: "Close the main water valve in your flat and check whether water is leaking in."),
            "structural": LocalizedText(
                sk: "Nevstupujte do označených priestorov a riaďte sa pokynmi záchranných zložiek.",
                cs: "Nevstupujte do označených prostor a řiďte se pokyny záchranných složek.",
                de: "Betreten Sie die abgesperrten Bereiche nicht und folgen Sie den Anweisungen der Rettungskräfte.",
                en: "Do not enter the cordoned-off areas and follow the instructions of the emergency services."),
        ]
        let other = LocalizedText(
            sk: "Riaďte sa pokynmi správy domu a záchranných zložiek.", cs: "Řiďte se pokyny správy domu a záchranných složek.",
            de: "Folgen Sie den Anweisungen der Hausverwaltung und der Rettungskräfte.",
            en: "Follow the instructions of the building management and the emergency services.")
        return (actions[kind] ?? other)[locale]
    }

    func custom() -> AnnouncementNotice {
        let topic = (self.topic ?? "").trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".!")))
        return AnnouncementNotice(
            subject: topic,
            summary: pick(sk: "Správa domu vám oznamuje nasledujúcu informáciu: \(topic).",
                          cs: "Správa domu vám sděluje následující informaci: \(topic).",
                          de: "Die Hausverwaltung teilt Ihnen Folgendes mit: \(topic).",
                          en: "The building management would like to inform you about the following: \(topic)."),
            action: pick(sk: "Ak máte akékoľvek otázky, obráťte sa na správu domu, radi vám pomôžeme. Ďakujeme za pozornosť.",
                         cs: "Pokud máte jakékoli dotazy, obraťte se prosím na správu domu, rádi vám pomůžeme. "
                            + "Děkujeme za pozornost.",
                         de: "Wenn Sie Fragen haben, wenden Sie sich bitte an die Hausverwaltung, wir helfen Ihnen gerne "
                            + "weiter. Vielen Dank für Ihre Aufmerksamkeit.",
                         en: "If you have any questions, please contact the building management; we will be glad to "
                            + "help. Thank you for your attention."))
    }
}
