import Foundation
import Logging
import PPTDomain
import PPTHTTP
import PPTStorage

/// A login the demo seed created.
package struct DemoLogin: Sendable {
    package let email: String
    package let password: String
    package let role: String
}

/// `ppt seed --demo`: one realistic Slovak housing cooperative.
package struct DemoSeed: Sendable {
    private let runtime: Runtime

    package init(runtime: Runtime) { self.runtime = runtime }

    /// Seeds into an empty database; returns the logins, or `nil` when data already exists.
    package func run() async throws -> [DemoLogin]? {
        let accounts = runtime.accounts
        guard try await accounts.organizationCount() == 0 else { return nil }
        let people: [(String, String, Role?, AppLocale, String)] = [
            ("admin@demo.ppt.sk", "Správca Admin", .admin, .sk, "Admin-demo-2026"),
            ("manager@demo.ppt.sk", "Mária Kováčová", .manager, .sk, "Manager-demo-2026"),
            ("technik@demo.ppt.sk", "Peter Horváth", .technician, .sk, "Technik-demo-2026"),
            ("owner@demo.ppt.sk", "Ján Novák", .owner, .sk, "Owner-demo-2026"),
            ("tenant@demo.ppt.sk", "Eva Tóthová", .tenant, .sk, "Tenant-demo-2026"),
            ("realtor@demo.ppt.sk", "Lucia Realitná", .realtor, .en, "Realtor-demo-2026"),
        ]
        let hasher = runtime.hasher
        let hashes = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, person) in people.enumerated() {
                group.addTask { (index, try await hasher.hash(person.4)) }
            }
            var result = [String](repeating: "", count: people.count)
            for try await (index, hash) in group { result[index] = hash }
            return result
        }
        var users: [User] = []
        for (index, person) in people.enumerated() {
            users.append(try await accounts.createUser(email: person.0, name: person.1, passwordHash: hashes[index],
                                                       locale: person.3))
        }
        let organization = try await accounts.createOrganization(
            name: "Bytové družstvo Slnečnica", country: "SK", locale: .sk, currency: .EUR, admin: users[0].id)
        guard let admin = try await accounts.scope(userID: users[0].id, organizationID: organization.id) else {
            throw ConfigurationError("demo seed: admin scope missing")
        }
        for (index, person) in people.enumerated().dropFirst() {
            if let role = person.2 { _ = try await accounts.setMember(admin, email: users[index].email, role: role) }
        }
        try await seedProperty(admin: admin, owner: users[3], tenant: users[4], technician: users[2])
        return people.map { DemoLogin(email: $0.0, password: $0.4, role: $0.2?.rawValue ?? "") }
    }

    private func seedProperty(admin: OrgScope, owner: User, tenant: User, technician: User) async throws {
        let properties = runtime.properties
        let first = try await properties.createBuilding(admin, BuildingInput(
            name: "Slnečnica A", street: "Mlynské nivy 12", city: "Bratislava", postalCode: "82109", country: "SK",
            yearBuilt: 1978))
        let second = try await properties.createBuilding(admin, BuildingInput(
            name: "Slnečnica B", street: "Mlynské nivy 14", city: "Bratislava", postalCode: "82109", country: "SK",
            yearBuilt: 1981))
        var units: [BuildingUnit] = []
        for (building, prefix) in [(first, "A"), (second, "B")] {
            for floor in 1...3 {
                for door in 1...2 {
                    let size = [48.5, 62.0, 74.3][(floor + door) % 3]
                    units.append(try await properties.createUnit(admin, UnitInput(
                        buildingID: building.id, number: "\(prefix)\(floor)0\(door)", type: .flat, floor: floor,
                        sizeSqm: size, rooms: Int(size / 22) + 1,
                        ownershipShareNumerator: Int64(size * 100), ownershipShareDenominator: 75_000)))
                }
            }
        }
        _ = try await properties.createUnit(admin, UnitInput(
            buildingID: first.id, number: "G1", type: .garage, floor: -1, sizeSqm: 18, rooms: 0,
            ownershipShareNumerator: 1_800, ownershipShareDenominator: 75_000))
        let start = CalendarDate("2021-03-01")!
        _ = try await properties.addResident(admin, unitID: units[0].id, ResidentInput(
            userID: owner.id, name: owner.name, email: owner.email, relation: .owner, startDate: start))
        _ = try await properties.addResident(admin, unitID: units[1].id, ResidentInput(
            userID: owner.id, name: owner.name, email: owner.email, relation: .owner, startDate: start))
        _ = try await properties.addResident(admin, unitID: units[1].id, ResidentInput(
            userID: tenant.id, name: tenant.name, email: tenant.email, relation: .tenant,
            startDate: CalendarDate("2024-09-01")!, endDate: CalendarDate("2027-08-31")!))
        _ = try await properties.addResident(admin, unitID: units[2].id, ResidentInput(
            name: "Zuzana Malá", email: "zuzana.mala@example.sk", relation: .owner, startDate: start))

        let faults = runtime.faults
        let elevator = try await faults.report(admin, FaultInput(
            buildingID: first.id, title: "Výťah stojí medzi poschodiami",
            description: "Výťah v budove A sa zastavil medzi 2. a 3. poschodím, nereaguje na privolanie.",
            category: .elevator, priority: .urgent))
        _ = try await faults.update(admin, id: elevator.id, FaultUpdate(status: .inProgress, assigneeID: technician.id,
                                                                        comment: "Servis objednaný na dnes."))
        let light = try await faults.report(admin, FaultInput(
            buildingID: first.id, unitID: nil, title: "Nesvieti svetlo na chodbe",
            description: "Na 1. poschodí nesvieti svetlo pri schodisku.", category: .electrical, priority: .low))
        _ = try await faults.update(admin, id: light.id, FaultUpdate(status: .resolved, comment: "Vymenená žiarovka."))
        _ = try await faults.report(admin, FaultInput(
            buildingID: second.id, unitID: units[7].id, title: "Kvapká radiátor",
            description: "Z ventilu radiátora v obývačke kvapká voda.", category: .heating, priority: .medium))
    }
}
