import Foundation
import PPTDomain
import PPTStorage

/// The built-in provider's listing description: a title and a description composed from the facts with
/// each language's sentences (`ListingPhrases`), fitted to the portal's limits by dropping whole
/// sentences, least important first (closing line, later feature sentences, location, price).
enum ListingDescriptionBuiltin {
    /// Features per listing sentence.
    static let featuresPerSentence = 4

    static func compose(_ facts: ListingFacts, language: AppLocale, tone: ListingTone,
                        portal: ListingPortal) -> ListingDescriptionItem {
        let phrases = ListingPhrases.of(language)
        let style = NumberStyle(language: language)
        let words = ListingPhrases.Words(
            subject: phrases.subject(facts.kind, facts.rooms), deal: phrases.deal(facts.offer),
            size: style.size(facts.sizeSqm), city: facts.city, offer: facts.offer, kind: facts.kind, rooms: facts.rooms)

        var titleSegments: [TextLimiter.Segment] = []
        if let prefix = phrases.titlePrefix(tone) { titleSegments.append(.init(prefix, priority: 70, lead: "")) }
        titleSegments += [
            .init("\(words.subject.capitalizedFirst) \(words.deal)", priority: 100, lead: " "),
            .init(facts.city, priority: 90, lead: ", "),
            .init(words.size, priority: 80, lead: ", "),
        ]
        let title = TextLimiter.fit(titleSegments, limit: portal.titleMaxLength)

        var segments: [TextLimiter.Segment] = [
            .init(phrases.intro(tone, words), priority: 100, paragraph: 0),
            .init(phrases.location(facts.street, facts.floor, facts.yearBuilt), priority: 80, paragraph: 0),
        ]
        let features = facts.features
            .map { $0.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ".;,"))) }
            .filter { !$0.isEmpty }
        for (index, start) in stride(from: 0, to: features.count, by: featuresPerSentence).enumerated() {
            let chunk = Array(features[start..<min(start + featuresPerSentence, features.count)])
            segments.append(.init(phrases.features(phrases.list(chunk), index == 0), priority: 60 - index, paragraph: 1))
        }
        segments.append(.init(phrases.price(facts.offer, style.money(facts.price)), priority: 70, paragraph: 2))
        segments.append(.init(phrases.closing(tone), priority: 0, paragraph: 2))
        let description = TextLimiter.fit(segments, limit: portal.descriptionMaxLength)

        var seen = Set<String>()
        let keywords = [words.subject, phrases.dealKeyword(facts.kind, facts.offer), facts.city, words.size]
            .filter { seen.insert(SearchText.fold($0)).inserted }
        return ListingDescriptionItem(language: language, title: title.text, description: description.text,
                                      keywords: keywords, shortened: title.shortened || description.shortened)
    }
}
