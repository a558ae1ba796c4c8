import Foundation
import PPTDomain

/// PPT's clause library for flat leases: per country, the clauses in contract order, each with its
/// legal basis (`/work/shared/reference/lease-law.md`) and texts in the contract language, English
/// and German. Mandatory clauses give every lease the structure the reference requires: parties,
/// flat, term, rent and services, deposit, maintenance, use and house rules, subletting,
/// termination and notice, handover, governing law and disputes, signatures and date.
package enum LeaseClauseLibrary {
    /// The country's clauses in contract order.
    package static func clauses(for country: LeaseCountry) -> [LibraryClause] {
        switch country {
        case .SK: slovak
        case .CZ: czech
        }
    }

    /// One clause of the country's library.
    package static func clause(_ key: String, country: LeaseCountry) -> LibraryClause? {
        clauses(for: country).first { $0.key == key }
    }

    /// Keys of the closing clauses; an organization's and selected optional clauses go before them.
    package static let closingKeys: Set<String> = ["governing_law", "signatures"]

    // MARK: Texts shared by both countries (English and German)

    static let partiesEN = ClauseText("Parties", """
        Landlord: {landlord}
        Tenant: {tenants}
        The parties conclude this flat lease agreement under {civilCode}.
        """)
    static let partiesDE = ClauseText("Vertragsparteien", """
        Vermieter: {landlord}
        Mieter: {tenants}
        Die Parteien schließen diesen Wohnungsmietvertrag nach Maßgabe {civilCode}.
        """)
    static let flatEN = ClauseText("Subject of the lease", """
        The landlord lets to the tenant flat No. {unit.number} {unit.floor} of the building at {building.address}, \
        with a floor area of {unit.size} and {unit.rooms} living rooms, including its accessories and the equipment \
        listed in the handover protocol. The tenant takes the flat for residential use.
        """)
    static let flatDE = ClauseText("Mietgegenstand", """
        Der Vermieter überlässt dem Mieter die Wohnung Nr. {unit.number} {unit.floor} im Haus {building.address} \
        mit einer Wohnfläche von {unit.size} und {unit.rooms} Wohnräumen samt Zubehör und der im Übergabeprotokoll \
        aufgeführten Ausstattung. Der Mieter nimmt die Wohnung zu Wohnzwecken in Miete.
        """)
    static let termEN = ClauseText("Term", """
        The lease is agreed {term}. The lease may be extended only by a written amendment to this agreement.
        """)
    static let termDE = ClauseText("Mietdauer", """
        Das Mietverhältnis wird {term} vereinbart. Eine Verlängerung ist nur durch einen schriftlichen Nachtrag \
        zu diesem Vertrag möglich.
        """)
    static let rentEN = ClauseText("Rent, services and payment", """
        The rent is {rent} per month. In addition to the rent the tenant pays monthly advances for the services \
        connected with the use of the flat (in particular heating, hot and cold water, lighting and cleaning of the \
        common areas, lift) according to the landlord's breakdown; the landlord settles them once per calendar \
        year. Rent and advances are payable monthly in advance, by day {dueDay} of the calendar month, by bank \
        transfer to the landlord's account. If the tenant is late with a payment, the tenant pays a late-payment \
        charge or default interest at most at the rate set by law.
        """)
    static let rentDE = ClauseText("Miete, Leistungen und Zahlung", """
        Die Miete beträgt {rent} monatlich. Zusätzlich zur Miete zahlt der Mieter monatliche Vorauszahlungen für \
        die mit der Nutzung der Wohnung verbundenen Leistungen (insbesondere Heizung, Warm- und Kaltwasser, \
        Beleuchtung und Reinigung der Gemeinschaftsräume, Aufzug) nach der Aufstellung des Vermieters; der \
        Vermieter rechnet sie einmal im Kalenderjahr ab. Miete und Vorauszahlungen sind monatlich im Voraus bis \
        zum {dueDay}. Tag des Kalendermonats per Überweisung auf das Konto des Vermieters fällig. Bei \
        Zahlungsverzug zahlt der Mieter Verzugszinsen oder eine Verzugsgebühr höchstens in gesetzlich zulässiger Höhe.
        """)
    static let maintenanceEN = ClauseText("Maintenance and repairs", """
        The tenant bears minor repairs in the flat connected with its use and the costs of its ordinary \
        maintenance. All other repairs and maintenance of the flat and the building are carried out by the landlord \
        at the landlord's expense. The tenant notifies the landlord without undue delay of repairs the landlord is \
        to carry out and allows them to be done; otherwise the tenant is liable for the damage caused by failing \
        to do so.
        """)
    static let maintenanceDE = ClauseText("Instandhaltung und Reparaturen", """
        Kleinreparaturen in der Wohnung im Zusammenhang mit ihrer Nutzung und die Kosten der gewöhnlichen \
        Instandhaltung trägt der Mieter. Alle übrigen Reparaturen und die Instandhaltung der Wohnung und des Hauses \
        übernimmt der Vermieter auf seine Kosten. Der Mieter teilt dem Vermieter notwendige Reparaturen, die der \
        Vermieter auszuführen hat, unverzüglich mit und ermöglicht deren Durchführung; andernfalls haftet er für \
        den dadurch entstandenen Schaden.
        """)
    static let useEN = ClauseText("Use of the flat and house rules", """
        The tenant may use the flat and the common areas and facilities of the building properly and for \
        residential purposes only, and must observe the house rules. The tenant may not make building alterations \
        or other substantial changes to the flat without the landlord's written consent. After prior notice the \
        landlord may enter the flat to check that it is used properly.
        """)
    static let useDE = ClauseText("Nutzung der Wohnung und Hausordnung", """
        Der Mieter darf die Wohnung sowie die Gemeinschaftsräume und -einrichtungen des Hauses ordnungsgemäß und \
        nur zu Wohnzwecken nutzen und hat die Hausordnung einzuhalten. Bauliche oder andere wesentliche \
        Veränderungen der Wohnung darf der Mieter nur mit schriftlicher Zustimmung des Vermieters vornehmen. Nach \
        vorheriger Ankündigung darf der Vermieter die Wohnung betreten, um ihre ordnungsgemäße Nutzung zu prüfen.
        """)
    static let smokingEN = ClauseText("Smoking", "Smoking is not allowed in the flat or in the common areas of the building.")
    static let smokingDE = ClauseText("Rauchen", """
        In der Wohnung und in den Gemeinschaftsräumen des Hauses ist das Rauchen nicht gestattet.
        """)
    static let handoverEN = ClauseText("Handover and return of the flat", """
        The landlord hands the flat over to the tenant in a condition fit for proper use on the start date of the \
        lease, {startDate}. The parties record the handover, the condition and equipment of the flat and the meter \
        readings in a handover protocol attached to this agreement. When the lease ends the tenant returns the flat \
        in the condition in which it was taken over, allowing for normal wear and tear; the return is recorded in a \
        protocol.
        """)
    static let handoverDE = ClauseText("Übergabe und Rückgabe der Wohnung", """
        Der Vermieter übergibt dem Mieter die Wohnung in einem zum ordnungsgemäßen Gebrauch geeigneten Zustand \
        zum Mietbeginn am {startDate}. Über die Übergabe, den Zustand und die Ausstattung der Wohnung sowie die \
        Zählerstände erstellen die Parteien ein Übergabeprotokoll, das diesem Vertrag beigefügt ist. Bei Beendigung \
        des Mietverhältnisses gibt der Mieter die Wohnung in dem Zustand zurück, in dem er sie übernommen hat, unter \
        Berücksichtigung der gewöhnlichen Abnutzung; über die Rückgabe wird ein Protokoll erstellt.
        """)
    static let governingLawEN = ClauseText("Governing law and disputes", """
        This agreement is governed by the law of {countryName}, in particular the provisions of {civilCode} on the \
        lease of a flat. Disputes arising from this agreement that the parties cannot settle by agreement are \
        decided by the competent courts of {countryName}.
        """)
    static let governingLawDE = ClauseText("Anwendbares Recht und Streitigkeiten", """
        Dieser Vertrag unterliegt dem Recht {countryName}, insbesondere den Bestimmungen {civilCode} über die \
        Wohnungsmiete. Streitigkeiten aus diesem Vertrag, die die Parteien nicht einvernehmlich beilegen können, \
        entscheiden die zuständigen Gerichte {countryName}.
        """)
    static let signaturesEN = ClauseText("Final provisions and signatures", """
        This agreement takes effect on the day it is signed by all parties. It may be amended only in writing. It \
        is made in {copies} counterparts, one for each party. The parties have read the agreement, understood it and \
        sign it in agreement.
        In {building.city} on ______________
        """)
    static let signaturesDE = ClauseText("Schlussbestimmungen und Unterschriften", """
        Dieser Vertrag tritt mit der Unterzeichnung durch alle Parteien in Kraft. Änderungen bedürfen der \
        Schriftform. Er wird in {copies} Ausfertigungen erstellt, von denen jede Partei eine erhält. Die Parteien \
        haben den Vertrag gelesen, verstanden und unterzeichnen ihn zum Zeichen ihres Einverständnisses.
        In {building.city}, den ______________
        """)
}
