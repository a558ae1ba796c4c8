import Foundation
import PPTAssistant
import PPTDomain
import Testing

@Suite("Summary text: dates, sentences, action items, ranking")
struct SummaryTextTests {
    @Test("Dates in the four languages' usual spellings", arguments: [
        ("Termín: 2026-03-15.", "2026-03-15"),
        ("najneskôr do 15.3.2026 prosím", "2026-03-15"),
        ("do 15. 3. 2026", "2026-03-15"),
        ("do 15. marca 2026", "2026-03-15"),
        ("nejpozději do 15. března 2026", "2026-03-15"),
        ("do 3. července 2026", "2026-07-03"),
        ("do 3. června 2026", "2026-06-03"),
        ("bis zum 15. März 2026", "2026-03-15"),
        ("by March 15, 2026", "2026-03-15"),
        ("by 15 March 2026", "2026-03-15"),
        ("by September 1st, 2026", "2026-09-01"),
        ("1. mája 2026", "2026-05-01"),
    ])
    func dates(text: String, expected: String) {
        #expect(SummaryDates.firstDate(in: text)?.description == expected, "\(text)")
    }

    @Test("Impossible dates and plain numbers are not dates")
    func notDates() {
        #expect(SummaryDates.dates(in: "31. 2. 2026, 2026-13-01, 45.1.2026, 12 345 eur, článok 15 ods. 3").isEmpty)
        #expect(SummaryDates.dates(in: "od 1. 4. 2026 do 30. 4. 2026").map(\.description) == ["2026-04-01", "2026-04-30"])
    }

    @Test("Sentences keep list labels, ordinal dates, clause marks and abbreviations inside")
    func sentences() {
        let text = "1. Nočný pokoj je od 22:00 do 6:00. Platí podľa Čl. 3 ods. 2 napr. v sobotu. "
            + "Revízia bude 15. marca 2026. Firma Plyn s.r.o. ju vykoná. Hotovo!"
        let sentences = SummarySentences.sentences([SummarySegment(text), SummarySegment("Nadpis bez bodky", isHeading: false)])
        #expect(sentences == ["Nočný pokoj je od 22:00 do 6:00.", "Platí podľa Čl. 3 ods. 2 napr. v sobotu.",
                              "Revízia bude 15. marca 2026.", "Firma Plyn s.r.o. ju vykoná.", "Hotovo!"])
        #expect(SummarySentences.split("Die Frist endet am 15. März 2026. Danach nicht.")
            == ["Die Frist endet am 15. März 2026.", "Danach nicht."])
    }

    @Test("Action items: obligations and deadlines in sk, cs, de and en, with their dates")
    func actionItems() {
        let sentences = [
            "Každý vlastník musí sprístupniť byt do 15. marca 2026.",
            "Je nutné odevzdat klíče nejpozději 2. 5. 2026.",
            "Die Mieter müssen die Keller bis zum 1. Juni 2026 räumen.",
            "Please return the form by March 15, 2026.",
            "The lift was repaired on 3 March 2026.",
            "Výbor zasadal v pondelok.",
            "Je potrebné vymeniť filter.",
        ]
        let items = ActionItemFinder.actionItems(in: sentences)
        #expect(items.map(\.due) == ["2026-03-15", "2026-05-02", "2026-06-01", "2026-03-15", nil])
        #expect(items.last?.text == "Je potrebné vymeniť filter.")
    }

    @Test("Ranking prefers central sentences and drops near-duplicates")
    func ranking() {
        let sentences = [
            "Revízia plynových zariadení v dome prebehne v marci.",
            "Upratovanie schodiska číslo 1 zabezpečuje upratovacia firma každý týždeň.",
            "Upratovanie schodiska číslo 2 zabezpečuje upratovacia firma každý týždeň.",
            "Upratovanie schodiska číslo 3 zabezpečuje upratovacia firma každý týždeň.",
            "Vlastníci musia sprístupniť plynové zariadenia počas revízie.",
        ]
        let ranked = ExtractiveDocumentSummarizer.rank(sentences)
        #expect(ranked.filter { (1...3).contains($0) }.count == 1, "one of the three near-identical sentences: \(ranked)")
        #expect(Set(ranked).isSuperset(of: [0, 4]))
    }

    @Test("Options: the organization's language by default, words override the length, bounds are checked")
    func options() throws {
        let defaults = try SummaryInput().options(defaultLanguage: .cs)
        #expect(defaults.language == .cs && defaults.length == .medium && defaults.words == 150)
        #expect(defaults.lengthKey == "medium")
        let words = try SummaryInput(length: .long, words: 400, language: .de).options(defaultLanguage: .sk)
        #expect(words.length == nil && words.words == 400 && words.lengthKey == "words:400" && words.language == .de)
        #expect(throws: DomainError.self) { try SummaryInput(words: 29).options(defaultLanguage: .sk) }
        #expect(throws: DomainError.self) { try SummaryInput(words: 1501).options(defaultLanguage: .sk) }
    }
}
