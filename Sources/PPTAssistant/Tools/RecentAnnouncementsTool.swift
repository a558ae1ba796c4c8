import Foundation
import PPTDomain
import PPTStorage

/// `recent_announcements`: the latest published announcements addressed to the member (at most five).
package struct RecentAnnouncementsTool: AssistantTool {
    /// Announcements returned at most.
    static let maximum = 5
    /// Characters of each body passed to the model.
    static let bodyExcerpt = 1_000
    /// Announcements read at most while looking for the latest published ones: the list puts pinned ones
    /// first and shows staff their drafts too, so the newest may not be at the top.
    static let readLimit = 100

    package init() {}

    package var name: String { "recent_announcements" }

    package var description: String {
        "The latest published announcements for the user (notices from the building management), newest first."
    }

    package var parameters: JSONValue {
        ToolSchema.object([
            "limit": ToolSchema.integer("How many (1-5, default 5).", minimum: 1, maximum: Self.maximum)
        ])
    }

    package func run(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolOutput {
        let limit = try ToolArguments(arguments).integer("limit", in: 1...Self.maximum) ?? Self.maximum
        let scope = context.scope
        let locale = context.locale
        let repository = AnnouncementRepository(database: context.services.database, clock: context.services.clock)
        var published: [Announcement] = []
        var cursor: Cursor?
        var read = 0
        repeat {
            let page = try await repository.announcements(scope, page: PageRequest(limit: 50, cursor: cursor))
            published += page.items.filter { $0.status == .published }
            read += page.items.count
            cursor = page.nextCursor.flatMap(Cursor.init(token:))
        } while cursor != nil && read < Self.readLimit
        let latest = published.sorted {
            ($0.publishedAt ?? $0.createdAt, $0.id) > ($1.publishedAt ?? $1.createdAt, $1.id)
        }.prefix(limit)
        guard !latest.isEmpty else {
            return ToolOutput(summary: AssistantText.pick(
                locale, sk: "Nemáte žiadne oznamy.", cs: "Nemáte žádná oznámení.",
                de: "Es gibt keine Mitteilungen.",
                en: "There are no announcements."), data: ["announcements": []])
        }
        let lines = latest.map { item in
            let day = AssistantText.date(item.publishedAt ?? item.createdAt, locale)
            var line = "\(AssistantText.quoted(item.title, locale)) (\(day)"
            if item.readByMe == false {
                line += AssistantText.pick(locale, sk: ", neprečítané", cs: ", nepřečtené", de: ", ungelesen",
                                           en: ", unread")
            }
            return line + ")"
        }
        let list = AssistantText.list(lines)
        let summary = AssistantText.pick(locale, sk: "Najnovšie oznamy: \(list).",
                                         cs: "Nejnovější oznámení: \(list).",
                                         de: "Neueste Mitteilungen: \(list).", en: "Latest announcements: \(list).")
        let items: [JSONValue] = latest.map { item in
            ["announcement_id": .id(item.id), "title": .string(item.title),
             "body": .string(String(item.body.prefix(Self.bodyExcerpt))), "pinned": .bool(item.pinned),
             "published_on": .string(CalendarDate(item.publishedAt ?? item.createdAt).description),
             "read": item.readByMe.map(JSONValue.bool) ?? .null]
        }
        return ToolOutput(summary: summary, data: ["announcements": .array(items)])
    }
}
