import Foundation
import Logging
import PPTDomain
import PPTStorage

/// Each organization's in-memory full-text index (``TextIndex``), rebuilt when the organization's index
/// generation moves.
///
/// A small organization's index builds in milliseconds, and a search waits for it. A large one's takes
/// seconds (every chunk's text is read and split), so while it rebuilds, searches use the database's
/// full-text index (`nil` here) instead of waiting: an upload never stalls everyone's search.
package struct TextIndexCache: Sendable {
    /// Chunks up to which a search waits for the index to (re)build rather than use the database.
    package static let defaultWaitingLimit = 20_000

    private let cache: GenerationCache<TextIndex>
    private let repository: SearchIndexRepository
    private let waitingLimit: Int

    package init(repository: SearchIndexRepository, waitingLimit: Int = Self.defaultWaitingLimit,
                 logger: Logger = Logger(label: "ppt.search")) {
        self.repository = repository
        self.waitingLimit = waitingLimit
        self.cache = GenerationCache(logger: logger)
    }

    /// The organization's index at `generation` (read by the caller) or newer, or `nil` while a large
    /// organization's index rebuilds.
    package func index(organizationID: OrganizationID, generation: Int64) async throws -> TextIndex? {
        let (repository, waitingLimit) = (self.repository, self.waitingLimit)
        return try await cache.valueIfCurrent(
            key: organizationID.rawValue, generation: generation,
            wait: { previous in
                let size: Int
                if let previous { size = previous } else { size = try await repository.chunkCount(organizationID: organizationID) }
                return size <= waitingLimit ? .forLoad : .no
            },
            load: {
                let index = try await Self.build(repository, organizationID)
                return (index, index.count)
            })
    }

    /// Chunks read from the database at a time while building.
    static let pageSize = 2_000

    /// Reads the organization's access keys and chunks and builds its index.
    static func build(_ repository: SearchIndexRepository, _ organizationID: OrganizationID) async throws -> TextIndex {
        let keys = try await repository.documentAccessKeys(organizationID: organizationID)
        var builder = TextIndexBuilder(expectedChunks: try await repository.chunkCount(organizationID: organizationID))
        var last: String?
        while true {
            let page = try await repository.chunkTexts(organizationID: organizationID, after: last, limit: pageSize)
            for chunk in page { builder.add(chunk) }
            guard page.count == pageSize, let next = page.last?.chunkID else { break }
            last = next
        }
        return builder.build(accessKeys: keys)
    }
}
