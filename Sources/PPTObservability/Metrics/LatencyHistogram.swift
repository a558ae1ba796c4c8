import Foundation

/// A small sparse log-scale histogram of durations for in-app percentiles: buckets grow by 10 %
/// from 10 µs, so a percentile is off by at most 10 %, and it is clamped to the observed minimum
/// and maximum (a single repeated value is reported exactly).
package struct LatencyHistogram: Sendable, Hashable {
    private static let base = 1e-5
    private static let growth = 1.1
    private static let maxIndex = 300
    /// Bucket `i` holds the values above bound `i - 1` up to bound `i` (bucket 0 everything up to
    /// `base`; the last one everything above). Found by binary search: no logarithm per value.
    private static let upperBounds: [Double] = (0...maxIndex).map { base * pow(growth, Double($0)) }

    /// One bucket that has observations.
    private struct Bucket: Sendable, Hashable {
        let index: Int
        var count: Int
    }

    /// The buckets with observations, by index: a few dozen at most in practice, so a sorted array
    /// (binary search, no hashing) rather than a dictionary.
    private var buckets: [Bucket] = []
    /// Observations.
    package private(set) var count = 0
    /// Sum of observations, in seconds.
    package private(set) var sum = 0.0
    /// Smallest observation, in seconds.
    package private(set) var minimum = Double.infinity
    /// Largest observation, in seconds.
    package private(set) var maximum = 0.0

    /// An empty histogram.
    package init() {}

    /// Adds one observation of `seconds` (negative values count as zero).
    package mutating func record(_ seconds: Double) {
        let value = seconds.isFinite ? max(0, seconds) : 0
        add(Self.bucketIndex(value), observations: 1)
        count += 1
        sum += value
        minimum = min(minimum, value)
        maximum = max(maximum, value)
    }

    /// Adds every observation of `other`.
    package mutating func merge(_ other: LatencyHistogram) {
        guard other.count > 0 else { return }
        for bucket in other.buckets { add(bucket.index, observations: bucket.count) }
        count += other.count
        sum += other.sum
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
    }

    /// The first bucket whose upper bound is at least `value`.
    private static func bucketIndex(_ value: Double) -> Int {
        upperBounds.withUnsafeBufferPointer { bounds in
            var (low, high) = (0, maxIndex)
            while low < high {
                let middle = (low + high) / 2
                if bounds[middle] < value { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    private mutating func add(_ index: Int, observations: Int) {
        var (low, high) = (0, buckets.count)
        while low < high {
            let middle = (low + high) / 2
            if buckets[middle].index < index { low = middle + 1 } else { high = middle }
        }
        if low < buckets.count, buckets[low].index == index {
            buckets[low].count += observations
        } else {
            buckets.insert(Bucket(index: index, count: observations), at: low)
        }
    }

    /// The `quantile` (0…1) in seconds, or `nil` when empty.
    package func quantile(_ quantile: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((quantile * Double(count)).rounded(.up)))
        var seen = 0
        for bucket in buckets {
            seen += bucket.count
            if seen >= rank { return min(maximum, max(minimum, Self.upperBounds[bucket.index])) }
        }
        return maximum
    }

    /// p50, p95 and p99 in milliseconds, or `nil` when empty.
    package var percentiles: LatencyPercentiles? {
        guard count > 0, let p50 = quantile(0.5), let p95 = quantile(0.95), let p99 = quantile(0.99) else { return nil }
        return LatencyPercentiles(p50: p50 * 1000, p95: p95 * 1000, p99: p99 * 1000)
    }
}

/// Latency percentiles in milliseconds.
package struct LatencyPercentiles: Sendable, Hashable, Codable {
    package let p50: Double
    package let p95: Double
    package let p99: Double

    /// Percentiles from values in milliseconds (rounded to microseconds for readable JSON).
    package init(p50: Double, p95: Double, p99: Double) {
        self.p50 = (p50 * 1000).rounded() / 1000
        self.p95 = (p95 * 1000).rounded() / 1000
        self.p99 = (p99 * 1000).rounded() / 1000
    }
}
