import Foundation
import HTTPTypes
import Logging
import PPTApp
import PPTDomain
import PPTStorage
import PPTVoice
import Testing

@testable import PPTHTTP

/// The outbound feature: an Alexa proactive event when a fault reported by a linked user is resolved.
@Suite("Platform tokens: Alexa fault notifications")
struct PlatformTokenAlexaNotifierTests {
    static let alexaUser = "amzn1.ask.account.AFTESTUSER"

    /// Links the World's tenant to Alexa and records their Alexa user id, as the skill webhook does.
    static func linkAlexa(_ app: TestApp, _ world: World) async throws -> VoiceGrant {
        let pair = try await OAuthTestSupport.linked(app: app, user: world.tenantEmail,
                                                     organizationID: world.fixture.organization.id,
                                                     unitID: world.fixture.unit.id, platform: .alexa)
        let grant = try #require(try await OAuthRepository(database: app.runtime.database)
            .grant(forAccessToken: pair.accessToken))
        try await app.runtime.platformTokens.rememberPlatformUser(grant, platformUserID: alexaUser)
        return grant
    }

    /// Resolves the World's fault and returns the notifier's queued job (through the real outbox dispatcher).
    static func resolveAndDispatch(_ app: TestApp, _ world: World, faultID: String) async throws -> Job {
        let database = app.runtime.database
        _ = try await FaultRepository(database: database).update(
            world.fixture.admin, id: try #require(FaultID(faultID)), FaultUpdate(status: .resolved))
        try await OutboxDispatcher(database: database, subscribers: [PlatformTokenAlexaNotifier.subscriber],
                                   wake: WakeSignal(), logger: TestDatabase.logger).dispatchBatch()
        let jobs = try await JobQueue(database: database).jobs(kind: PlatformTokenAlexaNotifier.jobKind)
        return try #require(jobs.first { $0.payload.contains(faultID) })
    }

    static func notifier(_ app: TestApp, _ configuration: PlatformTokenConfiguration) -> PlatformTokenAlexaNotifier {
        let repository = app.runtime.platformTokens
        return PlatformTokenAlexaNotifier(
            database: app.runtime.database, repository: repository,
            refresher: PlatformTokenRefresher(repository: repository, configuration: configuration),
            configuration: configuration)
    }

    @Test("A resolved fault sends one proactive event, and a retried job does not send it again",
          arguments: TestDatabase.dialects)
    func sendsOnce(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app async throws in
            let world = try await World.make(app, name: "Notify")
            _ = try await Self.linkAlexa(app, world)
            let job = try await Self.resolveAndDispatch(app, world, faultID: world.ids["faultID"]!)
            let loopback = PlatformTokenLoopback()
            try await loopback.serve { base async throws in
                let notifier = Self.notifier(app, PlatformTokenTests.configuration(base))
                let delivery = try job.decodePayload(OutboxDelivery.self)
                #expect(try await notifier.deliver(delivery, logger: TestDatabase.logger) == .sent(sent: 1, skipped: 0))
                // The worker retries the same job: nothing more goes out.
                try await notifier.handler.handle(job, logger: TestDatabase.logger)
                #expect(try await notifier.deliver(delivery, logger: TestDatabase.logger) == .sent(sent: 0, skipped: 1))

                let events = await loopback.eventRequests
                #expect(events.count == 1)
                #expect(await loopback.tokenRequests.count == 1)
                let event = try #require(events.first)
                #expect(event.authorization == "Bearer Atc|token-1")
                #expect(event.contentType == "application/json")
                let body = try #require(event.json)
                #expect((body["event"] as? [String: Any])?["name"] as? String == "AMAZON.MessageAlert.Activated")
                let audience = try #require(body["relevantAudience"] as? [String: Any])
                #expect(audience["type"] as? String == "Unicast")
                #expect((audience["payload"] as? [String: Any])?["user"] as? String == Self.alexaUser)
                #expect((body["referenceId"] as? String)?.contains(world.ids["faultID"]!) == true)
                let creator = ((body["event"] as? [String: Any])?["payload"] as? [String: Any])
                    .flatMap { $0["messageGroup"] as? [String: Any] }.flatMap { $0["creator"] as? [String: Any] }
                #expect(creator?["name"] as? String == world.fixture.organization.name)
            }
        }
    }

    @Test("A failed send is retried by the job and then sent once")
    func retryAfterFailure() async throws {
        try await TestApp.with(.sqlite) { app async throws in
            let world = try await World.make(app, name: "NotifyRetry")
            _ = try await Self.linkAlexa(app, world)
            let job = try await Self.resolveAndDispatch(app, world, faultID: world.ids["faultID"]!)
            let loopback = PlatformTokenLoopback()
            try await loopback.serve { base async throws in
                let notifier = Self.notifier(app, PlatformTokenTests.configuration(base))
                await loopback.setEventStatus(.internalServerError)
                await #expect(throws: (any Error).self) {
                    try await notifier.handler.handle(job, logger: TestDatabase.logger)
                }
                await loopback.setEventStatus(.accepted)
                try await notifier.handler.handle(job, logger: TestDatabase.logger)
                try await notifier.handler.handle(job, logger: TestDatabase.logger)
                #expect(await loopback.eventRequests.count == 2)  // the failed attempt and the one success
            }
        }
    }

    @Test("Nothing is sent when unconfigured, when voice is off, or when the link was revoked")
    func notSent() async throws {
        try await TestApp.with(.sqlite) { app async throws in
            let world = try await World.make(app, name: "NotifyOff")
            let grant = try await Self.linkAlexa(app, world)
            let job = try await Self.resolveAndDispatch(app, world, faultID: world.ids["faultID"]!)
            let delivery = try job.decodePayload(OutboxDelivery.self)
            let loopback = PlatformTokenLoopback()
            try await loopback.serve { base async throws in
                let logger = TestDatabase.logger
                #expect(try await Self.notifier(app, PlatformTokenConfiguration(
                    alexaTokenURL: "\(base)/auth/o2/token", alexaEventsURL: "\(base)/v1/proactiveEvents"))
                    .deliver(delivery, logger: logger) == .notConfigured)

                let notifier = Self.notifier(app, PlatformTokenTests.configuration(base))
                let flags = FeatureFlagRepository(database: app.runtime.database)
                _ = try await flags.set(world.fixture.admin, flag: .voiceAssistant, enabled: false)
                #expect(try await notifier.deliver(delivery, logger: logger) == .disabled)
                _ = try await flags.set(world.fixture.admin, flag: .voiceAssistant, enabled: true)

                try await OAuthRepository(database: app.runtime.database).revokeLink(linkID: grant.linkID)
                #expect(try await notifier.deliver(delivery, logger: logger) == .noRecipient)
                #expect(await loopback.eventRequests.isEmpty)
                #expect(await loopback.tokenRequests.isEmpty)
            }
        }
    }
}
