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

    package init(cost: UInt8 = 12) { self.cost = max(cost, 4) }

    /// Hashes a password on the blocking thread pool.
    package func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Verifies a password against a stored hash on the blocking thread pool.
    package func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Checks the password policy: 10–128 characters.
    package static func validate(_ password: String) -> String? {
        if password.count < 10 { return "must be at least 10 characters" }
        if password.count > 128 { return "must be at most 128 characters" }
        return nil
    }
}
