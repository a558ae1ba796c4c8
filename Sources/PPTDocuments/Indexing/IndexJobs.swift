import Foundation
import Logging
import PPTDomain
import PPTStorage

/// The job of indexing one document version.
package struct IndexJobPayload: Codable, Sendable, Hashable {
    package var organizationID: OrganizationID
    package var documentID: DocumentID
    /// The version the request was made for; an older one than the current is skipped.
    package var version: Int?
}

/// How indexing is triggered: the `document_uploaded` event (every upload and new version), a manual
/// re-index request, and a backfill scan for documents stored before search existed.
package struct DocumentIndexJobs: Sendable {
    /// Job kind of explicit requests (re-index, backfill).
    package static let kind = "documents.index"
    /// Job kind of the outbox subscriber's deliveries.
    package static let eventKind = "documents.index.event"
    /// Job kind of the backfill scan.
    package static let backfillKind = "documents.index.backfill"

    /// Subscribes the indexer to uploads.
    package static let subscriber = OutboxSubscriber(name: "search-index", eventTypes: [.documentUploaded],
                                                     jobKind: eventKind)

    private let indexer: DocumentIndexer
    private let repository: SearchIndexRepository
    private let documents: DocumentRepository
    private let queue: JobQueue
    private let clock: any WallClock

    package init(indexer: DocumentIndexer, repository: SearchIndexRepository, documents: DocumentRepository,
                 queue: JobQueue, clock: any WallClock = SystemWallClock()) {
        self.clock = clock
        self.indexer = indexer
        self.repository = repository
        self.documents = documents
        self.queue = queue
    }

    /// Queues a fresh indexing of a document the user may read (by its uploader or a document manager);
    /// its current chunks stay searchable until the new ones replace them.
    package func requestReindex(_ scope: OrgScope, documentID: DocumentID) async throws -> DocumentIndexStatus {
        let document = try await documents.document(scope, id: documentID)
        guard scope.can(.documentsManage) || (scope.userID == document.uploadedBy && scope.can(.documentsUpload)) else {
            throw DomainError.forbidden("Only the uploader or a document manager may re-index this document.")
        }
        try await repository.markQueued(organizationID: scope.organizationID, documentID: documentID,
                                        version: document.currentVersion)
        let payload = IndexJobPayload(organizationID: scope.organizationID, documentID: documentID,
                                      version: document.currentVersion)
        try await queue.enqueue(JobRequest(kind: Self.kind, payload: jsonText(payload), priority: 1, maxAttempts: 5,
                                           idempotencyKey: "reindex:\(documentID.rawValue):\(UUID().uuidString)"))
        return try await repository.status(scope, documentID: documentID)
    }

    /// The worker handlers: events, explicit requests and the backfill scan.
    package var handlers: [any JobHandler] {
        let (indexer, repository, queue, clock) = (self.indexer, self.repository, self.queue, self.clock)
        return [
            ClosureJobHandler(kind: Self.eventKind) { job, logger in
                let delivery = try JSONDecoder().decode(OutboxDelivery.self, from: Data(job.payload.utf8))
                var version: Int?
                if case .number(let number)? = delivery.payload["version"] { version = Int(exactly: number) }
                _ = try await indexer.index(
                    organizationID: OrganizationID(trusted: delivery.organizationID),
                    documentID: DocumentID(trusted: delivery.aggregateID), version: version, logger: logger)
            },
            ClosureJobHandler(kind: Self.kind) { job, logger in
                let payload = try JSONDecoder().decode(IndexJobPayload.self, from: Data(job.payload.utf8))
                _ = try await indexer.index(organizationID: payload.organizationID, documentID: payload.documentID,
                                            version: payload.version, logger: logger)
            },
            ClosureJobHandler(kind: Self.backfillKind) { _, logger in
                let waiting = try await repository.documentsNeedingIndex(staleBefore: clock.now().addingTimeInterval(-3600))
                var queued = 0
                for (organizationID, documentID, version) in waiting {
                    let payload = IndexJobPayload(organizationID: organizationID, documentID: documentID, version: version)
                    if try await queue.enqueue(JobRequest(
                        kind: Self.kind, payload: jsonText(payload), maxAttempts: 5,
                        idempotencyKey: "backfill:\(documentID.rawValue):\(version)")) { queued += 1 }
                }
                if queued > 0 { logger.info("search backfill queued documents", metadata: ["ppt.count": "\(queued)"]) }
            },
        ]
    }

    /// The backfill scan's schedule.
    package static func backfillTask(every interval: Duration = .seconds(600)) -> ScheduledTask {
        ScheduledTask(name: "search_backfill", every: interval, jobKind: backfillKind)
    }
}
