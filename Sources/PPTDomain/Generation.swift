import Foundation

/// A persisted document-generation request (a lease, a listing description, a summary, announcement
/// drafts): what was asked, who answered with which model at what cost, and what came out. Generated
/// text is a draft until a person finalizes it.
package typealias GenerationID = Identifier<GenerationRecord>

/// What a generation produces.
package enum GenerationKind: String, Codable, Sendable, CaseIterable {
    case lease
    case listingDescription = "listing_description"
    case summary
    case announcementDrafts = "announcement_drafts"
}

/// Where a generation stands.
package enum GenerationStatus: String, Codable, Sendable, CaseIterable {
    /// Produced and waiting for a person: a draft.
    case draft
    /// A person accepted it (a finalized lease, a published description, a chosen announcement draft).
    case finalized
    /// The model's output failed validation twice, the provider failed, or the input was refused.
    case failed
}

/// The model usage of a generation, summed over its calls (zero when the built-in provider answered
/// from templates without a model call).
package struct GenerationUsage: Codable, Sendable, Hashable {
    /// Provider that served (the last call's), `builtin` for the offline provider.
    package var provider: String?
    /// Model that served.
    package var model: String?
    /// Model calls made (retries of invalid output included).
    package var calls: Int
    package var inputTokens: Int
    package var outputTokens: Int
    /// Cost in millionths of the organization's budget currency.
    package var costMicros: Int64

    package init(provider: String? = nil, model: String? = nil, calls: Int = 0, inputTokens: Int = 0,
                 outputTokens: Int = 0, costMicros: Int64 = 0) {
        self.provider = provider
        self.model = model
        self.calls = calls
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costMicros = costMicros
    }

    /// Adds another call's usage; the latest provider and model win.
    package mutating func add(_ other: GenerationUsage) {
        provider = other.provider ?? provider
        model = other.model ?? model
        calls += other.calls
        inputTokens += other.inputTokens
        outputTokens += other.outputTokens
        costMicros += other.costMicros
    }
}

/// One generation request as stored.
package struct GenerationRecord: Codable, Sendable, Hashable {
    package var id: GenerationID
    package var organizationID: OrganizationID
    package var kind: GenerationKind
    /// What it is about, as `type:id` (`lease:…`, `listing:…`, `document:…@v3`), or `nil`.
    package var subject: String?
    /// The request as given (validated input, never secrets).
    package var inputs: JSONValue
    package var usage: GenerationUsage
    /// Wall time of the whole request in milliseconds.
    package var latencyMs: Int
    package var status: GenerationStatus
    /// The generated result (kind-specific JSON), `nil` when it failed.
    package var result: JSONValue?
    /// A stable error code when it failed (`generation.invalid_output`, `llm.…`, `validation`).
    package var errorCode: String?
    package var errorMessage: String?
    package var createdBy: UserID
    package var createdAt: Date
    package var finalizedBy: UserID?
    package var finalizedAt: Date?
    /// What finalizing produced (`document:…`, `announcement:…`, `listing:…`).
    package var finalizedAs: String?

    package init(id: GenerationID = GenerationID(), organizationID: OrganizationID, kind: GenerationKind,
                 subject: String?, inputs: JSONValue, usage: GenerationUsage, latencyMs: Int,
                 status: GenerationStatus, result: JSONValue?, errorCode: String? = nil,
                 errorMessage: String? = nil, createdBy: UserID, createdAt: Date, finalizedBy: UserID? = nil,
                 finalizedAt: Date? = nil, finalizedAs: String? = nil) {
        self.id = id
        self.organizationID = organizationID
        self.kind = kind
        self.subject = subject
        self.inputs = inputs
        self.usage = usage
        self.latencyMs = latencyMs
        self.status = status
        self.result = result
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.finalizedBy = finalizedBy
        self.finalizedAt = finalizedAt
        self.finalizedAs = finalizedAs
    }
}

/// Filters for listing generations.
package struct GenerationFilter: Sendable, Hashable {
    package var kind: GenerationKind?
    package var status: GenerationStatus?
    package var subject: String?

    package init(kind: GenerationKind? = nil, status: GenerationStatus? = nil, subject: String? = nil) {
        self.kind = kind
        self.status = status
        self.subject = subject
    }
}
