import Foundation
import PPTDomain
import SQLKit

/// Stored generation requests. Members see their own; `generationsRead` sees the organization's.
/// Each feature checks its own permission before it generates (leases `leasesManage`, listings
/// `listingsManage`, summaries read access to the document, announcements `announcementsManage`).
package struct GenerationRepository: Sendable {
    let database: any Database
    let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// Stores a new request as it ended (a draft with its result, or failed).
    package func insert(_ scope: OrgScope, _ record: GenerationRecord) async throws {
        guard record.organizationID == scope.organizationID else { throw DomainError.notFound("generation") }
        try await database.write { sql in try await Self.insert(sql, record) }
    }

    /// Inserts `record` on `sql` (inside a caller's transaction).
    package static func insert(_ sql: any SQLDatabase, _ record: GenerationRecord) async throws {
        try await sql.raw("""
            INSERT INTO generations (id, org_id, kind, subject, inputs, provider, model, calls, input_tokens,
              output_tokens, cost_micros, latency_ms, status, result, error_code, error_message, created_by,
              created_at, finalized_by, finalized_at, finalized_as)
            VALUES (\(bind: record.id.rawValue), \(bind: record.organizationID.rawValue),
              \(bind: record.kind.rawValue), \(bind: record.subject), \(bind: jsonText(record.inputs)),
              \(bind: record.usage.provider), \(bind: record.usage.model), \(bind: record.usage.calls),
              \(bind: record.usage.inputTokens), \(bind: record.usage.outputTokens), \(bind: record.usage.costMicros),
              \(bind: record.latencyMs), \(bind: record.status.rawValue), \(bind: record.result.map(jsonText)),
              \(bind: record.errorCode), \(bind: record.errorMessage), \(bind: record.createdBy.rawValue),
              \(bind: record.createdAt), \(bind: record.finalizedBy?.rawValue), \(bind: record.finalizedAt),
              \(bind: record.finalizedAs))
            """).run()
    }

    /// One request: the member's own, or any with `generationsRead`.
    package func generation(_ scope: OrgScope, id: GenerationID) async throws -> GenerationRecord {
        try await database.read { sql in try await Self.visible(sql, scope, id) }
    }

    /// Requests, newest first.
    package func generations(_ scope: OrgScope, filter: GenerationFilter = GenerationFilter(), page: PageRequest)
        async throws -> Page<GenerationRecord>
    {
        try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM generations WHERE org_id = \(bind: scope.organizationID.rawValue)"
            if !scope.can(.generationsRead) { q += " AND created_by = \(bind: scope.userID.rawValue)" }
            if let kind = filter.kind { q += " AND kind = \(bind: kind.rawValue)" }
            if let status = filter.status { q += " AND status = \(bind: status.rawValue)" }
            if let subject = filter.subject { q += " AND subject = \(bind: subject)" }
            q += Paging.after(sql, page, timeColumn: "created_at")
            q += Paging.order(sql, page, timeColumn: "created_at")
            let rows = try await sql.raw(q).all().map(Self.record)
            return Paging.page(rows, page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// Replaces a draft's result (an edit by a person); finalized and failed requests are read-only.
    package func updateDraft(_ scope: OrgScope, id: GenerationID, result: JSONValue) async throws -> GenerationRecord {
        try await database.write { sql in
            var record = try await Self.visible(sql, scope, id)
            guard record.status == .draft else {
                throw DomainError.invalidTransition("generation", from: record.status.rawValue, to: "edited")
            }
            try await sql.raw("""
                UPDATE generations SET result = \(bind: jsonText(result)) WHERE id = \(bind: id.rawValue)
                """).run()
            record.result = result
            return record
        }
    }

    /// Marks a draft finalized as `finalizedAs` (`document:…`, `announcement:…`) inside the caller's
    /// transaction, so the finalized artefact and the mark land together. A second finalize is a conflict.
    package static func finalize(_ sql: any SQLDatabase, _ scope: OrgScope, id: GenerationID, as finalizedAs: String,
                                 result: JSONValue? = nil, at now: Date) async throws -> GenerationRecord {
        var record = try await visible(sql, scope, id)
        guard record.status == .draft else {
            throw DomainError.invalidTransition("generation", from: record.status.rawValue, to: "finalized")
        }
        let finalResult = result ?? record.result
        // Conditional on the status, so that of two concurrent finalizations exactly one wins.
        let claimed = try await sql.raw("""
            UPDATE generations SET status = 'finalized', finalized_by = \(bind: scope.userID.rawValue),
              finalized_at = \(bind: now), finalized_as = \(bind: finalizedAs),
              result = \(bind: finalResult.map(jsonText)) WHERE id = \(bind: id.rawValue) AND status = 'draft'
            RETURNING id
            """).first()
        guard claimed != nil else {
            throw DomainError.invalidTransition("generation", from: GenerationStatus.finalized.rawValue, to: "finalized")
        }
        record.status = .finalized
        record.finalizedBy = scope.userID
        record.finalizedAt = now
        record.finalizedAs = finalizedAs
        record.result = finalResult
        return record
    }

    /// The request if `scope` may see it, else `notFound`.
    package static func visible(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: GenerationID) async throws
        -> GenerationRecord
    {
        guard let row = try await sql.raw("""
            SELECT * FROM generations WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """).first() else { throw DomainError.notFound("generation") }
        let record = try record(row)
        guard record.createdBy == scope.userID || scope.can(.generationsRead) else {
            throw DomainError.notFound("generation")
        }
        return record
    }

    static func record(_ r: any SQLRow) throws -> GenerationRecord {
        GenerationRecord(
            id: try r.id("id"), organizationID: try r.id("org_id"), kind: try r.enumValue("kind"),
            subject: try r.optionalString("subject"), inputs: try r.json("inputs"),
            usage: GenerationUsage(provider: try r.optionalString("provider"), model: try r.optionalString("model"),
                                   calls: try r.int("calls"), inputTokens: try r.int("input_tokens"),
                                   outputTokens: try r.int("output_tokens"), costMicros: try r.int64("cost_micros")),
            latencyMs: try r.int("latency_ms"), status: try r.enumValue("status"),
            result: try r.optionalString("result").map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) },
            errorCode: try r.optionalString("error_code"), errorMessage: try r.optionalString("error_message"),
            createdBy: try r.id("created_by"), createdAt: try r.date("created_at"),
            finalizedBy: try r.optionalID("finalized_by"), finalizedAt: try r.optionalDate("finalized_at"),
            finalizedAs: try r.optionalString("finalized_as"))
    }
}
