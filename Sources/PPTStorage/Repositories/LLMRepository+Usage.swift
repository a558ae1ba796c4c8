import Foundation
import PPTDomain
import SQLKit

/// The usage ledger and the budget's state, as administrators and managers read them.
extension LLMRepository {
    static func entry(_ r: any SQLRow) throws -> LLMUsageEntry {
        LLMUsageEntry(
            id: try r.string("id"), organizationID: try r.id("org_id"), userID: try r.optionalID("user_id"),
            feature: try r.enumValue("feature"), provider: try r.enumValue("provider"), model: try r.string("model"),
            inputTokens: try r.int("input_tokens"), outputTokens: try r.int("output_tokens"),
            usageEstimated: try r.bool("usage_estimated"), costMicros: try r.int64("cost_micros"),
            currency: try r.enumValue("currency"), latencyMilliseconds: try r.int("latency_ms"),
            timeToFirstTokenMilliseconds: try r.decode(column: "ttft_ms", as: Int?.self),
            outcome: try r.enumValue("outcome"), errorCode: try r.optionalString("error_code"),
            attempts: try r.int("attempts"), createdAt: try r.date("created_at"))
    }

    static func budgetEvent(_ r: any SQLRow) throws -> LLMBudgetEvent {
        LLMBudgetEvent(id: try r.string("id"), kind: try r.enumValue("kind"), month: try r.string("month"),
                       spentMicros: try r.int64("spent_micros"),
                       limit: Money(amountMinor: try r.int64("limit_minor"), currency: try r.enumValue("currency")),
                       createdAt: try r.date("created_at"))
    }

    /// Usage between two UTC days (inclusive, at most 366 days), grouped. Costs count only calls
    /// billed in `currency`; requests and tokens count every call. Days come in order, other
    /// groups by cost (largest first), then key.
    package func usage(_ scope: OrgScope, from: CalendarDate, to: CalendarDate, groupBy: LLMUsageGrouping,
                       currency: Currency) async throws -> LLMUsageReport {
        try scope.require(.llmUsageRead)
        if to < from { throw DomainError.invalid("/from", "must not be after to") }
        if from.adding(days: 365) < to { throw DomainError.invalid("/from", "the range may span at most 366 days") }
        let columns: String =
            switch groupBy {
            case .day: "day"
            case .feature: "feature"
            case .model: "provider, model"
            case .user: "user_id"
            }
        let org = scope.organizationID.rawValue
        let rows = try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: columns), COUNT(*) AS requests,
                  CAST(SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END) AS BIGINT) AS failures,
                  CAST(SUM(input_tokens) AS BIGINT) AS input_tokens, CAST(SUM(output_tokens) AS BIGINT) AS output_tokens,
                  CAST(SUM(CASE WHEN currency = \(bind: currency.rawValue) THEN cost_micros ELSE 0 END) AS BIGINT)
                    AS cost_micros
                FROM llm_usage
                WHERE org_id = \(bind: org) AND day >= \(bind: from.description) AND day <= \(bind: to.description)
                GROUP BY \(unsafeRaw: columns)
                """).all()
        }
        var groups = try rows.map { row in
            let key: String =
                switch groupBy {
                case .day: try row.string("day")
                case .feature: try row.string("feature")
                case .model: "\(try row.string("provider"))/\(try row.string("model"))"
                case .user: try row.optionalString("user_id") ?? "system"
                }
            return LLMUsageAggregate(key: key, requests: try row.int("requests"), failures: try row.int("failures"),
                                     inputTokens: try row.int("input_tokens"), outputTokens: try row.int("output_tokens"),
                                     costMicros: try row.int64("cost_micros"))
        }
        if groupBy == .day {
            groups.sort { $0.key < $1.key }
        } else {
            groups.sort { $0.costMicros != $1.costMicros ? $0.costMicros > $1.costMicros : $0.key < $1.key }
        }
        let total = groups.reduce(into: LLMUsageAggregate(key: "total", requests: 0, failures: 0, inputTokens: 0,
                                                          outputTokens: 0, costMicros: 0)) { sum, group in
            sum.requests += group.requests
            sum.failures += group.failures
            sum.inputTokens += group.inputTokens
            sum.outputTokens += group.outputTokens
            sum.costMicros += group.costMicros
        }
        return LLMUsageReport(from: from, to: to, groupBy: groupBy, currency: currency, groups: groups, total: total)
    }

    /// The organization's ledger, newest first.
    package func entries(_ scope: OrgScope, page: PageRequest) async throws -> Page<LLMUsageEntry> {
        try scope.require(.llmUsageRead)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM llm_usage WHERE org_id = \(bind: scope.organizationID.rawValue)"
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.entry), page) { ($0.createdAt, $0.id) }
        }
    }

    /// The budget's state in the UTC month of `now` under `settings` (the organization's saved
    /// settings, `nil` for the platform default). `hardStopReached` says whether calls are being
    /// refused now, exactly as `checkBudget` decides; `softAlertReached` whether the alert fired.
    package func budgetStatus(_ scope: OrgScope, settings: LLMSettings?, now: Date) async throws -> LLMBudgetStatus {
        try scope.require(.llmUsageRead)
        let org = scope.organizationID
        let month = Self.month(of: now)
        let spend = try await database.read { sql in try await Self.monthlySpend(sql, org, month) }
        let kinds = try await database.read { sql in
            try await sql.raw("""
                SELECT kind FROM llm_budget_events WHERE org_id = \(bind: org.rawValue) AND month = \(bind: month)
                """).all().map { try $0.string("kind") }
        }
        let budget = settings?.budget
        let currency = budget?.monthlyLimit.currency ?? settings?.currency ?? spend?.currency ?? .EUR
        let spent = spend.map { $0.currency == currency ? $0.micros : 0 } ?? 0
        var remaining: Int64?
        var percent: Double?
        var refusing = false
        if let budget {
            let limit = Self.limitMicros(budget)
            remaining = max(0, limit - spent)
            percent = (Double(spent) / Double(limit) * 10_000).rounded() / 100
            refusing = budget.hardStop && spent >= limit
        }
        return LLMBudgetStatus(month: month, spentMicros: spent, currency: currency, budget: budget,
                               remainingMicros: remaining, percentUsed: percent,
                               softAlertReached: kinds.contains(LLMBudgetEvent.Kind.softAlert.rawValue),
                               hardStopReached: refusing)
    }

    /// Budget thresholds crossed, newest first.
    package func budgetEvents(_ scope: OrgScope, page: PageRequest) async throws -> Page<LLMBudgetEvent> {
        try scope.require(.llmUsageRead)
        return try await database.read { sql in
            var q: SQLQueryString =
                "SELECT * FROM llm_budget_events WHERE org_id = \(bind: scope.organizationID.rawValue)"
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.budgetEvent), page) { ($0.createdAt, $0.id) }
        }
    }

    // MARK: Shared arithmetic

    /// `YYYY-MM` of `date` in UTC.
    static func month(of date: Date) -> String {
        let day = CalendarDate(date)
        return String(format: "%04d-%02d", day.year, day.month)
    }

    /// The first instant of the UTC month after the one of `date`.
    static func startOfNextMonth(after date: Date) -> Date {
        let day = CalendarDate(date)
        let (year, month) = day.month == 12 ? (day.year + 1, 1) : (day.year, day.month + 1)
        return CalendarDate(String(format: "%04d-%02d-01", year, month))!.startOfDay
    }

    /// The monthly limit in millionths of its currency (1 minor unit = 10,000 micros), saturating.
    static func limitMicros(_ budget: LLMBudget) -> Int64 {
        let (value, overflow) = budget.monthlyLimit.amountMinor.multipliedReportingOverflow(by: 10_000)
        return overflow ? .max : value
    }

    /// `percent`% of `limit`, rounded down, without overflow.
    static func share(_ limit: Int64, percent: Int) -> Int64 {
        let p = Int64(percent)
        return limit / 100 * p + limit % 100 * p / 100
    }

    /// The organization's spend in `month`, with the currency it is counted in.
    static func monthlySpend(_ sql: any SQLDatabase, _ org: OrganizationID, _ month: String) async throws
        -> (micros: Int64, currency: Currency)?
    {
        guard let row = try await sql.raw("""
            SELECT cost_micros, currency FROM llm_monthly_spend
            WHERE org_id = \(bind: org.rawValue) AND month = \(bind: month)
            """).first() else { return nil }
        return (try row.int64("cost_micros"), try row.enumValue("currency"))
    }

    /// `micros` as an amount with two decimals and the currency code, e.g. `41.20 EUR`.
    static func format(micros: Int64, _ currency: Currency) -> String {
        let minor = micros >= 0 ? (micros + 5_000) / 10_000 : (micros - 5_000) / 10_000
        return format(minor: minor, currency)
    }

    /// `minor` units as an amount with two decimals and the currency code.
    static func format(minor: Int64, _ currency: Currency) -> String {
        let sign = minor < 0 ? "-" : ""
        let magnitude = minor.magnitude
        return "\(sign)\(magnitude / 100).\(String(format: "%02d", Int(magnitude % 100))) \(currency.rawValue)"
    }
}
