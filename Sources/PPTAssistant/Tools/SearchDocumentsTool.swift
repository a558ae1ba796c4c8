import Foundation
import PPTDocuments
import PPTDomain

/// `search_documents`: the five best passages of the organization's documents that the member may read
/// (house rules, minutes, contracts), returned as sources to cite.
package struct SearchDocumentsTool: AssistantTool {
    /// Passages returned.
    static let limit = 5
    /// Characters of each passage passed to the model in `data`.
    static let passageLength = 2_000

    package init() {}

    package var name: String { "search_documents" }

    package var description: String {
        """
        Searches the building's documents (house rules, meeting minutes, contracts, notices) the user may \
        read and returns the most relevant passages. Use it for questions about rules and documents.
        """
    }

    package var parameters: JSONValue {
        ToolSchema.object(
            ["query": ToolSchema.string("What to look for, in the user's words.",
                                        maxLength: DocumentSearch.maxQueryLength)],
            required: ["query"])
    }

    package func run(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolOutput {
        let query = try ToolArguments(arguments).string("query", required: true,
                                                        maxLength: DocumentSearch.maxQueryLength) ?? ""
        let results: SearchResults
        do {
            results = try await context.services.search.search(context.scope, query: query, limit: Self.limit)
        } catch let error as DomainError {
            throw ToolArguments.renaming(error, ["/query/q": "/query"])
        }
        let locale = context.locale
        let hits = results.hits
        guard !hits.isEmpty else {
            return ToolOutput(summary: AssistantText.pick(
                locale, sk: "V dokumentoch som k tomu nič nenašiel.", cs: "V dokumentech jsem k tomu nic nenašel.",
                de: "In den Dokumenten habe ich dazu nichts gefunden.",
                en: "I found nothing about this in the documents."),
                data: ["query": .string(results.query), "mode": .string(results.mode), "hits": []])
        }
        var titles: [String] = []
        for hit in hits {
            var title = AssistantText.quoted(hit.documentTitle, locale)
            if let page = hit.page {
                title += AssistantText.pick(locale, sk: " (s. \(page))", cs: " (s. \(page))", de: " (S. \(page))",
                                            en: " (p. \(page))")
            }
            if !titles.contains(title) { titles.append(title) }
        }
        let list = titles.joined(separator: ", ")
        let summary = AssistantText.pick(locale, sk: "V dokumentoch som našiel: \(list).",
                                         cs: "V dokumentech jsem našel: \(list).",
                                         de: "In den Dokumenten gefunden: \(list).",
                                         en: "Found in the documents: \(list).")
        let items: [JSONValue] = hits.enumerated().map { index, hit in
            ["source": .int(Int64(index + 1)), "document_id": .id(hit.documentID),
             "title": .string(hit.documentTitle), "page": hit.page.map { .int(Int64($0)) } ?? .null,
             "heading": .string(hit.heading), "text": .string(String(hit.text.prefix(Self.passageLength)))]
        }
        var data: [String: JSONValue] = ["query": .string(results.query), "mode": .string(results.mode),
                                         "hits": .array(items)]
        if let warning = results.warning { data["warning"] = .string(warning) }
        return ToolOutput(summary: summary, data: .object(data), sources: hits)
    }
}
