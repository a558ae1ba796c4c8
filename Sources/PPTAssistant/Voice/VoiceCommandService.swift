import Foundation
import Logging
import PPTDomain
import PPTLLM
import PPTStorage

/// Voice commands: runs what a linked device asks through the assistant's tool layer as the linked
/// member (their `OrgScope`, narrowed to the unit chosen at consent), answers at voice length and logs
/// every command. The organization's flag `llm.voice_assistant` gates all of it.
package struct VoiceCommandService: Sendable {
    /// Longest spoken answer to a free-form question, in words.
    package static let questionWordLimit = 60

    let services: AssistantServices
    let gateway: LLMGateway
    let tools: ToolRegistry
    let flags: FeatureFlagRepository
    let log: VoiceCommandRepository
    let logger: Logger

    /// A service acting through `services` and the built-in tools; free-form questions go through `gateway`
    /// (feature `.voice`).
    package init(services: AssistantServices, gateway: LLMGateway, tools: ToolRegistry = .standard(),
                 flags: FeatureFlagRepository, logger: Logger) {
        self.services = services
        self.gateway = gateway
        self.tools = tools
        self.flags = flags
        self.log = VoiceCommandRepository(database: services.database, clock: services.clock)
        self.logger = logger
    }

    /// Runs `command` for the member behind `grant` (`scope` is their current membership in
    /// `grant.organizationID`) and logs it. When voice is switched off for the organization the answer
    /// says so (and nothing runs). Throws only for failures of PPT itself; what the member may not do
    /// or got wrong is answered in speech and logged as `refused`.
    package func handle(_ scope: OrgScope, grant: VoiceGrant, _ command: VoiceCommand) async throws -> VoiceReply {
        let started = ContinuousClock.now
        let outcome: VoiceOutcome
        do {
            outcome = try await run(scope, grant: grant, command)
        } catch let error as DomainError {
            outcome = VoiceOutcome.refusal(error, locale: command.locale)
        } catch {
            logger.error("voice command failed", metadata: [
                "ppt.org_id": "\(grant.organizationID.rawValue)", "ppt.voice.intent": "\(command.intent.rawValue)",
                "error": "\(String(reflecting: error))",
            ])
            outcome = VoiceOutcome.failure(locale: command.locale)
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds * 1000
            + elapsed.components.attoseconds / 1_000_000_000_000_000)
        try await log.record(outcome.record(grant: grant, command: command, latencyMilliseconds: milliseconds))
        return outcome.reply
    }

    /// What `utterance` asks for, with its slots, in `locale` (sk, cs, de, en; case and diacritics do not
    /// matter). Anything not recognized is a free-form `question` (slot `query`).
    package static func recognize(_ utterance: String, locale: AppLocale) -> VoiceCommand {
        VoiceRecognizer.recognize(utterance, locale: locale)
    }
}
