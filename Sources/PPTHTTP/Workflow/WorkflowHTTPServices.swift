import PPTStorage
import PPTWorkflow

/// What the workflow endpoints need: the engine's service (definitions, runs, dry runs), e-mail
/// configuration for the mailbox, and the HTTP action's allow-list.
package struct WorkflowHTTPServices: Sendable {
    /// Definitions, runs, dry runs and the action catalogue.
    package let service: WorkflowService
    /// The organization templates' store.
    package let templates: WorkflowTemplateRepository
    /// The organization's captured and sent e-mail.
    package let mail: MailRepository
    /// The HTTP action's per-organization allow-list and signing secret.
    package let allowlist: HTTPAllowlistRepository

    package init(service: WorkflowService, templates: WorkflowTemplateRepository, mail: MailRepository,
                 allowlist: HTTPAllowlistRepository) {
        self.service = service
        self.templates = templates
        self.mail = mail
        self.allowlist = allowlist
    }
}
