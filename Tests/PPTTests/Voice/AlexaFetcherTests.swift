import Foundation
import Hummingbird
import HummingbirdTesting
import PPTHTTP
import PPTVoice
import Testing

/// The AsyncHTTPClient certificate fetcher against a real server on loopback.
@Suite struct AlexaFetcherTests {
    @Test func theFetcherDownloadsAChainAndRefusesOtherStatuses() async throws {
        let signer = try AlexaTestPKI(now: Date()).signer()
        let router = Router()
        router.get("echo.api/cert.pem") { _, _ in signer.chainPEM }
        let app = Application(router: router)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let fetcher = AlexaHTTPCertificateFetcher()
            let pem = try await fetcher.pemChain(at: try #require(URL(string: "http://127.0.0.1:\(port)/echo.api/cert.pem")))
            #expect(AlexaRequestVerifier.pemBlocks(pem).count == 2)
            await #expect(throws: (any Error).self) {
                _ = try await fetcher.pemChain(at: try #require(URL(string: "http://127.0.0.1:\(port)/echo.api/missing.pem")))
            }
        }
    }
}
