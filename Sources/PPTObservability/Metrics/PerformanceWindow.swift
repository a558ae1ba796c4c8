import Foundation
import Synchronization

/// The last hour of this process's HTTP requests and database queries in per-minute buckets, for
/// the built-in admin performance dashboard (which works without Prometheus). Fed by
/// `RequestInstrumentationMiddleware` and `PPTMetrics.recordDatabaseQuery`; each minute keeps counts and small
/// latency histograms overall, per route and per database operation.
package final class PerformanceWindow: Sendable {
    /// Minutes kept.
    package static let minutes = 60

    struct RouteKey: Hashable, Sendable {
        let method: String
        let route: String
    }

    struct QueryKey: Hashable, Sendable {
        let operation: String
        let table: String
    }

    struct RouteStats: Sendable {
        var requests = 0
        var errors = 0
        var latency = LatencyHistogram()

        mutating func record(_ seconds: Double, isError: Bool) {
            requests += 1
            if isError { errors += 1 }
            latency.record(seconds)
        }
    }

    struct Minute: Sendable {
        /// Minutes since 1970.
        let index: Int64
        var requests = 0
        var errors = 0
        var latency = LatencyHistogram()
        var routes: [RouteKey: RouteStats] = [:]
        var queries: [QueryKey: LatencyHistogram] = [:]
    }

    private let state = Mutex<[Minute]>([])
    private let now: @Sendable () -> Date
    /// When recording began (the window covers less than an hour before then).
    package let startedAt: Date

    /// An empty window; `now` is injectable for tests.
    package init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
        self.startedAt = now()
    }

    private static func minuteIndex(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 60).rounded(.down))
    }

    /// Runs `update` on the bucket of the current minute, dropping buckets older than the window.
    private func withCurrentMinute(_ update: (inout Minute) -> Void) {
        let index = Self.minuteIndex(now())
        state.withLock { minutes in
            if let last = minutes.indices.last, minutes[last].index == index {
                update(&minutes[last])
                return
            }
            if let position = minutes.firstIndex(where: { $0.index == index }) {
                // A clock that stepped back: record into the bucket that exists.
                update(&minutes[position])
                return
            }
            minutes.removeAll { $0.index <= index - Int64(Self.minutes) }
            var minute = Minute(index: index)
            update(&minute)
            minutes.append(minute)
            minutes.sort { $0.index < $1.index }
        }
    }

    /// Records one finished HTTP request; 5xx statuses count as errors.
    package func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        let isError = status >= 500
        let key = RouteKey(method: method, route: route)
        withCurrentMinute { minute in
            minute.requests += 1
            if isError { minute.errors += 1 }
            minute.latency.record(seconds)
            minute.routes[key, default: RouteStats()].record(seconds, isError: isError)
        }
    }

    /// Records one database query that took `duration`.
    package func recordQuery(operation: String, table: String, duration: Duration) {
        recordQuery(operation: operation, table: table, seconds: PPTMetrics.seconds(duration))
    }

    /// Records one database query that took `seconds`.
    package func recordQuery(operation: String, table: String, seconds: Double) {
        let key = QueryKey(operation: operation, table: table)
        withCurrentMinute { minute in minute.queries[key, default: LatencyHistogram()].record(seconds) }
    }

    /// Summarises the last hour.
    package func report() -> PerformanceReport {
        let current = now()
        let index = Self.minuteIndex(current)
        let minutes = state.withLock { $0 }.filter { $0.index > index - Int64(Self.minutes) && $0.index <= index }
        var total = RouteStats()
        var routes: [RouteKey: RouteStats] = [:]
        var queries: [QueryKey: LatencyHistogram] = [:]
        for minute in minutes {
            total.requests += minute.requests
            total.errors += minute.errors
            total.latency.merge(minute.latency)
            for (key, stats) in minute.routes {
                routes[key, default: RouteStats()].requests += stats.requests
                routes[key, default: RouteStats()].errors += stats.errors
                routes[key, default: RouteStats()].latency.merge(stats.latency)
            }
            for (key, histogram) in minute.queries { queries[key, default: LatencyHistogram()].merge(histogram) }
        }
        let byIndex = Dictionary(minutes.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        let series = ((index - Int64(Self.minutes) + 1)...index).map { minuteIndex -> PerformanceReport.MinutePoint in
            let minute = byIndex[minuteIndex]
            return .init(minute: Date(timeIntervalSince1970: Double(minuteIndex) * 60), requests: minute?.requests ?? 0,
                         errors: minute?.errors ?? 0, latencyMs: minute?.latency.percentiles)
        }
        let covered = min(Double(Self.minutes * 60), max(1, current.timeIntervalSince(startedAt)))
        let endpoints = routes.map { key, stats in
            PerformanceReport.EndpointStat(method: key.method, route: key.route, requests: stats.requests,
                                             errors: stats.errors, latencyMs: stats.latency.percentiles)
        }
        let operations = queries.map { key, histogram in
            PerformanceReport.QueryStat(operation: key.operation, table: key.table, count: histogram.count,
                                          totalMs: (histogram.sum * 1_000_000).rounded() / 1000,
                                          latencyMs: histogram.percentiles)
        }
        return PerformanceReport(
            windowMinutes: Self.minutes, generatedAt: current, coveredSeconds: covered,
            requests: .init(count: total.requests, errors: total.errors, coveredSeconds: covered,
                            latencyMs: total.latency.percentiles),
            perMinute: series,
            slowEndpoints: Array(endpoints.sorted(by: PerformanceReport.slowerFirst).prefix(10)),
            slowDatabaseOperations: Array(operations.sorted(by: PerformanceReport.slowerFirst).prefix(10)))
    }
}
