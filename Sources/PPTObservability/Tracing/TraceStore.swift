import Synchronization

/// The most recent traces of this process, in memory, for the admin trace endpoint on the
/// embedded default (no collector needed).
///
/// Bounded by traces and by spans: when either limit is passed, whole traces are evicted, least
/// recently active first. A single trace never holds more than `maxSpans` spans; further spans of
/// it are dropped and counted. Recording is synchronous and O(1) amortised, under a `Mutex`.
package final class TraceStore: Sendable {
    /// Most traces kept.
    package let maxTraces: Int
    /// Most spans kept, across all traces.
    package let maxSpans: Int
    private let storage: Mutex<Storage>

    private struct Entry {
        var spans: [RecordedSpan]
        /// The `tick` of the last span recorded into it.
        var touched: UInt64
    }

    private struct Storage {
        var traces: [TraceID: Entry] = [:]
        /// Activity log: one entry per recorded span; an entry is current when it matches the trace's
        /// `touched`, stale otherwise (skipped on eviction).
        var activity: [(trace: TraceID, tick: UInt64)] = []
        var head = 0
        var tick: UInt64 = 0
        var spanCount = 0
        var droppedSpans = 0
    }

    /// A store of at most `maxTraces` traces and `maxSpans` spans.
    package init(maxTraces: Int = 1000, maxSpans: Int = 50_000) {
        self.maxTraces = max(1, maxTraces)
        self.maxSpans = max(1, maxSpans)
        self.storage = Mutex(Storage())
    }

    /// Adds a finished span, evicting the least recently active traces beyond the limits.
    package func record(_ span: RecordedSpan) {
        storage.withLock { storage in
            storage.tick &+= 1
            let tick = storage.tick
            if let index = storage.traces.index(forKey: span.traceID) {
                guard storage.traces.values[index].spans.count < maxSpans else {
                    storage.droppedSpans += 1
                    return
                }
                // Mutated in place through the index (one hash lookup): copying the entry out and back
                // would copy its span array each time.
                storage.traces.values[index].spans.append(span)
                storage.traces.values[index].touched = tick
            } else {
                // A request's trace is a server span and a few queries: room for them in one allocation.
                var spans: [RecordedSpan] = []
                spans.reserveCapacity(4)
                spans.append(span)
                storage.traces[span.traceID] = Entry(spans: spans, touched: tick)
            }
            storage.spanCount += 1
            storage.activity.append((span.traceID, tick))
            evict(&storage, keeping: span.traceID)
        }
    }

    private func evict(_ storage: inout Storage, keeping current: TraceID) {
        while storage.traces.count > maxTraces || storage.spanCount > maxSpans, storage.head < storage.activity.count {
            let (trace, tick) = storage.activity[storage.head]
            guard trace != current || storage.traces[trace]?.touched != tick else { break }
            storage.head += 1
            if let entry = storage.traces[trace], entry.touched == tick {
                storage.spanCount -= entry.spans.count
                storage.traces[trace] = nil
            }
        }
        if storage.head > 1024, storage.head * 2 > storage.activity.count {
            storage.activity.removeFirst(storage.head)
            storage.head = 0
        }
    }

    /// The spans of one trace, in the order they finished; `nil` when it is not (or no longer) kept.
    package func spans(of traceID: TraceID) -> [RecordedSpan]? {
        storage.withLock { $0.traces[traceID]?.spans }
    }

    /// Summaries of the kept traces, newest start first.
    package func recentTraces(limit: Int) -> [TraceSummary] {
        let traces = storage.withLock { Array($0.traces.values.map(\.spans)) }
        return traces.compactMap(TraceSummary.init(spans:))
            .sorted { $0.startNanoseconds != $1.startNanoseconds
                ? $0.startNanoseconds > $1.startNanoseconds : $0.traceID > $1.traceID }
            .prefix(max(0, limit)).map { $0 }
    }

    /// How many traces and spans are kept, and how many spans were dropped from over-long traces.
    package var counts: (traces: Int, spans: Int, dropped: Int) {
        storage.withLock { ($0.traces.count, $0.spanCount, $0.droppedSpans) }
    }
}
