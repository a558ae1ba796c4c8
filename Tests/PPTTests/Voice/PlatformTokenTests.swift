import Foundation
import HTTPTypes
import Logging
import PPTDomain
import PPTStorage
import PPTVoice
import SQLKit
import Testing

@testable import PPTHTTP

/// Platform tokens: encrypted storage, refresh ahead of expiry against a loopback Login with Amazon.
@Suite("Platform tokens")
struct PlatformTokenTests {
    static func configuration(_ base: String) -> PlatformTokenConfiguration {
        PlatformTokenConfiguration(alexaClientID: "amzn1.application-oa2-client.test", alexaClientSecret: "s3cr3t&=x",
                                   alexaTokenURL: "\(base)/auth/o2/token", alexaEventsURL: "\(base)/v1/proactiveEvents")
    }

    @Test("Credentials and tokens are stored encrypted and read back", arguments: TestDatabase.dialects)
    func storedEncrypted(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database async throws in
            let ring = KeyRing.generate()
            let repository = PlatformTokenRepository(database: database, keyRing: ring)
            try await repository.configure(.alexa, clientID: "client-1", clientSecret: "very-secret-value")
            try await repository.storeToken(.alexa, accessToken: "Atc|plain-token-value",
                                            expiresAt: Date().addingTimeInterval(3600))
            let row = try #require(try await database.read { sql in
                try await sql.raw("SELECT * FROM platform_tokens").first()
            })
            let secret = try row.string("client_secret_ciphertext")
            let token = try #require(try row.optionalString("access_token_ciphertext"))
            for ciphertext in [secret, token] {
                #expect(ciphertext.hasPrefix("v1:\(ring.activeKey.id):"))
                #expect(!ciphertext.contains("very-secret-value"))
                #expect(!ciphertext.contains("plain-token-value"))
            }
            #expect(try await repository.credentials(.alexa)?.clientSecret == "very-secret-value")
            #expect(try await repository.token(.alexa)?.accessToken == "Atc|plain-token-value")
            // Another key ring cannot read them.
            let stranger = PlatformTokenRepository(database: database, keyRing: .generate())
            await #expect(throws: (any Error).self) { try await stranger.token(.alexa) }
            // Rotation re-encrypts under the new active key.
            let rotated = try ring.addingNewKey()
            #expect(try await PlatformTokenRepository(database: database, keyRing: rotated).reencryptAll() == 1)
            #expect(try await PlatformTokenRepository(database: database, keyRing: rotated).token(.alexa)?.accessToken
                    == "Atc|plain-token-value")
        }
    }

    @Test("The job obtains a token, skips it far from expiry and refreshes it 5 minutes before",
          arguments: TestDatabase.dialects)
    func refreshAheadOfExpiry(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database async throws in
            let loopback = PlatformTokenLoopback()
            try await loopback.serve { base async throws in
                let clock = ManualClock()
                let repository = PlatformTokenRepository(database: database, keyRing: .generate(), clock: clock)
                let refresher = PlatformTokenRefresher(repository: repository, configuration: Self.configuration(base),
                                                       clock: clock)
                let logger = TestDatabase.logger

                #expect(try await refresher.refreshIfDue(logger: logger))
                var requests = await loopback.tokenRequests
                #expect(requests.count == 1)
                let form = requests.first?.body ?? ""
                #expect(form.contains("grant_type=client_credentials"))
                #expect(form.contains("client_id=amzn1.application-oa2-client.test"))
                #expect(form.contains("client_secret=s3cr3t%26%3Dx"))
                #expect(form.contains("scope=alexa%3A%3Aproactive_events"))
                #expect(requests.first?.contentType?.hasPrefix("application/x-www-form-urlencoded") == true)
                let first = try #require(try await repository.token(.alexa))
                #expect(first.accessToken == "Atc|token-1")
                #expect(first.expiresAt == clock.now().addingTimeInterval(3600))

                clock.advance(by: 3600 - 301)
                #expect(try await refresher.refreshIfDue(logger: logger) == false)
                #expect(await loopback.tokenRequests.count == 1)
                #expect(try await refresher.accessToken(logger: logger) == "Atc|token-1")

                clock.advance(by: 2)
                // Two instances run the same slot: one refreshes, the other finds it claimed or fresh.
                async let a = refresher.refreshIfDue(logger: logger)
                async let b = refresher.refreshIfDue(logger: logger)
                let results = try await [a, b]
                #expect(results.filter { $0 }.count == 1)
                requests = await loopback.tokenRequests
                #expect(requests.count == 2)
                #expect(try await repository.token(.alexa)?.accessToken == "Atc|token-2")
                #expect(try await refresher.refreshIfDue(logger: logger) == false)
            }
        }
    }

    @Test("Unconfigured, the refresher calls nothing")
    func unconfigured() async throws {
        try await TestDatabase.with(.sqlite) { database async throws in
            let loopback = PlatformTokenLoopback()
            try await loopback.serve { base async throws in
                var configuration = Self.configuration(base)
                configuration.alexaClientSecret = nil
                let repository = PlatformTokenRepository(database: database, keyRing: .generate())
                let refresher = PlatformTokenRefresher(repository: repository, configuration: configuration)
                #expect(try await refresher.refreshIfDue(logger: TestDatabase.logger) == false)
                #expect(await loopback.tokenRequests.isEmpty)
                #expect(try await repository.credentials(.alexa) == nil)
            }
        }
    }

    @Test("A rejected token request leaves no token and releases the claim for the next run")
    func rejected() async throws {
        try await TestDatabase.with(.sqlite) { database async throws in
            let loopback = PlatformTokenLoopback()
            try await loopback.serve { base async throws in
                await loopback.setTokenStatus(.unauthorized)
                let repository = PlatformTokenRepository(database: database, keyRing: .generate())
                let refresher = PlatformTokenRefresher(repository: repository, configuration: Self.configuration(base))
                await #expect(throws: PlatformTokenError.rejected(
                    status: 401, body: #"{"error":"invalid_client","error_description":"bad secret"}"#)) {
                    try await refresher.refreshIfDue(logger: TestDatabase.logger)
                }
                #expect(try await repository.token(.alexa) == nil)
                await loopback.setTokenStatus(.ok)
                #expect(try await refresher.refreshIfDue(logger: TestDatabase.logger))
                #expect(try await repository.token(.alexa)?.accessToken == "Atc|token-2")
            }
        }
    }
}
