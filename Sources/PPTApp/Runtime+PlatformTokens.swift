import Foundation
import Logging
import PPTDomain
import PPTHTTP
import PPTStorage

extension Runtime {
    /// Job kind of the platform token refresh.
    package static let platformTokenRefreshKind = "voice.platform_tokens.refresh"

    /// Checks every minute whether the Alexa token expires within the refresh margin (5 minutes by
    /// default); one instance refreshes, the others find it claimed or fresh.
    package static let platformTokenRefreshTask = ScheduledTask(
        name: "platform_tokens", every: .seconds(60), jobKind: platformTokenRefreshKind)

    /// The platform token repository over this runtime's database and key ring.
    package var platformTokens: PlatformTokenRepository {
        PlatformTokenRepository(database: database, keyRing: keyRing, clock: clock)
    }

    /// The refresh job's handler and the Alexa fault notifier's handler. With no Alexa credentials
    /// configured both do nothing.
    package func platformTokenHandlers(_ configuration: PlatformTokenConfiguration) -> [any JobHandler] {
        let refresher = PlatformTokenRefresher(repository: platformTokens, configuration: configuration, clock: clock)
        let notifier = PlatformTokenAlexaNotifier(database: database, repository: platformTokens, refresher: refresher,
                                                  configuration: configuration, clock: clock)
        return [
            ClosureJobHandler(kind: Self.platformTokenRefreshKind) { _, logger in
                try await refresher.refreshIfDue(logger: logger)
            },
            notifier.handler,
        ]
    }
}
