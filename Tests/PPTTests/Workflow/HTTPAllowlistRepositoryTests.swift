import Foundation
import PPTDomain
import PPTStorage
import SQLKit
import Testing

/// The workflow HTTP allow-list and signing secret: validation, permissions, tenancy, and the
/// secret's storage in the encrypted `secrets` table.
@Suite struct HTTPAllowlistRepositoryTests {
    @Test(arguments: TestDatabase.dialects)
    func administratorsReplaceTheListWithNormalisedEntries(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let fixture = try await Fixture.make(database)
            let repository = HTTPAllowlistRepository(database: database, keyRing: KeyRing.generate())
            #expect(try await repository.settings(fixture.admin).hosts.isEmpty)
            let saved = try await repository.replace(fixture.admin, hosts: [
                "ERP.intranet.example:8443", "10.0.0.5", "[FD00::1]:9000", "erp.intranet.example:8443", "::1"])
            #expect(saved.hosts == ["10.0.0.5", "[::1]", "erp.intranet.example:8443", "[fd00::1]:9000"])
            #expect(try await repository.entries(forRunOf: fixture.admin).count == 4)
            let replaced = try await repository.replace(fixture.admin, hosts: ["localhost"])
            #expect(replaced.hosts == ["localhost"])
            #expect(try await repository.replace(fixture.admin, hosts: []).hosts.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func invalidEntriesAreReportedPerIndexAndNothingChanges(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let fixture = try await Fixture.make(database)
            let repository = HTTPAllowlistRepository(database: database, keyRing: KeyRing.generate())
            _ = try await repository.replace(fixture.admin, hosts: ["keep.example"])
            do {
                _ = try await repository.replace(fixture.admin, hosts: ["ok.example", "*.example.com", "10.0.0.0/8"])
                Issue.record("invalid entries were accepted")
            } catch let error as DomainError {
                #expect(error.kind == .invalid)
                #expect(error.fields.map(\.pointer) == ["/hosts/1", "/hosts/2"])
            }
            #expect(try await repository.settings(fixture.admin).hosts == ["keep.example"])
            await #expect(throws: DomainError.self) {
                try await repository.replace(fixture.admin, hosts: (0...100).map { "h\($0).example" })
            }
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func onlyAdministratorsSeeOrChangeTheList(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let fixture = try await Fixture.make(database)
            let accounts = AccountRepository(database: database)
            let managerUser = try await accounts.createUser(email: "m@example.com", name: "M", passwordHash: "x", locale: .en)
            _ = try await accounts.setMember(fixture.admin, email: managerUser.email, role: .manager)
            let manager = try #require(try await accounts.scope(userID: managerUser.id, organizationID: fixture.organization.id))
            let repository = HTTPAllowlistRepository(database: database, keyRing: KeyRing.generate())
            for scope in [manager, fixture.tenant] {
                await #expect(throws: DomainError.forbidden("Your role (\(scope.role.rawValue)) may not do this.")) {
                    try await repository.replace(scope, hosts: ["x.example"])
                }
                await #expect(throws: DomainError.self) { try await repository.settings(scope) }
                await #expect(throws: DomainError.self) { try await repository.rotateSigningSecret(scope) }
            }
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func eachOrganizationHasItsOwnListAndSecret(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let repository = HTTPAllowlistRepository(database: database, keyRing: KeyRing.generate())
            _ = try await repository.replace(a.admin, hosts: ["a.example"])
            _ = try await repository.replace(b.admin, hosts: ["b.example"])
            #expect(try await repository.entries(forRunOf: a.admin).map(\.host) == ["a.example"])
            #expect(try await repository.settings(b.admin).hosts == ["b.example"])
            let secretA = try await repository.signingSecret(forRunOf: a.admin)
            let secretB = try await repository.signingSecret(forRunOf: b.admin)
            #expect(secretA != secretB)
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func theSigningSecretIsMadeOnceEncryptedAndShownOnlyOnRotation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let fixture = try await Fixture.make(database)
            let keyRing = KeyRing.generate()
            let repository = HTTPAllowlistRepository(database: database, keyRing: keyRing)
            #expect(try await repository.settings(fixture.admin).signingSecretConfigured == false)
            // Concurrent first uses agree on one secret.
            let secrets = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<4 { group.addTask { try await repository.signingSecret(forRunOf: fixture.admin) } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(secrets.count == 1)
            let secret = try #require(secrets.first)
            #expect(secret.hasPrefix("ppt_whsec_") && secret.count == 10 + 64)
            #expect(try await repository.signingSecret(forRunOf: fixture.admin) == secret)
            let settings = try await repository.settings(fixture.admin)
            #expect(settings.signingSecretConfigured && settings.signingSecretCreatedAt != nil)
            // Stored encrypted, in SecretStore's format (so key rotation re-encrypts it).
            let stored = try await database.read { sql in
                try await sql.raw("SELECT ciphertext FROM secrets WHERE name = 'workflow.http_signing_secret'").all()
            }
            #expect(stored.count == 1)
            #expect(try !(stored[0].string("ciphertext").contains(secret)))
            let store = SecretStore(database: database, keyRing: keyRing)
            #expect(try await store.get(name: HTTPAllowlistRepository.signingSecretName,
                                        organizationID: fixture.organization.id) == secret)
            let rotated = try await repository.rotateSigningSecret(fixture.admin)
            #expect(rotated != secret && rotated.hasPrefix("ppt_whsec_"))
            #expect(try await repository.signingSecret(forRunOf: fixture.admin) == rotated)
        }
    }
}
