import Foundation
import PPTDomain
import PPTStorage

/// `upcoming_votes`: open (active) and scheduled votes the member may see, with their dates; for owners
/// whether they already answered, for staff how many units answered.
package struct UpcomingVotesTool: AssistantTool {
    /// Votes read at most (the newest).
    static let readLimit = 200
    /// Votes described at most.
    static let listed = 10

    package init() {}

    package var name: String { "upcoming_votes" }

    package var description: String {
        """
        Owners' votes that are open now or scheduled, with start and end dates and whether the user \
        (an owner) has already voted.
        """
    }

    package var parameters: JSONValue { ToolSchema.object([:]) }

    package func run(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolOutput {
        let scope = context.scope
        let locale = context.locale
        let repository = VoteRepository(database: context.services.database, clock: context.services.clock)
        let all = try await ToolPaging.collect(limit: Self.readLimit) { page in
            try await repository.votes(scope, page: page)
        }
        let distant = Date.distantFuture
        let active = all.filter { $0.status == .active }
            .sorted { ($0.endsAt ?? distant, $0.id) < ($1.endsAt ?? distant, $1.id) }
        let scheduled = all.filter { $0.status == .scheduled }
            .sorted { ($0.startsAt ?? distant, $0.id) < ($1.startsAt ?? distant, $1.id) }
        guard !active.isEmpty || !scheduled.isEmpty else {
            return ToolOutput(summary: AssistantText.pick(
                locale, sk: "Momentálne neprebieha a nie je naplánované žiadne hlasovanie.",
                cs: "Momentálně neprobíhá a není naplánováno žádné hlasování.",
                de: "Derzeit läuft keine Abstimmung und keine ist geplant.",
                en: "No vote is open or scheduled at the moment."), data: ["active": [], "scheduled": []])
        }
        let owner = scope.can(.votesRespond) && !scope.can(.votesManage)
        var activeLines: [String] = []
        var activeJSON: [JSONValue] = []
        for vote in active.prefix(Self.listed) {
            let responses = try await repository.responses(scope, id: vote.id)
            let units = Set(responses.map(\.unitID))
            var line = AssistantText.quoted(vote.title, locale)
            if let end = vote.endsAt {
                let day = AssistantText.date(end, locale)
                line += AssistantText.pick(locale, sk: " do \(day)", cs: " do \(day)", de: " bis \(day)",
                                           en: " until \(day)")
            }
            var item = Self.json(vote)
            if owner {
                line += units.isEmpty
                    ? AssistantText.pick(locale, sk: " (ešte ste nehlasovali)", cs: " (ještě jste nehlasovali)",
                                         de: " (Sie haben noch nicht abgestimmt)", en: " (you have not voted yet)")
                    : AssistantText.pick(locale, sk: " (už ste hlasovali)", cs: " (už jste hlasovali)",
                                         de: " (Sie haben bereits abgestimmt)", en: " (you have already voted)")
                item["answered"] = .bool(!units.isEmpty)
                item["answered_unit_ids"] = .array(units.sorted().map { JSONValue.id($0) })
            } else if scope.can(.votesManage) {
                line += AssistantText.pick(locale, sk: " (hlasovalo jednotiek: \(units.count))",
                                           cs: " (hlasovalo jednotek: \(units.count))",
                                           de: " (abgestimmte Einheiten: \(units.count))",
                                           en: " (units that voted: \(units.count))")
                item["responded_units"] = .int(Int64(units.count))
            }
            activeLines.append(line)
            activeJSON.append(.object(item))
        }
        let scheduledLines = scheduled.prefix(Self.listed).map { vote in
            var line = AssistantText.quoted(vote.title, locale)
            if let start = vote.startsAt {
                let day = AssistantText.date(start, locale)
                line += AssistantText.pick(locale, sk: " od \(day)", cs: " od \(day)", de: " ab \(day)",
                                           en: " from \(day)")
            }
            if let end = vote.endsAt {
                let day = AssistantText.date(end, locale)
                line += AssistantText.pick(locale, sk: " do \(day)", cs: " do \(day)", de: " bis \(day)",
                                           en: " until \(day)")
            }
            return line
        }
        var sentences: [String] = []
        if !activeLines.isEmpty {
            let list = AssistantText.list(activeLines)
            sentences.append(AssistantText.pick(locale, sk: "Prebiehajúce hlasovania: \(list).",
                                                cs: "Probíhající hlasování: \(list).",
                                                de: "Laufende Abstimmungen: \(list).", en: "Open votes: \(list)."))
        }
        if !scheduledLines.isEmpty {
            let list = AssistantText.list(scheduledLines)
            sentences.append(AssistantText.pick(locale, sk: "Naplánované: \(list).", cs: "Naplánované: \(list).",
                                                de: "Geplant: \(list).", en: "Scheduled: \(list)."))
        }
        return ToolOutput(summary: sentences.joined(separator: " "), data: [
            "active": .array(activeJSON),
            "scheduled": .array(scheduled.prefix(Self.listed).map { .object(Self.json($0)) }),
        ])
    }

    private static func json(_ vote: Vote) -> [String: JSONValue] {
        let instant = { (date: Date?) in date.map { JSONValue.string($0.formatted(.iso8601)) } ?? .null }
        return ["vote_id": .id(vote.id), "title": .string(vote.title), "description": .string(vote.description),
                "status": .string(vote.status.rawValue), "building_id": .id(vote.buildingID),
                "starts_at": instant(vote.startsAt), "ends_at": instant(vote.endsAt),
                "questions": .array(vote.questions.map { question in
                    ["id": .string(question.id), "text": .string(question.text),
                     "options": .array(question.options.map(JSONValue.string))]
                })]
    }
}
