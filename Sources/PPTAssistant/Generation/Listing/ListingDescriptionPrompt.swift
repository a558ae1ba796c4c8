import Foundation
import PPTDomain
import PPTStorage

/// What the model is asked for a listing description: the schema, the rules, and the facts with the
/// tone, the portal's limits, the feedback and the previous version when regenerating.
enum ListingDescriptionPrompt {
    static func schema(languages: [AppLocale]) -> GenerationSchema {
        GenerationSchema(name: "listing_descriptions", schema: GenerationSchema.object([
            "items": GenerationSchema.array(GenerationSchema.object([
                "language": GenerationSchema.oneOf(languages.map(\.rawValue)),
                "title": GenerationSchema.string("The listing title, within the title limit"),
                "description": GenerationSchema.string("The listing description, within the description limit"),
                "keywords": GenerationSchema.array(GenerationSchema.string(), description: "Search phrases"),
            ]), description: "One item per requested language"),
        ]))
    }

    static let toneGuide: [ListingTone: String] = [
        .professional: "professional: factual, courteous, clear",
        .friendly: "friendly: warm and inviting, addressing the reader directly",
        .luxury: "luxury: elegant and exclusive, emphasising quality, without exaggerating the facts",
        .concise: "concise: short sentences, essentials only",
    ]

    static let languageNames: [AppLocale: String] = [.sk: "Slovak", .cs: "Czech", .de: "German", .en: "English"]

    static func system(portal: ListingPortal) -> String {
        """
        You write real-estate listing titles and descriptions for the property portal \(portal.name). \
        Use only the facts given: never invent rooms, features, distances, views or amenities. \
        Write each item entirely in its language. Highlight the features and the location. \
        SEO: mention the property type, the number of rooms, the city and the floor area once or twice; \
        use each keyword at most \(ListingDescriptionCheck.maxKeywordOccurrences) times in the title and \
        description together (no keyword stuffing). \
        Limits, counted in characters: title at most \(portal.titleMaxLength), description at most \
        \(portal.descriptionMaxLength); stay well within them and end the description with a complete sentence. \
        Give 3 to 8 keywords per item: search phrases in the item's language.
        """
    }

    static func prompt(facts: ListingFacts, languages: [AppLocale], tone: ListingTone, portal: ListingPortal,
                       feedback: String?, previous: ListingDescriptionResult?) -> String {
        var text = "Listing facts:\n" + facts.promptLines.map { "- " + $0 }.joined(separator: "\n")
        text += "\n\nLanguages: " + languages.map { "\($0.rawValue) (\(languageNames[$0] ?? $0.rawValue))" }
            .joined(separator: ", ")
        text += "\nTone: " + (toneGuide[tone] ?? tone.rawValue)
        text += "\nPortal: \(portal.name): title at most \(portal.titleMaxLength) characters, "
            + "description at most \(portal.descriptionMaxLength) characters."
        if let previous {
            text += "\n\nPrevious version, to revise:"
            for item in previous.items where languages.contains(item.language) {
                text += "\n[\(item.language.rawValue)] Title: \(item.title)\nDescription: \(item.description)"
            }
        }
        if let feedback { text += "\n\nFeedback on the previous version, apply it: \(feedback)" }
        return text
    }
}
