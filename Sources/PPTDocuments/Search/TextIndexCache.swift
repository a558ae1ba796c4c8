import Foundation
import Logging
import PPTDomain
import PPTStorage

/// Each organization's in-memory full-text index (``TextIndex``), brought up to date when the
/// organization's index generation moves.
///
/// A change is applied to the previous index by re-reading the changed documents only. A whole build
/// (at start, or when the record of changes does not reach back) of a small organization takes
/// milliseconds, and a search waits for it; a large one's takes seconds (every chunk's text is read
/// and split), so meanwhile searches use the database's full-text index (`nil` here) instead of
/// waiting: an upload never stalls everyone's search.
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
                // An update of the previous index takes tens of milliseconds; a whole build of a large one, seconds.
                if let previous {
                    if previous.size <= waitingLimit { return .forLoad }
                    let changed = try await Self.documentsToUpdate(
                        repository, organizationID, after: previous.generation, through: generation)
                    return changed == nil ? .no : .forLoad
                }
                return try await repository.chunkCount(organizationID: organizationID) <= waitingLimit ? .forLoad : .no
            },
            load: { previous in
                let index = try await Self.load(repository, organizationID, generation: generation, previous: previous)
                return (index, index.count)
            })
    }

    /// Changed documents up to which the previous index is updated rather than rebuilt whole.
    static let updateLimit = 1_000

    /// The previous index brought up to `generation` by re-reading only the documents changed since
    /// (tens of milliseconds at 100k chunks, where a whole build takes seconds), or a whole build when
    /// there is no previous index, the record of changes does not reach back to it, or more than
    /// `updateLimit` documents changed.
    static func load(_ repository: SearchIndexRepository, _ organizationID: OrganizationID, generation: Int64,
                     previous: GenerationCache<TextIndex>.Previous?) async throws -> TextIndex {
        guard let previous,
              let documents = try await documentsToUpdate(repository, organizationID, after: previous.generation,
                                                          through: generation)
        else { return try await build(repository, organizationID) }
        let keys = try await repository.documentAccessKeys(organizationID: organizationID, documents: documents)
        let chunks = try await repository.chunkTexts(organizationID: organizationID, documents: documents)
        return previous.value.replacing(documents: Set(documents), with: chunks, accessKeys: keys)
    }

    /// The documents changed after generation `after` through `through`, in id order, when an index of
    /// `after` can be updated with them; `nil` when it needs a whole build (the record of changes does
    /// not reach back, or more than `updateLimit` documents changed). The text and the vector indexes
    /// both decide this way.
    static func documentsToUpdate(_ repository: SearchIndexRepository, _ organizationID: OrganizationID,
                                  after: Int64, through: Int64) async throws -> [DocumentID]? {
        guard let changed = try await repository.changedDocuments(organizationID: organizationID, after: after,
                                                                  through: through),
              changed.count <= updateLimit
        else { return nil }
        return changed.sorted { $0.rawValue < $1.rawValue }
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
