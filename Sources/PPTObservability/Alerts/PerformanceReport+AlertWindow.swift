import Foundation

extension PerformanceReport {
    /// The requests of the last `minutes` minutes of the per-minute series (the current, partial
    /// minute included), as the alert rules see them.
    ///
    /// Counts are exact. The series keeps percentiles per minute, not histograms, so the window's
    /// p95 is `AlertRequestWindow.p95Bound(_:)`: the smallest per-minute percentile that provably
    /// has at least 95 % of the window's requests at or below it — never below the true p95, equal
    /// to it when the minutes look alike.
    package func alertWindow(lastMinutes minutes: Int) -> AlertRequestWindow {
        let points = perMinute.suffix(max(0, minutes))
        return AlertRequestWindow(minutes: minutes, requests: points.reduce(0) { $0 + $1.requests },
                                  errors: points.reduce(0) { $0 + $1.errors },
                                  p95Milliseconds: AlertRequestWindow.p95Bound(points.map { ($0.requests, $0.latencyMs) }))
    }
}

extension AlertRequestWindow {
    /// An upper bound of the 95th percentile of the union of several minutes, from each minute's
    /// request count and p50/p95/p99: a candidate value `v` is accepted once the requests known to
    /// be at or below it (50 %, 95 % or 99 % of each minute whose p50, p95 or p99 is ≤ `v`) reach
    /// 95 % of all requests. `nil` when no minute has requests.
    package static func p95Bound(_ minutes: [(requests: Int, latency: LatencyPercentiles?)]) -> Double? {
        let observed = minutes.compactMap { minute in minute.latency.map { (Double(minute.requests), $0) } }
            .filter { $0.0 > 0 }
        guard !observed.isEmpty else { return nil }
        let total = observed.reduce(0) { $0 + $1.0 }
        let candidates = Set(observed.flatMap { [$0.1.p50, $0.1.p95, $0.1.p99] }).sorted()
        for candidate in candidates {
            let atOrBelow = observed.reduce(0.0) { sum, minute in
                let (count, latency) = minute
                if latency.p99 <= candidate { return sum + 0.99 * count }
                if latency.p95 <= candidate { return sum + 0.95 * count }
                if latency.p50 <= candidate { return sum + 0.5 * count }
                return sum
            }
            // A relative tolerance: 0.95 × n summed over minutes must count as 95 % of the total.
            if atOrBelow >= 0.95 * total * (1 - 1e-12) { return candidate }
        }
        return candidates.last
    }
}
