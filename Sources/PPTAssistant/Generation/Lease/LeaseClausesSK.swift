import Foundation
import PPTDomain

extension LeaseClauseLibrary {
    private static let flatLease = LegalBasis(["§685–716"], .sk40_1964)

    /// Slovakia: Civil Code, Act No. 40/1964 Coll.; lease of a flat §685–716, lease in general §663–684.
    /// The deposit clause fixes no cap: the reference asks to check the flat-lease part first.
    static let slovak: [LibraryClause] = [
        LibraryClause("parties", mandatory: true, flatLease, [
            .sk: ClauseText("Zmluvné strany", """
                Prenajímateľ: {landlord}
                Nájomca: {tenants}
                Zmluvné strany uzatvárajú podľa {civilCode} túto zmluvu o nájme bytu.
                """),
            .en: partiesEN, .de: partiesDE,
        ]),
        LibraryClause("flat", mandatory: true, flatLease, [
            .sk: ClauseText("Predmet nájmu", """
                Prenajímateľ prenecháva nájomcovi do užívania byt č. {unit.number} {unit.floor} v dome na adrese \
                {building.address} s podlahovou plochou {unit.size} a s počtom obytných miestností {unit.rooms}, \
                vrátane jeho príslušenstva a vybavenia uvedeného v preberacom protokole. Nájomca byt prijíma do \
                nájmu na bývanie.
                """),
            .en: flatEN, .de: flatDE,
        ]),
        LibraryClause("term", mandatory: true, flatLease, [
            .sk: ClauseText("Doba nájmu", """
                Nájom sa dojednáva {term}. Predĺžiť nájom možno len písomným dodatkom k tejto zmluve.
                """),
            .en: termEN, .de: termDE,
        ]),
        LibraryClause("rent", mandatory: true, flatLease, [
            .sk: ClauseText("Nájomné, úhrady za plnenia a platenie", """
                Nájomné je {rent} mesačne. Okrem nájomného platí nájomca mesačné zálohy na úhrady za plnenia \
                spojené s užívaním bytu (najmä teplo, teplá a studená voda, osvetlenie a upratovanie spoločných \
                priestorov, výťah) podľa rozpisu prenajímateľa; prenajímateľ ich vyúčtuje raz za kalendárny rok. \
                Nájomné a zálohy sú splatné mesačne vopred, najneskôr do {dueDay}. dňa kalendárneho mesiaca, \
                bezhotovostným prevodom na účet prenajímateľa. Ak je nájomca v omeškaní s platbou, zaplatí poplatok \
                z omeškania alebo úrok z omeškania najviac vo výške ustanovenej právnymi predpismi.
                """),
            .en: rentEN, .de: rentDE,
        ]),
        LibraryClause("deposit", mandatory: true, flatLease, [
            .sk: ClauseText("Zábezpeka", """
                Nájomca pri podpise tejto zmluvy zloží prenajímateľovi peňažnú zábezpeku vo výške {deposit} na \
                zabezpečenie nájomného, úhrad za plnenia spojené s užívaním bytu a náhrady škôd na byte. \
                Prenajímateľ zábezpeku vráti, zníženú o svoje splatné pohľadávky voči nájomcovi, bez zbytočného \
                odkladu po skončení nájmu a odovzdaní bytu.
                """),
            .en: ClauseText("Deposit", """
                On signing this agreement the tenant pays the landlord a security deposit of {deposit} to secure the \
                rent, the payments for services and compensation for damage to the flat. The landlord returns the \
                deposit, less the landlord's due claims against the tenant, without undue delay after the lease ends \
                and the flat is handed back.
                """),
            .de: ClauseText("Kaution", """
                Bei Unterzeichnung dieses Vertrags leistet der Mieter dem Vermieter eine Kaution in Höhe von \
                {deposit} zur Sicherung der Miete, der Zahlungen für Leistungen und des Ersatzes von Schäden an der \
                Wohnung. Der Vermieter zahlt die Kaution, abzüglich seiner fälligen Forderungen gegen den Mieter, nach \
                Beendigung des Mietverhältnisses und Rückgabe der Wohnung unverzüglich zurück.
                """),
        ]),
        LibraryClause("maintenance", mandatory: true, flatLease, [
            .sk: ClauseText("Údržba a opravy", """
                Drobné opravy v byte súvisiace s jeho užívaním a náklady spojené s bežnou údržbou bytu hradí \
                nájomca. Ostatné opravy a údržbu bytu a domu zabezpečuje na svoje náklady prenajímateľ. Nájomca bez \
                zbytočného odkladu oznámi prenajímateľovi potrebu opráv, ktoré má vykonať prenajímateľ, a umožní ich \
                vykonanie; inak zodpovedá za škodu, ktorá nesplnením tejto povinnosti vznikla.
                """),
            .en: maintenanceEN, .de: maintenanceDE,
        ]),
        LibraryClause("use", mandatory: true, flatLease, [
            .sk: ClauseText("Užívanie bytu a domový poriadok", """
                Nájomca je oprávnený užívať byt a spoločné priestory a zariadenia domu riadne a len na bývanie a je \
                povinný dodržiavať domový poriadok. Stavebné úpravy ani inú podstatnú zmenu v byte nesmie nájomca \
                vykonať bez písomného súhlasu prenajímateľa. Prenajímateľ je oprávnený po predchádzajúcom oznámení \
                vstúpiť do bytu za účelom kontroly jeho riadneho užívania.
                """),
            .en: useEN, .de: useDE,
        ]),
        LibraryClause("subletting", mandatory: true, flatLease, [
            .sk: ClauseText("Podnájom", """
                Nájomca môže prenechať byt alebo jeho časť do podnájmu inej osobe len s predchádzajúcim písomným \
                súhlasom prenajímateľa.
                """),
            .en: ClauseText("Subletting", """
                The tenant may sublet the flat or part of it to another person only with the landlord's prior \
                written consent.
                """),
            .de: ClauseText("Untervermietung", """
                Der Mieter darf die Wohnung oder einen Teil davon nur mit vorheriger schriftlicher Zustimmung des \
                Vermieters untervermieten.
                """),
        ]),
        LibraryClause("pets", mandatory: false, flatLease, [
            .sk: ClauseText("Domáce zvieratá", """
                Chovať v byte domáce zvieratá môže nájomca len s predchádzajúcim súhlasom prenajímateľa; nájomca \
                zodpovedá za škody nimi spôsobené a dbá, aby ostatní obyvatelia domu neboli rušení.
                """),
            .en: ClauseText("Pets", """
                The tenant may keep pets in the flat only with the landlord's prior consent; the tenant is liable \
                for damage they cause and ensures that the other residents are not disturbed.
                """),
            .de: ClauseText("Haustiere", """
                Haustiere darf der Mieter nur mit vorheriger Zustimmung des Vermieters halten; er haftet für von \
                ihnen verursachte Schäden und sorgt dafür, dass andere Bewohner nicht gestört werden.
                """),
        ]),
        LibraryClause("smoking", mandatory: false, flatLease, [
            .sk: ClauseText("Fajčenie", "V byte a v spoločných priestoroch domu je fajčenie zakázané."),
            .en: smokingEN, .de: smokingDE,
        ]),
        LibraryClause("lien", mandatory: false, LegalBasis(["§672"], .sk40_1964), [
            .sk: ClauseText("Záložné právo prenajímateľa", """
                Na zabezpečenie nájomného a úhrad za plnenia spojené s užívaním bytu má prenajímateľ záložné právo \
                k hnuteľným veciam nájomcu, ktoré sú v byte, podľa § 672 {civilCode}.
                """),
            .en: ClauseText("Landlord's lien", """
                To secure the rent and the payments for services the landlord has a lien on the tenant's movable \
                property in the flat under §672 of {civilCode}.
                """),
            .de: ClauseText("Pfandrecht des Vermieters", """
                Zur Sicherung der Miete und der Zahlungen für Leistungen hat der Vermieter nach § 672 {civilCode} \
                ein Pfandrecht an den in der Wohnung befindlichen beweglichen Sachen des Mieters.
                """),
        ]),
        LibraryClause("termination", mandatory: true, LegalBasis(["§711", "§685–716"], .sk40_1964), [
            .sk: ClauseText("Skončenie nájmu a výpoveď", """
                Nájom dojednaný na dobu určitú skončí uplynutím dohodnutej doby. Nájom možno skončiť aj písomnou \
                dohodou zmluvných strán alebo písomnou výpoveďou. Prenajímateľ môže nájom vypovedať len z dôvodov \
                ustanovených v § 711 {civilCode}, s výpovednou lehotou podľa tohto ustanovenia. Nájomca môže nájom \
                vypovedať písomnou výpoveďou doručenou prenajímateľovi.
                """),
            .en: ClauseText("Termination and notice", """
                A lease agreed for a fixed term ends when the term expires. The lease may also be ended by a written \
                agreement of the parties or by written notice. The landlord may give notice only on the grounds set \
                out in §711 of {civilCode}, with the notice period that section provides. The tenant may give notice \
                by a written notice delivered to the landlord.
                """),
            .de: ClauseText("Beendigung und Kündigung", """
                Ein befristetes Mietverhältnis endet mit Ablauf der vereinbarten Zeit. Es kann auch durch \
                schriftliche Vereinbarung der Parteien oder durch schriftliche Kündigung beendet werden. Der \
                Vermieter kann nur aus den in § 711 {civilCode} genannten Gründen mit der dort vorgesehenen \
                Kündigungsfrist kündigen. Der Mieter kann durch eine dem Vermieter zugestellte schriftliche \
                Kündigung kündigen.
                """),
        ]),
        LibraryClause("handover", mandatory: true, flatLease, [
            .sk: ClauseText("Odovzdanie a vrátenie bytu", """
                Prenajímateľ odovzdá nájomcovi byt v stave spôsobilom na riadne užívanie ku dňu začiatku nájmu \
                {startDate}. O odovzdaní bytu, jeho stave, vybavení a stavoch meradiel spíšu zmluvné strany \
                preberací protokol, ktorý je prílohou tejto zmluvy. Pri skončení nájmu nájomca odovzdá byt v stave, \
                v akom ho prevzal, s prihliadnutím na obvyklé opotrebenie; o vrátení bytu sa spíše protokol.
                """),
            .en: handoverEN, .de: handoverDE,
        ]),
        LibraryClause("governing_law", mandatory: true, LegalBasis(["§663–684", "§685–716"], .sk40_1964), [
            .sk: ClauseText("Rozhodné právo a riešenie sporov", """
                Táto zmluva sa riadi právom {countryName}, najmä ustanoveniami {civilCode} o nájme bytu. Spory z \
                tejto zmluvy, ktoré sa zmluvným stranám nepodarí vyriešiť dohodou, rozhodujú príslušné súdy \
                {countryName}.
                """),
            .en: governingLawEN, .de: governingLawDE,
        ]),
        LibraryClause("signatures", mandatory: true, flatLease, [
            .sk: ClauseText("Záverečné ustanovenia a podpisy", """
                Zmluva nadobúda platnosť a účinnosť dňom podpisu všetkými zmluvnými stranami. Meniť ju možno len \
                písomnými dodatkami. Zmluva je vyhotovená v {copies} rovnopisoch, z ktorých každá zmluvná strana \
                dostane jeden. Zmluvné strany si zmluvu prečítali, jej obsahu porozumeli a na znak súhlasu ju \
                podpisujú.
                V {building.city} dňa ______________
                """),
            .en: signaturesEN, .de: signaturesDE,
        ]),
    ]
}
