import Foundation
import PPTDomain

/// The cooperative's house rules, in Slovak and in English.
enum DemoHouseRules {
    /// Domový poriadok, approved at the owners' meeting on `approved`.
    static func slovak(approved: CalendarDate) -> TextDocument {
        TextDocument(title: "Domový poriadok", language: .sk, blocks: [
            .paragraph("Bytové družstvo Slnečnica – domy Slnečnica A a Slnečnica B, Mlynské nivy 12 a 14, "
                + "821 09 Bratislava. Schválený schôdzou vlastníkov dňa \(approved.slovakText)."),
            .heading("Čl. 1 Úvodné ustanovenia"),
            .item("1. Domový poriadok upravuje práva a povinnosti vlastníkov, nájomcov a ďalších užívateľov "
                + "bytov a nebytových priestorov v domoch. Vychádza zo zákona č. 182/1993 Z. z. o vlastníctve "
                + "bytov a nebytových priestorov."),
            .item("2. Vlastník bytu oboznámi s domovým poriadkom nájomcov a ďalšie osoby, ktoré byt užívajú, "
                + "a zodpovedá za jeho dodržiavanie."),
            .heading("Čl. 2 Nočný pokoj"),
            .item("1. Nočný pokoj je od 22:00 do 6:00. V tomto čase je zakázané rušiť ostatných obyvateľov "
                + "hlukom, najmä hlasnou hudbou, vŕtaním, búchaním a hlučnými oslavami."),
            .item("2. Hlučné práce (vŕtanie, brúsenie, búracie práce) sú povolené v pracovné dni od 8:00 do "
                + "18:00 a v sobotu od 9:00 do 13:00; v nedeľu a vo sviatok sú zakázané."),
            .item("3. Rekonštrukciu bytu vlastník vopred oznámi správcovi a susedom na nástenke vo vchode."),
            .heading("Čl. 3 Domáce zvieratá"),
            .item("1. Chov psov, mačiek a iných domácich zvierat je dovolený, ak neobťažuje ostatných obyvateľov "
                + "a neohrozuje čistotu a hygienu v dome."),
            .item("2. V spoločných priestoroch musí byť pes na vôdzke. Znečistenie spoločných priestorov a okolia "
                + "domu je majiteľ zvieraťa povinný bezodkladne odstrániť."),
            .item("3. Zvieratá sa nesmú nechávať bez dozoru na balkónoch, v pivniciach ani v spoločných priestoroch."),
            .heading("Čl. 4 Spoločné priestory a zariadenia"),
            .item("1. Schodiská, chodby, výťahy, pivnice, sušiareň a kočikáreň slúžia všetkým obyvateľom. Nesmú "
                + "sa v nich skladovať predmety, ktoré bránia prechodu alebo zvyšujú riziko požiaru (nábytok, "
                + "pneumatiky, horľaviny)."),
            .item("2. Únikové cesty a prístup k hlavným uzáverom vody, plynu a elektriny musia zostať voľné."),
            .item("3. Vchodové dvere sa od 22:00 do 6:00 zamykajú. V spoločných priestoroch je zakázané fajčiť."),
            .item("4. Poškodenie spoločných priestorov alebo zariadení nahláste správcovi bez odkladu – v aplikácii "
                + "PPT (Poruchy → Nová porucha) alebo na čísle +421 2 5555 0100."),
            .heading("Čl. 5 Odpad a jeho triedenie"),
            .item("1. Odpad triedime do nádob na stanovišti pri dome: papier (modrá), plasty, kovové obaly "
                + "a nápojové kartóny (žltá), sklo (zelená), kuchynský biologický odpad (hnedá) a zmesový "
                + "komunálny odpad (čierna)."),
            .item("2. Krabice pred vhodením do nádoby rozložte a plastové fľaše stlačte."),
            .item("3. Objemný odpad, elektrospotrebiče a stavebný odpad nepatria k nádobám; odovzdajte ich na "
                + "zbernom dvore alebo do veľkoobjemového kontajnera, ktorý správca vopred oznámi."),
            .heading("Čl. 6 Vykurovacie obdobie"),
            .item("1. Vykurovacie obdobie trvá od 1. septembra do 31. mája. Vykurovať sa začína, keď priemerná "
                + "denná vonkajšia teplota klesne dva dni po sebe pod 13 °C a predpoveď neočakáva oteplenie; "
                + "končí sa, keď vystúpi dva dni po sebe nad 13 °C."),
            .item("2. Termostatické hlavice sa nesmú odstraňovať ani blokovať; pomerové merače tepla sa nesmú "
                + "poškodzovať ani zakrývať."),
            .item("3. V zime vetrajte krátko a intenzívne. Okná v spoločných priestoroch nenechávajte otvorené."),
            .heading("Čl. 7 Záverečné ustanovenia"),
            .item("1. Porušovanie domového poriadku rieši správca s vlastníkom bytu; opakované porušovanie môže "
                + "prerokovať schôdza vlastníkov."),
            .item("2. Domový poriadok je účinný dňom schválenia. Je zverejnený na nástenke v každom vchode "
                + "a v aplikácii PPT."),
        ])
    }

    /// The English translation of the house rules.
    static func english(approved: CalendarDate) -> TextDocument {
        TextDocument(title: "House Rules", language: .en, blocks: [
            .paragraph("Slnečnica Housing Cooperative – buildings Slnečnica A and Slnečnica B, Mlynské nivy 12 "
                + "and 14, 821 09 Bratislava. Approved by the owners' meeting on \(approved.englishText). "
                + "This is a translation; the Slovak version prevails."),
            .heading("Article 1 Introduction"),
            .item("1. These rules set out the rights and duties of the owners, tenants and other occupants of "
                + "the flats and non-residential premises. They follow Act No. 182/1993 Coll. on the Ownership "
                + "of Flats and Non-Residential Premises."),
            .item("2. Owners make their tenants and other occupants aware of these rules and are responsible "
                + "for their observance."),
            .heading("Article 2 Quiet hours"),
            .item("1. Quiet hours are from 22:00 to 6:00. During this time residents must not disturb others "
                + "with noise, in particular loud music, drilling, banging or noisy parties."),
            .item("2. Noisy work (drilling, sanding, demolition) is allowed on working days from 8:00 to 18:00 "
                + "and on Saturdays from 9:00 to 13:00; it is not allowed on Sundays and public holidays."),
            .item("3. Owners announce renovation work in advance to the manager and on the notice board."),
            .heading("Article 3 Pets"),
            .item("1. Dogs, cats and other pets are welcome as long as they do not disturb other residents "
                + "or compromise cleanliness and hygiene in the building."),
            .item("2. Dogs must be kept on a lead in the common areas. Owners clean up after their pets "
                + "in the building and its surroundings immediately."),
            .item("3. Pets must not be left unattended on balconies, in cellars or in the common areas."),
            .heading("Article 4 Common areas and facilities"),
            .item("1. Staircases, corridors, lifts, cellars, the drying room and the pram room are shared by "
                + "all residents. Nothing that blocks the way or increases the risk of fire (furniture, tyres, "
                + "flammable materials) may be stored there."),
            .item("2. Escape routes and access to the main water, gas and electricity shut-off valves must "
                + "be kept clear."),
            .item("3. The entrance doors are locked from 22:00 to 6:00. Smoking is not allowed in the common "
                + "areas."),
            .item("4. Report any damage to the common areas or facilities to the manager without delay – in the "
                + "PPT app (Faults → New fault) or by phone on +421 2 5555 0100."),
            .heading("Article 5 Waste sorting"),
            .item("1. Waste is sorted into the bins next to the building: paper (blue), plastics, metal "
                + "packaging and beverage cartons (yellow), glass (green), kitchen bio-waste (brown) and mixed "
                + "municipal waste (black)."),
            .item("2. Flatten cardboard boxes and squash plastic bottles before putting them in the bins."),
            .item("3. Bulky waste, electrical appliances and construction waste do not belong next to the bins; "
                + "take them to the municipal collection yard or use the skip that the manager announces."),
            .heading("Article 6 Heating season"),
            .item("1. The heating season runs from 1 September to 31 May. Heating starts when the average daily "
                + "outdoor temperature falls below 13 °C on two consecutive days and no warmer weather is "
                + "forecast; it stops when the temperature rises above 13 °C on two consecutive days."),
            .item("2. Thermostatic radiator valves must not be removed or blocked; heat cost allocators must "
                + "not be damaged or covered."),
            .item("3. In winter, air rooms briefly and thoroughly. Do not leave windows in the common areas open."),
            .heading("Article 7 Final provisions"),
            .item("1. The manager resolves breaches of these rules with the owner of the flat; repeated breaches "
                + "may be discussed by the owners' meeting."),
            .item("2. These rules take effect on the day of their approval. They are posted on the notice "
                + "board in each entrance and in the PPT app."),
        ])
    }
}
