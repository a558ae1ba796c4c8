import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636), S256 only: the plain method adds nothing over no PKCE.
package enum PKCE {
    /// Whether `verifier` (43–128 characters of `[A-Za-z0-9-._~]`) hashes to `challenge`
    /// (BASE64URL(SHA-256(verifier)) without padding).
    package static func verify(verifier: String, challenge: String) -> Bool {
        guard isValidVerifier(verifier) else { return false }
        return Self.challenge(for: verifier) == challenge
    }

    /// The S256 challenge of `verifier`.
    package static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `verifier` has the length and alphabet RFC 7636 §4.1 requires.
    package static func isValidVerifier(_ verifier: String) -> Bool {
        (43...128).contains(verifier.count) && verifier.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0)
                || $0 == "-" || $0 == "." || $0 == "_" || $0 == "~"
        }
    }

    /// Whether `challenge` is a well-formed S256 challenge (43 base64url characters).
    package static func isValidChallenge(_ challenge: String) -> Bool {
        challenge.count == 43 && challenge.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}
