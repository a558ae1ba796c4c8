import Foundation
import PPTDomain
import PPTStorage
import SQLKit

/// Compiled programs by (workflow, version). Versions are immutable, so an entry never goes stale;
/// the cache only bounds its size.
package actor ProgramCache {
    /// A compiled version and its author (runs act as the author).
    package struct Entry: Sendable {
        package let program: WorkflowProgram
        package let author: UserID
    }

    private var entries: [String: Entry] = [:]
    private let capacity: Int

    package init(capacity: Int = 2000) { self.capacity = capacity }

    /// The compiled version, loading it through `sql` when not cached.
    package func entry(_ sql: any SQLDatabase, workflowID: WorkflowID, version: Int) async throws -> Entry {
        let key = "\(workflowID.rawValue):\(version)"
        if let entry = entries[key] { return entry }
        guard let record = try await WorkflowRepository.version(sql, workflowID, version) else {
            throw DomainError.notFound("workflow_version")
        }
        let entry = Entry(program: try WorkflowProgram(try WorkflowDefinitionReader.read(record.definition)),
                          author: record.createdBy)
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = entry
        return entry
    }
}

/// The acting scopes of workflow authors, kept for a few seconds: a burst of runs of one workflow
/// reads the author's membership once, while a role change still applies within seconds.
actor ScopeCache {
    private var entries: [String: (scope: OrgScope?, until: Date)] = [:]
    private let lifetime: TimeInterval = 5

    func scope(_ sql: any SQLDatabase, userID: UserID, organizationID: OrganizationID, today: CalendarDate,
               now: Date) async throws -> OrgScope? {
        let key = "\(organizationID.rawValue):\(userID.rawValue):\(today.description)"
        if let entry = entries[key], entry.until > now { return entry.scope }
        let scope = try await AccountRepository.scope(sql, userID: userID, organizationID: organizationID, today: today)
        if entries.count > 1000 { entries.removeAll(keepingCapacity: true) }
        entries[key] = (scope, now.addingTimeInterval(lifetime))
        return scope
    }
}
