import Foundation
import PPTAssistant
import PPTDomain
import Testing

/// How a model's draft is checked for the request's values: the usual spellings of a date, a time and
/// an amount in the four languages count, other days, times and amounts do not.
@Suite("Announcement draft mentions")
struct AnnouncementDraftMentionsTests {
    @Test("a date in any usual spelling is found; another day is not")
    func dates() {
        let day = CalendarDate("2026-03-05")!
        for body in ["Dňa 5. 3. 2026 nepôjde voda.", "dne 05.03.2026", "am 5. März", "On 5 March 2026", "on March 5, 2026",
                     "5. marca od 8:00", "5. března", "2026-03-05"] {
            #expect(AnnouncementMentions.date(day, in: body), "\(body)")
        }
        for body in ["15. 3. 2026", "5. 4. 2026", "25.03.2026", "next Thursday", "March 15"] {
            #expect(!AnnouncementMentions.date(day, in: body), "\(body)")
        }
    }

    @Test("a time as H:MM, HH:MM, H.MM or 8 am is found; 18:00 is not 8:00")
    func times() {
        for body in ["od 8:00 do 12:30", "from 08:00", "um 8.00 Uhr", "from 8 am"] {
            #expect(AnnouncementMentions.time(hour: 8, minute: 0, in: body), "\(body)")
        }
        #expect(!AnnouncementMentions.time(hour: 8, minute: 0, in: "from 18:00"))
        #expect(!AnnouncementMentions.time(hour: 8, minute: 0, in: "at 8:30"))
    }

    @Test("an amount with any grouping and decimal mark is found; another amount is not")
    func amounts() {
        let money = Money(amountMinor: 123_456, currency: .EUR)
        for body in ["1 234,56 €", "€1,234.56", "1.234,56 EUR", "1234,56 €", "1\u{00A0}234,56\u{00A0}€"] {
            #expect(AnnouncementMentions.money(money, in: body), "\(body)")
        }
        for body in ["1 234,65 €", "11 234,56 €", "234,56 €"] {
            #expect(!AnnouncementMentions.money(money, in: body), "\(body)")
        }
        let whole = Money(amountMinor: 3_500, currency: .CZK)
        #expect(AnnouncementMentions.money(whole, in: "nově 35 Kč měsíčně"))
        #expect(AnnouncementMentions.money(whole, in: "35,00 Kč"))
        #expect(!AnnouncementMentions.money(whole, in: "vchod 35, byt 2"))
    }

    @Test("a phrase: its figures everywhere, its words in a draft of its own language")
    func phrases() {
        let point = "Kontajner bude pri vchode 2 do nedele"
        #expect(AnnouncementMentions.phrase(point, in: "Kontajner nájdete pri vchode 2 až do nedele.", language: .sk,
                                            onlyLanguage: true))
        #expect(!AnnouncementMentions.phrase(point, in: "Odpad odvezieme v pondelok pri vchode 2.", language: .sk,
                                             onlyLanguage: true))
        #expect(AnnouncementMentions.phrase(point, in: "The container will stand by entrance 2 until Sunday.",
                                            language: .en, onlyLanguage: false))
        #expect(!AnnouncementMentions.phrase(point, in: "The container will stand by the entrance until Sunday.",
                                             language: .en, onlyLanguage: false))
    }
}
