import Foundation
import PPTDomain
import PPTVoice
import SwiftASN1
import Testing
import X509

/// The Alexa request verifier against requests signed in the test with a CA made in the test.
@Suite struct AlexaVerifierTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let pki: AlexaTestPKI
    let signer: AlexaTestSigner
    let fetcher = AlexaTestFetcher()

    init() throws {
        pki = try AlexaTestPKI(now: now)
        signer = try pki.signer()
        fetcher.serve(signer.chainPEM, at: AlexaTestRequests.certificateURL)
    }

    func verifier(trustRoots: CertificateStore? = nil, skillIDs: Set<String> = [AlexaTestRequests.skillID])
        -> AlexaRequestVerifier
    {
        AlexaRequestVerifier(skillIDs: skillIDs, fetcher: fetcher, clock: FixedClock(now), urlPolicy: .amazon,
                             trustRoots: trustRoots ?? pki.trustRoots)
    }

    func headers(_ body: Data, url: String = AlexaTestRequests.certificateURL, signer: AlexaTestSigner? = nil)
        throws -> AlexaSignatureHeaders
    {
        AlexaSignatureHeaders(certificateURL: url, signature256: try (signer ?? self.signer).signature256(body),
                              signature: nil)
    }

    func body(age: TimeInterval = 5, type: String = "LaunchRequest", skillID: String = AlexaTestRequests.skillID)
        throws -> Data
    {
        try AlexaTestRequests.body(type: type, timestamp: now.addingTimeInterval(-age), skillID: skillID)
    }

    func rejection(_ headers: AlexaSignatureHeaders, _ body: Data, verifier: AlexaRequestVerifier? = nil) async
        -> AlexaVerificationFailure?
    {
        do {
            _ = try await (verifier ?? self.verifier()).verify(headers: headers, body: body)
            return nil
        } catch { return error }
    }

    @Test func aValidRequestPassesAndItsChainIsCachedByURL() async throws {
        let verifier = verifier()
        let body = try body()
        let envelope = try await verifier.verify(headers: try headers(body), body: body)
        #expect(envelope.request.type == "LaunchRequest")
        #expect(envelope.applicationIDs == [AlexaTestRequests.skillID, AlexaTestRequests.skillID])
        let second = try self.body(age: 1)
        _ = try await verifier.verify(headers: try headers(second), body: second)
        #expect(fetcher.downloads == [AlexaTestRequests.certificateURL])
    }

    @Test func theLegacySHA1SignatureIsUsedOnlyWithoutSignature256() async throws {
        let body = try body()
        let legacy = AlexaSignatureHeaders(certificateURL: AlexaTestRequests.certificateURL, signature256: nil,
                                           signature: try signer.signature1(body))
        _ = try await verifier().verify(headers: legacy, body: body)
        // A valid legacy signature does not rescue a bad Signature-256.
        let other = try pki.signer()
        let both = AlexaSignatureHeaders(certificateURL: AlexaTestRequests.certificateURL,
                                         signature256: try other.signature256(body), signature: try signer.signature1(body))
        #expect(await rejection(both, body) == .signatureMismatch)
    }

    @Test(arguments: [
        ("http://s3.amazonaws.com/echo.api/echo-api-cert-12.pem", "scheme"),
        ("ftp://s3.amazonaws.com/echo.api/echo-api-cert-12.pem", "scheme"),
        ("https://notamazon.com/echo.api/echo-api-cert-12.pem", "host"),
        ("https://s3.amazonaws.com.evil.test/echo.api/echo-api-cert-12.pem", "host"),
        ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-12.pem", "path"),
        ("https://s3.amazonaws.com/invalid.path/echo-api-cert-12.pem", "path"),
        ("https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert-12.pem", "path"),
        ("https://s3.amazonaws.com/echo.api/%2e%2e/invalid.path/echo-api-cert-12.pem", "path"),
        ("https://s3.amazonaws.com:563/echo.api/echo-api-cert-12.pem", "port"),
    ])
    func certificateURLsBreakingARuleAreRejectedWithoutDownloading(url: String, rule: String) async throws {
        let body = try body()
        let failure = await rejection(try headers(body, url: url), body)
        guard case .invalidCertificateURL(let reason) = failure else {
            Issue.record("expected an URL rejection for \(url), got \(String(describing: failure))")
            return
        }
        #expect(reason.contains(rule))
        #expect(fetcher.downloads.isEmpty)
    }

    @Test(arguments: [
        "HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert-12.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert-12.pem",
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert-12.pem",
        "https://s3.amazonaws.com/echo.api/./echo-api-cert-12.pem",
    ])
    func equivalentSpellingsOfTheURLAreAcceptedAndNormalized(url: String) async throws {
        let body = try body()
        _ = try await verifier().verify(headers: try headers(body, url: url), body: body)
        #expect(fetcher.downloads == [AlexaTestRequests.certificateURL])
    }

    @Test func anExpiredCertificateIsRejected() async throws {
        let expired = try pki.signer(notBefore: now.addingTimeInterval(-86_400 * 10), notAfter: now.addingTimeInterval(-1))
        let url = "https://s3.amazonaws.com/echo.api/expired.pem"
        fetcher.serve(expired.chainPEM, at: url)
        let body = try body()
        #expect(await rejection(try headers(body, url: url, signer: expired), body) == .certificateExpired)
        let future = try pki.signer(notBefore: now.addingTimeInterval(60))
        fetcher.serve(future.chainPEM, at: url + ".future")
        #expect(await rejection(try headers(body, url: url + ".future", signer: future), body) == .certificateExpired)
    }

    @Test func aCertificateForAnotherNameIsRejected() async throws {
        let wrong = try pki.signer(dnsName: "echo-api.amazon.com.evil.test")
        let url = "https://s3.amazonaws.com/echo.api/wrong-san.pem"
        fetcher.serve(wrong.chainPEM, at: url)
        let body = try body()
        #expect(await rejection(try headers(body, url: url, signer: wrong), body) == .certificateSubjectMismatch)
    }

    @Test func aChainToAnUntrustedRootIsRejected() async throws {
        let stranger = try AlexaTestPKI(now: now, rootName: "Stranger Root")
        let untrusted = try stranger.signer()
        let url = "https://s3.amazonaws.com/echo.api/untrusted.pem"
        fetcher.serve(untrusted.chainPEM, at: url)
        let body = try body()
        #expect(await rejection(try headers(body, url: url, signer: untrusted), body) == .certificateUntrusted)
        // Nor does our own chain pass against the system's CA bundle.
        #expect(await rejection(try headers(body), body, verifier: verifier(trustRoots: .systemTrustRoots))
            == .certificateUntrusted)
    }

    @Test func aBodyChangedAfterSigningIsRejected() async throws {
        let body = try body()
        let headers = try headers(body)
        var changed = body
        changed[changed.index(before: changed.endIndex)] = UInt8(ascii: " ")
        changed.append(UInt8(ascii: "}"))
        #expect(await rejection(headers, changed) == .signatureMismatch)
    }

    @Test func aSignatureFromAnotherKeyIsRejected() async throws {
        let body = try body()
        let impostor = try pki.signer()
        let headers = AlexaSignatureHeaders(certificateURL: AlexaTestRequests.certificateURL,
                                            signature256: try impostor.signature256(body), signature: nil)
        #expect(await rejection(headers, body) == .signatureMismatch)
        let garbage = AlexaSignatureHeaders(certificateURL: AlexaTestRequests.certificateURL,
                                            signature256: "not base64 at all!", signature: nil)
        #expect(await rejection(garbage, body) == .signatureMalformed)
    }

    @Test func timestampsOlderThan150SecondsAreRejectedExceptForSkillEvents() async throws {
        let fresh = try body(age: 150)
        _ = try await verifier().verify(headers: try headers(fresh), body: fresh)
        let stale = try body(age: 151)
        #expect(await rejection(try headers(stale), stale) == .timestampOutOfRange)
        let future = try body(age: -151)
        #expect(await rejection(try headers(future), future) == .timestampOutOfRange)
        let event = try body(age: 3_000, type: "AlexaSkillEvent.SkillEnabled")
        _ = try await verifier().verify(headers: try headers(event), body: event)
        let lateEvent = try body(age: 3_601, type: "AlexaSkillEvent.SkillEnabled")
        #expect(await rejection(try headers(lateEvent), lateEvent) == .timestampOutOfRange)
    }

    @Test func anotherSkillsRequestIsRejected() async throws {
        let body = try body(skillID: "amzn1.ask.skill.someone-else")
        #expect(await rejection(try headers(body), body) == .unknownApplication)
    }

    @Test func missingHeadersAreRejected() async throws {
        let body = try body()
        let signature = try signer.signature256(body)
        #expect(await rejection(AlexaSignatureHeaders(certificateURL: nil, signature256: signature, signature: nil), body)
            == .missingCertificateURL)
        #expect(await rejection(AlexaSignatureHeaders(certificateURL: AlexaTestRequests.certificateURL,
                                                      signature256: nil, signature: nil), body) == .missingSignature)
        #expect(await rejection(AlexaSignatureHeaders(certificateURL: AlexaTestRequests.certificateURL,
                                                      signature256: "", signature: ""), body) == .missingSignature)
        #expect(fetcher.downloads.isEmpty)
    }

    @Test func aDownloadThatIsNotAChainIsRejected() async throws {
        let url = "https://s3.amazonaws.com/echo.api/garbage.pem"
        fetcher.serve("<html>not a certificate</html>", at: url)
        let body = try body()
        #expect(await rejection(try headers(body, url: url), body) == .certificateMalformed)
        #expect(await rejection(try headers(body, url: url + ".missing"), body) == .certificateUnavailable)
    }

    @Test func theCacheIsBoundedAndForgetsExpiredChains() async throws {
        let cache = AlexaCertificateCache(capacity: 2)
        let leaf = try Certificate(pemEncoded: try #require(AlexaRequestVerifier.pemBlocks(signer.chainPEM).first))
        let entry = AlexaSigningCertificate(leaf: leaf, intermediates: [])
        let urls = try (1...3).map { try #require(URL(string: "https://s3.amazonaws.com/echo.api/\($0).pem")) }
        for url in urls { await cache.store(entry, for: url, now: now) }
        #expect(await cache.count == 2)
        #expect(await cache.certificate(for: urls[2], now: now) != nil)
        #expect(await cache.certificate(for: urls[2], now: leaf.notValidAfter.addingTimeInterval(1)) == nil)
        #expect(await cache.count == 1)
    }

    @Test func anExpiredCachedChainIsNotUsed() async throws {
        let cache = AlexaCertificateCache()
        let verifier = AlexaRequestVerifier(skillIDs: [AlexaTestRequests.skillID], fetcher: fetcher, clock: FixedClock(now),
                                            cache: cache, urlPolicy: .amazon, trustRoots: pki.trustRoots)
        let body = try body()
        _ = try await verifier.verify(headers: try headers(body), body: body)
        #expect(await cache.count == 1)
        // The same chain a day later: the signing certificate has expired since it was cached.
        let later = AlexaRequestVerifier(skillIDs: [AlexaTestRequests.skillID], fetcher: fetcher,
                                         clock: FixedClock(now.addingTimeInterval(86_401)), cache: cache, urlPolicy: .amazon,
                                         trustRoots: pki.trustRoots)
        let lateBody = try AlexaTestRequests.body(type: "LaunchRequest", timestamp: now.addingTimeInterval(86_400))
        #expect(await rejection(try headers(lateBody), lateBody, verifier: later) == .certificateExpired)
    }
}
