import Foundation
import PPTDomain
import PPTHTTP
import PPTStorage

extension Runtime {
    /// The schema migrator.
    package var migrator: Migrator { Migrator(database: database, logger: logger) }

    /// Creates a user from the command line, applying the password policy.
    package func createUser(email: String, name: String, password: String, locale: String, superadmin: Bool)
        async throws -> User
    {
        guard let appLocale = AppLocale(rawValue: locale) else {
            throw ConfigurationError("--locale must be one of sk, cs, de, en")
        }
        guard email.contains("@"), email.count <= 254 else { throw ConfigurationError("--email is not an email address") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ConfigurationError("--name is empty") }
        if let problem = PasswordHasher.validate(password) { throw ConfigurationError("The password \(problem).") }
        return try await accounts.createUser(email: email, name: name, passwordHash: try await hasher.hash(password),
                                             locale: appLocale, isSuperadmin: superadmin)
    }

    /// Rotates the key ring: a file ring gains a new active key; an environment ring re-encrypts under
    /// its last key (add the new key to PPT_MASTER_KEY first). Returns the active key id and the count.
    package func rotateKeys() async throws -> (String, Int) {
        var ring = keyRing
        if case .file = keyRingSource {
            ring = try keyRing.addingNewKey()
            try keyRingSource.save(ring)
        }
        let secrets = try await SecretStore(database: database, keyRing: ring).reencryptAll()
        let platformTokens = try await PlatformTokenRepository(database: database, keyRing: ring, clock: clock)
            .reencryptAll()
        return (ring.activeKey.id, secrets + platformTokens)
    }
}
