import PPTDomain

/// Embeddings of texts for an organization. PPTDocuments does not know about LLM providers: the
/// application supplies this, backed by the organization's LLM gateway configuration.
package protocol TextEmbedder: Sendable {
    /// Vectors for `texts`, in order, with the model that produced them; `nil` when the organization's
    /// provider offers no embeddings (search then runs on full text alone).
    func embed(_ texts: [String], organizationID: OrganizationID, userID: UserID?) async throws -> EmbeddingBatch?
}

/// Vectors of one model.
package struct EmbeddingBatch: Sendable {
    package var model: String
    package var vectors: [[Float]]

    package init(model: String, vectors: [[Float]]) {
        self.model = model
        self.vectors = vectors
    }
}
