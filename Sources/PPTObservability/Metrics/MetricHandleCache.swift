import CoreMetrics
import Synchronization

/// Metric handles by key. Creating a swift-metrics `Counter` or `Timer` asks the factory, which
/// looks the series up in the Prometheus registry under a lock; on hot paths (every request, every
/// query) the handle is made once and reused. Keys are raw values whose set is bounded (route
/// templates, folded methods, statement tables), so the cache is too.
final class MetricHandleCache<Key: Hashable & Sendable, Handle: Sendable>: Sendable {
    private let handles = Mutex<[Key: Handle]>([:])

    /// The handle for `key`, made by `make` the first time.
    func handle(_ key: Key, make: () -> Handle) -> Handle {
        if let existing = handles.withLock({ $0[key] }) { return existing }
        let made = make()
        return handles.withLock { handles in
            if let existing = handles[key] { return existing }
            handles[key] = made
            return made
        }
    }
}

extension MetricHandleCache where Key == String {
    /// The handle for `name` with `dimensions`, made by `make` the first time.
    func handle(_ name: String, _ dimensions: [(String, String)], make: () -> Handle) -> Handle {
        var key = name
        for (label, value) in dimensions {
            key += "\u{1}"
            key += label
            key += "\u{2}"
            key += value
        }
        return handle(key, make: make)
    }
}
