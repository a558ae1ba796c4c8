import Foundation
import HTTPTypes
import PPTApp
@testable import PPTAssistant
import PPTDocuments
import PPTDomain
import PPTStorage
import Testing

/// Sample listings for the listing-description tests.
enum ListingSamples {
    /// 50 features of about 80 characters: far more than any portal's description holds. Brand names
    /// only, so they carry no evidence of any language.
    static let longFeatures: [String] = (1...50).map {
        "Terasa T\($0) Bosch Gorenje Grohe Franke Blum Velux Hansgrohe Vaillant Daikin Somfy"
    }

    static func listing(features: [String] = longFeatures, type: ListingType = .sale, rooms: Int = 3,
                        sizeSqm: Double = 72.5, amountMinor: Int64 = 18_500_000) -> Listing {
        Listing(id: .init(), organizationID: .init(), type: type, status: .draft, title: "t", description: "d",
                price: Money(amountMinor: amountMinor, currency: .EUR), sizeSqm: sizeSqm, rooms: rooms,
                street: "Hlavná 5", city: "Žilina", postalCode: "01001", country: "SK", features: features,
                createdAt: Date(), updatedAt: Date())
    }

    static func facts(_ listing: Listing = listing(), floor: Int? = 3, year: Int? = 1998) -> ListingFacts {
        var facts = ListingFacts(listing: listing, unit: nil, building: nil)
        facts.floor = floor
        facts.yearBuilt = year
        return facts
    }
}

@Suite("Listing descriptions: limits, templates and checks")
struct ListingTextTests {
    static let tightPortal = ListingPortal(key: "tight", name: "Tight", titleMaxLength: 30, descriptionMaxLength: 200)

    @Test("Built-in descriptions fit every preset portal exactly, in every language and tone, ending at a sentence",
          arguments: ListingPortalCatalog.presets + [tightPortal])
    func builtinFitsEveryPortal(portal: ListingPortal) throws {
        for language in AppLocale.allCases {
            for tone in ListingTone.allCases {
                let item = ListingDescriptionBuiltin.compose(ListingSamples.facts(), language: language, tone: tone,
                                                             portal: portal)
                let context = "\(portal.key) \(language) \(tone)"
                #expect(item.title.count <= portal.titleMaxLength, "\(context): \(item.title)")
                #expect(item.description.count <= portal.descriptionMaxLength, "\(context)")
                #expect(item.shortened, "50 long features must force shortening: \(context)")
                #expect(Sentences.endsSentence(item.description), "\(context): \(item.description.suffix(40))")
                #expect(!item.title.hasSuffix(TextLimiter.ellipsis) && !item.description.contains(TextLimiter.ellipsis),
                        "\(context): whole sentences and clauses fit, nothing is cut")
                #expect(LanguageDetector.detect(item.description) == language, "\(context): \(item.description)")
                #expect(item.description.contains("Žilina"), "\(context)")
                #expect(item.title.contains("Žilina") || portal.titleMaxLength < 40, "the city fits a title: \(context)")
                // The template output passes the same checks as a model's output.
                let output = ListingDescriptionCheck.Output(items: [.init(
                    language: language.rawValue, title: item.title, description: item.description,
                    keywords: item.keywords)])
                do { try ListingDescriptionCheck.validate(output, languages: [language], city: "Žilina") } catch {
                    Issue.record("\(context): \(error)")
                }
            }
        }
    }

    @Test("Without a long feature list the whole text is kept, with the facts formatted per language")
    func shortListingIsComplete() {
        let facts = ListingSamples.facts(ListingSamples.listing(features: ["Balkón", "Pivnica", "Výťah"]))
        let portal = ListingPortalCatalog.presets[0]
        let sk = ListingDescriptionBuiltin.compose(facts, language: .sk, tone: .professional, portal: portal)
        #expect(!sk.shortened)
        #expect(sk.title == "3-izbový byt na predaj, Žilina, 72,5 m²")
        #expect(sk.description.hasPrefix("Ponúkame na predaj 3-izbový byt s rozlohou 72,5 m² v obľúbenej lokalite Žilina."))
        #expect(sk.description.contains("na 3. poschodí v dome z roku 1998"))
        #expect(sk.description.contains("Vybavenie zahŕňa Balkón, Pivnica a Výťah."))
        #expect(sk.description.contains("Cena nehnuteľnosti je 185\u{00A0}000\u{00A0}€."))
        #expect(sk.keywords == ["3-izbový byt", "byt na predaj", "Žilina", "72,5 m²"])
        let de = ListingDescriptionBuiltin.compose(facts, language: .de, tone: .luxury, portal: portal)
        #expect(de.title == "Exklusiv: 3-Zimmer-Wohnung zum Kauf, Žilina, 72,5 m²")
        #expect(de.description.contains("Der Kaufpreis beträgt 185.000\u{00A0}€."))
        let en = ListingDescriptionBuiltin.compose(facts, language: .en, tone: .friendly, portal: portal)
        #expect(en.description.contains("The asking price is €185,000."))
        #expect(en.description.contains("on the 3rd floor"))
        let cs = ListingDescriptionBuiltin.compose(facts, language: .cs, tone: .concise, portal: portal)
        #expect(cs.description.hasPrefix("3pokojový byt k prodeji o výměře 72,5 m²"))
        #expect(cs.description.contains("ve 3. patře"))
    }

    @Test("Shortening keeps whole sentences, the most important first, and fills the space left")
    func fitKeepsWholeSentences() {
        let sentences = (1...30).map { "Sentence number \($0) tells the reader about feature \($0) of this flat." }
        let text = sentences.prefix(10).joined(separator: " ") + "\n\n" + sentences.dropFirst(10).joined(separator: " ")
        for limit in [80, 200, 333, 1000, 1500] {
            let fitted = TextLimiter.fitSentences(text, limit: limit)
            #expect(fitted.text.count <= limit && fitted.shortened)
            #expect(Sentences.endsSentence(fitted.text))
            let kept = Sentences.split(fitted.text).map(\.text)
            #expect(kept.allSatisfy(sentences.contains), "only whole original sentences")
            #expect(kept.first == sentences[0], "the first sentence is the most important")
            let dropped = sentences.filter { !kept.contains($0) }
            #expect(dropped.allSatisfy { fitted.text.count + 2 + $0.count > limit }, "no dropped sentence would fit")
        }
        #expect(TextLimiter.fitSentences(text, limit: 10_000) == .init(text: text, shortened: false))
    }

    @Test("A single sentence longer than the limit is cut at a clause or a word, with an ellipsis")
    func overlongSentence() {
        let sentence = "This remarkable flat offers a balcony facing the park, a renovated kitchen with new appliances, "
            + "two bathrooms and a cellar."
        let clause = TextLimiter.fitSentences(sentence, limit: 60)
        #expect(clause.text == "This remarkable flat offers a balcony facing the park…")
        let leading = TextLimiter.fitSentences(sentence + " It is quiet.", limit: 60)
        #expect(leading.text == clause.text, "the first sentence is cut rather than replaced by a later one")
        let word = TextLimiter.fitSentences(sentence, limit: 40)
        #expect(word.text.count <= 40 && word.text.hasSuffix("…"))
        #expect(sentence.hasPrefix(String(word.text.dropLast())) && sentence.dropFirst(word.text.count - 1).first == " ",
                "cut at a word boundary: \(word.text)")
        let title = TextLimiter.fitTitle("Slnečný 3-izbový byt s balkónom, Žilina – Hliny, 72 m²", limit: 45)
        #expect(title.text == "Slnečný 3-izbový byt s balkónom, Žilina", "clauses kept in order of importance")
    }

    @Test("Sentences split at sentence ends, not at abbreviations or ordinal numbers")
    func sentenceSplitting() {
        let pieces = Sentences.split(
            "Byt je na 3. poschodí, ul. Hlavná č. 5, dom z roku 1998. Im 2. Obergeschoss gibt es z. B. Keller. Ende!")
        #expect(pieces.map(\.text) == ["Byt je na 3. poschodí, ul. Hlavná č. 5, dom z roku 1998.",
                                       "Im 2. Obergeschoss gibt es z. B. Keller.", "Ende!"])
    }

    @Test("Keyword occurrences ignore case and diacritics and count inflected forms")
    func keywordOccurrences() {
        #expect(ListingDescriptionCheck.occurrences(of: "Žilina", in: "ŽILINA, v Žiline, zilina a Bratislava") == 3)
        #expect(ListingDescriptionCheck.occurrences(of: "3-izbový byt", in: "3-izbový byt; 3 izbový byt; 3-izbová") == 2)
        #expect(ListingDescriptionCheck.occurrences(of: "72 m²", in: "72 m² a 720 m²") == 1)
    }

    @Test("Numbers and prices are written per language")
    func numberStyles() {
        let price = Money(amountMinor: 450_000_050, currency: .CZK)
        #expect(NumberStyle(language: .cs).money(price) == "4\u{00A0}500\u{00A0}000,50\u{00A0}Kč")
        #expect(NumberStyle(language: .de).money(Money(amountMinor: 123_400, currency: .EUR)) == "1.234\u{00A0}€")
        #expect(NumberStyle(language: .en).money(Money(amountMinor: 123_400, currency: .EUR)) == "€1,234")
        #expect(NumberStyle(language: .sk).size(1250) == "1\u{00A0}250 m²")
        #expect(NumberStyle(language: .en).size(72.54) == "72.5 m²")
    }
}
