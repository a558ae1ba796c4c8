import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import JWTKit
import Logging
import PPTDomain

/// Issues and verifies 15-minute JWT access tokens (HS256) with a key derived from the key ring.
package struct TokenService: Sendable {
    private let keys: JWTKeyCollection
    /// Access token lifetime.
    package let lifetime: TimeInterval

    struct AccessClaims: JWTPayload {
        var sub: SubjectClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var iss: IssuerClaim
        var sa: Bool

        func verify(using algorithm: some JWTAlgorithm) async throws {
            try exp.verifyNotExpired()
            guard iss.value == TokenService.issuer else { throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "issuer") }
        }
    }

    static let issuer = "ppt"

    /// Creates the service with a 32-byte signing key.
    package init(signingKey: SymmetricKey, lifetime: TimeInterval = 15 * 60) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(key: signingKey), digestAlgorithm: .sha256, kid: "ppt-access")
        self.keys = keys
        self.lifetime = lifetime
    }

    /// A signed access token for `user`.
    package func accessToken(for user: User, now: Date = Date()) async throws -> String {
        let claims = AccessClaims(sub: .init(value: user.id.rawValue), exp: .init(value: now.addingTimeInterval(lifetime)),
                                  iat: .init(value: now), iss: .init(value: Self.issuer), sa: user.isSuperadmin)
        return try await keys.sign(claims, kid: "ppt-access")
    }

    /// The identity in a valid, unexpired token; `nil` for anything else.
    package func verify(_ token: String) async -> Identity? {
        guard let claims = try? await keys.verify(token, as: AccessClaims.self),
            let userID = UserID(claims.sub.value)
        else { return nil }
        return Identity(userID: userID, isSuperadmin: claims.sa)
    }
}
