import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        /// By route slot (see `RouteSlot`); `nil` where the route had no request this minute.
        var routes: [RouteStats?] = []
        /// By query slot (see `QuerySlot`).
        var queries: [LatencyHistogram?] = []
    }

    /// A route's place in every minute's `routes`: numbered once, so recording a request indexes an
    /// array instead of hashing the method and route template again. Only the window that gave it
    /// knows what it stands for.
    package struct RouteSlot: Sendable, Hashable {
        fileprivate let index: Int
    }

    /// A query kind's place in every minute's `queries`.
    package struct QuerySlot: Sendable, Hashable {
        fileprivate let index: Int
    }

    /// Keys numbered densely from 0 in order of first use.
    private struct Numbering<Key: Hashable> {
        private(set) var keys: [Key] = []
        private var numbers: [Key: Int] = [:]

        mutating func number(of key: Key) -> Int {
            if let number = numbers[key] { return number }
            keys.append(key)
            numbers[key] = keys.count - 1
            return keys.count - 1
        }
    }

    private struct State {
        var minutes: [Minute] = []
        var routes = Numbering<RouteKey>()
        var queries = Numbering<QueryKey>()
    }

    private let state = Mutex(State())
    private let now: @Sendable () -> Date
    /// When recording began (the window covers less than an hour before then).
    package let startedAt: Date

    /// An empty window; `now` is injectable for tests.
    package init(now: @escaping @Sendable () -> Date = PerformanceWindow.coarseNow) {
        self.now = now
        self.startedAt = now()
    }

    /// The wall clock at the kernel's tick resolution (a few ms): enough to pick a minute, and
    /// cheaper than the precise clock, which this window would otherwise read on every query.
    package static let coarseNow: @Sendable () -> Date = {
        #if os(Linux)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &now)
        return Date(timeIntervalSince1970: Double(now.tv_sec) + Double(now.tv_nsec) / 1e9)
        #else
        return Date()
        #endif
    }

    private static func minuteIndex(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 60).rounded(.down))
    }

    /// The slot of `method` `route`, numbered on first use. Callers keep it (PPTMetrics does, per
    /// metric series): the number of routes is the router's, so slots stay few.
    package func slot(method: String, route: String) -> RouteSlot {
        RouteSlot(index: state.withLock { $0.routes.number(of: RouteKey(method: method, route: route)) })
    }

    /// The slot of queries of `operation` on `table`, numbered on first use.
    package func slot(operation: String, table: String) -> QuerySlot {
        QuerySlot(index: state.withLock { $0.queries.number(of: QueryKey(operation: operation, table: table)) })
    }

    /// Runs `update` on the bucket of the current minute, dropping buckets older than the window.
    private func withCurrentMinute(_ update: (inout Minute) -> Void) {
        let index = Self.minuteIndex(now())
        state.withLock { state in
            if let last = state.minutes.indices.last, state.minutes[last].index == index {
                update(&state.minutes[last])
                return
            }
            if let position = state.minutes.firstIndex(where: { $0.index == index }) {
                // A clock that stepped back: record into the bucket that exists.
                update(&state.minutes[position])
                return
            }
            state.minutes.removeAll { $0.index <= index - Int64(Self.minutes) }
            var minute = Minute(index: index)
            update(&minute)
            state.minutes.append(minute)
            state.minutes.sort { $0.index < $1.index }
        }
    }

    /// Records one finished HTTP request; 5xx statuses count as errors.
    package func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        recordRequest(slot(method: method, route: route), status: status, seconds: seconds)
    }

    /// Records one finished HTTP request of the route in `slot`; 5xx statuses count as errors.
    package func recordRequest(_ slot: RouteSlot, status: Int, seconds: Double) {
        let isError = status >= 500
        withCurrentMinute { minute in
            minute.requests += 1
            if isError { minute.errors += 1 }
            minute.latency.record(seconds)
            minute.routes.update(at: slot.index, empty: RouteStats()) { $0.record(seconds, isError: isError) }
        }
    }

    /// Records one database query that took `duration`.
    package func recordQuery(operation: String, table: String, duration: Duration) {
        recordQuery(operation: operation, table: table, seconds: PPTMetrics.seconds(duration))
    }

    /// Records one database query that took `seconds`.
    package func recordQuery(operation: String, table: String, seconds: Double) {
        recordQuery(slot(operation: operation, table: table), seconds: seconds)
    }

    /// Records one database query of the kind in `slot` that took `seconds`.
    package func recordQuery(_ slot: QuerySlot, seconds: Double) {
        withCurrentMinute { minute in
            minute.queries.update(at: slot.index, empty: LatencyHistogram()) { $0.record(seconds) }
        }
    }

    /// Summarises the last hour.
    package func report() -> PerformanceReport {
        let current = now()
        let index = Self.minuteIndex(current)
        let (all, routeKeys, queryKeys) = state.withLock { ($0.minutes, $0.routes.keys, $0.queries.keys) }
        let minutes = all.filter { $0.index > index - Int64(Self.minutes) && $0.index <= index }
        var total = RouteStats()
        var routes: [RouteKey: RouteStats] = [:]
        var queries: [QueryKey: LatencyHistogram] = [:]
        for minute in minutes {
            total.requests += minute.requests
            total.errors += minute.errors
            total.latency.merge(minute.latency)
            for (slot, stats) in minute.routes.enumerated() {
                guard let stats else { continue }
                let key = routeKeys[slot]
                routes[key, default: RouteStats()].requests += stats.requests
                routes[key, default: RouteStats()].errors += stats.errors
                routes[key, default: RouteStats()].latency.merge(stats.latency)
            }
            for (slot, histogram) in minute.queries.enumerated() {
                guard let histogram else { continue }
                queries[queryKeys[slot], default: LatencyHistogram()].merge(histogram)
            }
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

extension Array {
    /// Runs `body` on the value at `index` in place, first growing the array with `nil`s and putting
    /// `empty` there when it holds none. In place: a copy out and back would copy the value's storage.
    mutating func update<Value>(at index: Int, empty: @autoclosure () -> Value, _ body: (inout Value) -> Void)
    where Element == Value? {
        if count <= index { append(contentsOf: repeatElement(nil, count: index + 1 - count)) }
        if self[index] == nil { self[index] = empty() }
        body(&self[index]!)
    }
}
