/// Everything a role may do, in one place (DESIGN §4). Handlers ask `OrgScope.require(_:)`;
/// repositories narrow reads for resident-like roles through `OrgScope.unitFilter`.
package enum Permission: String, Sendable, CaseIterable, Codable {
    case organizationRead, organizationManage
    case membersRead, membersManage
    case buildingsRead, buildingsManage
    case unitsRead, unitsManage
    case residentsRead, residentsManage
    case faultsReport, faultsReadAll, faultsWork, faultsManage
    case announcementsRead, announcementsManage
    case documentsRead, documentsUpload, documentsManage
    case votesRead, votesManage, votesRespond
    case financeReadAll, financeReadOwn, financeManage
    case metersReadAll, metersSubmitOwn, metersManage
    case leasesRead, leasesManage
    case listingsRead, listingsManage
    case inquiriesRead
    case featureFlagsRead, featureFlagsManage
    /// Call models directly through the gateway; read the organization's LLM usage; configure it.
    case llmUse, llmUsageRead, llmManage
    /// Chat with the assistant (in one's own sessions); read the organization's answer feedback.
    case assistantUse, assistantFeedbackRead
    /// Read every member's document-generation requests (members always see their own).
    case generationsRead
    /// Read workflows, their runs and traces; create, edit, run, cancel and retry them (templates too).
    case workflowsRead, workflowsManage
    /// Read the organization's captured and sent workflow e-mail (the mailbox).
    case mailboxRead
}

extension Role {
    /// The permission matrix. Resident-like roles see only their own units' data even where a
    /// permission is shared (enforced by `OrgScope.unitFilter` in the repositories).
    package var permissions: Set<Permission> {
        switch self {
        case .admin:
            return Set(Permission.allCases)
        case .manager:
            return Set(Permission.allCases).subtracting([.organizationManage, .membersManage, .featureFlagsManage, .llmManage])
        case .technician:
            return [.organizationRead, .buildingsRead, .unitsRead, .faultsReport, .faultsReadAll, .faultsWork,
                    .announcementsRead, .documentsRead, .metersReadAll, .featureFlagsRead, .assistantUse]
        case .owner:
            return [.organizationRead, .buildingsRead, .unitsRead, .residentsRead, .faultsReport,
                    .announcementsRead, .documentsRead, .votesRead, .votesRespond, .financeReadOwn,
                    .metersSubmitOwn, .leasesRead, .featureFlagsRead, .assistantUse]
        case .tenant:
            return [.organizationRead, .buildingsRead, .unitsRead, .faultsReport, .announcementsRead,
                    .documentsRead, .votesRead, .financeReadOwn, .metersSubmitOwn, .leasesRead,
                    .featureFlagsRead, .assistantUse]
        case .resident:
            return [.organizationRead, .buildingsRead, .unitsRead, .faultsReport, .announcementsRead,
                    .documentsRead, .votesRead, .featureFlagsRead, .assistantUse]
        case .realtor:
            return [.organizationRead, .buildingsRead, .unitsRead, .listingsRead, .listingsManage,
                    .inquiriesRead, .documentsRead, .featureFlagsRead, .assistantUse]
        }
    }
}
