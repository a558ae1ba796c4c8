import Foundation
import PPTDomain

/// The model's part of a lease: it receives the template-filled clauses and the person's requests,
/// adapts the wording and adds the requested clauses, answering with sections as JSON schema. The
/// verifier then checks the answer against the data; a failed check is retried once by the engine.
struct LeaseModelWriter: Sendable {
    let engine: GenerationEngine

    /// The model's answer.
    struct Output: Decodable, Sendable {
        var sections: [Section]

        struct Section: Decodable, Sendable {
            var key: String
            var title: String
            var text: String
            var translation: LeaseSectionTranslation?
        }
    }

    /// The JSON schema of the answer: sections of key, title and text (and a translation when bilingual).
    static func schema(bilingual: Bool) -> GenerationSchema {
        var section: [String: JSONValue] = [
            "key": GenerationSchema.string("the clause's stable key; keep the given keys, snake_case for new clauses"),
            "title": GenerationSchema.string("the clause heading"),
            "text": GenerationSchema.string("the clause text"),
        ]
        if bilingual {
            section["translation"] = GenerationSchema.object([
                "title": GenerationSchema.string("the heading in the companion language"),
                "text": GenerationSchema.string("the text in the companion language"),
            ])
        }
        return GenerationSchema(name: "lease_sections", schema: GenerationSchema.object([
            "sections": GenerationSchema.array(GenerationSchema.object(section), description: "the clauses in order"),
        ]))
    }

    /// Writes the lease with the model; `draft` is the template-filled lease it starts from.
    func write(_ scope: OrgScope, plan: GenerationPlan, draft: [LeaseSection],
               country: LeaseCountry, language: AppLocale, bilingual: AppLocale?, requests: [String],
               verifier: LeaseVerifier, usage: inout GenerationUsage) async throws -> [LeaseSection] {
        let byKey = Dictionary(draft.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        func sections(_ output: Output) -> [LeaseSection] {
            output.sections.map { section in
                let known = byKey[section.key]
                return LeaseSection(key: section.key, title: section.title, text: section.text,
                                    legalBasis: known?.legalBasis, mandatory: known?.mandatory ?? false,
                                    translation: bilingual == nil ? nil : section.translation)
            }
        }
        let output = try await engine.structured(
            scope, plan: plan, system: Self.system(country: country, language: language, bilingual: bilingual),
            prompt: try Self.prompt(draft: draft, requests: requests, bilingual: bilingual),
            schema: Self.schema(bilingual: bilingual != nil), as: Output.self, temperature: 0.2, usage: &usage
        ) { output in try verifier.check(sections(output)) }
        return sections(output)
    }

    static func system(country: LeaseCountry, language: AppLocale, bilingual: AppLocale?) -> String {
        let law = country == .SK ? "Slovak law (Civil Code, Act No. 40/1964 Coll.)"
            : "Czech law (Civil Code, Act No. 89/2012 Coll.)"
        var text = """
            You draft residential flat leases under \(law), written in \(name(language)). You receive the lease's \
            clauses, already filled with the lease's data, and the landlord's requests. Improve the wording only \
            where it helps, and add one clause per request (a new snake_case key, placed before "governing_law"). \
            Rules: keep every given clause and its key; copy every name, address, unit number, amount of money \
            and date exactly as given, character for character; never add an amount or a date that is not in \
            the clauses or the requests; do not cite sections of law that are not already cited.
            """
        if let bilingual {
            text += " Give every clause a faithful translation into \(name(bilingual)) in `translation`, writing "
                + "amounts and dates the way the given translations do."
        }
        return text
    }

    static func prompt(draft: [LeaseSection], requests: [String], bilingual: AppLocale?) throws -> String {
        struct Given: Encodable {
            var key: String
            var title: String
            var text: String
            var translation: LeaseSectionTranslation?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let clauses = draft.map { Given(key: $0.key, title: $0.title, text: $0.text, translation: $0.translation) }
        let json = String(decoding: try encoder.encode(clauses), as: UTF8.self)
        let asked = requests.isEmpty ? "(none)" : requests.map { "- \($0)" }.joined(separator: "\n")
        return "Clauses:\n\(json)\n\nRequests:\n\(asked)"
    }

    static func name(_ language: AppLocale) -> String {
        switch language {
        case .sk: "Slovak"
        case .cs: "Czech"
        case .en: "English"
        case .de: "German"
        }
    }
}
