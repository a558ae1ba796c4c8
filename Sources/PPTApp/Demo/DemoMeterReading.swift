import Foundation
import PPTDomain

/// How owners submit water and heat meter readings in the PPT app, in Slovak and in English. Consistent
/// with `DemoFinance`: cold water meters are numbered `SV-…`, hot water `TV-…`, heat cost allocators
/// `PRT-…`, readings are taken twice a year, and a reading window stays open for at least 14 days.
enum DemoMeterReading {
    /// Pokyny na odpočet meračov.
    static let slovak = TextDocument(title: "Pokyny na odpočet meračov", language: .sk, blocks: [
        .paragraph("Bytové družstvo Slnečnica – domy Slnečnica A a Slnečnica B, Mlynské nivy 12 a 14, "
            + "821 09 Bratislava. Pokyny platia pre vodomery studenej a teplej vody a pre pomerové merače tepla "
            + "na radiátoroch vo všetkých bytoch."),
        .heading("1. Ktoré merače odčítavate"),
        .item("– Vodomer studenej vody má výrobné číslo začínajúce na SV, vodomer teplej vody na TV. "
            + "Oba merajú spotrebu v m³."),
        .item("– Pomerový merač tepla je na každom radiátore a jeho výrobné číslo začína na PRT. Odčítava sa "
            + "hodnota, ktorú ukazuje displej."),
        .item("– Zoznam meračov vášho bytu s výrobnými číslami a poslednými stavmi nájdete v aplikácii PPT "
            + "v časti Merače."),
        .heading("2. Kedy sa odčítava"),
        .item("1. Odpočet sa robí dvakrát ročne. Termín vyhlási správca v aplikácii PPT ako obdobie odpočtu "
            + "a zverejní ho aj na nástenke vo vchode."),
        .item("2. Obdobie odpočtu je otvorené najmenej 14 dní. V jeho prvý deň dostanete v aplikácii "
            + "upozornenie."),
        .item("3. Stav odčítajte čo najbližšie ku koncu obdobia odpočtu a zadajte ho najneskôr v jeho "
            + "posledný deň do 23:59."),
        .heading("3. Ako zadať odpočet v aplikácii PPT"),
        .item("1. Prihláste sa do aplikácie PPT a otvorte časť Merače."),
        .item("2. Pri každom merači zvoľte Nový odpočet a zadajte stav presne tak, ako ho vidíte "
            + "na číselníku."),
        .item("3. Stav vodomeru zadajte v m³ s tromi desatinnými miestami. Červené číslice za desatinnou "
            + "čiarkou sú desatiny, stotiny a tisíciny m³, napríklad 118,905."),
        .item("4. Skontrolujte, či zadávate stav správneho merača: výrobné číslo v aplikácii musí byť rovnaké "
            + "ako číslo na merači."),
        .item("5. Odpočet potvrďte tlačidlom Odoslať. Ak ste zadali chybný stav, oznámte to správcovi ešte "
            + "pred koncom obdobia odpočtu."),
        .heading("4. Fotografia merača"),
        .item("1. Každý merač odfoťte tak, aby bol čitateľný celý stav aj výrobné číslo."),
        .item("2. Pri merači tepla odfoťte displej v okamihu, keď ukazuje stav k dátumu odpočtu."),
        .item("3. Fotografie si uschovajte do doručenia ročného vyúčtovania. Správca si ich vyžiada, ak je "
            + "spotreba nezvyčajne vysoká alebo ak je stav nižší ako pri minulom odpočte."),
        .heading("5. Ak odpočet nezadáte"),
        .item("1. Ak do konca obdobia odpočtu nezadáte stav niektorého merača, správca určí spotrebu odhadom."),
        .item("2. Odhad vychádza z priemernej dennej spotreby vášho bytu za posledných 12 mesiacov. Ak byt "
            + "nemá predchádzajúce odpočty, použije sa priemerná spotreba na osobu v dome."),
        .item("3. Zabudnutý stav môžete správcovi nahlásiť do 7 dní po skončení obdobia odpočtu. Neskôr "
            + "sa vo vyúčtovaní použije odhad a rozdiel sa vyrovná až pri ďalšom odpočte."),
        .item("4. Ak je merač nečitateľný alebo stav nemôžete odčítať, objednajte si kontrolný odpočet "
            + "technikom na mieste. Kontrolný odpočet stojí 15 € a pripočíta sa k najbližšiemu predpisu "
            + "zálohových platieb."),
        .heading("6. Poruchy a výmena meračov"),
        .item("1. Poškodený, zastavený alebo nečitateľný merač nahláste v aplikácii PPT (Poruchy → Nová "
            + "porucha) alebo na čísle +421 2 5555 0100."),
        .item("2. Plomby na vodomeroch sa nesmú porušiť. Pri porušenej plombe určí správca spotrebu odhadom "
            + "a zásah rieši ako neoprávnený."),
        .item("3. Výmenu vodomerov po skončení platnosti overenia zabezpečuje správca bezplatne a termín "
            + "oznámi najmenej 7 dní vopred."),
        .item("4. Pomerové merače tepla sa podľa domového poriadku nesmú zakrývať ani poškodzovať."),
        .heading("Kontakt"),
        .paragraph("Otázky k odpočtom vybaví správkyňa Mária Kováčová na čísle +421 2 5555 0100 v pracovné "
            + "dni od 8:00 do 15:00 alebo e-mailom na adrese sprava.slnecnica@example.sk."),
    ])

    /// The English translation of the instructions.
    static let english = TextDocument(title: "Meter Reading Instructions", language: .en, blocks: [
        .paragraph("Slnečnica Housing Cooperative – buildings Slnečnica A and Slnečnica B, Mlynské nivy 12 "
            + "and 14, 821 09 Bratislava. These instructions cover the cold and hot water meters and the heat "
            + "cost allocators on the radiators in every flat. This is a translation; the Slovak version "
            + "prevails."),
        .heading("1. Which meters you read"),
        .item("– The cold water meter has a serial number starting with SV, the hot water meter one starting "
            + "with TV. Both measure consumption in m³."),
        .item("– There is a heat cost allocator on every radiator; its serial number starts with PRT. Read "
            + "the value shown on its display."),
        .item("– The list of your flat's meters with their serial numbers and latest readings is in the PPT "
            + "app under Meters."),
        .heading("2. When to read"),
        .item("1. Meters are read twice a year. The manager announces each reading window in the PPT app "
            + "and on the notice board in the entrance."),
        .item("2. A reading window stays open for at least 14 days. You get a notification in the app on the "
            + "day it opens."),
        .item("3. Read your meters as close to the end of the window as you can and submit the readings by "
            + "23:59 on its last day at the latest."),
        .heading("3. How to submit a reading in the PPT app"),
        .item("1. Sign in to the PPT app and open Meters."),
        .item("2. For each meter choose New reading and enter the value exactly as shown on the dial."),
        .item("3. Enter water meter readings in m³ with three decimal places. The red digits after the "
            + "decimal point are tenths, hundredths and thousandths of a cubic metre, for example 118.905."),
        .item("4. Check that you are entering the reading for the right meter: the serial number in the app "
            + "must match the number on the meter."),
        .item("5. Confirm the reading with Submit. If you entered a wrong value, tell the manager before the "
            + "reading window closes."),
        .heading("4. Photos of your meters"),
        .item("1. Take a photo of each meter so that the whole reading and the serial number are legible."),
        .item("2. For heat cost allocators, photograph the display while it shows the value for the reading "
            + "date."),
        .item("3. Keep the photos until you receive the annual statement. The manager will ask for them if "
            + "your consumption is unusually high or a reading is lower than the previous one."),
        .heading("5. If you miss the reading window"),
        .item("1. If you do not submit a meter's reading before the window closes, the manager estimates "
            + "your consumption."),
        .item("2. The estimate is based on your flat's average daily consumption over the last 12 months. "
            + "Flats without earlier readings are charged the building's average consumption per person."),
        .item("3. You can still report a forgotten reading to the manager within 7 days after the window "
            + "closes. After that the estimate is used in the statement and corrected at the next reading."),
        .item("4. If a meter is illegible or you cannot read it, book a check reading by a technician on "
            + "site. A check reading costs EUR 15 and is added to your next monthly advance payment."),
        .heading("6. Faults and meter replacement"),
        .item("1. Report a damaged, stopped or illegible meter in the PPT app (Faults → New fault) or by "
            + "phone on +421 2 5555 0100."),
        .item("2. The seals on water meters must not be broken. If a seal is broken, the manager estimates "
            + "the consumption and treats it as tampering."),
        .item("3. The manager replaces water meters free of charge when their calibration expires and "
            + "announces the date at least 7 days in advance."),
        .item("4. Under the house rules, heat cost allocators must not be covered or damaged."),
        .heading("Contact"),
        .paragraph("Questions about meter readings: the manager, Mária Kováčová, on +421 2 5555 0100 on "
            + "working days from 8:00 to 15:00, or by e-mail to sprava.slnecnica@example.sk."),
    ])
}
