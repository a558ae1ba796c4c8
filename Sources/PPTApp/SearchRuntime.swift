import Foundation
import Logging
import PPTDocuments
import PPTDomain
import PPTLLM
import PPTStorage

/// Document ingestion and search of a process: one per `Runtime`, so the in-memory full-text and vector
/// indexes are shared by every request and worker.
package struct SearchRuntime: Sendable {
    package let repository: SearchIndexRepository
    package let texts: TextIndexCache
    package let vectors: VectorIndexCache
    package let embedder: GatewayEmbedder
    package let search: DocumentSearch
    package let jobs: DocumentIndexJobs

    package init(database: any Database, blobs: BlobStore, gateway: LLMGateway, clock: any WallClock,
                 maxUploadBytes: Int, logger: Logger) {
        repository = SearchIndexRepository(database: database, blobs: blobs, clock: clock)
        texts = TextIndexCache(repository: repository, logger: logger)
        vectors = VectorIndexCache(repository: repository, logger: logger)
        embedder = GatewayEmbedder(gateway: gateway)
        search = DocumentSearch(index: repository, texts: texts, vectors: vectors, embedder: embedder, logger: logger)
        let documents = DocumentRepository(database: database, blobs: blobs, clock: clock, maxUploadBytes: maxUploadBytes)
        jobs = DocumentIndexJobs(
            indexer: DocumentIndexer(repository: repository, embedder: embedder), repository: repository,
            documents: documents, queue: JobQueue(database: database, clock: clock), clock: clock)
    }
}

/// Embeddings through the organization's LLM gateway configuration (metered, rate-limited and
/// budgeted like every other call). An organization whose LLM features are switched off gets none:
/// search then runs on full text alone.
package struct GatewayEmbedder: TextEmbedder {
    private let gateway: LLMGateway

    package init(gateway: LLMGateway) { self.gateway = gateway }

    package func embed(_ texts: [String], organizationID: OrganizationID, userID: UserID?) async throws
        -> EmbeddingBatch?
    {
        do {
            let (response, servedBy) = try await gateway.embed(organizationID: organizationID, userID: userID,
                                                               inputs: texts)
            return EmbeddingBatch(model: "\(servedBy.provider.rawValue)/\(servedBy.model)", vectors: response.vectors)
        } catch let error as DomainError where error.code == "llm.feature_disabled" {
            return nil
        }
    }
}
