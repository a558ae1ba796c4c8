import Foundation
import Synchronization

/// Today's LLM spend as recorded by this process.
package struct LLMSpendSummary: Sendable, Codable, Hashable {
    /// Spend in one currency.
    package struct Total: Sendable, Codable, Hashable {
        package let currency: String
        package let amount: Double

        /// A total.
        package init(currency: String, amount: Double) {
            self.currency = currency
            self.amount = amount
        }
    }

    /// Spend of one model.
    package struct ModelSpend: Sendable, Codable, Hashable {
        package let provider: String
        package let model: String
        package let currency: String
        package let amount: Double

        /// A model's spend.
        package init(provider: String, model: String, currency: String, amount: Double) {
            self.provider = provider
            self.model = model
            self.currency = currency
            self.amount = amount
        }
    }

    /// The UTC day, `YYYY-MM-DD`.
    package let day: String
    /// Per currency, sorted by currency.
    package let totals: [Total]
    /// Per provider and model, largest first.
    package let byModel: [ModelSpend]

    /// A summary.
    package init(day: String, totals: [Total], byModel: [ModelSpend]) {
        self.day = day
        self.totals = totals
        self.byModel = byModel
    }
}

/// A daily accumulator of `ppt_llm_cost_total` increments (the counter itself never resets, so the
/// dashboard keeps its own per-day sum). It restarts at UTC midnight.
package final class LLMSpendLedger: Sendable {
    private struct Key: Hashable {
        let provider: String
        let model: String
        let currency: String
    }

    private struct State {
        var day = ""
        var amounts: [Key: Double] = [:]
    }

    private let state = Mutex(State())
    private let now: @Sendable () -> Date

    /// An empty ledger; `now` is injectable for tests.
    package init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    private static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// Adds `amount` (ignored unless positive and finite).
    package func record(provider: String, model: String, currency: String, amount: Double) {
        guard amount.isFinite, amount > 0 else { return }
        let today = Self.day(of: now())
        state.withLock { state in
            if state.day != today { state = State(day: today) }
            state.amounts[Key(provider: provider, model: model, currency: currency), default: 0] += amount
        }
    }

    /// Today's spend.
    package func summary() -> LLMSpendSummary {
        let today = Self.day(of: now())
        let amounts = state.withLock { state in state.day == today ? state.amounts : [:] }
        var totals: [String: Double] = [:]
        for (key, amount) in amounts { totals[key.currency, default: 0] += amount }
        return LLMSpendSummary(
            day: today,
            totals: totals.sorted { $0.key < $1.key }.map { .init(currency: $0.key, amount: Self.rounded($0.value)) },
            byModel: amounts.map { key, amount in
                .init(provider: key.provider, model: key.model, currency: key.currency, amount: Self.rounded(amount))
            }.sorted { ($0.amount, $1.provider, $1.model) > ($1.amount, $0.provider, $0.model) })
    }

    /// Rounds to 1e-6 currency units, enough for per-token prices.
    private static func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
}
