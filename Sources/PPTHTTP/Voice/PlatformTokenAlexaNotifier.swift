import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PPTDomain
import PPTStorage
import PPTVoice

/// Tells the reporter's linked Alexa that their fault was resolved: an `AMAZON.MessageAlert.Activated`
/// proactive event per active Alexa link of the reporter, on every `fault_resolved` event, when Alexa
/// credentials are configured and the organization's `llm.voice_assistant` flag is on.
///
/// Each (fault, status change, Alexa user) is one delivery with its own idempotency key, claimed in the
/// database before sending and marked sent after Alexa accepted it: a retried job skips what was sent.
/// The one window left is a crash between Alexa's 202 and the mark; the `referenceId` is then the same,
/// so Alexa sees the same event again rather than a new one.
package struct PlatformTokenAlexaNotifier: Sendable {
    /// Job kind of the outbox subscriber's deliveries.
    package static let jobKind = "voice.alexa.fault_resolved"
    /// Subscribes the notifier to resolved faults.
    package static let subscriber = OutboxSubscriber(name: "alexa-fault-resolved", eventTypes: [.faultResolved],
                                                     jobKind: jobKind)

    /// What one delivery did.
    package enum Outcome: Sendable, Hashable {
        /// No Alexa credentials configured: nothing is sent.
        case notConfigured
        /// The organization switched voice off.
        case disabled
        /// The reporter has no active Alexa link (or left the organization).
        case noRecipient
        /// Events sent now, and events skipped because they had been sent before.
        case sent(sent: Int, skipped: Int)
    }

    private let database: any Database
    private let repository: PlatformTokenRepository
    private let refresher: PlatformTokenRefresher
    private let configuration: PlatformTokenConfiguration
    private let http: HTTPClient
    private let clock: any WallClock
    private let featureDefaults: [FeatureFlag: Bool]

    /// A notifier over `database`, sending with tokens from `refresher`.
    package init(database: any Database, repository: PlatformTokenRepository, refresher: PlatformTokenRefresher,
                 configuration: PlatformTokenConfiguration, http: HTTPClient = .shared,
                 clock: any WallClock = SystemWallClock(), featureDefaults: [FeatureFlag: Bool] = [:]) {
        self.database = database
        self.repository = repository
        self.refresher = refresher
        self.configuration = configuration
        self.http = http
        self.clock = clock
        self.featureDefaults = featureDefaults
    }

    /// The worker handler of the subscriber's jobs.
    package var handler: any JobHandler {
        ClosureJobHandler(kind: Self.jobKind) { job, logger in
            let delivery = try job.decodePayload(OutboxDelivery.self)
            let outcome = try await deliver(delivery, logger: logger)
            logger.debug("alexa fault notification", metadata: ["ppt.voice.outcome": "\(outcome)"])
        }
    }

    /// Sends the notifications of one `fault_resolved` delivery.
    package func deliver(_ delivery: OutboxDelivery, logger: Logger) async throws -> Outcome {
        guard refresher.isConfigured else { return .notConfigured }
        guard let organizationID = OrganizationID(delivery.organizationID),
            let reporter = delivery.payload["reportedBy"]?.stringValue.flatMap(UserID.init)
        else { return .noRecipient }
        let flags = FeatureFlagRepository(database: database, clock: clock, platformDefaults: featureDefaults)
        guard try await flags.isEnabled(organizationID: organizationID, flag: .voiceAssistant) else { return .disabled }
        let accounts = AccountRepository(database: database, clock: clock)
        guard let scope = try await accounts.scope(userID: reporter, organizationID: organizationID) else {
            return .noRecipient
        }
        let recipients = try await repository.platformUserIDs(.alexa, organizationID: organizationID, userID: reporter)
        guard !recipients.isEmpty else { return .noRecipient }
        let creator = try await accounts.organization(scope).name
        var (sent, skipped) = (0, 0)
        for recipient in recipients {
            let reference = "ppt-fault-\(delivery.aggregateID)-\(delivery.outboxID)-\(Self.digest(recipient))"
            let key = "alexa:fault_resolved:\(delivery.aggregateID):\(delivery.outboxID):\(Self.digest(recipient))"
            guard try await repository.claimDelivery(key, platform: .alexa, organizationID: organizationID) else {
                skipped += 1
                continue
            }
            do {
                let event = AlexaProactiveEvent(alexaUserID: recipient, referenceID: reference, creatorName: creator,
                                                timestamp: clock.now())
                try await send(event, token: try await refresher.accessToken(logger: logger))
                try await repository.markDelivered(key)
                sent += 1
            } catch {
                try? await repository.releaseDelivery(key)
                throw error
            }
        }
        logger.info("alexa proactive events sent", metadata: [
            "ppt.org_id": "\(organizationID)", "ppt.voice.sent": "\(sent)", "ppt.voice.skipped": "\(skipped)",
        ])
        return .sent(sent: sent, skipped: skipped)
    }

    private func send(_ event: AlexaProactiveEvent, token: String) async throws {
        var request = HTTPClientRequest(url: configuration.alexaEventsURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(event.body)))
        let response = try await http.execute(request, timeout: .seconds(20))
        let body = try await response.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(response.status.code) else {
            throw PlatformTokenError.rejected(status: Int(response.status.code),
                                              body: String(String(buffer: body).prefix(200)))
        }
    }

    /// A short, stable digest of a platform user id (keys stay short; the id itself is not logged).
    static func digest(_ value: String) -> String {
        SHA256.hash(data: Data(value.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
