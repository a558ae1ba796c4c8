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
    }
}
