import Foundation
import PPTDocuments
import PPTDomain
import PPTStorage

/// The storage and search a tool acts through; repositories are cheap value types made on demand.
package struct AssistantServices: Sendable {
    package let database: any Database
    package let blobs: BlobStore
    package let clock: any WallClock
    package let search: DocumentSearch

    package init(database: any Database, blobs: BlobStore, clock: any WallClock, search: DocumentSearch) {
        self.database = database
        self.blobs = blobs
        self.clock = clock
        self.search = search
    }
}

/// Who is asking and in which language: every tool runs with the asking member's permissions
/// (their `OrgScope`), never more (DESIGN §4).
package struct ToolContext: Sendable {
    package let scope: OrgScope
    /// The language answers are written in.
    package let locale: AppLocale
    package let services: AssistantServices

    package init(scope: OrgScope, locale: AppLocale, services: AssistantServices) {
        self.scope = scope
        self.locale = locale
        self.services = services
    }
}

/// A passage a tool found, to be cited as a numbered source.
package struct ToolSource: Codable, Sendable, Hashable {
    package var hit: SearchHit

    package init(hit: SearchHit) { self.hit = hit }
}

/// What a tool returns.
package struct ToolOutput: Sendable {
    /// A short answer in the user's language, usable as it is (the built-in provider and the voice
    /// assistant speak it; other models get it with `data`).
    package var summary: String
    /// The facts, structured, for the model.
    package var data: JSONValue
    /// Passages found (document search), cited as sources.
    package var sources: [SearchHit]
    /// For side-effecting tools: what would be done, waiting for the user's confirmation.
    package var proposal: ToolProposal?

    package init(summary: String, data: JSONValue, sources: [SearchHit] = [], proposal: ToolProposal? = nil) {
        self.summary = summary
        self.data = data
        self.sources = sources
        self.proposal = proposal
    }
}

/// An action a tool proposes instead of doing it (e.g. reporting a fault): the API shows it, and it
/// is carried out only when the user confirms.
package struct ToolProposal: Codable, Sendable, Hashable {
    /// The tool that will act on confirmation.
    package var tool: String
    /// Its validated input.
    package var arguments: JSONValue
    /// What will happen, in the user's language.
    package var description: String

    package init(tool: String, arguments: JSONValue, description: String) {
        self.tool = tool
        self.arguments = arguments
        self.description = description
    }
}

/// A capability the assistant (chat and voice) may use on the asking member's behalf.
package protocol AssistantTool: Sendable {
    /// Function name the model calls (`snake_case`).
    var name: String { get }
    /// What it does, for the model, in English.
    var description: String { get }
    /// JSON Schema of its arguments (an object).
    var parameters: JSONValue { get }
    /// Runs it. Side-effecting tools return a `proposal` and change nothing here.
    /// Throws `DomainError` for invalid arguments or what the member may not see.
    func run(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolOutput
}

/// A side-effecting tool: `run` proposes, `perform` acts once the user has confirmed.
package protocol ConfirmableTool: AssistantTool {
    /// Carries out a confirmed proposal; returns what was done.
    func perform(_ proposal: ToolProposal, context: ToolContext) async throws -> ToolOutput
}
