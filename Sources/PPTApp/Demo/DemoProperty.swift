import Foundation
import PPTDomain
import PPTStorage

/// The demo's buildings and units, for the areas seeded after them.
struct DemoEstate: Sendable {
    let buildingA: Building
    let buildingB: Building
    /// Units by number (`A101`, `B302`, `G1`).
    let units: [String: BuildingUnit]

    /// The unit numbered `number`; the demo only asks for units it created.
    func unit(_ number: String) -> BuildingUnit { units[number]! }

    /// The flats of building A, in number order.
    var flatsOfA: [BuildingUnit] {
        units.values.filter { $0.buildingID == buildingA.id && $0.type == .flat }.sorted { $0.number < $1.number }
    }
}

/// Buildings, units, owners, tenants and faults.
struct DemoProperty {
    let context: DemoContext

    /// Owners of each flat (the garage belongs to A202's owner); `nil` name means the owner demo user.
    private static let owners: [(unit: String, name: String?)] = [
        ("A101", nil), ("A102", nil), ("A201", "Zuzana Malá"), ("A202", "Martin Kollár"),
        ("A301", "Katarína Szabóová"), ("A302", "Tomáš Baláž"), ("G1", "Martin Kollár"),
        ("B101", "Ivana Hudáková"), ("B102", "Milan Varga"), ("B201", "Jana Poláková"),
        ("B202", "Róbert Čech"), ("B301", "Andrea Lukáčová"), ("B302", "Michal Šimko"),
    ]

    func seed() async throws -> DemoEstate {
        let admin = context.admin
        let properties = context.runtime.properties
        let first = try await properties.createBuilding(admin, BuildingInput(
            name: "Slnečnica A", street: "Mlynské nivy 12", city: "Bratislava", postalCode: "82109", country: "SK",
            yearBuilt: 1978))
        let second = try await properties.createBuilding(admin, BuildingInput(
            name: "Slnečnica B", street: "Mlynské nivy 14", city: "Bratislava", postalCode: "82109", country: "SK",
            yearBuilt: 1981))
        var units: [String: BuildingUnit] = [:]
        for (building, prefix) in [(first, "A"), (second, "B")] {
            var plan: [(number: String, type: UnitType, floor: Int, size: Double)] = []
            for floor in 1...3 {
                for door in 1...2 {
                    plan.append(("\(prefix)\(floor)0\(door)", .flat, floor, [48.5, 62.0, 74.3][(floor + door) % 3]))
                }
            }
            if prefix == "A" { plan.append(("G1", .garage, -1, 18)) }
            // A unit's share of the building's common parts is its floor area over the building's total.
            let total = Int64((plan.map(\.size).reduce(0, +) * 100).rounded())
            for unit in plan {
                units[unit.number] = try await properties.createUnit(admin, UnitInput(
                    buildingID: building.id, number: unit.number, type: unit.type, floor: unit.floor,
                    sizeSqm: unit.size, rooms: unit.type == .flat ? Int(unit.size / 22) + 1 : 0,
                    ownershipShareNumerator: Int64((unit.size * 100).rounded()), ownershipShareDenominator: total))
            }
        }
        let estate = DemoEstate(buildingA: first, buildingB: second, units: units)
        try await seedResidents(estate)
        try await seedFaults(estate)
        return estate
    }

    /// The tenant's residency follows the lease (`DemoFinance.leaseTerm`).
    private func seedResidents(_ estate: DemoEstate) async throws {
        let properties = context.runtime.properties
        let owner = context.users.owner, tenant = context.users.tenant
        let since = CalendarDate("2009-06-01")!
        for (index, entry) in Self.owners.enumerated() {
            let input: ResidentInput
            if let name = entry.name {
                let email = SearchText.fold(name).replacingOccurrences(of: " ", with: ".") + "@example.sk"
                input = ResidentInput(name: name, email: email, relation: .owner,
                                      startDate: since.firstOfMonth(addingMonths: index * 11))
            } else {
                input = ResidentInput(userID: owner.id, name: owner.name, email: owner.email, relation: .owner,
                                      startDate: CalendarDate("2021-03-01")!)
            }
            _ = try await properties.addResident(context.admin, unitID: estate.unit(entry.unit).id, input)
        }
        let term = DemoFinance.leaseTerm(today: context.today)
        _ = try await properties.addResident(context.admin, unitID: estate.unit("A102").id, ResidentInput(
            userID: tenant.id, name: tenant.name, email: tenant.email, relation: .tenant, startDate: term.start,
            endDate: term.end))
        _ = try await properties.addResident(context.admin, unitID: estate.unit("A201").id, ResidentInput(
            name: "Peter Malý", relation: .familyMember, startDate: CalendarDate("2015-09-01")!))
        _ = try await properties.addResident(context.admin, unitID: estate.unit("B201").id, ResidentInput(
            name: "Lukáš Kováč", email: "lukas.kovac@example.sk", relation: .tenant,
            startDate: context.today.firstOfMonth(addingMonths: -20)))
    }

    /// Faults in several states: new, in progress, on hold, resolved and closed.
    private func seedFaults(_ estate: DemoEstate) async throws {
        let faults = context.runtime.faults
        let admin = context.admin
        let technician = context.users.technician
        let elevator = try await faults.report(admin, FaultInput(
            buildingID: estate.buildingA.id, title: "Výťah stojí medzi poschodiami",
            description: "Výťah v budove A sa zastavil medzi 2. a 3. poschodím, nereaguje na privolanie.",
            category: .elevator, priority: .urgent))
        _ = try await faults.update(admin, id: elevator.id, FaultUpdate(
            status: .inProgress, assigneeID: technician.id, comment: "Servis výťahov objednaný na dnes."))

        let light = try await faults.report(admin, FaultInput(
            buildingID: estate.buildingA.id, title: "Nesvieti svetlo na chodbe",
            description: "Na 1. poschodí nesvieti svetlo pri schodisku.", category: .electrical, priority: .low))
        _ = try await faults.update(admin, id: light.id, FaultUpdate(status: .resolved, comment: "Vymenená žiarovka."))

        let cellar = try await faults.report(admin, FaultInput(
            buildingID: estate.buildingB.id, title: "Zateká do pivnice",
            description: "Po daždi stojí voda v chodbe pivníc pri kočikárni.", category: .structural,
            priority: .high))
        _ = try await faults.update(admin, id: cellar.id, FaultUpdate(
            status: .resolved, assigneeID: technician.id, comment: "Vyčistený zanesený dažďový zvod a vpusť."))
        _ = try await faults.update(admin, id: cellar.id, FaultUpdate(status: .closed, comment: "Overené po daždi."))

        let paving = try await faults.report(admin, FaultInput(
            buildingID: estate.buildingB.id, title: "Uvoľnená dlažba pred vchodom",
            description: "Dve dlaždice pred vchodom B sa kývu, hrozí zakopnutie.", category: .structural,
            priority: .medium))
        _ = try await faults.update(admin, id: paving.id, FaultUpdate(status: .acknowledged))
        _ = try await faults.update(admin, id: paving.id, FaultUpdate(
            status: .onHold, comment: "Čaká sa na dodanie rovnakého typu dlažby."))

        let tenant = try await context.scope(of: context.users.tenant)
        _ = try await faults.report(tenant, FaultInput(
            buildingID: estate.buildingA.id, unitID: estate.unit("A102").id, title: "Kvapká radiátor",
            description: "Z ventilu radiátora v obývačke kvapká voda.", category: .heating, priority: .medium))
    }
}
