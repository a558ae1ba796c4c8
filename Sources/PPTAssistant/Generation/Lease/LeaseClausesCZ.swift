import Foundation
import PPTDomain

extension LeaseClauseLibrary {
    private static let flatLeaseCZ = LegalBasis(["§2235–2301"], .cz89_2012)

    /// Czechia: Civil Code, Act No. 89/2012 Coll.; lease in general §2201 ff., lease of a flat §2235–2301,
    /// termination §2285–2296, deposit (jistota) at most three months' rent §2254.
    static let czech: [LibraryClause] = [
        LibraryClause("parties", mandatory: true, flatLeaseCZ, [
            .cs: ClauseText("Smluvní strany", """
                Pronajímatel: {landlord}
                Nájemce: {tenants}
                Smluvní strany uzavírají podle {civilCode} tuto smlouvu o nájmu bytu.
                """),
            .en: partiesEN, .de: partiesDE,
        ]),
        LibraryClause("flat", mandatory: true, flatLeaseCZ, [
            .cs: ClauseText("Předmět nájmu", """
                Pronajímatel přenechává nájemci k užívání byt č. {unit.number} {unit.floor} v domě na adrese \
                {building.address} o podlahové ploše {unit.size} a s počtem obytných místností {unit.rooms}, včetně \
                jeho příslušenství a vybavení uvedeného v předávacím protokolu. Nájemce byt přijímá do nájmu k bydlení.
                """),
            .en: flatEN, .de: flatDE,
        ]),
        LibraryClause("term", mandatory: true, flatLeaseCZ, [
            .cs: ClauseText("Doba nájmu", """
                Nájem se sjednává {term}. Prodloužit nájem lze jen písemným dodatkem k této smlouvě.
                """),
            .en: termEN, .de: termDE,
        ]),
        LibraryClause("rent", mandatory: true, flatLeaseCZ, [
            .cs: ClauseText("Nájemné, služby a placení", """
                Nájemné činí {rent} měsíčně. Vedle nájemného platí nájemce měsíční zálohy na služby spojené s \
                užíváním bytu (zejména teplo, teplá a studená voda, osvětlení a úklid společných prostor, výtah) \
                podle rozpisu pronajímatele; pronajímatel je vyúčtuje jednou za kalendářní rok. Nájemné a zálohy \
                jsou splatné měsíčně předem, nejpozději do {dueDay}. dne kalendářního měsíce, bezhotovostním \
                převodem na účet pronajímatele. Je-li nájemce v prodlení s platbou, zaplatí úrok z prodlení nebo \
                poplatek z prodlení nejvýše ve výši stanovené právními předpisy.
                """),
            .en: rentEN, .de: rentDE,
        ]),
        LibraryClause("deposit", mandatory: true, LegalBasis(["§2254"], .cz89_2012), [
            .cs: ClauseText("Jistota", """
                Nájemce při podpisu této smlouvy složí pronajímateli peněžitou jistotu ve výši {deposit}, která \
                nepřesahuje trojnásobek měsíčního nájemného, k zajištění placení nájemného a jiných povinností \
                vyplývajících z nájmu. Při skončení nájmu pronajímatel jistotu vrátí, po započtení svých splatných \
                pohledávek vůči nájemci, bez zbytečného odkladu po odevzdání bytu.
                """),
            .en: ClauseText("Deposit", """
                On signing this agreement the tenant pays the landlord a security deposit of {deposit}, which does \
                not exceed three months' rent, to secure the rent and the tenant's other obligations under the lease. \
                When the lease ends the landlord returns the deposit, after setting off the landlord's due claims \
                against the tenant, without undue delay after the flat is handed back.
                """),
            .de: ClauseText("Kaution", """
                Bei Unterzeichnung dieses Vertrags leistet der Mieter dem Vermieter eine Kaution in Höhe von \
                {deposit}, die drei Monatsmieten nicht übersteigt, zur Sicherung der Miete und der übrigen Pflichten \
                aus dem Mietverhältnis. Bei Beendigung des Mietverhältnisses zahlt der Vermieter die Kaution nach \
                Verrechnung seiner fälligen Forderungen gegen den Mieter unverzüglich nach Rückgabe der Wohnung zurück.
                """),
        ]),
        LibraryClause("maintenance", mandatory: true, flatLeaseCZ, [
            .cs: ClauseText("Údržba a opravy", """
                Drobné opravy v bytě související s jeho užíváním a náklady spojené s běžnou údržbou bytu hradí \
                nájemce. Ostatní opravy a údržbu bytu a domu zajišťuje na své náklady pronajímatel. Nájemce bez \
                zbytečného odkladu oznámí pronajímateli potřebu oprav, které má provést pronajímatel, a umožní jejich \
                provedení; jinak odpovídá za škodu, která nesplněním této povinnosti vznikla.
                """),
            .en: maintenanceEN, .de: maintenanceDE,
        ]),
        LibraryClause("use", mandatory: true, flatLeaseCZ, [
            .cs: ClauseText("Užívání bytu a domovní řád", """
                Nájemce je oprávněn užívat byt a společné prostory a zařízení domu řádně a pouze k bydlení a je \
                povinen dodržovat domovní řád. Stavební úpravy ani jinou podstatnou změnu v bytě nesmí nájemce \
                provést bez písemného souhlasu pronajímatele. Pronajímatel je oprávněn po předchozím oznámení \
                vstoupit do bytu za účelem kontroly jeho řádného užívání.
                """),
            .en: useEN, .de: useDE,
        ]),
        LibraryClause("subletting", mandatory: true, flatLeaseCZ, [
            .cs: ClauseText("Podnájem", """
                Nájemce může dát byt nebo jeho část do podnájmu jen za podmínek stanovených {civilCode}; podnájem \
                celého bytu vyžaduje předchozí písemný souhlas pronajímatele.
                """),
            .en: ClauseText("Subletting", """
                The tenant may sublet the flat or part of it only on the conditions set by {civilCode}; subletting \
                the whole flat requires the landlord's prior written consent.
                """),
            .de: ClauseText("Untervermietung", """
                Der Mieter darf die Wohnung oder einen Teil davon nur zu den Bedingungen {civilCode} untervermieten; \
                die Untervermietung der ganzen Wohnung bedarf der vorherigen schriftlichen Zustimmung des Vermieters.
                """),
        ]),
        LibraryClause("pets", mandatory: false, flatLeaseCZ, [
            .cs: ClauseText("Zvířata", """
                Nájemce může v bytě chovat zvíře, nepůsobí-li to pronajímateli nebo ostatním obyvatelům domu obtíže \
                nepřiměřené poměrům v domě; nájemce odpovídá za škody zvířetem způsobené.
                """),
            .en: ClauseText("Animals", """
                The tenant may keep an animal in the flat if it causes the landlord and the other residents no \
                hardship beyond what is reasonable in the building; the tenant is liable for damage the animal causes.
                """),
            .de: ClauseText("Tiere", """
                Der Mieter darf in der Wohnung ein Tier halten, sofern dies dem Vermieter und den übrigen Bewohnern \
                keine den Verhältnissen im Haus unangemessenen Beschwernisse verursacht; er haftet für vom Tier \
                verursachte Schäden.
                """),
        ]),
        LibraryClause("smoking", mandatory: false, flatLeaseCZ, [
            .cs: ClauseText("Kouření", "V bytě a ve společných prostorách domu je kouření zakázáno."),
            .en: smokingEN, .de: smokingDE,
        ]),
        LibraryClause("termination", mandatory: true, LegalBasis(["§2285–2296", "§2235–2301"], .cz89_2012), [
            .cs: ClauseText("Skončení nájmu a výpověď", """
                Nájem sjednaný na dobu určitou skončí uplynutím ujednané doby. Nájem lze skončit také písemnou \
                dohodou smluvních stran nebo písemnou výpovědí. Pronajímatel může nájem vypovědět jen z důvodů \
                stanovených v § 2285 až 2296 {civilCode}, s tříměsíční výpovědní dobou; nájemce může nájem \
                vypovědět v souladu s těmito ustanoveními. Změnou vlastníka bytu nájem nekončí.
                """),
            .en: ClauseText("Termination and notice", """
                A lease agreed for a fixed term ends when the agreed term expires. The lease may also be ended by a \
                written agreement of the parties or by written notice. The landlord may give notice only on the \
                grounds set out in §2285–2296 of {civilCode}, with a three-month notice period; the tenant may give \
                notice in accordance with those provisions. A change of the flat's owner does not end the lease.
                """),
            .de: ClauseText("Beendigung und Kündigung", """
                Ein befristetes Mietverhältnis endet mit Ablauf der vereinbarten Zeit. Es kann auch durch \
                schriftliche Vereinbarung der Parteien oder durch schriftliche Kündigung beendet werden. Der \
                Vermieter kann nur aus den in §§ 2285–2296 {civilCode} genannten Gründen mit einer Kündigungsfrist \
                von drei Monaten kündigen; der Mieter kann nach diesen Bestimmungen kündigen. Ein Eigentümerwechsel \
                beendet das Mietverhältnis nicht.
                """),
        ]),
        LibraryClause("handover", mandatory: true, flatLeaseCZ, [
            .cs: ClauseText("Předání a vrácení bytu", """
                Pronajímatel předá nájemci byt ve stavu způsobilém k řádnému užívání ke dni počátku nájmu \
                {startDate}. O předání bytu, jeho stavu, vybavení a stavech měřidel sepíší smluvní strany předávací \
                protokol, který je přílohou této smlouvy. Při skončení nájmu nájemce odevzdá byt ve stavu, v jakém \
                jej převzal, s přihlédnutím k obvyklému opotřebení; o vrácení bytu se sepíše protokol.
                """),
            .en: handoverEN, .de: handoverDE,
        ]),
        LibraryClause("governing_law", mandatory: true, LegalBasis(["§2201 ff.", "§2235–2301"], .cz89_2012), [
            .cs: ClauseText("Rozhodné právo a řešení sporů", """
                Tato smlouva se řídí právem {countryName}, zejména ustanoveními {civilCode} o nájmu bytu. Spory z \
                této smlouvy, které se smluvním stranám nepodaří vyřešit dohodou, rozhodují příslušné soudy \
                {countryName}.
                """),
            .en: governingLawEN, .de: governingLawDE,
        ]),
        LibraryClause("signatures", mandatory: true, flatLeaseCZ, [
            .cs: ClauseText("Závěrečná ustanovení a podpisy", """
                Smlouva nabývá platnosti a účinnosti dnem podpisu všemi smluvními stranami. Měnit ji lze jen \
                písemnými dodatky. Smlouva je vyhotovena v {copies} stejnopisech, z nichž každá smluvní strana \
                obdrží jeden. Smluvní strany si smlouvu přečetly, jejímu obsahu porozuměly a na důkaz souhlasu ji \
                podepisují.
                V {building.city} dne ______________
                """),
            .en: signaturesEN, .de: signaturesDE,
        ]),
    ]
}
