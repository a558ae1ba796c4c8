import Foundation
import PPTDomain
import PPTStorage

/// The questions answered from the member's data: balance, faults, announcements, meter readings.
extension VoiceTurn {
    /// Most items named in one answer.
    static let spokenItems = 3

    /// What the member owes (`my_balance`), per unit, with the overdue part and the next due date.
    func balance() async throws -> VoiceOutcome {
        let output = try await tool("my_balance")
        if let outstanding = output.data[voice: "outstanding_minor"]?.voiceInt,
           let currency = output.data[voice: "currency"]?.stringValue.flatMap(Currency.init(rawValue:)) {
            // Staff: the organization's totals.
            let overdue = VoiceSpeech.money(output.data[voice: "overdue_minor"]?.voiceInt ?? 0, currency, locale)
            let total = VoiceSpeech.money(outstanding, currency, locale)
            let units = Int(output.data[voice: "units_with_overdue"]?.voiceInt ?? 0)
            let text = AssistantText.pick(
                locale, sk: "Po splatnosti je \(overdue) v \(units) jednotkách, celkovo zostáva uhradiť \(total).",
                cs: "Po splatnosti je \(overdue) v \(units) jednotkách, celkem zbývá uhradit \(total).",
                de: "Überfällig sind \(overdue) in \(units) Einheiten, insgesamt offen sind \(total).",
                en: "\(overdue) is overdue in \(units) units, and \(total) is outstanding in total.")
            return VoiceOutcome(reply(text, card: output.summary))
        }
        let units = output.data[voice: "units"]?.voiceArray ?? []
        guard !units.isEmpty else { return VoiceOutcome(reply(output.summary)) }
        let sentences = units.map { unit in
            balanceSentence(unit, label: units.count > 1 ? unit[voice: "unit"]?.stringValue : nil)
        }
        return VoiceOutcome(reply(sentences.joined(separator: " "), card: output.summary))
    }

    private func balanceSentence(_ unit: JSONValue, label: String?) -> String {
        let currency = unit[voice: "currency"]?.stringValue.flatMap(Currency.init(rawValue:)) ?? .EUR
        let money = { (minor: Int64) in VoiceSpeech.money(minor, currency, locale) }
        let balance = unit[voice: "balance_minor"]?.voiceInt ?? 0
        let overdue = unit[voice: "overdue_minor"]?.voiceInt ?? 0
        let prefix = label.map { "\($0): " } ?? ""
        var text: String
        if balance > 0 {
            text = AssistantText.pick(locale, sk: "Dlžíte \(money(balance)).", cs: "Dlužíte \(money(balance)).",
                                      de: "Sie schulden \(money(balance)).", en: "You owe \(money(balance)).")
            if overdue > 0 {
                text += AssistantText.pick(locale, sk: " Z toho je po splatnosti \(money(overdue)).",
                                           cs: " Z toho je po splatnosti \(money(overdue)).",
                                           de: " Davon sind \(money(overdue)) überfällig.",
                                           en: " \(money(overdue)) of it is overdue.")
            }
        } else if balance < 0 {
            text = AssistantText.pick(locale, sk: "Máte preplatok \(money(-balance)).",
                                      cs: "Máte přeplatek \(money(-balance)).",
                                      de: "Sie haben ein Guthaben von \(money(-balance)).",
                                      en: "You have a credit of \(money(-balance)).")
        } else {
            text = AssistantText.pick(locale, sk: "Všetko máte zaplatené.", cs: "Všechno máte zaplaceno.",
                                      de: "Sie haben alles bezahlt.", en: "Everything is paid.")
        }
        let upcoming = (unit[voice: "open_invoices"]?.voiceArray ?? []).first { $0[voice: "overdue"] == .bool(false) }
        if let upcoming, let due = upcoming[voice: "due_date"]?.stringValue {
            let amount = money(upcoming[voice: "amount_due_minor"]?.voiceInt ?? 0)
            text += AssistantText.pick(locale, sk: " Najbližšia splatnosť je \(date(due)), \(amount).",
                                       cs: " Nejbližší splatnost je \(date(due)), \(amount).",
                                       de: " Die nächste Fälligkeit ist am \(date(due)), \(amount).",
                                       en: " The next payment of \(amount) is due on \(date(due)).")
        }
        return prefix + text
    }

    /// The member's open faults and their status (`my_faults`).
    func faults() async throws -> VoiceOutcome {
        let output = try await tool("my_faults", ["status": "open"])
        let total = Int(output.data[voice: "total"]?.voiceInt ?? 0)
        let staff = output.data[voice: "scope"]?.stringValue == "organization"
        guard total > 0 else {
            let text = staff
                ? AssistantText.pick(locale, sk: "V organizácii nie sú žiadne otvorené poruchy.",
                                     cs: "V organizaci nejsou žádné otevřené závady.",
                                     de: "In der Organisation gibt es keine offenen Störungen.",
                                     en: "There are no open faults in the organization.")
                : AssistantText.pick(locale, sk: "Nemáte žiadne otvorené poruchy.",
                                     cs: "Nemáte žádné otevřené závady.",
                                     de: "Sie haben keine offenen Störungen.", en: "You have no open faults.")
            return VoiceOutcome(reply(text, card: output.summary))
        }
        let count = AssistantText.pick(
            locale, sk: AssistantText.counted(total, locale, one: "otvorenú poruchu", few: "otvorené poruchy",
                                              many: "otvorených porúch"),
            cs: AssistantText.counted(total, locale, one: "otevřenou závadu", few: "otevřené závady",
                                      many: "otevřených závad"),
            de: total == 1 ? "eine offene Störung" : "\(total) offene Störungen",
            en: AssistantText.counted(total, locale, one: "open fault", few: "open faults", many: "open faults"))
        let items = (output.data[voice: "faults"]?.voiceArray ?? []).prefix(Self.spokenItems).map { fault in
            "\(fault[voice: "title"]?.stringValue ?? ""): \(fault[voice: "status_text"]?.stringValue ?? "")"
        }
        var text = staff
            ? AssistantText.pick(locale, sk: "V organizácii evidujem \(count).", cs: "V organizaci evidujem \(count).",
                                 de: "In der Organisation gibt es \(count).", en: "The organization has \(count).")
            : AssistantText.pick(locale, sk: "Máte \(count).", cs: "Máte \(count).", de: "Sie haben \(count).",
                                 en: "You have \(count).")
        text += " " + items.joined(separator: ". ") + "."
        if total > items.count {
            let more = total - items.count
            text += AssistantText.pick(locale, sk: " A ďalšie: \(more).", cs: " A další: \(more).",
                                       de: " Und \(more) weitere.", en: " And \(more) more.")
        }
        return VoiceOutcome(reply(text, card: output.summary))
    }

    /// The latest announcements (`recent_announcements`): titles and days.
    func announcements() async throws -> VoiceOutcome {
        let output = try await tool("recent_announcements", ["limit": .int(Int64(Self.spokenItems))])
        let items = output.data[voice: "announcements"]?.voiceArray ?? []
        guard !items.isEmpty else { return VoiceOutcome(reply(output.summary)) }
        let lines = items.map { item in
            "\(item[voice: "title"]?.stringValue ?? ""), \(date(item[voice: "published_on"]?.stringValue))"
        }
        let text = AssistantText.pick(locale, sk: "Najnovšie oznamy: ", cs: "Nejnovější oznámení: ",
                                      de: "Die neuesten Mitteilungen: ", en: "The latest announcements: ")
            + lines.joined(separator: ". ") + "."
        return VoiceOutcome(reply(text, card: output.summary))
    }

    /// The open reading period and the next one (`meter_reading_windows`).
    func nextMeterReading() async throws -> VoiceOutcome {
        let output = try await tool("meter_reading_windows")
        let open = output.data[voice: "open"]?.voiceArray.first
        let next = output.data[voice: "upcoming"]?.voiceArray.first
        var sentences: [String] = []
        if let open {
            let (title, to) = (open[voice: "title"]?.stringValue ?? "", date(open[voice: "closes_on"]?.stringValue))
            sentences.append(AssistantText.pick(
                locale, sk: "Odpočet \(title) prebieha do \(to).", cs: "Odečet \(title) probíhá do \(to).",
                de: "Die Ablesung \(title) läuft bis zum \(to).", en: "The meter reading \(title) is open until \(to)."))
        }
        if let next {
            let title = next[voice: "title"]?.stringValue ?? ""
            let (from, to) = (date(next[voice: "opens_on"]?.stringValue), date(next[voice: "closes_on"]?.stringValue))
            sentences.append(AssistantText.pick(
                locale, sk: "Najbližší odpočet \(title) bude od \(from) do \(to).",
                cs: "Nejbližší odečet \(title) bude od \(from) do \(to).",
                de: "Die nächste Ablesung \(title) ist vom \(from) bis zum \(to).",
                en: "The next meter reading \(title) runs from \(from) to \(to)."))
        }
        if sentences.isEmpty {
            sentences.append(AssistantText.pick(
                locale, sk: "Momentálne nie je otvorený ani naplánovaný žiadny odpočet.",
                cs: "Momentálně není otevřený ani naplánovaný žádný odečet.",
                de: "Derzeit ist keine Ablesung offen oder geplant.",
                en: "No meter reading is open or planned at the moment."))
        }
        return VoiceOutcome(reply(sentences.joined(separator: " "), card: output.summary))
    }
}
