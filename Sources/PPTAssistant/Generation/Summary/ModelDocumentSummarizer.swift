import Foundation
import PPTDocuments
import PPTDomain
import PPTLLM

/// A summary written by the organization's model. Text that fits the model's context is summarized in
/// one structured call; longer text goes through map-reduce: parts that fit the budget are summarized
/// concurrently (at most `mapConcurrency` calls in flight; the gateway applies the organization's
/// rate limits), partial summaries that together still exceed the budget are collapsed group by group
/// until they fit, and a final structured call writes the summary, key points and action items.
struct ModelDocumentSummarizer: Sendable {
    let engine: GenerationEngine
    let plan: GenerationPlan
    let scope: OrgScope
    /// Map and collapse calls in flight at once.
    var mapConcurrency = 4

    /// The answer of the final call.
    struct Output: Decodable, Sendable {
        var summary: String
        var keyPoints: [String]
        var actionItems: [SummaryActionItem]
    }

    func summarize(_ text: SummaryText, title: String, options: SummaryOptions,
                   usage: inout GenerationUsage) async throws -> SummaryContent {
        let budget = SummaryBudget(contextWindow: plan.contextWindow)
        let whole = text.plainText
        let prompt: String
        var mapCalls = 0
        if budget.fits(whole) {
            prompt = SummaryPrompts.finalPrompt(title: title, text: whole)
        } else {
            let parts = SummaryMapReduce.parts(text.segments, tokens: budget.textTokens)
            var partials = try await run(parts, usage: &usage) { index, part in
                (SummaryPrompts.mapSystem(options, words: budget.partialWords),
                 SummaryPrompts.mapPrompt(title: title, part: part, index: index, count: parts.count))
            }
            mapCalls = parts.count
            partials = try await collapse(partials, title: title, options: options, budget: budget, usage: &usage)
            prompt = SummaryPrompts.reducePrompt(title: title, partials: partials)
        }
        let output = try await engine.structured(
            scope, plan: plan, feature: .summarization, system: SummaryPrompts.finalSystem(options), prompt: prompt,
            schema: Self.schema, as: Output.self, temperature: 0.2, usage: &usage
        ) { output in try Self.validate(output, options: options) }
        return SummaryContent(
            summary: output.summary.trimmingCharacters(in: .whitespacesAndNewlines),
            keyPoints: output.keyPoints.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) },
            actionItems: output.actionItems.map {
                SummaryActionItem(text: $0.text.trimmingCharacters(in: .whitespacesAndNewlines), due: $0.due)
            },
            sourceLanguage: text.language, note: nil, mapCalls: mapCalls)
    }

    /// Collapses partial summaries (group, summarize, repeat) until they fit one call together.
    private func collapse(_ partials: [String], title: String, options: SummaryOptions, budget: SummaryBudget,
                          usage: inout GenerationUsage) async throws -> [String] {
        var current = partials.map { SummaryMapReduce.truncate($0, tokens: budget.textTokens / 2) }
        while !budget.fits(SummaryPrompts.reducePrompt(title: title, partials: current)) {
            // One partial (at most half the budget) that still does not fit: only a huge title is left to blame.
            guard current.count > 1 else { return current }
            let groups = SummaryMapReduce.groups(current, tokens: budget.textTokens)
            guard groups.count < current.count else {
                // No two partials fit together: shorten them so the next round can group them.
                current = current.map { SummaryMapReduce.truncate($0, tokens: budget.textTokens / 4) }
                continue
            }
            current = try await run(groups, usage: &usage) { _, group in
                (SummaryPrompts.collapseSystem(options, words: budget.partialWords),
                 SummaryPrompts.collapsePrompt(title: title, partials: group))
            }.map { SummaryMapReduce.truncate($0, tokens: budget.textTokens / 2) }
        }
        return current
    }

    /// Free-text calls over `items`, concurrently; the usage of every call is added to `usage`.
    private func run<Item: Sendable>(_ items: [Item], usage: inout GenerationUsage,
                                     prompt: @escaping @Sendable (Int, Item) -> (system: String, user: String))
        async throws -> [String]
    {
        let engine = self.engine
        let scope = self.scope
        let maxTokens = SummaryBudget(contextWindow: plan.contextWindow).partialAnswerTokens
        let results = try await SummaryMapReduce.concurrentMap(items, limit: mapConcurrency) { index, item in
            var callUsage = GenerationUsage()
            let (system, user) = prompt(index, item)
            let text = try await engine.text(scope, feature: .summarization, system: system, prompt: user,
                                             maxTokens: maxTokens, temperature: 0.2, usage: &callUsage)
            return (text.trimmingCharacters(in: .whitespacesAndNewlines), callUsage)
        }
        for (_, callUsage) in results { usage.add(callUsage) }
        return results.map(\.0)
    }

    /// The JSON schema of the final answer.
    static let schema = GenerationSchema(name: "document_summary", schema: GenerationSchema.object([
        "summary": GenerationSchema.string("The summary in the requested language."),
        "keyPoints": GenerationSchema.array(GenerationSchema.string(), description: "The most important points."),
        "actionItems": GenerationSchema.array(GenerationSchema.object([
            "text": GenerationSchema.string("What is to be done, by whom."),
            "due": .object(["type": .array([.string("string"), .string("null")]),
                            "description": .string("The deadline as YYYY-MM-DD, or null when the document names none.")]),
        ]), description: "What the document asks someone to do."),
    ]))

    /// Checks the final answer: a summary of roughly the target length in the requested language,
    /// key points and action items with valid dates.
    static func validate(_ output: Output, options: SummaryOptions) throws {
        let summary = output.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else { throw DomainError.invalid("/summary", "must not be empty") }
        let words = SummarySentences.wordCount(summary)
        let (low, high) = (options.words / 2, options.words * 3 / 2)
        guard (low...high).contains(words) else {
            throw DomainError.invalid("/summary", "has \(words) words; write between \(low) and \(high) words")
        }
        guard !output.keyPoints.isEmpty else { throw DomainError.invalid("/keyPoints", "must list at least one point") }
        for (index, point) in output.keyPoints.enumerated()
        where point.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw DomainError.invalid("/keyPoints/\(index)", "must not be empty")
        }
        for (index, item) in output.actionItems.enumerated() {
            if item.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw DomainError.invalid("/actionItems/\(index)/text", "must not be empty")
            }
            if let due = item.due, CalendarDate(due) == nil {
                throw DomainError.invalid("/actionItems/\(index)/due", "must be a date YYYY-MM-DD or null, not \(due)")
            }
        }
        let written = ([summary] + output.keyPoints).joined(separator: " ")
        if let detected = LanguageDetector.detect(written), !compatible(detected, options.language) {
            throw DomainError.invalid("/summary", "must be written in \(SummaryPrompts.languageName(options.language)), "
                                        + "not \(SummaryPrompts.languageName(detected))")
        }
    }

    /// Slovak and Czech share most function words, so the detector cannot hold them apart on short text.
    private static func compatible(_ detected: AppLocale, _ requested: AppLocale) -> Bool {
        detected == requested || Set([detected, requested]) == [.sk, .cs]
    }
}
