import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import Logging
import NIOPosix
import PPTDomain

/// bcrypt hashing off the event loops (DESIGN §4: cost ≥ 12).
package struct PasswordHasher: Sendable {
    /// The bcrypt cost factor.
    package let cost: UInt8
    private let decoy = DecoyHash()

    package init(cost: UInt8 = 12) { self.cost = max(cost, 4) }

    /// Verifies against a user's hash, or — for an unknown account — against a decoy hash of the same
    /// cost, so that the response time does not tell whether an account exists.
    package func verify(_ password: String, hashOrNil hash: String?) async throws -> Bool {
        if let hash { return try await verify(password, hash: hash) }
        _ = try await verify(password, hash: try await decoy.value(hasher: self))
        return false
    }

    /// Hashes a password on the hashing thread pool.
    package func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await Self.pool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Verifies a password against a stored hash on the hashing thread pool.
    package func verify(_ password: String, hash: String) async throws -> Bool {
        try await Self.pool.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// bcrypt's own threads. NIO's shared blocking pool also runs every SQLite call (SQLiteNIO), and
    /// has one thread per core: a burst of sign-ins queued there stalled all database access behind
    /// tens of milliseconds of hashing each. Started on first use and kept for the process's life.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(2, ProcessInfo.processInfo.activeProcessorCount))
        pool.start()
        return pool
    }()

    /// Checks the password policy: 10–128 characters.
    package static func validate(_ password: String) -> String? {
        if password.count < 10 { return "must be at least 10 characters" }
        if password.count > 128 { return "must be at most 128 characters" }
        return nil
    }
}

/// A bcrypt hash of a random, forgotten password, made on first use rather than at start-up
/// (a cost-12 hash takes a quarter of a second, which start-up should not pay).
private actor DecoyHash {
    private var hash: String?

    func value(hasher: PasswordHasher) async throws -> String {
        if let hash { return hash }
        let made = try await hasher.hash("decoy-\(UInt64.random(in: .min ... .max))")
        hash = made
        return made
    }
}
