import Foundation
import PPTDocuments
import PPTDomain

/// The model path: the drafts are asked for as JSON (schema below) and every alternative is checked:
/// exactly `count` of them, one version per requested language, a title of at most 200 characters
/// (with the urgent prefix when critical), and every date, time, amount, required text and key
/// point stated in each body. A miss is sent back to the model once, then `generation.invalid_output`.
struct AnnouncementModelWriter {
    let input: AnnouncementDraftInput
    let organization: Organization
    /// Names of the audience's buildings (for the prompt).
    let buildingNames: [String]

    /// The model's answer.
    struct Output: Decodable, Sendable {
        struct Draft: Decodable, Sendable {
            var style: String
            var versions: [Version]
        }

        struct Version: Decodable, Sendable {
            var language: String
            var title: String
            var body: String
        }

        var drafts: [Draft]
    }

    var schema: GenerationSchema {
        let version = GenerationSchema.object([
            "language": GenerationSchema.oneOf(input.languages.map(\.rawValue)),
            "title": GenerationSchema.string("At most 200 characters"),
            "body": GenerationSchema.string("Plain text, paragraphs separated by blank lines"),
        ])
        let draft = GenerationSchema.object([
            "style": GenerationSchema.oneOf(input.styles.map(\.rawValue)),
            "versions": GenerationSchema.array(version, description: "One version per requested language"),
        ])
        return GenerationSchema(name: "announcement_drafts", schema: GenerationSchema.object([
            "drafts": GenerationSchema.array(draft, description: "Exactly \(input.count) alternative drafts"),
        ]))
    }

    private static let languageNames: [AppLocale: String] = [.sk: "Slovak", .cs: "Czech", .de: "German", .en: "English"]

    var system: String {
        """
        You write announcements that the management of \(organization.name) posts to the residents of its \
        apartment buildings. Write clear, correct, natural text in each requested language; never invent facts, \
        dates, amounts or contacts that are not given. Plain text only, no Markdown headings.
        """
    }

    var prompt: String {
        let styles: [AnnouncementDraftStyle: String] = [
            .shortNotice: "short_notice: a short notice of two to four sentences: what, when, what to do",
            .detailed: "detailed: greeting, explanation, the facts as a list, what to do, closing",
            .friendlyReminder: "friendly_reminder: a warm reminder in running text that ends with thanks",
        ]
        var lines = ["Scenario: \(input.scenario.names.en)."]
        if let topic = input.topic { lines.append("Topic: \(topic)") }
        let facts = input.values.facts(.en)
        if !facts.isEmpty {
            lines.append("Facts (state every one of them in every draft):")
            for field in input.scenario.fields {
                guard let value = input.values.values[field.name] else { continue }
                let written = input.languages.map { "\(Self.languageNames[$0] ?? $0.rawValue): \(value.written($0, field: field))" }
                lines.append("- \(field.labels.en) — " + written.joined(separator: " | "))
            }
        }
        if !input.keyPoints.isEmpty {
            lines.append("Key points (every draft must say each of them):")
            lines += input.keyPoints.map { "- \($0)" }
        }
        let audience = input.target.all ? "all residents"
            : ([buildingNames.isEmpty ? nil : "buildings: " + buildingNames.joined(separator: ", "),
                input.target.roles.isEmpty ? nil : "roles: " + input.target.roles.map(\.rawValue).joined(separator: ", "),
                input.target.unitIDs.isEmpty ? nil : "\(input.target.unitIDs.count) units"]
                .compactMap { $0 }.joined(separator: "; "))
        lines.append("Audience: \(audience).")
        lines.append("Tone: \(input.tone.rawValue).")
        switch input.urgency {
        case .critical:
            let prefixes = input.languages.map { "\(AnnouncementWording(locale: $0).urgencyPrefix(.critical))(\($0.rawValue))" }
            lines.append("Urgency: critical. Every title starts with the prefix " + prefixes.joined(separator: ", ")
                + " and every body's first sentence says what residents must do right now.")
        case .high: lines.append("Urgency: high: make clear that the notice is important.")
        case .normal: lines.append("Urgency: normal.")
        case .low: lines.append("Urgency: low: a calm note for information.")
        }
        let languages = input.languages.map { "\($0.rawValue) (\(Self.languageNames[$0] ?? ""))" }.joined(separator: ", ")
        lines.append("""
            Write exactly \(input.count) alternative drafts that genuinely differ in structure, in this order:
            \(input.styles.compactMap { styles[$0] }.joined(separator: "\n"))
            Each draft has one version in each of these languages: \(languages). Titles at most 200 characters. \
            Write dates, times and amounts as given above for each language.
            """)
        return lines.joined(separator: "\n")
    }

    /// Checks the answer; throws `validation.failed` naming what to fix.
    func validate(_ output: Output) throws {
        var problems: [FieldError] = []
        func problem(_ pointer: String, _ detail: String) { problems.append(FieldError(pointer: pointer, detail: detail)) }
        if output.drafts.count != input.count {
            problem("/drafts", "must hold exactly \(input.count) alternatives, not \(output.drafts.count)")
        }
        let styles = output.drafts.map(\.style)
        if Set(styles).count != styles.count {
            problem("/drafts", "each alternative must have its own style (structure), not " + styles.joined(separator: ", "))
        }
        let wanted = input.languages.map(\.rawValue)
        var seen: [String: Int] = [:]
        for (i, draft) in output.drafts.enumerated() {
            let languages = draft.versions.map(\.language)
            if languages.sorted() != wanted.sorted() {
                problem("/drafts/\(i)/versions", "must hold exactly one version in each of " + wanted.joined(separator: ", "))
            }
            for (j, version) in draft.versions.enumerated() {
                let pointer = "/drafts/\(i)/versions/\(j)"
                let title = version.title.trimmingCharacters(in: .whitespacesAndNewlines)
                if title.isEmpty || version.title.count > 200 { problem(pointer + "/title", "must be 1 to 200 characters") }
                if version.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || version.body.count > 20_000 {
                    problem(pointer + "/body", "must be 1 to 20000 characters")
                    continue
                }
                guard let language = AppLocale(rawValue: version.language) else { continue }
                if input.urgency == .critical {
                    let prefix = AnnouncementWording(locale: language).urgencyPrefix(.critical)
                    if !title.uppercased().hasPrefix(prefix.uppercased().trimmingCharacters(in: .whitespaces)) {
                        problem(pointer + "/title", "must start with \(prefix.trimmingCharacters(in: .whitespaces))")
                    }
                }
                for missing in missing(in: version.body, language: language) {
                    problem(pointer + "/body", "does not state \(missing)")
                }
                let key = version.language + "\u{1F}" + AnnouncementMentions.normalize(version.body)
                if let earlier = seen[key] { problem("/drafts/\(i)", "repeats alternative \(earlier) in \(version.language)") }
                seen[key] = seen[key] ?? i
            }
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
    }

    /// What `body` fails to state.
    func missing(in body: String, language: AppLocale) -> [String] {
        var missing: [String] = []
        let only = input.languages.count == 1
        for field in input.scenario.fields {
            guard let value = input.values.values[field.name] else { continue }
            let written = value.written(language, field: field)
            switch value {
            case .date(let day):
                if !AnnouncementMentions.date(day, in: body) { missing.append("the \(field.name) \(written)") }
            case .time(let hour, let minute):
                if !AnnouncementMentions.time(hour: hour, minute: minute, in: body) { missing.append("the \(field.name) \(written)") }
            case .money(let money):
                if !AnnouncementMentions.money(money, in: body) { missing.append("the \(field.name) \(written)") }
            case .text(let text) where field.required:
                if !AnnouncementMentions.phrase(text, in: body, language: language, onlyLanguage: only) {
                    missing.append("the \(field.name) “\(text)”")
                }
            case .list(let items) where field.required:
                for item in items where !AnnouncementMentions.phrase(item, in: body, language: language, onlyLanguage: only) {
                    missing.append("the \(field.name) item “\(item)”")
                }
            default: break
            }
        }
        for point in input.keyPoints
        where !AnnouncementMentions.phrase(point, in: body, language: language, onlyLanguage: only) {
            missing.append("the key point “\(point)”")
        }
        return missing
    }
}
