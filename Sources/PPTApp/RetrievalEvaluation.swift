import Foundation
import PPTDocuments
import PPTDomain
import PPTStorage

/// A labelled question set over the demo documents (`bench/questions/demo.json`).
package struct QuestionSet: Decodable, Sendable {
    /// One question, the document that answers it and a passage of it that holds the answer.
    package struct Question: Decodable, Sendable {
        package var id: String
        package var language: String
        package var question: String
        package var document: String
        package var passage: String
        /// `owners` or `building-b` when only some members may read the document.
        package var access: String?
    }

    /// A document the questions refer to.
    package struct DocumentEntry: Decodable, Sendable {
        package var title: String
        /// `prefix` when the uploaded title continues after `title` (titles ending with a date).
        package var titleMatch: String?
    }

    package var questions: [Question]
    package var documents: [DocumentEntry]?

    /// Whether an uploaded title is the question's document.
    package func matches(_ uploadedTitle: String, _ question: Question) -> Bool {
        let prefix = documents?.first { $0.title == question.document }?.titleMatch == "prefix"
        return prefix ? uploadedTitle.hasPrefix(question.document) : uploadedTitle == question.document
    }

    package static func load(_ url: URL) throws -> QuestionSet {
        try JSONDecoder().decode(QuestionSet.self, from: Data(contentsOf: url))
    }
}

/// recall@k of document search over a question set: a question counts as found when one of the first
/// `k` passages is from the expected document and contains the expected passage (compared folded,
/// whitespace collapsed — PDF text wraps lines).
package struct RetrievalEvaluation: Sendable {
    /// The outcome of one question.
    package struct Outcome: Sendable {
        package var question: QuestionSet.Question
        /// 1-based rank of the first passage that answers it, if any within the results.
        package var rank: Int?
    }

    package var outcomes: [Outcome]
    package var k: Int

    /// Fraction of questions answered within the first `k` passages.
    package func recall(language: String? = nil) -> Double {
        let selected = outcomes.filter { language == nil || $0.question.language == language }
        guard !selected.isEmpty else { return 0 }
        return Double(selected.count { ($0.rank ?? .max) <= k }) / Double(selected.count)
    }

    /// Mean reciprocal rank over all results returned (0 for questions not answered).
    package var meanReciprocalRank: Double {
        guard !outcomes.isEmpty else { return 0 }
        return outcomes.reduce(0) { $0 + ($1.rank.map { 1 / Double($0) } ?? 0) } / Double(outcomes.count)
    }

    /// Runs every question through `search` as the member who may read its document (`scopes` by
    /// access: `nil` key for everyone's documents; `owners`; `building-b`).
    package static func run(_ set: QuestionSet, search: DocumentSearch, scopes: [String?: OrgScope], k: Int = 5,
                            depth: Int = 20) async throws -> RetrievalEvaluation {
        var outcomes: [Outcome] = []
        for question in set.questions {
            guard let scope = scopes[question.access] ?? scopes[nil] else { continue }
            let results = try await search.search(scope, query: question.question, limit: depth)
            let passage = normalized(question.passage)
            let rank = results.hits.firstIndex { hit in
                set.matches(hit.documentTitle, question) && normalized(hit.text).contains(passage)
            }
            outcomes.append(Outcome(question: question, rank: rank.map { $0 + 1 }))
        }
        return RetrievalEvaluation(outcomes: outcomes, k: k)
    }

    private static func normalized(_ text: String) -> String {
        SearchText.fold(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
