import Foundation
import Tracing

/// One line of the recent-traces list: the trace id, its root span and its extent.
package struct TraceSummary: Sendable, Encodable, Equatable {
    /// 32 lowercase hex digits.
    package let traceID: String
    /// The name of the earliest span without a parent in the trace (e.g. `GET /api/v1/orgs/{orgID}/faults`).
    package let rootName: String
    /// When the earliest span started.
    package let start: Date
    /// From the earliest start to the latest end, in milliseconds.
    package let durationMs: Double
    /// Spans kept for the trace.
    package let spanCount: Int
    /// Whether any span ended in error.
    package let hasError: Bool

    /// Start in nanoseconds since 1970, for ordering.
    let startNanoseconds: UInt64

    private enum CodingKeys: String, CodingKey {
        case traceID = "traceId", rootName, start, durationMs, spanCount, hasError
    }

    /// The summary of one trace's spans; `nil` for no spans.
    package init?(spans: [RecordedSpan]) {
        guard let first = spans.first else { return nil }
        let ids = Set(spans.map(\.spanID))
        let start = spans.lazy.map(\.startNanoseconds).min() ?? first.startNanoseconds
        let end = spans.lazy.map(\.endNanoseconds).max() ?? first.endNanoseconds
        let root = spans.filter { span in span.parentSpanID.map { !ids.contains($0) } ?? true }
            .min { $0.startNanoseconds < $1.startNanoseconds } ?? first
        self.traceID = first.traceID.description
        self.rootName = root.name
        self.startNanoseconds = start
        self.start = Date(timeIntervalSince1970: Double(start) / 1e9)
        self.durationMs = TraceTiming.milliseconds(end - start)
        self.spanCount = spans.count
        self.hasError = spans.contains(where: \.isError)
    }
}

/// Millisecond arithmetic for trace timings.
enum TraceTiming {
    /// Nanoseconds as milliseconds, rounded to microseconds.
    static func milliseconds(_ nanoseconds: UInt64) -> Double {
        (Double(nanoseconds) / 1000).rounded() / 1000
    }

    /// `time - origin` in milliseconds (negative when `time` is earlier).
    static func offset(_ time: UInt64, from origin: UInt64) -> Double {
        time >= origin ? milliseconds(time - origin) : -milliseconds(origin - time)
    }
}
