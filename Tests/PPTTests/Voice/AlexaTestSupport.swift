import Crypto
import Foundation
import PPTDomain
import PPTVoice
import Synchronization
import SwiftASN1
import X509
import _CryptoExtras

/// A certificate authority made in the test: a root, an intermediate and RSA signing certificates,
/// like Amazon's chain for `echo-api.amazon.com`.
struct AlexaTestPKI: Sendable {
    let rootKey = P256.Signing.PrivateKey()
    let root: Certificate
    let intermediateKey = P256.Signing.PrivateKey()
    let intermediate: Certificate
    /// When the certificates are made; they are valid a day either side unless asked otherwise.
    let now: Date

    init(now: Date, rootName: String = "PPT Test Root") throws {
        self.now = now
        let rootSubject = try DistinguishedName { CommonName(rootName) }
        root = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(rootKey.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400 * 30), notValidAfter: now.addingTimeInterval(86_400 * 365),
            issuer: rootSubject, subject: rootSubject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(rootKey))
        let intermediateSubject = try DistinguishedName { CommonName("\(rootName) Intermediate") }
        intermediate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(intermediateKey.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400 * 30), notValidAfter: now.addingTimeInterval(86_400 * 365),
            issuer: rootSubject, subject: intermediateSubject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(rootKey))
    }

    /// A signing identity: an RSA key and its certificate (issued by the intermediate) naming `dnsName`,
    /// valid from `notBefore` to `notAfter` (default: a day either side of `now`).
    func signer(dnsName: String = "echo-api.amazon.com", notBefore: Date? = nil, notAfter: Date? = nil)
        throws -> AlexaTestSigner
    {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: notBefore ?? now.addingTimeInterval(-86_400),
            notValidAfter: notAfter ?? now.addingTimeInterval(86_400),
            issuer: intermediate.subject, subject: try DistinguishedName { CommonName(dnsName) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                SubjectAlternativeNames([.dnsName(dnsName)])
            },
            issuerPrivateKey: .init(intermediateKey))
        return AlexaTestSigner(key: key, chainPEM: try [certificate, intermediate].map {
            try $0.serializeAsPEM().pemString
        }.joined(separator: "\n"))
    }

    /// The trust store holding only this root.
    var trustRoots: CertificateStore { CertificateStore([root]) }
}

/// Signs request bodies as Alexa does.
struct AlexaTestSigner: Sendable {
    let key: _RSA.Signing.PrivateKey
    /// The signing certificate followed by the intermediate, as PEM.
    let chainPEM: String

    /// `Signature-256` of `body`.
    func signature256(_ body: Data) throws -> String {
        try key.signature(for: SHA256.hash(data: body), padding: .insecurePKCS1v1_5).rawRepresentation
            .base64EncodedString()
    }

    /// The legacy SHA-1 `Signature` of `body`.
    func signature1(_ body: Data) throws -> String {
        try key.signature(for: Insecure.SHA1.hash(data: body), padding: .insecurePKCS1v1_5).rawRepresentation
            .base64EncodedString()
    }
}

/// Serves PEM chains from memory by URL and counts downloads; fails for unknown URLs.
final class AlexaTestFetcher: AlexaCertificateFetcher {
    private let state = Mutex<(chains: [String: String], downloads: [String])>(([:], []))

    /// Serves `pem` at `url`.
    func serve(_ pem: String, at url: String) { state.withLock { $0.chains[url] = pem } }

    /// The URLs downloaded so far.
    var downloads: [String] { state.withLock { $0.downloads } }

    func pemChain(at url: URL) async throws -> String {
        try state.withLock { state in
            state.downloads.append(url.absoluteString)
            guard let pem = state.chains[url.absoluteString] else { throw URLError(.fileDoesNotExist) }
            return pem
        }
    }
}

/// Alexa request bodies as Alexa sends them.
enum AlexaTestRequests {
    static let skillID = "amzn1.ask.skill.ppt-test"
    static let certificateURL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"

    /// An ISO 8601 timestamp as Alexa writes it.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }

    /// A request body of `type` with optional intent, slots, token and session attributes.
    static func body(type: String = "IntentRequest", intent: String? = nil, slots: [String: String] = [:],
                     token: String? = nil, attributes: [String: Any]? = nil, timestamp: Date,
                     skillID: String = skillID, locale: String = "en-US") throws -> Data {
        var user: [String: Any] = ["userId": "amzn1.ask.account.test"]
        if let token { user["accessToken"] = token }
        var request: [String: Any] = [
            "type": type, "requestId": "amzn1.echo-api.request.\(UUID())", "timestamp": self.timestamp(timestamp),
            "locale": locale,
        ]
        if let intent {
            request["intent"] = [
                "name": intent, "confirmationStatus": "NONE",
                "slots": Dictionary(uniqueKeysWithValues: slots.map { ($0.key, ["name": $0.key, "value": $0.value]) }),
            ]
        }
        var session: [String: Any] = [
            "new": attributes == nil, "sessionId": "amzn1.echo-api.session.test",
            "application": ["applicationId": skillID], "user": user,
        ]
        if let attributes { session["attributes"] = attributes }
        let body: [String: Any] = [
            "version": "1.0", "session": session,
            "context": ["System": [
                "application": ["applicationId": skillID], "user": user,
                "device": ["deviceId": "amzn1.ask.device.test", "supportedInterfaces": [:] as [String: Any]],
                "apiEndpoint": "https://api.amazonalexa.com",
            ]],
            "request": request,
        ]
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }
}
