import Foundation
import PPTDomain
import PPTStorage
import Testing
@testable import PPTWorkflow

/// Shared setup for the `http` action tests: a migrated database with an organization, its
/// allow-list repository and the action, plus helpers to call it as a run would.
struct HTTPActionHarness: Sendable {
    let database: any Database
    let fixture: Fixture
    let allowlist: HTTPAllowlistRepository
    let action: HTTPAction

    /// Runs `body` with a fresh harness on `dialect`.
    static func with(_ dialect: DatabaseDialect, _ body: @escaping @Sendable (HTTPActionHarness) async throws -> Void)
        async throws
    {
        try await TestDatabase.with(dialect) { database in
            let fixture = try await Fixture.make(database)
            let allowlist = HTTPAllowlistRepository(database: database, keyRing: KeyRing.generate())
            try await body(HTTPActionHarness(database: database, fixture: fixture, allowlist: allowlist,
                                             action: HTTPAction(allowlist: allowlist)))
        }
    }

    /// Replaces the organization's allow-list.
    func allow(_ hosts: String...) async throws {
        _ = try await allowlist.replace(fixture.admin, hosts: hosts)
    }

    /// The call a run makes for step `call` with `input`.
    func call(_ input: [String: JSONValue], key: String = "run-1:call:1") -> ActionCall {
        ActionCall(input: input, scope: fixture.admin, runID: "run-1", workflowID: "wf-1", stepID: "call", attempt: 1,
                   idempotencyKey: key, now: Date(), sql: nil)
    }

    /// Performs the action and returns its failure; records an issue when it succeeds.
    func failure(_ input: [String: JSONValue]) async throws -> ActionFailure? {
        do {
            let output = try await action.perform(call(input))
            Issue.record("expected a failure, got \(output)")
            return nil
        } catch let failure as ActionFailure {
            return failure
        }
    }
}

/// The value at `path` inside nested JSON objects.
func member(_ value: JSONValue?, _ path: String...) -> JSONValue? {
    var current = value
    for key in path {
        guard case .object(let object)? = current else { return nil }
        current = object[key]
    }
    return current
}
