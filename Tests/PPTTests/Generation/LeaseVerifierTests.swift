import Foundation
import PPTAssistant
import PPTDomain
import Testing

@Suite("Lease figures: formatting and scanning")
struct LeaseVerifierTests {
    @Test("Money and dates are spelled the way each contract language writes them")
    func formatting() {
        let rent = Money(amountMinor: 123_456_78, currency: .EUR)
        #expect(LeaseFormat(.sk).money(rent) == "123 456,78 EUR")
        #expect(LeaseFormat(.cs).money(Money(amountMinor: 1_850_000, currency: .CZK)) == "18 500,00 Kč")
        #expect(LeaseFormat(.en).money(rent) == "EUR 123,456.78")
        #expect(LeaseFormat(.de).money(rent) == "123.456,78 EUR")
        let day = CalendarDate("2026-02-01")!
        #expect(LeaseFormat(.sk).date(day) == "1. 2. 2026")
        #expect(LeaseFormat(.de).date(day) == "01.02.2026")
        #expect(LeaseFormat(.en).date(day) == "1 February 2026")
        #expect(LeaseFormat(.cs).area(61.5) == "61,5 m²" && LeaseFormat(.en).area(48) == "48 m²")
    }

    @Test("The scanner finds every amount and date in any of the languages' spellings")
    func scanning() {
        let text = "Nájomné 1 300,00 EUR, zábezpeka EUR 2,600.00, poplatok 650 € a 18 500,00 Kč; "
            + "od 1. 2. 2026, 01.03.2026, 2026-04-01 a 1 May 2026. Byt č. 12, 3. poschodie, do 5. dňa."
        #expect(LeaseFigureScanner.amounts(in: text).map(\.minor) == [130_000, 260_000, 65_000, 1_850_000])
        #expect(LeaseFigureScanner.dates(in: text).map(\.date.description).sorted()
            == ["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"])
        #expect(LeaseFigureScanner.amounts(in: "§ 2285 až 2296, 3 rovnopisy, 61,5 m²").isEmpty)
    }
}
