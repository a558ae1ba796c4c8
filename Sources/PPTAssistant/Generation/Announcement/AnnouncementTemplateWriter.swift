import Foundation
import PPTDomain

/// One draft text in one language.
package struct AnnouncementDraftText: Codable, Sendable, Hashable {
    package var language: AppLocale
    package var title: String
    package var body: String

    package init(language: AppLocale, title: String, body: String) {
        self.language = language
        self.title = title
        self.body = body
    }
}

/// One alternative: the same structure in every requested language.
package struct AnnouncementDraftAlternative: Codable, Sendable, Hashable {
    /// Position in the answer, from 0 (what `choose` takes as `index`).
    package var index: Int
    package var style: AnnouncementDraftStyle
    package var versions: [AnnouncementDraftText]

    package init(index: Int, style: AnnouncementDraftStyle, versions: [AnnouncementDraftText]) {
        self.index = index
        self.style = style
        self.versions = versions
    }
}

/// The built-in path: drafts from the scenario's sentences in each language, in three structures
/// (short notice, detailed, friendly reminder), with tone, urgency and key points applied.
struct AnnouncementTemplateWriter {
    let input: AnnouncementDraftInput
    /// Signs the detailed and reminder drafts.
    let organizationName: String

    func alternatives() -> [AnnouncementDraftAlternative] {
        input.styles.enumerated().map { index, style in
            AnnouncementDraftAlternative(index: index, style: style, versions: input.languages.map { write(style, $0) })
        }
    }

    func write(_ style: AnnouncementDraftStyle, _ l: AppLocale) -> AnnouncementDraftText {
        let notice = AnnouncementNotice.make(input, l)
        let words = AnnouncementWording(locale: l)
        let points = input.keyPoints.map(Self.sentence)
        var lines: [String] = []
        // Critical: the first sentence says what to do now.
        if input.urgency == .critical { lines.append(notice.action) }
        let title: String
        switch style {
        case .shortNotice:
            title = notice.subject
            lines.append((input.urgency == .low ? words.forInformation + " " : "") + notice.summary)
            if !points.isEmpty { lines.append(points.joined(separator: " ")) }
            if input.urgency != .critical { lines.append(notice.action) }
        case .detailed:
            title = notice.subject + words.detailsSuffix
            lines.append(words.greeting(input.tone))
            if input.urgency == .high { lines.append(words.attention) }
            if let topic = input.topic, input.scenario.key != "custom" { lines.append(Self.sentence(topic)) }
            lines.append(notice.summary)
            let facts = input.values.facts(l)
            if !facts.isEmpty {
                lines.append(words.details + "\n" + facts.map { "- \($0.label): \($0.value)" }.joined(separator: "\n"))
            }
            if !points.isEmpty { lines.append(words.keyPoints + "\n" + points.map { "- " + $0 }.joined(separator: "\n")) }
            if input.urgency != .critical { lines.append(notice.action) }
            lines.append(words.closing(input.tone) + "\n" + organizationName)
        case .friendlyReminder:
            title = words.reminderPrefix + notice.subject
            lines.append(words.greeting(input.tone == .formal ? .formal : .friendly))
            lines.append(words.reminder + " " + notice.summary)
            if !points.isEmpty { lines.append(words.alsoRemember + " " + points.joined(separator: " ")) }
            if input.urgency != .critical { lines.append(notice.action) }
            lines.append(words.thanks + "\n" + organizationName)
        }
        return AnnouncementDraftText(language: l, title: Self.clip(words.urgencyPrefix(input.urgency) + title),
                                     body: lines.joined(separator: "\n\n"))
    }

    /// `text` as a sentence: trimmed, ending with punctuation.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return trimmed }
        return ".!?…".contains(last) ? trimmed : trimmed + "."
    }

    /// A title of at most 200 characters, cut at a word boundary.
    static func clip(_ title: String) -> String {
        guard title.count > 200 else { return title }
        let head = title.prefix(199)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) + "…"
    }
}

/// The scenario-independent words of a draft in one language.
struct AnnouncementWording {
    let locale: AppLocale

    private func pick(_ sk: String, _ cs: String, _ de: String, _ en: String) -> String {
        AssistantText.pick(locale, sk: sk, cs: cs, de: de, en: en)
    }

    /// The title prefix that marks `urgency` (critical and high only).
    func urgencyPrefix(_ urgency: AnnouncementUrgency) -> String {
        switch urgency {
        case .critical: pick("NALIEHAVÉ: ", "NALÉHAVÉ: ", "DRINGEND: ", "URGENT: ")
        case .high: pick("Dôležité: ", "Důležité: ", "Wichtig: ", "Important: ")
        case .normal, .low: ""
        }
    }

    func greeting(_ tone: AnnouncementTone) -> String {
        switch tone {
        case .formal: pick("Vážení obyvatelia,", "Vážení obyvatelé,", "Sehr geehrte Bewohnerinnen und Bewohner,",
                           "Dear residents,")
        case .friendly: pick("Milí susedia,", "Milí sousedé,", "Liebe Nachbarinnen und Nachbarn,", "Dear neighbours,")
        case .neutral: pick("Dobrý deň,", "Dobrý den,", "Guten Tag,", "Hello,")
        }
    }

    func closing(_ tone: AnnouncementTone) -> String {
        switch tone {
        case .formal: pick("S pozdravom", "S pozdravem", "Mit freundlichen Grüßen", "Kind regards,")
        case .friendly: pick("Ďakujeme za pochopenie a prajeme vám pekný deň!", "Děkujeme za pochopení a přejeme vám hezký den!",
                             "Danke für Ihr Verständnis und einen schönen Tag!",
                             "Thank you for your understanding and have a nice day!")
        case .neutral: pick("Ďakujeme za pochopenie.", "Děkujeme za pochopení.", "Danke für Ihr Verständnis.",
                            "Thank you for your understanding.")
        }
    }

    var detailsSuffix: String {
        pick(" – podrobné informácie", " – podrobné informace", " – alle Einzelheiten", " – all the details")
    }
    var reminderPrefix: String { pick("Pripomienka: ", "Připomínka: ", "Erinnerung: ", "Reminder: ") }
    var forInformation: String { pick("Pre vašu informáciu:", "Pro vaši informaci:", "Zur Information:", "For your information:") }
    var attention: String {
        pick("Prosíme, venujte tomuto oznámeniu pozornosť.", "Věnujte prosím tomuto oznámení pozornost.",
             "Bitte beachten Sie diese Mitteilung.", "Please pay attention to this notice.")
    }
    var details: String { pick("Podrobnosti:", "Podrobnosti:", "Einzelheiten:", "Details:") }
    var keyPoints: String { pick("Dôležité body:", "Důležité body:", "Wichtige Punkte:", "Key points:") }
    var reminder: String {
        pick("Radi by sme vám pripomenuli:", "Rádi bychom vám připomněli:", "Wir möchten Sie daran erinnern:",
             "A friendly reminder:")
    }
    var alsoRemember: String { pick("Nezabudnite tiež:", "Nezapomeňte také:", "Bitte denken Sie auch daran:", "Please also remember:") }
    var thanks: String {
        pick("Ďakujeme za vašu spoluprácu.", "Děkujeme za vaši spolupráci.", "Vielen Dank für Ihre Mithilfe.",
             "Thank you for your cooperation.")
    }
}
