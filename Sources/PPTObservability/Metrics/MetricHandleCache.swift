import CoreMetrics
import Synchronization

/// Metric handles by name and label values. Creating a swift-metrics `Counter` or `Timer` asks the
/// factory, which looks the series up in the Prometheus registry under a lock; on hot paths (every
/// request, every query) the handle is made once and reused.
final class MetricHandleCache<Handle: Sendable>: Sendable {
    private let handles = Mutex<[String: Handle]>([:])

    /// The handle for `name` with `dimensions`, made by `make` the first time.
    func handle(_ name: String, _ dimensions: [(String, String)], make: () -> Handle) -> Handle {
        var key = name
        for (label, value) in dimensions {
            key += "\u{1}"
            key += label
            key += "\u{2}"
            key += value
        }
        if let existing = handles.withLock({ $0[key] }) { return existing }
        let made = make()
        return handles.withLock { handles in
            if let existing = handles[key] { return existing }
            handles[key] = made
            return made
        }
    }
}
