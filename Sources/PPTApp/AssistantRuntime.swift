import Foundation
import Logging
import PPTAssistant
import PPTDomain
import PPTHTTP
import PPTLLM
import PPTStorage

/// The assistant of a process: one chat service (it tracks the answers this process generates).
package struct AssistantRuntime: Sendable {
    package let chats: ChatRepository
    package let chat: ChatService
    /// Document generation.
    package let generation: GenerationServices
    /// Voice commands.
    package let voice: VoiceCommandService

    package init(database: any Database, blobs: BlobStore, clock: any WallClock, gateway: LLMGateway,
                 search: SearchRuntime, logger: Logger) {
        chats = ChatRepository(database: database, clock: clock)
        chat = ChatService(
            chats: chats, gateway: gateway,
            services: AssistantServices(database: database, blobs: blobs, clock: clock, search: search.search),
            tools: ToolRegistry.standard(), flags: FeatureFlagRepository(database: database, clock: clock),
            logger: logger)
        generation = GenerationServices(database: database, blobs: blobs, clock: clock, gateway: gateway,
                                        flags: FeatureFlagRepository(database: database, clock: clock),
                                        search: search.search)
        voice = VoiceCommandService(
            services: AssistantServices(database: database, blobs: blobs, clock: clock, search: search.search),
            gateway: gateway, flags: FeatureFlagRepository(database: database, clock: clock), logger: logger)
    }

    /// What the HTTP layer needs.
    package var httpServices: AssistantHTTPServices { AssistantHTTPServices(chat: chat, chats: chats, generation: generation, voice: voice) }

    /// Marks answers whose generating process died (no heartbeat for two minutes) as failed.
    package static func abandonedAnswersTask() -> ScheduledTask {
        ScheduledTask(name: "chat_abandoned", every: .seconds(60), jobKind: "maintenance.chat_abandoned")
    }
}
