import Foundation
import Logging
import PPTDomain
import PPTHTTP
import PPTStorage

/// A login the demo seed created.
package struct DemoLogin: Sendable {
    /// The sign-in email.
    package let email: String
    /// The password, printed once for the person trying the demo.
    package let password: String
    /// The membership role (`admin`, `owner`, ...).
    package let role: String
}

/// `ppt seed --demo` (and `ppt serve --demo` on an empty database): one realistic Slovak housing
/// cooperative — two buildings with owners and tenants, faults in several states, announcements and a
/// vote, house rules and meeting minutes as real files, invoices with one overdue, meters with an open
/// reading window, a lease and two published listings. Dates are relative to the runtime's clock, so a
/// fresh demo always has an open window and exactly one overdue invoice.
package struct DemoSeed: Sendable {
    private let runtime: Runtime

    package init(runtime: Runtime) { self.runtime = runtime }

    /// Seeds into an empty database; returns the logins, or `nil` when data already exists.
    package func run() async throws -> [DemoLogin]? {
        let accounts = runtime.accounts
        guard try await accounts.organizationCount() == 0 else { return nil }
        let people: [(email: String, name: String, role: Role, locale: AppLocale, password: String)] = [
            ("admin@demo.ppt.sk", "Správca Admin", .admin, .sk, "Admin-demo-2026"),
            ("manager@demo.ppt.sk", "Mária Kováčová", .manager, .sk, "Manager-demo-2026"),
            ("technik@demo.ppt.sk", "Peter Horváth", .technician, .sk, "Technik-demo-2026"),
            ("owner@demo.ppt.sk", "Ján Novák", .owner, .sk, "Owner-demo-2026"),
            ("tenant@demo.ppt.sk", "Eva Tóthová", .tenant, .sk, "Tenant-demo-2026"),
            ("realtor@demo.ppt.sk", "Lucia Realitná", .realtor, .en, "Realtor-demo-2026"),
        ]
        let hasher = runtime.hasher
        // bcrypt dominates the seed's time; hashing in parallel keeps `ppt serve --demo` quick to start.
        let hashes = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, person) in people.enumerated() {
                group.addTask { (index, try await hasher.hash(person.password)) }
            }
            var result = [String](repeating: "", count: people.count)
            for try await (index, hash) in group { result[index] = hash }
            return result
        }
        var users: [User] = []
        for (index, person) in people.enumerated() {
            // The demo's administrator also operates the platform, so the health, performance and
            // trace pages of the web app can be tried with the demo logins.
            users.append(try await accounts.createUser(email: person.email, name: person.name,
                                                       passwordHash: hashes[index], locale: person.locale,
                                                       isSuperadmin: index == 0))
        }
        let organization = try await accounts.createOrganization(
            name: "Bytové družstvo Slnečnica", country: "SK", locale: .sk, currency: .EUR, admin: users[0].id)
        guard let admin = try await accounts.scope(userID: users[0].id, organizationID: organization.id) else {
            throw ConfigurationError("demo seed: admin scope missing")
        }
        for (index, person) in people.enumerated().dropFirst() {
            _ = try await accounts.setMember(admin, email: users[index].email, role: person.role)
        }
        let context = DemoContext(
            runtime: runtime, admin: admin,
            users: DemoUsers(admin: users[0], manager: users[1], technician: users[2], owner: users[3],
                             tenant: users[4], realtor: users[5]),
            now: runtime.clock.now())
        let estate = try await DemoProperty(context: context).seed()
        try await DemoDocuments(context: context).seed()
        try await DemoEngagement(context: context, estate: estate).seed()
        try await DemoFinance(context: context, estate: estate).seed()
        try await DemoListings(context: context, estate: estate).seed()
        runtime.logger.info("demo cooperative seeded", metadata: ["ppt.org_id": "\(organization.id.rawValue)"])
        return people.map { DemoLogin(email: $0.email, password: $0.password, role: $0.role.rawValue) }
    }
}
