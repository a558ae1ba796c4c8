import Foundation
import PPTDomain

/// Minutes of building A's owners' meeting, in Slovak and in English. Shares are those `DemoProperty`
/// gives building A (floor area over 387.6 m²): Ján Novák 31.68 % (A101, A102), Martin Kollár 20.64 %
/// (A202, G1), Tomáš Baláž 19.17 % (A302), Katarína Szabóová 16.00 % (A301), Zuzana Malá 12.51 % (A201).
enum DemoMinutes {
    /// Zápisnica zo schôdze vlastníkov held on `date`.
    static func slovak(date: CalendarDate) -> TextDocument {
        let effective = date.firstOfMonth(addingMonths: 1).slovakText
        return TextDocument(title: "Zápisnica zo schôdze vlastníkov", language: .sk, blocks: [
            .paragraph("Schôdza vlastníkov bytov a nebytových priestorov v dome Slnečnica A, Mlynské nivy 12, "
                + "821 09 Bratislava, podľa § 14 zákona č. 182/1993 Z. z."),
            .item("Dátum a miesto: \(date.slovakText) o 18:00, spoločenská miestnosť na prízemí domu."),
            .item("Zvolal: správca Bytové družstvo Slnečnica na žiadosť vlastníkov."),
            .item("Predsedajúca: Mária Kováčová; zapisovateľka: Zuzana Malá; overovatelia: Ján Novák, "
                + "Martin Kollár."),
            .heading("Prezencia"),
            .paragraph("Prítomní vlastníci (osobne alebo na základe plnomocenstva) majú spolu 80,83 % "
                + "spoluvlastníckych podielov na spoločných častiach domu: Ján Novák 31,68 %, Martin Kollár "
                + "20,64 %, Katarína Szabóová v zastúpení na základe plnomocenstva 16,00 %, Zuzana Malá 12,51 %. "
                + "Neprítomný: Tomáš Baláž (19,17 %). Schôdza je uznášaniaschopná."),
            .heading("Program"),
            .item("1. Otvorenie, voľba predsedajúceho, zapisovateľa a overovateľov zápisnice."),
            .item("2. Správa o hospodárení a stave fondu prevádzky, údržby a opráv."),
            .item("3. Obnova fasády a zateplenie domu."),
            .item("4. Výška príspevku do fondu prevádzky, údržby a opráv."),
            .item("5. Aktualizovaný domový poriadok."),
            .item("6. Rôzne a záver."),
            .heading("Priebeh a uznesenia"),
            .paragraph("K bodu 2: Správca informoval, že zostatok fondu prevádzky, údržby a opráv ku koncu "
                + "minulého roka bol 48 310,52 €. Z fondu sa v minulom roku financovala výmena stúpačiek "
                + "a revízia výťahu."),
            .paragraph("K bodu 3: Správca predložil tri cenové ponuky na obnovu fasády a zateplenie domu. "
                + "Najnižšia, od spoločnosti Zatepľovanie Hron s. r. o., je 186 400 € s DPH. Obnova by sa "
                + "financovala úverom zo Štátneho fondu rozvoja bývania na 20 rokov a z fondu opráv."),
            .paragraph("Uznesenie č. 1/\(date.year): Vlastníci schvaľujú vypracovanie projektovej dokumentácie "
                + "obnovy fasády a zateplenia domu a podanie žiadosti o úver zo ŠFRB. O realizácii obnovy "
                + "rozhodnú vlastníci písomným hlasovaním v aplikácii PPT, ktoré vyhlási správca. "
                + "Hlasovanie: za 60,19 %, proti 20,64 %, zdržal sa 0 %. Uznesenie bolo prijaté nadpolovičnou "
                + "väčšinou hlasov všetkých vlastníkov."),
            .paragraph("K bodu 4 – Uznesenie č. 2/\(date.year): Vlastníci schvaľujú zvýšenie mesačného príspevku "
                + "do fondu prevádzky, údržby a opráv z 0,50 € na 0,70 € za m² podlahovej plochy bytu "
                + "s účinnosťou od \(effective). Hlasovanie: za 52,32 %, proti 12,51 %, zdržal sa 16,00 %. "
                + "Uznesenie bolo prijaté nadpolovičnou väčšinou hlasov všetkých vlastníkov."),
            .paragraph("K bodu 5 – Uznesenie č. 3/\(date.year): Vlastníci schvaľujú aktualizovaný domový "
                + "poriadok (nočný pokoj od 22:00 do 6:00, triedenie odpadu, vykurovacie obdobie). "
                + "Hlasovanie: za 80,83 %, proti 0 %, zdržal sa 0 %. Uznesenie bolo prijaté."),
            .paragraph("K bodu 6: Vlastníci žiadajú správcu o výmenu osvetlenia na chodbách za LED svietidlá "
                + "so senzormi pohybu a o pristavenie veľkoobjemového kontajnera. Predsedajúca ukončila "
                + "schôdzu o 19:45."),
            .heading("Podpisy"),
            .item("Predsedajúca: Mária Kováčová"),
            .item("Zapisovateľka: Zuzana Malá"),
            .item("Overovatelia: Ján Novák, Martin Kollár"),
        ])
    }

    /// The English translation of the minutes.
    static func english(date: CalendarDate) -> TextDocument {
        let effective = date.firstOfMonth(addingMonths: 1).englishText
        return TextDocument(title: "Minutes of the Owners' Meeting", language: .en, blocks: [
            .paragraph("Meeting of the owners of flats and non-residential premises in the building Slnečnica A, "
                + "Mlynské nivy 12, 821 09 Bratislava, under Section 14 of Act No. 182/1993 Coll. This is a "
                + "translation; the Slovak minutes prevail."),
            .item("Date and place: \(date.englishText) at 18:00, community room on the ground floor."),
            .item("Convened by: the manager, Slnečnica Housing Cooperative, at the owners' request."),
            .item("Chair: Mária Kováčová; minutes taken by: Zuzana Malá; verified by: Ján Novák, Martin Kollár."),
            .heading("Attendance"),
            .paragraph("The owners present (in person or by proxy) hold 80.83% of the shares in the common parts "
                + "of the building: Ján Novák 31.68%, Martin Kollár 20.64%, Katarína Szabóová by proxy 16.00%, "
                + "Zuzana Malá 12.51%. Absent: Tomáš Baláž (19.17%). The meeting has a quorum."),
            .heading("Agenda"),
            .item("1. Opening; election of the chair, the minute-taker and the verifiers."),
            .item("2. Financial report and balance of the repair fund."),
            .item("3. Facade renovation and insulation of the building."),
            .item("4. Monthly contribution to the repair fund."),
            .item("5. Updated house rules."),
            .item("6. Any other business and closing."),
            .heading("Proceedings and resolutions"),
            .paragraph("Item 2: The manager reported a repair fund balance of EUR 48,310.52 at the end of last "
                + "year. Last year the fund paid for the replacement of the risers and the lift inspection."),
            .paragraph("Item 3: The manager presented three quotes for the renovation and insulation of the "
                + "facade. The lowest, from Zatepľovanie Hron s. r. o., is EUR 186,400 including VAT. The work "
                + "would be financed by a 20-year loan from the State Housing Development Fund and the repair "
                + "fund."),
            .paragraph("Resolution No. 1/\(date.year): The owners approve the preparation of the project "
                + "documentation for the facade renovation and insulation and the application for a State "
                + "Housing Development Fund loan. The owners will decide on carrying out the renovation in a "
                + "written vote in the PPT app, to be called by the manager. Votes: for 60.19%, against 20.64%, "
                + "abstained 0%. Adopted by a majority of all owners."),
            .paragraph("Item 4 – Resolution No. 2/\(date.year): The owners approve raising the monthly repair "
                + "fund contribution from EUR 0.50 to EUR 0.70 per m² of floor area, effective \(effective). "
                + "Votes: for 52.32%, against 12.51%, abstained 16.00%. Adopted by a majority of all owners."),
            .paragraph("Item 5 – Resolution No. 3/\(date.year): The owners approve the updated house rules "
                + "(quiet hours from 22:00 to 6:00, waste sorting, heating season). Votes: for 80.83%, "
                + "against 0%, abstained 0%. Adopted."),
            .paragraph("Item 6: The owners ask the manager to replace the corridor lighting with LED lights with "
                + "motion sensors and to order a skip for bulky waste. The chair closed the meeting at 19:45."),
            .heading("Signatures"),
            .item("Chair: Mária Kováčová"),
            .item("Minutes taken by: Zuzana Malá"),
            .item("Verified by: Ján Novák, Martin Kollár"),
        ])
    }
}
