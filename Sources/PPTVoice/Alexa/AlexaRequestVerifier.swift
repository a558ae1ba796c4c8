import Crypto
import Foundation
import PPTDomain
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509
import _CryptoExtras

/// The headers Alexa signs a request with.
package struct AlexaSignatureHeaders: Sendable, Hashable {
    /// `SignatureCertChainUrl`.
    package var certificateURL: String?
    /// `Signature-256`: base64 RSA PKCS#1 v1.5 with SHA-256 over the raw body.
    package var signature256: String?
    /// `Signature`: the legacy SHA-1 signature, used only when `Signature-256` is absent.
    package var signature: String?

    package init(certificateURL: String?, signature256: String?, signature: String?) {
        self.certificateURL = certificateURL
        self.signature256 = signature256
        self.signature = signature
    }
}

/// Verifies that a request comes from Alexa for one of our skills, following Amazon's rules for
/// skills hosted as web services: certificate URL, signing certificate (validity, SAN
/// `echo-api.amazon.com`, chain to a trusted root), the signature over the exact body bytes, the
/// timestamp (150 s; 3,600 s for skill events) and the application id. The body is decoded only
/// after its signature verified.
package struct AlexaRequestVerifier: Sendable {
    /// The skill ids requests must be for.
    package let skillIDs: Set<String>
    private let fetcher: any AlexaCertificateFetcher
    private let cache: AlexaCertificateCache
    private let clock: any WallClock
    private let urlPolicy: AlexaCertificateURLPolicy
    private let trustRoots: CertificateStore

    /// The subject alternative name of Amazon's signing certificate.
    package static let signingCertificateName = "echo-api.amazon.com"
    /// Largest accepted distance of `request.timestamp` from now.
    package static let timestampTolerance: TimeInterval = 150
    /// The same for `AlexaSkillEvent.*` requests, which Alexa may deliver late.
    package static let skillEventTolerance: TimeInterval = 3_600

    /// The production verifier: Amazon's URL rules and the system's CA bundle.
    package init(skillIDs: Set<String>, fetcher: any AlexaCertificateFetcher, clock: any WallClock = SystemWallClock(),
                 cache: AlexaCertificateCache = AlexaCertificateCache()) {
        self.init(skillIDs: skillIDs, fetcher: fetcher, clock: clock, cache: cache, urlPolicy: .amazon,
                  trustRoots: CertificateStore.systemTrustRoots)
    }

    /// A verifier with another certificate host and other trust roots: for tests only, which sign
    /// requests with a CA they made.
    package init(skillIDs: Set<String>, fetcher: any AlexaCertificateFetcher, clock: any WallClock,
                 cache: AlexaCertificateCache = AlexaCertificateCache(), urlPolicy: AlexaCertificateURLPolicy,
                 trustRoots: CertificateStore) {
        self.skillIDs = skillIDs
        self.fetcher = fetcher
        self.cache = cache
        self.clock = clock
        self.urlPolicy = urlPolicy
        self.trustRoots = trustRoots
    }

    /// The decoded request when `body` is a genuine Alexa request for one of our skills.
    package func verify(headers: AlexaSignatureHeaders, body: Data) async throws(AlexaVerificationFailure)
        -> AlexaRequestEnvelope
    {
        guard let urlText = headers.certificateURL, !urlText.isEmpty else { throw .missingCertificateURL }
        let signatureText = nonEmpty(headers.signature256) ?? nonEmpty(headers.signature)
        guard let signatureText else { throw .missingSignature }
        let url = try urlPolicy.validate(urlText).get()
        let now = clock.now()
        let certificate = try await signingCertificate(at: url, now: now)
        guard certificate.notBefore <= now, now <= certificate.notAfter else { throw .certificateExpired }
        try verifySignature(signatureText, legacy: nonEmpty(headers.signature256) == nil,
                            body: body, key: certificate.leaf.publicKey)

        let envelope: AlexaRequestEnvelope
        do { envelope = try JSONDecoder().decode(AlexaRequestEnvelope.self, from: body) } catch { throw .bodyMalformed }
        try checkTimestamp(envelope.request, now: now)
        let ids = envelope.applicationIDs
        guard !ids.isEmpty, ids.allSatisfy({ skillIDs.contains($0) }) else { throw .unknownApplication }
        return envelope
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    /// The cached chain, or a downloaded one that passes the SAN and trust checks.
    private func signingCertificate(at url: URL, now: Date) async throws(AlexaVerificationFailure)
        -> AlexaSigningCertificate
    {
        if let cached = await cache.certificate(for: url, now: now) { return cached }
        let pem: String
        do { pem = try await fetcher.pemChain(at: url) } catch { throw .certificateUnavailable }
        let chain: [Certificate]
        do {
            chain = try Self.pemBlocks(pem).map { try Certificate(pemEncoded: $0) }
        } catch { throw .certificateMalformed }
        guard let leaf = chain.first else { throw .certificateMalformed }
        let certificate = AlexaSigningCertificate(leaf: leaf, intermediates: Array(chain.dropFirst()))
        guard certificate.notBefore <= now, now <= certificate.notAfter else { throw .certificateExpired }
        try checkSubject(leaf)
        try await checkTrust(certificate, now: now)
        await cache.store(certificate, for: url, now: now)
        return certificate
    }

    private func checkSubject(_ leaf: Certificate) throws(AlexaVerificationFailure) {
        let names: SubjectAlternativeNames?
        do { names = try leaf.extensions.subjectAlternativeNames } catch { throw .certificateMalformed }
        let matches = (names ?? SubjectAlternativeNames()).contains { name in
            if case .dnsName(let dns) = name { return dns.lowercased() == Self.signingCertificateName }
            return false
        }
        guard matches else { throw .certificateSubjectMismatch }
    }

    private func checkTrust(_ certificate: AlexaSigningCertificate, now: Date) async throws(AlexaVerificationFailure) {
        var verifier = Verifier(rootCertificates: trustRoots) {
            RFC5280Policy(fixedExpiryValidationTime: now)
        }
        let result = await verifier.validate(leaf: certificate.leaf,
                                             intermediates: CertificateStore(certificate.intermediates))
        guard case .validCertificate = result else { throw .certificateUntrusted }
    }

    private func verifySignature(_ text: String, legacy: Bool, body: Data, key: Certificate.PublicKey)
        throws(AlexaVerificationFailure)
    {
        guard let bytes = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !bytes.isEmpty,
            let rsa = _RSA.Signing.PublicKey(key)
        else { throw .signatureMalformed }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: bytes)
        let valid =
            legacy
            ? rsa.isValidSignature(signature, for: Insecure.SHA1.hash(data: body), padding: .insecurePKCS1v1_5)
            : rsa.isValidSignature(signature, for: SHA256.hash(data: body), padding: .insecurePKCS1v1_5)
        guard valid else { throw .signatureMismatch }
    }

    private func checkTimestamp(_ request: AlexaRequestBody, now: Date) throws(AlexaVerificationFailure) {
        guard let text = request.timestamp, let timestamp = Self.parseTimestamp(text) else {
            throw .timestampOutOfRange
        }
        let tolerance = request.type.hasPrefix("AlexaSkillEvent.") ? Self.skillEventTolerance : Self.timestampTolerance
        guard abs(now.timeIntervalSince(timestamp)) <= tolerance else { throw .timestampOutOfRange }
    }

    /// The `CERTIFICATE` blocks of a PEM text, in order.
    package static func pemBlocks(_ pem: String) -> [String] {
        let end = "-----END CERTIFICATE-----"
        return pem.components(separatedBy: end).compactMap { part in
            guard let start = part.range(of: "-----BEGIN CERTIFICATE-----") else { return nil }
            return String(part[start.lowerBound...]) + end
        }
    }

    /// An ISO 8601 timestamp with or without fractional seconds.
    package static func parseTimestamp(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
