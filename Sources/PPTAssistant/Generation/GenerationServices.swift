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
    /// Document summaries (issue #7 item 3).
    package let summaries: DocumentSummaryService
    /// Announcement drafts from scenario templates (issue #7 item 4).
    package let announcementDrafts: AnnouncementDraftService
    /// Listing titles and descriptions within portal limits (issue #7 item 2).
    package let listingDescriptions: ListingDescriptionService
    /// Flat leases under SK/CZ law from the clause library (issue #7 item 1).
    package let leases: LeaseGenerationService

    package init(database: any Database, blobs: BlobStore, clock: any WallClock, gateway: LLMGateway,
                 flags: FeatureFlagRepository, search: DocumentSearch) {
        generations = GenerationRepository(database: database, clock: clock)
        engine = GenerationEngine(gateway: gateway, flags: flags, generations: generations, clock: clock)
        summaries = DocumentSummaryService(engine: engine, database: database, blobs: blobs, clock: clock)
        announcementDrafts = AnnouncementDraftService(engine: engine, database: database, clock: clock)
        listingDescriptions = ListingDescriptionService(database: database, clock: clock, engine: engine)
        leases = LeaseGenerationService(engine: engine, database: database, blobs: blobs, clock: clock)
    }
}
