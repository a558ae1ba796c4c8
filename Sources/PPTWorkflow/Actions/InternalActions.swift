import PPTLLM

/// The actions that act inside PPT (and the LLM step through its gateway), for the runtime's
/// `WorkflowActionRegistry`.
package enum InternalActions {
    /// `notify`, `create_fault`, `update_fault_status`, `assign_fault`, `get_fault`,
    /// `create_announcement_draft` and `llm` (over `gateway`).
    package static func all(gateway: LLMGateway) -> [any WorkflowAction] {
        [NotifyAction(), CreateFaultAction(), UpdateFaultStatusAction(), AssignFaultAction(), GetFaultAction(),
         AnnouncementDraftAction(), LLMAction(gateway: gateway)]
    }
}
