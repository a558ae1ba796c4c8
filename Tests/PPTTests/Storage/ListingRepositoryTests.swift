import Foundation
import PPTDomain
import PPTStorage
import Testing

@Suite("Listing and portal repository contract")
struct ListingRepositoryTests {
    static func input(_ title: String, city: String = "Bratislava", type: ListingType = .sale,
                      price: Int64 = 15_000_000, currency: Currency = .EUR, size: Double = 60, rooms: Int = 2,
                      features: [String] = [])
        -> ListingInput
    {
        ListingInput(type: type, title: title, description: "Pekný byt.", price: Money(amountMinor: price,
                     currency: currency), sizeSqm: size, rooms: rooms, street: "Hlavná 5", city: city,
                     postalCode: "04001", country: "sk", features: features)
    }

    static func realtor(_ database: any Database, _ f: Fixture) async throws -> OrgScope {
        let accounts = AccountRepository(database: database)
        let user = try await accounts.createUser(email: "realtor-\(f.organization.name.suffix(1))@example.com",
                                                 name: "Realtor", passwordHash: "x", locale: .sk)
        _ = try await accounts.setMember(f.admin, email: user.email, role: .realtor)
        return try await accounts.scope(userID: user.id, organizationID: f.organization.id)!
    }


    @Test("a listing is on the portal only while published; closed listings are final; other orgs see nothing",
          arguments: TestDatabase.dialects)
    func lifecycle(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let realtor = try await Self.realtor(database, f)
            let listings = ListingRepository(database: database)
            let portal = PortalRepository(database: database)
            await expectError("permission.denied") { try await listings.create(f.tenant, Self.input("Byt")) }
            await expectError("validation.failed", fields: ["/unitID"]) {
                var input = Self.input("Byt")
                input.unitID = b.unit.id
                return try await listings.create(realtor, input)
            }
            var input = Self.input("Byt 2+1", features: [" balkón ", "Balkón", "pivnica"])
            input.unitID = f.unit.id
            let draft = try await listings.create(realtor, input)
            #expect(draft.status == .draft && draft.publishedAt == nil && draft.country == "SK")
            #expect(draft.features == ["balkón", "pivnica"])
            await #expect(throws: DomainError.notFound("listing")) { try await portal.listing(id: draft.id) }
            #expect(try await portal.search(ListingSearch()).total == 0)

            let published = try await listings.publish(realtor, id: draft.id)
            let publishedAt = try #require(published.publishedAt)
            #expect(try await portal.listing(id: draft.id).title == "Byt 2+1")
            #expect(try await portal.search(ListingSearch()).items.map(\.id) == [draft.id])
            #expect(try await listings.reserve(realtor, id: draft.id).status == .reserved)
            await #expect(throws: DomainError.notFound("listing")) { try await portal.listing(id: draft.id) }
            let republished = try await listings.publish(f.admin, id: draft.id)
            #expect(abs(try #require(republished.publishedAt).timeIntervalSince(publishedAt)) < 0.001)
            await #expect(throws: DomainError.invalidTransition("listing", from: "published", to: "published")) {
                try await listings.publish(realtor, id: draft.id)
            }
            #expect(try await listings.close(realtor, id: draft.id).status == .closed)
            await expectError("listing.closed") { try await listings.update(realtor, id: draft.id, input) }
            await #expect(throws: DomainError.invalidTransition("listing", from: "closed", to: "published")) {
                try await listings.publish(realtor, id: draft.id)
            }
            #expect(try await listings.listings(realtor, status: .closed, page: PageRequest()).items.count == 1)
            #expect(try await listings.listings(realtor, status: .draft, page: PageRequest()).items.isEmpty)

            await #expect(throws: DomainError.notFound("listing")) { try await listings.listing(b.admin, id: draft.id) }
            await #expect(throws: DomainError.notFound("listing")) { try await listings.close(b.admin, id: draft.id) }
            #expect(try await listings.listings(b.admin, page: PageRequest()).items.isEmpty)
            await expectError("permission.denied") { try await listings.listings(f.tenant, page: PageRequest()) }
        }
    }

    @Test("portal search filters, folds diacritics, sorts and pages with a total", arguments: TestDatabase.dialects)
    func search(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let listings = ListingRepository(database: database)
            let portal = PortalRepository(database: database)
            let inputs = [
                Self.input("Slnečný byt", city: "Košice", price: 12_000_000, size: 55, rooms: 2,
                           features: ["Výťah", "balkón"]),
                Self.input("Rodinný dom", city: "Prešov", price: 25_000_000, size: 140, rooms: 5),
                Self.input("Garsónka", city: "Košice", type: .rent, price: 55_000, size: 28, rooms: 1),
                Self.input("Byt v centre", city: "Praha", price: 900_000_000, currency: .CZK, size: 70, rooms: 3),
                Self.input("Podkrovie 100%_", city: "Bratislava", price: 30_000_000, size: 90, rooms: 3),
            ]
            var ids: [String: ListingID] = [:]
            for (minute, input) in inputs.enumerated() {
                let listing = try await listings.create(f.admin, input)
                let clock = FixedClock(FixedClock("2025-05-01").instant.addingTimeInterval(Double(minute) * 60))
                ids[input.title] = try await ListingRepository(database: database, clock: clock)
                    .publish(f.admin, id: listing.id).id
            }
            let hidden = try await listings.create(f.admin, Self.input("Koncept v Košiciach", city: "Košice"))
            func titles(_ search: ListingSearch) async throws -> [String] {
                try await portal.search(search).items.map(\.title)
            }
            #expect(try await Set(titles(ListingSearch(text: "kosice"))) == ["Slnečný byt", "Garsónka"])
            #expect(try await titles(ListingSearch(text: "VYTAH  slnecny")) == ["Slnečný byt"])
            #expect(try await titles(ListingSearch(text: "vytah dom")).isEmpty)
            #expect(try await titles(ListingSearch(text: "100%_")) == ["Podkrovie 100%_"])
            #expect(try await titles(ListingSearch(text: "%")) == ["Podkrovie 100%_"])
            #expect(try await Set(titles(ListingSearch(city: " KOSICE "))) == ["Slnečný byt", "Garsónka"])
            #expect(try await titles(ListingSearch(city: "Kos")).isEmpty)
            #expect(try await titles(ListingSearch(type: .rent)) == ["Garsónka"])
            #expect(try await titles(ListingSearch(currency: .CZK)) == ["Byt v centre"])
            #expect(try await titles(ListingSearch(currency: .EUR, minPrice: 12_000_000, maxPrice: 25_000_000,
                                                   sort: .priceAsc)) == ["Slnečný byt", "Rodinný dom"])
            #expect(try await titles(ListingSearch(minSize: 60, maxSize: 100, sort: .sizeDesc))
                    == ["Podkrovie 100%_", "Byt v centre"])
            #expect(try await titles(ListingSearch(minRooms: 3, maxRooms: 3, sort: .priceDesc))
                    == ["Byt v centre", "Podkrovie 100%_"])
            #expect(try await titles(ListingSearch(currency: .EUR, sort: .priceDesc))
                    == ["Podkrovie 100%_", "Rodinný dom", "Slnečný byt", "Garsónka"])
            #expect(try await titles(ListingSearch(sort: .newest)) == inputs.reversed().map(\.title))
            #expect(try await !titles(ListingSearch(limit: 100)).contains(hidden.title))

            let offsetPage = try await portal.search(ListingSearch(sort: .sizeDesc, limit: 2, offset: 2))
            #expect(offsetPage.total == 5 && offsetPage.items.map(\.title) == ["Byt v centre", "Slnečný byt"])
            for sort in ListingSort.allCases {
                var seen: [ListingID] = []
                var cursor: String?
                repeat {
                    let page = try await portal.search(ListingSearch(sort: sort, limit: 2, cursor: cursor))
                    #expect(page.total == 5)
                    seen += page.items.map(\.id)
                    cursor = page.nextCursor
                } while cursor != nil
                #expect(seen == (try await portal.search(ListingSearch(sort: sort, limit: 10)).items.map(\.id)))
                #expect(Set(seen) == Set(ids.values))
            }

            let sizeCursor = try #require(try await portal.search(ListingSearch(sort: .sizeDesc, limit: 1)).nextCursor)
            await expectError("validation.failed", fields: ["/cursor"]) {
                try await portal.search(ListingSearch(sort: .priceAsc, cursor: sizeCursor))
            }
            await expectError("validation.failed", fields: ["/cursor"]) {
                try await portal.search(ListingSearch(cursor: "garbage"))
            }
            await expectError("validation.failed", fields: ["/limit", "/currency", "/maxRooms"]) {
                try await portal.search(ListingSearch(minPrice: 1, minRooms: 3, maxRooms: 2, limit: 0))
            }

            var renamed = inputs[1]
            renamed.city = "Žilina"
            _ = try await listings.update(f.admin, id: ids["Rodinný dom"]!, renamed)
            #expect(try await titles(ListingSearch(text: "zilina")) == ["Rodinný dom"])
            #expect(try await titles(ListingSearch(text: "presov")).isEmpty)
        }
    }

    @Test("listings published in the same instant page by id without loss", arguments: TestDatabase.dialects)
    func tiedPublication(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let clock = FixedClock("2025-05-01")
            let listings = ListingRepository(database: database, clock: clock)
            var created: Set<ListingID> = []
            for index in 0..<5 {
                let listing = try await listings.create(f.admin, Self.input("L\(index)"))
                created.insert(try await listings.publish(f.admin, id: listing.id).id)
            }
            var seen: [ListingID] = []
            var cursor: String?
            repeat {
                let page = try await PortalRepository(database: database)
                    .search(ListingSearch(limit: 2, cursor: cursor))
                seen += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen.count == 5 && Set(seen) == created)
            #expect(seen == seen.sorted(by: >))
        }
    }

    @Test("an inquiry is stored for the listing's organization with exactly one inquiry_received event",
          arguments: TestDatabase.dialects)
    func inquiries(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let realtor = try await Self.realtor(database, f)
            let listings = ListingRepository(database: database)
            let portal = PortalRepository(database: database)
            let draft = try await listings.create(realtor, Self.input("Byt"))
            let message = InquiryInput(name: "Ján Novák", email: "jan@example.sk", phone: "+421 900 123 456",
                                       message: "Je byt ešte voľný?")
            await #expect(throws: DomainError.notFound("listing")) {
                try await portal.submitInquiry(listingID: draft.id, message)
            }
            _ = try await listings.publish(realtor, id: draft.id)
            await expectError("validation.failed", fields: ["/name", "/email", "/phone", "/message"]) {
                try await portal.submitInquiry(listingID: draft.id, InquiryInput(
                    name: "", email: "jan@", phone: "call me", message: " "))
            }
            let inquiry = try await portal.submitInquiry(listingID: draft.id, message)
            #expect(inquiry.organizationID == f.organization.id && inquiry.phone == "+421 900 123 456")

            let events = try await OutboxStore(database: database).events(organizationID: f.organization.id)
                .map(\.event).filter { $0.type == .inquiryReceived }
            #expect(events.count == 1)
            #expect(events.first?.payload == ["inquiryID": .id(inquiry.id), "listingID": .id(draft.id),
                                              "name": "Ján Novák", "email": "jan@example.sk"])
            #expect(try await OutboxStore(database: database).events(organizationID: b.organization.id)
                .filter { $0.event.type == .inquiryReceived }.isEmpty)

            let received = try await listings.inquiries(realtor, page: PageRequest())
            #expect(received.items.map(\.id) == [inquiry.id])
            #expect(received.items.first?.message == "Je byt ešte voľný?")
            #expect(try await listings.inquiries(f.admin, listingID: draft.id, page: PageRequest()).items.count == 1)
            #expect(try await listings.inquiries(b.admin, page: PageRequest()).items.isEmpty)
            await #expect(throws: DomainError.notFound("listing")) {
                try await listings.inquiries(b.admin, listingID: draft.id, page: PageRequest())
            }
            await expectError("permission.denied") { try await listings.inquiries(f.tenant, page: PageRequest()) }
        }
    }
}
