import Foundation
import PPTDomain
import PPTLLM

/// The tools the assistant may use, by name, and their definitions for the model.
package struct ToolRegistry: Sendable {
    /// The tools, in the order they are offered to the model.
    package var tools: [any AssistantTool]

    /// A registry of `tools`.
    package init(tools: [any AssistantTool]) { self.tools = tools }

    /// Every built-in tool: the member's balance, faults, building, votes, meter readings, announcements,
    /// document search and fault reporting.
    package static func standard() -> ToolRegistry {
        ToolRegistry(tools: [
            MyBalanceTool(), MyFaultsTool(), BuildingInfoTool(), UpcomingVotesTool(), MeterReadingWindowsTool(),
            RecentAnnouncementsTool(), SearchDocumentsTool(), ReportFaultTool(),
        ])
    }

    /// The tool called `name`, if there is one.
    package func tool(named name: String) -> (any AssistantTool)? {
        tools.first { $0.name == name }
    }

    /// The confirmable tool called `name` (the one a proposal names), if there is one.
    package func confirmableTool(named name: String) -> (any ConfirmableTool)? {
        tool(named: name) as? any ConfirmableTool
    }

    /// The tools as the model sees them.
    package var definitions: [LLMToolDefinition] {
        tools.map { LLMToolDefinition(name: $0.name, description: $0.description, parameters: $0.parameters) }
    }
}
