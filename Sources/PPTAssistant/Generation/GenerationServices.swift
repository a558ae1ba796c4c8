import Foundation
import PPTDocuments
import PPTDomain
import PPTLLM
import PPTStorage

/// Document generation as one value for the composition root and the HTTP layer: the shared
/// engine and request records, and one service per kind of document.
package struct GenerationServices: Sendable {
    /// The flag, plan, metered model calls and request records every generation uses.
    package let engine: GenerationEngine
    /// Stored generation requests.
    package let generations: GenerationRepository

    package init(database: any Database, blobs: BlobStore, clock: any WallClock, gateway: LLMGateway,
                 flags: FeatureFlagRepository, search: DocumentSearch) {
        generations = GenerationRepository(database: database, clock: clock)
        engine = GenerationEngine(gateway: gateway, flags: flags, generations: generations, clock: clock)
    }
}
