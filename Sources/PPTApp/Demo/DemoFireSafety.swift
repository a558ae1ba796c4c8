import Foundation
import PPTDomain

/// The fire alarm directives for both buildings, and building B's notice of a fire drill (in Slovak).
enum DemoFireSafety {
    /// Požiarne poplachové smernice a evakuácia.
    static let directives = TextDocument(title: "Požiarne poplachové smernice a evakuácia", language: .sk, blocks: [
        .paragraph("Bytové družstvo Slnečnica – domy Slnečnica A (Mlynské nivy 12) a Slnečnica B (Mlynské "
            + "nivy 14), 821 09 Bratislava, vrátane pivníc a podzemnej garáže domu Slnečnica A. Smernice sú "
            + "vyvesené pri hlavnom vchode každého domu a na každom poschodí pri výťahu."),
        .heading("1. Telefónne čísla"),
        .item("– Hasičský a záchranný zbor: 150"),
        .item("– Jednotné európske číslo tiesňového volania: 112"),
        .item("– Záchranná zdravotná služba: 155"),
        .item("– Polícia: 158"),
        .item("– Správca domu v pracovné dni od 8:00 do 15:00: +421 2 5555 0100"),
        .item("– Pohotovosť správcu mimo pracovného času: +421 905 555 100"),
        .item("– Technik požiarnej ochrany Ing. Roman Ondruš: +421 905 555 201"),
        .heading("2. Čo robiť, keď spozorujete požiar"),
        .item("1. Kto spozoruje požiar, uhasí ho dostupnými prostriedkami, ak to dokáže bez ohrozenia "
            + "vlastného života."),
        .item("2. Ak požiar nemožno uhasiť, okamžite volajte 150 alebo 112. Povedzte, čo horí, adresu domu "
            + "(Mlynské nivy 12 alebo 14), poschodie, svoje meno a telefónne číslo."),
        .item("3. Hovor neukončujte ako prvý, operátor môže potrebovať ďalšie informácie."),
        .item("4. Varujte ostatných obyvateľov hlasným volaním „Horí!“ a zvonením na dvere bytov "
            + "na poschodí."),
        .item("5. Po zavolaní hasičov ohláste požiar aj správcovi domu."),
        .heading("3. Vyhlásenie požiarneho poplachu"),
        .paragraph("V spoločných priestoroch oboch domov sú autonómne dymové hlásiče, ktoré pri zadymení "
            + "vydávajú prerušovaný pískavý tón. Požiarny poplach sa vyhlasuje volaním „Horí!“ a stlačením "
            + "tlačidlového hlásiča s červeným krytom na prízemí pri hlavnom vchode. Hlásič spustí sirénu "
            + "na všetkých poschodiach domu."),
        .heading("4. Evakuácia z domu Slnečnica A"),
        .item("1. Hlavná úniková cesta vedie po schodisku na prízemie a hlavným vchodom na ulicu Mlynské "
            + "nivy 12."),
        .item("2. Ak je hlavný vchod zadymený, použite zadný vchod na prízemí vedľa sušiarne, ktorý vedie "
            + "na vnútorný dvor."),
        .item("3. Z podzemnej garáže odchádzajte pešími dverami pri vjazdovej bráne a schodiskom na dvor; "
            + "vjazdovú rampu nepoužívajte."),
        .item("4. Z pivníc odchádzajte schodiskom na prízemie, nikdy nie výťahom."),
        .heading("5. Evakuácia z domu Slnečnica B"),
        .item("1. Hlavná úniková cesta vedie po schodisku na prízemie a hlavným vchodom na ulicu Mlynské "
            + "nivy 14."),
        .item("2. Náhradná úniková cesta vedie zadnými dverami na prízemí za schodiskom na vnútorný dvor."),
        .item("3. Dom Slnečnica B nemá podzemnú garáž. Z pivníc vedie jediný východ, a to po schodisku "
            + "na prízemie."),
        .heading("6. Zásady evakuácie"),
        .item("1. Pri požiari nepoužívajte výťah, pretože sa môže zastaviť medzi poschodiami a jeho šachta "
            + "sa rýchlo zadymí."),
        .item("2. Pri odchode zatvorte okná a dvere bytu, ale nezamykajte ich, aby sa hasiči dostali dnu."),
        .item("3. Zhromaždisko pre oba domy je na detskom ihrisku na vnútornom dvore medzi domami A a B. "
            + "Ak horí na dvore, zhromaždite sa na chodníku pred domami na ulici Mlynské nivy."),
        .item("4. Na zhromaždisku oznámte veliteľovi zásahu alebo správcovi, ktorí susedia chýbajú, najmä "
            + "deti, starší a imobilní obyvatelia."),
        .item("5. Ak je schodisko zadymené, zostaňte v byte, zatvorte dvere, utesnite ich mokrými uterákmi "
            + "a privolajte pomoc z okna alebo balkóna."),
        .item("6. Vchodové dvere sa v noci zamykajú, zvnútra sa však vždy otvoria kľučkou bez kľúča "
            + "(panikové kovanie)."),
        .heading("7. Hasiace prístroje, hydranty a hlavné uzávery"),
        .item("1. V dome Slnečnica A sú práškové hasiace prístroje s náplňou 6 kg na každom poschodí "
            + "na podeste pri dverách výťahu a v chodbe pivníc."),
        .item("2. V podzemnej garáži sú dva práškové hasiace prístroje, jeden pri vjazdovej bráne a druhý "
            + "pri peších dverách."),
        .item("3. V dome Slnečnica B sú hasiace prístroje na prízemí a na 2. poschodí pri schodisku "
            + "a v chodbe pivníc pri kočikárni."),
        .item("4. Vnútorný hydrant s hadicovým navijakom je v každom dome na prízemí pri vstupe do pivníc."),
        .item("5. Hlavný vypínač elektriny je v rozvodnej skrini na prízemí pri hlavnom vchode. Hlavný "
            + "uzáver plynu je v žltej skrinke na fasáde vedľa vchodu. Hlavný uzáver vody je v pivnici "
            + "v miestnosti hlavného vodomeru."),
        .item("6. Elektrické zariadenia pod napätím nehaste vodou; najprv vypnite hlavný vypínač alebo "
            + "použite práškový hasiaci prístroj."),
        .item("7. Hasiace prístroje a hydranty kontroluje odborne spôsobilá osoba raz za 12 mesiacov. "
            + "Dátum poslednej kontroly je na štítku prístroja."),
        .heading("8. Prevencia"),
        .item("1. Chodby, schodiská a chodby pivníc sú únikové cesty. Nesmú sa v nich skladovať bicykle, "
            + "nábytok, pneumatiky ani horľaviny."),
        .item("2. Grilovanie na otvorenom ohni alebo na drevenom uhlí je na balkónoch zakázané; elektrický "
            + "gril je povolený."),
        .item("3. Cvičný požiarny poplach sa v každom dome koná raz ročne. Termín oznámi správca najmenej "
            + "7 dní vopred."),
        .item("4. Za dodržiavanie týchto smerníc zodpovedá správca. Odborné otázky požiarnej ochrany "
            + "rieši technik požiarnej ochrany."),
    ])

    /// Building B's notice of its yearly fire drill, held on `drill`.
    static func drillNotice(drill: CalendarDate) -> TextDocument {
        TextDocument(title: "Oznam pre dom Slnečnica B: cvičný požiarny poplach", language: .sk, blocks: [
            .paragraph("Vážení obyvatelia domu Slnečnica B, Mlynské nivy 14,"),
            .paragraph("dňa \(drill.slovakText) o 17:00 sa v dome uskutoční cvičný požiarny poplach podľa "
                + "požiarnych poplachových smerníc. Cvičenie vedie technik požiarnej ochrany Ing. Roman Ondruš."),
            .heading("Priebeh cvičenia"),
            .item("1. Poplach ohlási siréna, ktorá bude znieť na všetkých poschodiach približne jednu minútu."),
            .item("2. Po zaznení sirény opustite byt a odíďte po schodisku hlavným vchodom na ulicu."),
            .item("3. Zhromaždite sa na detskom ihrisku na vnútornom dvore, kde technik zapíše prítomných."),
            .item("4. Cvičenie potrvá približne 20 minút, potom sa môžete vrátiť do bytov."),
            .heading("Obmedzenia v deň cvičenia"),
            .item("– Výťah bude mimo prevádzky od 16:45 do 17:30."),
            .item("– Od 9:00 do 12:00 skontroluje technik hasiace prístroje a vnútorný hydrant v chodbách "
                + "a v pivniciach."),
            .item("– Chodbu pivníc pri kočikárni vypratajte do 20:00 predchádzajúceho dňa. Bicykle a iné "
                + "predmety ponechané v chodbe presunie technik do sušiarne."),
            .heading("Pomoc pri odchode"),
            .paragraph("Ak pre vek, zdravotný stav alebo malé deti potrebujete pri odchode z domu pomoc, "
                + "oznámte to správkyni Márii Kováčovej najneskôr deň pred cvičením na čísle +421 2 5555 0100."),
            .paragraph("Ďakujeme za spoluprácu. Bytové družstvo Slnečnica, správca domu"),
        ])
    }
}
