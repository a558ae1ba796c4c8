import Foundation
import PPTDomain

/// Advance payments and the annual settlement, in Slovak. The amounts are those `DemoFinance` invoices:
/// 1.45 €/m² services, 0.70 €/m² repair fund in building A (the minutes' resolution 2), 38 € heating and
/// water per flat, due on the last day of the month, invoice numbers `ZP<yyyymm>-<unit>` whose digits are
/// the variable symbol.
enum DemoPayments {
    /// Zálohové platby a vyúčtovanie služieb.
    static let slovak = TextDocument(title: "Zálohové platby a vyúčtovanie služieb", language: .sk, blocks: [
        .paragraph("Bytové družstvo Slnečnica – informácia pre vlastníkov bytov v domoch Slnečnica A "
            + "a Slnečnica B, Mlynské nivy 12 a 14, 821 09 Bratislava. Vlastník bytu platí mesačne zálohy "
            + "na služby spojené s užívaním bytu a príspevok do fondu prevádzky, údržby a opráv podľa zákona "
            + "č. 182/1993 Z. z."),
        .heading("1. Mesačný predpis zálohových platieb"),
        .item("1. Správca vystaví predpis zálohových platieb pre každý byt vždy k prvému dňu mesiaca. "
            + "Predpisy a platby nájdete v aplikácii PPT v časti Financie."),
        .item("2. Predpis je splatný do posledného dňa mesiaca, za ktorý sa platí."),
        .item("3. Číslo predpisu sa skladá z písmen ZP, roku, mesiaca a čísla bytu, napríklad ZP202503-A101 "
            + "pre byt A101 za marec 2025."),
        .item("4. Ako variabilný symbol uveďte číslice z čísla predpisu bez písmen a pomlčky, napríklad "
            + "202503101. Bez správneho variabilného symbolu nevieme platbu priradiť k bytu."),
        .item("5. Platbu posielajte bankovým prevodom na účet družstva, ktorý je uvedený v predpise. "
            + "Hotovosť ani poštové poukážky neprijímame."),
        .item("6. Odporúčame zadať si v banke trvalý príkaz so splatnosťou do 20. dňa v mesiaci."),
        .heading("2. Čo záloha pokrýva"),
        .paragraph("Mesačná záloha sa skladá z troch častí: zo zálohy na služby podľa podlahovej plochy bytu, "
            + "z príspevku do fondu prevádzky, údržby a opráv a zo zálohy na teplo a vodu."),
        .paragraph("Záloha na služby spolu je 1,45 € za m² podlahovej plochy mesačne a skladá sa z týchto "
            + "položiek:"),
        .item("– prevádzka výťahu vrátane elektriny, servisu a revízií: 0,25 € za m²"),
        .item("– upratovanie spoločných priestorov: 0,30 € za m²"),
        .item("– elektrina a osvetlenie spoločných priestorov: 0,12 € za m²"),
        .item("– poistenie domu: 0,14 € za m²"),
        .item("– revízie a údržba hasiacich prístrojov, hromozvodu a plynových rozvodov: 0,24 € za m²"),
        .item("– odmena za správu domu: 0,40 € za m²"),
        .paragraph("Príspevok do fondu prevádzky, údržby a opráv schvaľujú vlastníci každého domu. V dome "
            + "Slnečnica A je 0,70 € za m² mesačne, v dome Slnečnica B 0,60 € za m² mesačne."),
        .paragraph("Záloha na teplo a vodu je 38 € mesačne na byt: vykurovanie 26 €, ohrev teplej vody 7 € "
            + "a studená voda so stočným 5 €."),
        .paragraph("Zálohy nepokrývajú odvoz komunálneho odpadu. Poplatok za odpad platí každý obyvateľ "
            + "priamo mestskej časti."),
        .heading("3. Príklad výpočtu"),
        .paragraph("Pre byt s podlahovou plochou 62,0 m² v dome Slnečnica A je mesačná záloha 171,30 €: "
            + "služby 89,90 €, fond prevádzky, údržby a opráv 43,40 € a teplo a voda 38,00 €."),
        .heading("4. Ročné vyúčtovanie"),
        .item("1. Vyúčtovanie záloh za kalendárny rok doručí správca každému vlastníkovi do 31. mája "
            + "nasledujúceho roka."),
        .item("2. Náklady na vykurovanie sa delia na základnú zložku 50 % podľa podlahovej plochy bytu "
            + "a spotrebnú zložku 50 % podľa pomerových meračov tepla."),
        .item("3. Náklady na studenú a teplú vodu sa rozpočítajú podľa odpočtov vodomerov; ako ich zadať, "
            + "popisujú Pokyny na odpočet meračov."),
        .item("4. Námietky k vyúčtovaniu podajte písomne alebo e-mailom na sprava.slnecnica@example.sk "
            + "do 30 dní od jeho doručenia. Správca ich vybaví do 30 dní."),
        .heading("5. Preplatky a nedoplatky"),
        .item("1. Preplatok z vyúčtovania vráti správca na účet, z ktorého platíte zálohy, do 30 dní "
            + "od doručenia vyúčtovania."),
        .item("2. Nedoplatok je splatný do 30 dní od doručenia vyúčtovania s variabilným symbolom, ktorý "
            + "je uvedený vo vyúčtovaní."),
        .item("3. Preplatok nižší ako 5 € sa nevypláca, ale započíta sa do najbližšieho predpisu zálohových "
            + "platieb."),
        .item("4. Ak vyúčtovanie ukáže trvalo vyššiu alebo nižšiu spotrebu, správca od 1. júla upraví výšku "
            + "záloh na teplo a vodu."),
        .heading("6. Omeškanie s platbou"),
        .item("1. Pri omeškaní s úhradou predpisu zaplatí vlastník poplatok z omeškania 0,05 % z dlžnej sumy "
            + "za každý deň omeškania, najmenej však 0,83 € za každý aj začatý mesiac omeškania."),
        .item("2. Po 15 dňoch omeškania pošle správca upomienku v aplikácii PPT a e-mailom."),
        .item("3. Dlh vyšší ako trojnásobok mesačného predpisu vymáha správca právnou cestou podľa zákona "
            + "o vlastníctve bytov a nebytových priestorov."),
        .item("4. Ak sa dostanete do finančných ťažkostí, ozvite sa správcovi včas; splátkový kalendár sa dá "
            + "dohodnúť."),
        .heading("7. Zmeny a kontakt"),
        .item("1. Zmenu vlastníka, počtu osôb v byte alebo bankového spojenia oznámte správcovi do 15 dní."),
        .item("2. Správkyňa Mária Kováčová je k dispozícii na čísle +421 2 5555 0100 v pracovné dni "
            + "od 8:00 do 15:00."),
        .item("3. Úradné hodiny v kancelárii správcu na prízemí domu Slnečnica A sú v pondelok a v stredu "
            + "od 15:00 do 18:00."),
    ])
}
