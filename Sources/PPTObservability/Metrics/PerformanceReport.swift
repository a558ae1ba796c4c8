import Foundation

/// Something ranked by its latency percentiles.
package protocol LatencyRanked {
    /// The percentiles, `nil` when nothing was observed.
    var latencyMs: LatencyPercentiles? { get }
    /// A stable tie-breaker.
    var rankingName: String { get }
}

/// The admin performance dashboard's data (`GET /api/v1/admin/performance`): the last hour of this
/// process's requests and queries, and today's LLM spend.
package struct PerformanceReport: Sendable, Codable {
    /// Totals over the window.
    package struct RequestSummary: Sendable, Codable {
        package let count: Int
        /// 5xx responses.
        package let errors: Int
        /// `errors / count` (0 without requests).
        package let errorRate: Double
        /// `count` over the seconds covered by the window.
        package let requestsPerSecond: Double
        /// `count` over the minutes covered by the window.
        package let requestsPerMinute: Double
        package let latencyMs: LatencyPercentiles?

        /// Derives the rates from the counts.
        package init(count: Int, errors: Int, coveredSeconds: Double, latencyMs: LatencyPercentiles?) {
            self.count = count
            self.errors = errors
            self.errorRate = PerformanceReport.rate(errors, count)
            self.requestsPerSecond = Double(count) / max(1, coveredSeconds)
            self.requestsPerMinute = Double(count) / max(1, coveredSeconds) * 60
            self.latencyMs = latencyMs
        }
    }

    /// One minute of the series (oldest first; minutes without requests have zero counts).
    package struct MinutePoint: Sendable, Codable {
        /// Start of the minute.
        package let minute: Date
        package let requests: Int
        package let errors: Int
        package let errorRate: Double
        package let latencyMs: LatencyPercentiles?

        /// A point; the error rate is derived.
        package init(minute: Date, requests: Int, errors: Int, latencyMs: LatencyPercentiles?) {
            self.minute = minute
            self.requests = requests
            self.errors = errors
            self.errorRate = PerformanceReport.rate(errors, requests)
            self.latencyMs = latencyMs
        }
    }

    /// One route template.
    package struct EndpointStat: Sendable, Codable, LatencyRanked {
        package let method: String
        package let route: String
        package let requests: Int
        package let errors: Int
        package let errorRate: Double
        package let latencyMs: LatencyPercentiles?
        package var rankingName: String { "\(route) \(method)" }

        /// An endpoint's numbers; the error rate is derived.
        package init(method: String, route: String, requests: Int, errors: Int, latencyMs: LatencyPercentiles?) {
            self.method = method
            self.route = route
            self.requests = requests
            self.errors = errors
            self.errorRate = PerformanceReport.rate(errors, requests)
            self.latencyMs = latencyMs
        }
    }

    /// One database operation on one table.
    package struct QueryStat: Sendable, Codable, LatencyRanked {
        package let operation: String
        package let table: String
        package let count: Int
        /// Time spent in these queries, in milliseconds.
        package let totalMs: Double
        package let latencyMs: LatencyPercentiles?
        package var rankingName: String { "\(table) \(operation)" }
    }

    /// Minutes in the window (60).
    package let windowMinutes: Int
    package let generatedAt: Date
    /// Seconds the window actually covers (less than an hour shortly after start).
    package let coveredSeconds: Double
    package let requests: RequestSummary
    package let perMinute: [MinutePoint]
    /// The ten route templates with the highest p95.
    package let slowEndpoints: [EndpointStat]
    /// The ten database operations with the highest p95.
    package let slowDatabaseOperations: [QueryStat]
    /// LLM spend recorded by this process today (UTC).
    package var llmSpendToday: LLMSpendSummary

    /// A report; `llmSpendToday` is filled in by `PPTMetrics.performanceReport()`.
    package init(windowMinutes: Int, generatedAt: Date, coveredSeconds: Double, requests: RequestSummary,
                 perMinute: [MinutePoint], slowEndpoints: [EndpointStat], slowDatabaseOperations: [QueryStat],
                 llmSpendToday: LLMSpendSummary = LLMSpendSummary(day: "", totals: [], byModel: [])) {
        self.windowMinutes = windowMinutes
        self.generatedAt = generatedAt
        self.coveredSeconds = coveredSeconds
        self.requests = requests
        self.perMinute = perMinute
        self.slowEndpoints = slowEndpoints
        self.slowDatabaseOperations = slowDatabaseOperations
        self.llmSpendToday = llmSpendToday
    }

    static func rate(_ part: Int, _ whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) / Double(whole)
    }

    /// Orders by p95, then p99, descending; ties by name.
    package static func slowerFirst<T: LatencyRanked>(_ lhs: T, _ rhs: T) -> Bool {
        let left = lhs.latencyMs ?? LatencyPercentiles(p50: 0, p95: 0, p99: 0)
        let right = rhs.latencyMs ?? LatencyPercentiles(p50: 0, p95: 0, p99: 0)
        if left.p95 != right.p95 { return left.p95 > right.p95 }
        if left.p99 != right.p99 { return left.p99 > right.p99 }
        return lhs.rankingName < rhs.rankingName
    }
}
