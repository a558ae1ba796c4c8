import Foundation
import PPTDomain

/// Checks a lease's sections against the data, whoever wrote them (the model, or a person editing
/// the draft): every mandatory clause is present and states its figures exactly as the clause
/// library spells them, and no amount or date in the text differs from the lease's. Problems are
/// `validation.failed` with a pointer per problem, which the engine sends back to the model once.
package struct LeaseVerifier: Sendable {
    /// What a mandatory clause must contain.
    package struct Requirement: Sendable, Hashable {
        package var key: String
        package var title: String
        package var figures: [LeaseFigure]
        package var translatedFigures: [LeaseFigure]
    }

    package let facts: LeaseFacts
    package let language: AppLocale
    package let bilingual: AppLocale?
    package let requirements: [Requirement]
    /// Amounts (minor units) and dates that may appear besides the lease's own.
    private let requestedAmounts: Set<Int64>
    private let requestedDates: Set<CalendarDate>

    /// `mandatory` gives the clauses whose presence and figures are required; amounts and dates in
    /// `allowing` (the person's requests, the organization's clause texts, an edited draft's earlier
    /// text) are accepted besides the lease's own.
    package init(facts: LeaseFacts, language: AppLocale, bilingual: AppLocale?, mandatory clauses: [AssembledClause],
                 allowing texts: [String]) {
        self.facts = facts
        self.language = language
        self.bilingual = bilingual
        requirements = clauses.filter(\.mandatory).map { clause in
            Requirement(key: clause.key, title: clause.text.title,
                        figures: facts.figures(of: clause.text.text, in: language),
                        translatedFigures: bilingual.map {
                            facts.figures(of: clause.translation?.text ?? clause.text.text, in: $0)
                        } ?? [])
        }
        let joined = texts.joined(separator: "\n")
        requestedAmounts = Set(LeaseFigureScanner.amounts(in: joined).map(\.minor))
        requestedDates = Set(LeaseFigureScanner.dates(in: joined).map(\.date))
    }

    /// Throws `validation.failed` naming every problem of `sections`.
    package func check(_ sections: [LeaseSection]) throws {
        var problems: [FieldError] = []
        var seen: [String: Int] = [:]
        for (index, section) in sections.enumerated() {
            if section.key.leaseTrimmed.isEmpty {
                problems.append(FieldError(pointer: "/sections/\(index)/key", detail: "must not be empty"))
            }
            if let first = seen[section.key] {
                problems.append(FieldError(pointer: "/sections/\(index)/key",
                                           detail: "repeats the key '\(section.key)' of section \(first)"))
            }
            seen[section.key] = seen[section.key] ?? index
            if section.title.leaseTrimmed.isEmpty || section.text.leaseTrimmed.isEmpty {
                problems.append(FieldError(pointer: "/sections/\(index)", detail: "needs a title and a text"))
            }
            if bilingual != nil, section.translation == nil {
                problems.append(FieldError(pointer: "/sections/\(index)/translation",
                                           detail: "is required in a bilingual lease"))
            }
            problems += stray(in: section.text, pointer: "/sections/\(index)/text", language: language)
            if let translation = section.translation, let bilingual {
                problems += stray(in: translation.text, pointer: "/sections/\(index)/translation/text",
                                  language: bilingual)
            }
        }
        for requirement in requirements {
            guard let index = seen[requirement.key] else {
                problems.append(FieldError(pointer: "/sections",
                                           detail: "the mandatory clause '\(requirement.key)' (\(requirement.title)) is missing"))
                continue
            }
            let section = sections[index]
            for figure in requirement.figures where !section.text.contains(figure.value) {
                problems.append(FieldError(pointer: "/sections/\(index)/text",
                                           detail: "must state the \(figure.name) exactly as \"\(figure.value)\""))
            }
            if let translation = section.translation {
                for figure in requirement.translatedFigures where !translation.text.contains(figure.value) {
                    problems.append(FieldError(pointer: "/sections/\(index)/translation/text",
                                               detail: "must state the \(figure.name) exactly as \"\(figure.value)\""))
                }
            }
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
    }

    /// Amounts and dates in `text` that are not the lease's (nor allowed otherwise).
    private func stray(in text: String, pointer: String, language: AppLocale) -> [FieldError] {
        let format = LeaseFormat(language)
        let lease = facts.lease
        let amounts: Set<Int64> = [lease.rent.amountMinor, lease.deposit.amountMinor]
        var dates: Set<CalendarDate> = [lease.startDate]
        if let end = lease.endDate { dates.insert(end) }
        var problems: [FieldError] = []
        for found in LeaseFigureScanner.amounts(in: text)
        where !amounts.contains(found.minor) && !requestedAmounts.contains(found.minor) {
            problems.append(FieldError(pointer: pointer, detail: "states the amount \"\(found.text)\", which is neither "
                + "the rent (\(format.money(lease.rent))) nor the deposit (\(format.money(lease.deposit)))"))
        }
        for found in LeaseFigureScanner.dates(in: text)
        where !dates.contains(found.date) && !requestedDates.contains(found.date) {
            let expected = dates.sorted().map(format.date).joined(separator: ", ")
            problems.append(FieldError(pointer: pointer, detail: "states the date \"\(found.text)\", which is not a date "
                + "of the lease (\(expected))"))
        }
        return problems
    }
}

/// A figure a clause must state: what it is and how it is spelled.
package struct LeaseFigure: Sendable, Hashable {
    package var name: String
    package var value: String
}
