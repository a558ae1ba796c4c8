import Foundation
import Logging
import PPTDomain
import PPTHTTP
import PPTLLM
import PPTStorage
import PPTWorkflow

/// The workflow engine of a process: its actions, runner, triggers and the API's service.
package struct WorkflowRuntime: Sendable {
    /// Every action a workflow step can use.
    package let actions: WorkflowActionRegistry
    /// Advances runs.
    package let runner: WorkflowRunner
    /// Event, schedule, continuation and pruning jobs.
    package let triggers: WorkflowTriggers
    /// What the API uses.
    package let service: WorkflowService
    /// Workflow e-mail.
    package let mail: MailRepository
    /// The HTTP action's allow-list.
    package let allowlist: HTTPAllowlistRepository
    private let mailConfiguration: MailConfiguration
    private let database: any Database
    private let clock: any WallClock

    package init(configuration: AppConfiguration, database: any Database, keyRing: KeyRing, clock: any WallClock,
                 gateway: LLMGateway, logger: Logger) {
        self.database = database
        self.clock = clock
        mailConfiguration = configuration.mail
        mail = MailRepository(database: database, clock: clock)
        allowlist = HTTPAllowlistRepository(database: database, keyRing: keyRing, clock: clock)
        actions = WorkflowActionRegistry(
            InternalActions.all(gateway: gateway)
                + [EmailAction(configuration: configuration.mail), HTTPAction(allowlist: allowlist)])
        let programs = ProgramCache()
        let flags = FeatureFlagRepository(database: database, clock: clock)
        runner = WorkflowRunner(database: database, clock: clock, actions: actions, programs: programs,
                                timeZone: configuration.timeZone, logger: logger)
        triggers = WorkflowTriggers(database: database, clock: clock, runner: runner, programs: programs, flags: flags,
                                    timeZone: configuration.timeZone, retention: configuration.workflowRetention)
        service = WorkflowService(database: database, clock: clock, actions: actions, programs: programs, flags: flags,
                                  timeZone: configuration.timeZone)
    }

    /// Job handlers: the engine's and the mail delivery.
    package var handlers: [any JobHandler] {
        triggers.handlers + [MailDeliveryJob(mail: mail, configuration: mailConfiguration)]
    }

    /// What the HTTP layer needs.
    package var httpServices: WorkflowHTTPServices {
        WorkflowHTTPServices(service: service, templates: WorkflowTemplateRepository(database: database, clock: clock),
                             mail: mail, allowlist: allowlist)
    }
}
