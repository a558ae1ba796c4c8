import Foundation

/// Per-organization switches for the AI features, with platform defaults.
package enum FeatureFlag: String, Codable, Sendable, CaseIterable {
    case chat = "llm.chat_enabled"
    case documentGeneration = "llm.document_generation"
    case voiceAssistant = "llm.voice_assistant"
    case workflowAutomation = "llm.workflow_automation"

    /// The platform default when an organization has not chosen.
    package var platformDefault: Bool { true }
}

/// A flag's effective value for an organization.
package struct FeatureFlagValue: Codable, Sendable, Hashable {
    package var flag: String
    package var enabled: Bool
    /// `organization` when the org set it, `platform` for the default.
    package var source: String
    package var updatedAt: Date?
    package var updatedBy: UserID?

    /// `source` of a value the organization chose.
    package static let organizationSource = "organization"
    /// `source` of a platform default.
    package static let platformSource = "platform"

    package init(flag: String, enabled: Bool, source: String, updatedAt: Date? = nil, updatedBy: UserID? = nil) {
        self.flag = flag
        self.enabled = enabled
        self.source = source
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}
