import Foundation
import PPTDomain
import PPTStorage

/// Two published listings on the Reality Portal, created by the realtor: a flat of building B for rent in
/// Bratislava and a flat for sale in Košice that the cooperative brokers for a member.
struct DemoListings {
    let context: DemoContext
    let estate: DemoEstate

    func seed() async throws {
        let listings = ListingRepository(database: context.runtime.database, clock: context.runtime.clock)
        let realtor = try await context.scope(of: context.users.realtor)
        let flat = estate.unit("B301")
        let rent = try await listings.create(realtor, ListingInput(
            unitID: flat.id, type: .rent,
            title: "Prenájom 3-izbového bytu, Mlynské nivy, Bratislava – Ružinov",
            description: """
                Ponúkame na prenájom slnečný 3-izbový byt s loggiou na 3. poschodí zatepleného domu na Mlynských \
                nivách, 10 minút pešo od Nivy a Eurovea. Byt je po rekonštrukcii: nová kuchynská linka so \
                spotrebičmi, plastové okná, laminátové podlahy, murované jadro. K bytu patrí pivnica. \
                Vhodný pre pár alebo rodinu, domáce zvieratá po dohode.

                Nájomné 850 € mesačne, zálohy na energie 160 € mesačne, vratná kaucia vo výške dvoch nájmov. \
                Voľný ihneď, minimálna doba nájmu 12 mesiacov.
                """,
            price: Money(amountMinor: 85_000, currency: .EUR), sizeSqm: flat.sizeSqm, rooms: flat.rooms,
            street: "Mlynské nivy 14", city: "Bratislava", postalCode: "82109", country: "SK",
            features: ["loggia", "pivnica", "výťah", "po rekonštrukcii", "zariadená kuchyňa"]))
        _ = try await listings.publish(realtor, id: rent.id)

        let sale = try await listings.create(realtor, ListingInput(
            type: .sale,
            title: "Predaj 3-izbového bytu s balkónom, Košice – Sídlisko KVP",
            description: """
                Na predaj priestranný 3-izbový byt v osobnom vlastníctve na 4. z 8 poschodí revitalizovaného \
                domu na Cottbuskej ulici. Dispozícia: vstupná chodba, obývacia izba s balkónom, dve spálne, \
                samostatná kuchyňa, kúpeľňa a WC. Stúpačky vymenené, dom s novým výťahom, v blízkosti škola, \
                škôlka, obchody a zastávka MHD.

                Cena 189 000 € vrátane provízie a právneho servisu. Možnosť financovania hypotékou.
                """,
            price: Money(amountMinor: 18_900_000, currency: .EUR), sizeSqm: 71.5, rooms: 3,
            street: "Cottbuská 36", city: "Košice", postalCode: "04023", country: "SK",
            features: ["balkón", "výťah", "pivnica", "revitalizovaný dom", "MHD v blízkosti"]))
        _ = try await listings.publish(realtor, id: sale.id)
        try await addMedia(realtor, rent: rent.id, sale: sale.id)
    }

    /// Photos of both listings, and the rental's text in English, Czech and German for the portal.
    private func addMedia(_ realtor: OrgScope, rent: ListingID, sale: ListingID) async throws {
        let runtime = context.runtime
        let media = ListingMediaRepository(database: runtime.database, blobs: runtime.blobs, clock: runtime.clock)
        let photos: [(ListingID, Data, String)] = [
            (rent, try DemoPhotoPainter.house(facade: (232, 214, 170), accent: (196, 92, 60), floors: 6, columns: 7),
             "Zateplený bytový dom na Mlynských nivách"),
            (rent, try DemoPhotoPainter.room(wall: (238, 234, 226), sofa: (72, 104, 140)),
             "Obývacia izba s oknom na juh"),
            (sale, try DemoPhotoPainter.house(facade: (200, 218, 226), accent: (230, 170, 60), floors: 7, columns: 8),
             "Revitalizovaný dom na Cottbuskej ulici"),
            (sale, try DemoPhotoPainter.room(wall: (244, 238, 222), sofa: (150, 70, 60)),
             "Obývacia izba s balkónom"),
        ]
        for (listing, data, alt) in photos {
            _ = try await media.addPhoto(realtor, listingID: listing, data: data, alt: alt)
        }
        let texts: [(AppLocale, String, String)] = [
            (.en, "3-room flat to rent, Mlynské nivy, Bratislava – Ružinov", """
                A sunny 3-room flat with a loggia on the 3rd floor of an insulated building on Mlynské nivy, a \
                10-minute walk from Nivy and Eurovea. The flat is renovated: a new fitted kitchen with appliances, \
                PVC windows, laminate floors, a brick bathroom core. A cellar belongs to the flat. Suits a couple \
                or a family; pets by agreement.

                Rent €850 a month, advance payments for utilities €160 a month, a refundable deposit of two \
                months' rent. Available now, minimum lease 12 months.
                """),
            (.cs, "Pronájem bytu 3+1, Mlynské nivy, Bratislava – Ružinov", """
                Nabízíme k pronájmu slunný byt 3+1 s lodžií ve 3. patře zatepleného domu na Mlynských nivách, \
                10 minut pěšky od Nivy a Eurovea. Byt je po rekonstrukci: nová kuchyňská linka se spotřebiči, \
                plastová okna, laminátové podlahy, zděné jádro. K bytu patří sklep. Vhodný pro pár nebo rodinu, \
                domácí zvířata po dohodě.

                Nájemné 850 € měsíčně, zálohy na energie 160 € měsíčně, vratná kauce ve výši dvou nájmů. \
                Volný ihned, minimální doba nájmu 12 měsíců.
                """),
            (.de, "3-Zimmer-Wohnung zur Miete, Mlynské nivy, Bratislava – Ružinov", """
                Sonnige 3-Zimmer-Wohnung mit Loggia im 3. Stock eines wärmegedämmten Hauses in Mlynské nivy, \
                10 Gehminuten von Nivy und Eurovea. Die Wohnung ist renoviert: neue Einbauküche mit Geräten, \
                Kunststofffenster, Laminatböden, gemauertes Bad. Zur Wohnung gehört ein Kellerabteil. Geeignet \
                für ein Paar oder eine Familie, Haustiere nach Vereinbarung.

                Miete 850 € monatlich, Nebenkostenvorauszahlung 160 € monatlich, rückzahlbare Kaution in Höhe \
                von zwei Monatsmieten. Sofort frei, Mindestmietdauer 12 Monate.
                """),
        ]
        for (language, title, description) in texts {
            _ = try await media.setText(realtor, listingID: rent, language: language, title: title, description: description)
        }
    }
}
