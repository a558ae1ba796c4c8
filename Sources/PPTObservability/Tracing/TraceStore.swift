import Synchronization

/// The most recent traces of this process, in memory, for the admin trace endpoint on the
/// embedded default (no collector needed).
///
/// Bounded by traces and by spans: when either limit is passed, whole traces are evicted, least
/// recently active first — ordinary ones before notable ones (failed or slow), so the traces an
/// operator comes looking for outlast the sample of the rest. A single trace never holds more than
/// `maxSpans` spans; further spans of it are dropped and counted. Recording is synchronous and O(1)
/// amortised, under a `Mutex`.
///
/// Which traces come in at all is the `retention`'s choice, made when a trace's local root span
/// ends (see `LocalTrace`): notable traces always, others up to a rate.
package final class TraceStore: Sendable {
    /// Most traces kept.
    package let maxTraces: Int
    /// Most spans kept, across all traces.
    package let maxSpans: Int
    /// Which finished traces are kept.
    package let retention: TraceRetention
    private let storage: Mutex<Storage>

    private struct Entry {
        var spans: [RecordedSpan]
        /// The `tick` of the last span recorded into it.
        var touched: UInt64
        /// Whether it failed or was slow: evicted only when no ordinary trace is left.
        var isNotable: Bool
    }

    /// Activity log of one class of traces: one entry per recorded span; an entry is current when it
    /// matches its trace's `touched`, stale otherwise (skipped on eviction).
    private struct Activity {
        var entries: [(trace: TraceID, tick: UInt64)] = []
        var head = 0

        /// The least recently active trace of this log, taken off it; `nil` when none is left but
        /// `spared` (the trace being recorded, always the most recent).
        mutating func takeOldest(of traces: [TraceID: Entry], sparing spared: TraceID) -> TraceID? {
            while head < entries.count {
                let (trace, tick) = entries[head]
                guard traces[trace]?.touched == tick else {
                    head += 1
                    continue
                }
                if trace == spared { return nil }
                head += 1
                return trace
            }
            return nil
        }

        mutating func compact() {
            if head > 1024, head * 2 > entries.count {
                entries.removeFirst(head)
                head = 0
            }
        }
    }

    private struct Storage {
        var traces: [TraceID: Entry] = [:]
        var ordinary = Activity()
        var notable = Activity()
        var tick: UInt64 = 0
        var spanCount = 0
        var droppedSpans = 0
        /// Ordinary traces passed over by the retention's rate.
        var passedOver = 0
        /// The second (since 1970) the rate is counting, and the ordinary traces kept in it.
        var rateSecond: UInt64 = 0
        var keptInRateSecond = 0
    }

    /// A store of at most `maxTraces` traces and `maxSpans` spans, keeping the traces `retention`
    /// chooses (all of them by default).
    package init(maxTraces: Int = 1000, maxSpans: Int = 50_000, retention: TraceRetention = .everything) {
        self.maxTraces = max(1, maxTraces)
        self.maxSpans = max(1, maxSpans)
        self.retention = retention
        self.storage = Mutex(Storage())
    }

    /// Adds a finished span, evicting the least recently active traces beyond the limits. A failed
    /// span makes its trace notable.
    package func record(_ span: RecordedSpan) {
        storage.withLock { storage in
            insert(span, isNotable: span.isError, into: &storage)
            evict(&storage, keeping: span.traceID)
        }
    }

    /// Whether a local trace whose root ran from `rootStart` to `rootEnd` (ns since 1970) is kept,
    /// as the retention says: always when `hasError` or the root was slow, and when the trace is
    /// already here (another part of it, from a remote parent in this process); otherwise while this
    /// second's rate lasts, which an ordinary trace admitted here counts against. The caller then
    /// hands the admitted trace's spans to `insert(_:admission:)`: deciding first means a trace that
    /// is passed over is never described.
    func admit(_ traceID: TraceID, rootStart: UInt64, rootEnd: UInt64, hasError: Bool) -> Admission {
        let isNotable = hasError || rootEnd &- rootStart >= retention.slowNanoseconds
        return storage.withLock { storage in
            if !isNotable, let rate = retention.ordinaryPerSecond {
                let second = rootEnd / 1_000_000_000
                if storage.rateSecond != second {
                    storage.rateSecond = second
                    storage.keptInRateSecond = 0
                }
                if storage.keptInRateSecond < rate {
                    storage.keptInRateSecond += 1
                } else if storage.traces.index(forKey: traceID) == nil {
                    storage.passedOver += 1
                    return .passedOver
                }
            }
            return isNotable ? .notable : .ordinary
        }
    }

    /// What `admit` decided for a finished local trace.
    enum Admission {
        case passedOver
        case ordinary
        case notable
    }

    /// Adds the spans of a trace that `admit` let in, all of one trace, evicting beyond the limits.
    func insert(_ spans: [RecordedSpan], admission: Admission) {
        guard let traceID = spans.first?.traceID, admission != .passedOver else { return }
        storage.withLock { storage in
            for span in spans { insert(span, isNotable: admission == .notable || span.isError, into: &storage) }
            evict(&storage, keeping: traceID)
        }
    }

    /// Counts a span dropped because its trace already had `maxSpans` spans.
    func countDroppedSpan() {
        storage.withLock { $0.droppedSpans += 1 }
    }

    private func insert(_ span: RecordedSpan, isNotable: Bool, into storage: inout Storage) {
        storage.tick &+= 1
        let tick = storage.tick
        let notable: Bool
        if let index = storage.traces.index(forKey: span.traceID) {
            guard storage.traces.values[index].spans.count < maxSpans else {
                storage.droppedSpans += 1
                return
            }
            // Mutated in place through the index (one hash lookup): copying the entry out and back
            // would copy its span array each time.
            storage.traces.values[index].spans.append(span)
            storage.traces.values[index].touched = tick
            notable = storage.traces.values[index].isNotable || isNotable
            storage.traces.values[index].isNotable = notable
        } else {
            // A request's trace is a server span and a few queries: room for them in one allocation.
            var spans: [RecordedSpan] = []
            spans.reserveCapacity(4)
            spans.append(span)
            storage.traces[span.traceID] = Entry(spans: spans, touched: tick, isNotable: isNotable)
            notable = isNotable
        }
        storage.spanCount += 1
        if notable {
            storage.notable.entries.append((span.traceID, tick))
        } else {
            storage.ordinary.entries.append((span.traceID, tick))
        }
    }

    private func evict(_ storage: inout Storage, keeping current: TraceID) {
        while storage.traces.count > maxTraces || storage.spanCount > maxSpans {
            guard let trace = storage.ordinary.takeOldest(of: storage.traces, sparing: current)
                ?? storage.notable.takeOldest(of: storage.traces, sparing: current),
                let entry = storage.traces.removeValue(forKey: trace)
            else { break }
            storage.spanCount -= entry.spans.count
        }
        storage.ordinary.compact()
        storage.notable.compact()
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

    /// How many traces and spans are kept, how many spans were dropped from over-long traces, and
    /// how many ordinary traces the retention's rate passed over.
    package var counts: (traces: Int, spans: Int, dropped: Int, passedOver: Int) {
        storage.withLock { ($0.traces.count, $0.spanCount, $0.droppedSpans, $0.passedOver) }
    }
}

/// Which finished traces a `TraceStore` keeps: every trace with a failed span, every trace whose
/// local root took at least `slowThreshold`, and of the others at most `ordinaryPerSecond` each
/// second (all of them when it is `nil`).
///
/// Under load, keeping every trace would turn a store of a thousand over in half a second, so the
/// trace an operator comes looking for (an error, a slow request) would already be gone. With the
/// rate, and ordinary traces evicted first, a failed or slow trace stays until a thousand newer ones
/// of its kind came; and a trace that is not kept costs almost nothing.
package struct TraceRetention: Sendable, Equatable {
    /// Traces whose local root took at least this long are always kept.
    package var slowThreshold: Duration
    /// Ordinary (not failed, not slow) traces kept per second; `nil` keeps them all.
    package var ordinaryPerSecond: Int?

    /// A retention.
    package init(slowThreshold: Duration, ordinaryPerSecond: Int?) {
        self.slowThreshold = slowThreshold
        self.ordinaryPerSecond = ordinaryPerSecond.map { max(0, $0) }
    }

    /// Every trace.
    package static let everything = TraceRetention(slowThreshold: .zero, ordinaryPerSecond: nil)

    var slowNanoseconds: UInt64 {
        let (seconds, attoseconds) = slowThreshold.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
