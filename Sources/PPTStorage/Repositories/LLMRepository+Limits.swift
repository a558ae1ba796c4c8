import Foundation
import PPTDomain
import SQLKit

/// The counters the gateway checks and feeds on every call: per-minute rate windows, the monthly
/// spend and the budget thresholds. They live in the database, so every instance shares them.
extension LLMRepository {
    /// The rate-window key of the whole organization.
    static func organizationWindow(_ org: OrganizationID) -> String { "org:\(org.rawValue)" }

    /// The rate-window key of one user of the organization.
    static func userWindow(_ org: OrganizationID, _ user: UserID) -> String { "user:\(org.rawValue):\(user.rawValue)" }

    /// The epoch minute of `date`: `floor(unix seconds / 60)`.
    static func epochMinute(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / 60).rounded(.down)) }

    /// Windows older than this many minutes are deleted when a scope opens a new one.
    static let windowRetentionMinutes: Int64 = 10

    /// Throws `DomainError.llmBudgetExhausted` (retry at the start of the next UTC month) when the
    /// budget has a hard stop and this month's spend has reached the limit.
    package func checkBudget(organizationID: OrganizationID, settings: LLMSettings, now: Date) async throws {
        guard let budget = settings.budget, budget.hardStop else { return }
        let month = Self.month(of: now)
        let spend = try await database.read { sql in try await Self.monthlySpend(sql, organizationID, month) }
        guard let spend, spend.currency == budget.monthlyLimit.currency, spend.micros >= Self.limitMicros(budget)
        else { return }
        let seconds = Self.startOfNextMonth(after: now).timeIntervalSince(now)
        throw DomainError.llmBudgetExhausted(retryAfterSeconds: max(1, Int(seconds.rounded(.up))))
    }

    /// Counts one request in the current minute's windows of the organization (and of the user when
    /// a per-user limit is set). When a limit is reached nothing is counted and
    /// `DomainError.llmRateLimited` (scope `organization`, `token` or `user`) says when the next
    /// minute starts. Safe under concurrency across instances: each window row is incremented
    /// atomically and a refused request's increments are rolled back.
    package func admit(organizationID: OrganizationID, userID: UserID?, limits: LLMRateLimits, now: Date) async throws {
        guard !limits.isEmpty else { return }
        let minute = Self.epochMinute(now)
        let nextMinute = Date(timeIntervalSince1970: Double(minute + 1) * 60)
        let retryAfter = min(60, max(1, Int(nextMinute.timeIntervalSince(now).rounded(.up))))
        let orgKey = Self.organizationWindow(organizationID)
        let userKey: String? =
            if limits.userRequestsPerMinute != nil, let userID { Self.userWindow(organizationID, userID) } else { nil }
        // Read committed: the upserts lock their rows, so concurrent admits queue on them instead of
        // failing to serialize; throwing rolls the increments back.
        try await database.write(isolation: .readCommitted) { sql in
            let org = try await Self.countRequest(sql, orgKey, minute)
            if let max = limits.requestsPerMinute, org.requests > max {
                throw DomainError.llmRateLimited(scope: "organization", retryAfterSeconds: retryAfter)
            }
            if let max = limits.tokensPerMinute, org.tokens >= max {
                throw DomainError.llmRateLimited(scope: "token", retryAfterSeconds: retryAfter)
            }
            if let userKey, let max = limits.userRequestsPerMinute {
                let user = try await Self.countRequest(sql, userKey, minute)
                if user.requests > max {
                    throw DomainError.llmRateLimited(scope: "user", retryAfterSeconds: retryAfter)
                }
            }
        }
    }

    /// Adds one request to a window and returns its counts; the first request of a window also
    /// deletes the scope's windows older than the retention.
    private static func countRequest(_ sql: any SQLDatabase, _ key: String, _ minute: Int64) async throws
        -> (requests: Int, tokens: Int)
    {
        guard let row = try await sql.raw("""
            INSERT INTO llm_rate_windows (scope_key, window_start, requests, tokens)
            VALUES (\(bind: key), \(bind: minute), 1, 0)
            ON CONFLICT (scope_key, window_start) DO UPDATE SET requests = llm_rate_windows.requests + 1
            RETURNING requests, tokens
            """).first() else { throw StoredValueError(column: "llm_rate_windows", value: key) }
        let counts = (requests: try row.int("requests"), tokens: try row.int("tokens"))
        if counts.requests == 1 { try await deleteOldWindows(sql, key, minute) }
        return counts
    }

    private static func deleteOldWindows(_ sql: any SQLDatabase, _ key: String, _ minute: Int64) async throws {
        try await sql.raw("""
            DELETE FROM llm_rate_windows
            WHERE scope_key = \(bind: key) AND window_start < \(bind: minute - windowRetentionMinutes)
            """).run()
    }

    /// Writes a call to the ledger, adds its tokens to the organization's window of the minute it
    /// finished (when a token limit is set), adds its cost to the month's spend, and records the
    /// budget thresholds it crossed, once per month each; returns the thresholds newly crossed,
    /// after notifying the organization's administrators of them.
    package func record(_ entry: LLMUsageEntry, settings: LLMSettings) async throws -> [LLMBudgetEvent] {
        let org = entry.organizationID
        let month = Self.month(of: entry.createdAt)
        let minute = Self.epochMinute(entry.createdAt)
        let tokens = max(0, entry.inputTokens) + max(0, entry.outputTokens)
        let countTokens = settings.rateLimits.tokensPerMinute != nil && tokens > 0
        let events = try await database.write(isolation: .readCommitted) { sql -> [LLMBudgetEvent] in
            try await Self.insert(entry, sql)
            if countTokens {
                let key = Self.organizationWindow(org)
                let opened = try await sql.raw("""
                    INSERT INTO llm_rate_windows (scope_key, window_start, requests, tokens)
                    VALUES (\(bind: key), \(bind: minute), 0, \(bind: tokens))
                    ON CONFLICT (scope_key, window_start) DO UPDATE SET tokens = llm_rate_windows.tokens + excluded.tokens
                    RETURNING requests
                    """).first()?.int("requests")
                if opened == 0 { try await Self.deleteOldWindows(sql, key, minute) }
            }
            // A free call (local or built-in model) changes neither the spend nor a threshold.
            guard entry.costMicros > 0 else { return [] }
            // A change of currency within the month starts the month's count again in the new one.
            guard let spendRow = try await sql.raw("""
                INSERT INTO llm_monthly_spend (org_id, month, currency, cost_micros)
                VALUES (\(bind: org.rawValue), \(bind: month), \(bind: entry.currency.rawValue), \(bind: entry.costMicros))
                ON CONFLICT (org_id, month) DO UPDATE SET
                  cost_micros = CASE WHEN llm_monthly_spend.currency = excluded.currency
                    THEN llm_monthly_spend.cost_micros + excluded.cost_micros ELSE excluded.cost_micros END,
                  currency = excluded.currency
                RETURNING cost_micros
                """).first() else { throw StoredValueError(column: "llm_monthly_spend", value: month) }
            let spent = try spendRow.int64("cost_micros")
            guard let budget = settings.budget, budget.monthlyLimit.currency == entry.currency else { return [] }
            let limit = Self.limitMicros(budget)
            var crossed: [LLMBudgetEvent.Kind] = []
            if spent >= Self.share(limit, percent: budget.softAlertPercent) { crossed.append(.softAlert) }
            if budget.hardStop && spent >= limit { crossed.append(.hardStop) }
            var events: [LLMBudgetEvent] = []
            for kind in crossed {
                let event = LLMBudgetEvent(id: UUID().uuidString.lowercased(), kind: kind, month: month,
                                           spentMicros: spent, limit: budget.monthlyLimit, createdAt: entry.createdAt)
                let inserted = try await sql.raw("""
                    INSERT INTO llm_budget_events (id, org_id, kind, month, spent_micros, limit_minor, currency, created_at)
                    VALUES (\(bind: event.id), \(bind: org.rawValue), \(bind: kind.rawValue), \(bind: month),
                            \(bind: spent), \(bind: budget.monthlyLimit.amountMinor),
                            \(bind: budget.monthlyLimit.currency.rawValue), \(bind: event.createdAt))
                    ON CONFLICT (org_id, kind, month) DO NOTHING RETURNING id
                    """).all()
                if !inserted.isEmpty { events.append(event) }
            }
            return events
        }
        for event in events { try await notifyAdmins(org, event) }
        return events
    }

    private static func insert(_ e: LLMUsageEntry, _ sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO llm_usage (id, org_id, user_id, feature, provider, model, input_tokens, output_tokens,
              usage_estimated, cost_micros, currency, latency_ms, ttft_ms, outcome, error_code, attempts, day, created_at)
            VALUES (\(bind: e.id), \(bind: e.organizationID.rawValue), \(bind: e.userID?.rawValue),
                    \(bind: e.feature.rawValue), \(bind: e.provider.rawValue), \(bind: e.model), \(bind: e.inputTokens),
                    \(bind: e.outputTokens), \(bind: e.usageEstimated), \(bind: e.costMicros), \(bind: e.currency.rawValue),
                    \(bind: e.latencyMilliseconds), \(bind: e.timeToFirstTokenMilliseconds), \(bind: e.outcome.rawValue),
                    \(bind: e.errorCode), \(bind: e.attempts), \(bind: CalendarDate(e.createdAt).description),
                    \(bind: e.createdAt))
            """).run()
    }

    /// Tells the organization's administrators that a threshold was crossed (once per org, month and kind).
    private func notifyAdmins(_ org: OrganizationID, _ event: LLMBudgetEvent) async throws {
        let admins = try await database.read { sql in
            try await sql.raw("""
                SELECT user_id FROM memberships WHERE org_id = \(bind: org.rawValue) AND role = \(bind: Role.admin.rawValue)
                """).all().map { row -> UserID in try row.id("user_id") }
        }
        guard !admins.isEmpty else { return }
        let spent = Self.format(micros: event.spentMicros, event.limit.currency)
        let limit = Self.format(minor: event.limit.amountMinor, event.limit.currency)
        let percent = Int((Double(event.spentMicros) / Double(Self.limitMicros(.init(monthlyLimit: event.limit)))
                           * 100).rounded(.down))
        let kind: String
        let title: String
        let body: String
        switch event.kind {
        case .softAlert:
            kind = "llm.budget_soft_alert"
            title = "AI budget alert: \(percent)% of this month's budget used"
            body = "AI usage in \(event.month) has reached \(spent) of \(limit) (\(percent)%). "
                + "Review usage or raise the monthly budget in the AI settings."
        case .hardStop:
            kind = "llm.budget_hard_stop"
            title = "AI budget exhausted: AI calls are paused"
            body = "AI usage in \(event.month) has reached \(spent) of \(limit). AI calls are refused until the "
                + "next month starts or an administrator raises the monthly budget."
        }
        try await notifications.notify(
            admins, organizationID: org, kind: kind, title: title, body: body,
            data: ["month": .string(event.month), "spentMicros": .int(event.spentMicros),
                   "limitMinor": .int(event.limit.amountMinor), "currency": .string(event.limit.currency.rawValue),
                   "eventID": .string(event.id)],
            dedupeKey: "\(kind):\(org.rawValue):\(event.month)")
    }
}
